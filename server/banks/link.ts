import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { assertCan, type TBusinessContext } from "../access/business-context";
import { recordAudit } from "../audit";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { bankItems, bankLinkSessions } from "../db/schema";
import type { TPlaidConfig } from "../env";
import { AppError } from "../errors";
import { decryptSecret, encryptSecret } from "../lib/vault";
import type { PlaidRail } from "../plaid/client";
import { PlaidRailError } from "../plaid/errors";
import { mapAccount } from "../plaid/mappers";
import { railForBusiness } from "../plaid/rail-for-business";
import { upsertAccounts } from "../plaid/sync/apply";
import { queueBankSync } from "./queue";

/**
 * Connecting a bank with Plaid Hosted Link. Start: a Link token whose completion redirect names
 * our session row; the person goes to Plaid's page. Back (the redirect, or the SESSION_FINISHED
 * webhook — whichever comes first): the redirect proves nothing, so the outcome is read from
 * `/link/token/get`; public tokens are exchanged here, server-side, and the access token sealed.
 * Update mode (an Item that needs its login again) runs the same way on the existing Item.
 */
export async function startBankLink(input: {
  db: DB;
  ctx: TBusinessContext;
  config: TPlaidConfig;
  clock: Clock;
  origin: string;
  bankItemId?: string;
  key: string;
}): Promise<{ url: string }> {
  const { db, ctx, config, clock } = input;
  assertCan(ctx, "manageConnection");
  let update: { itemId: string; accessToken: string; newAccounts: boolean; rowId: string } | undefined;
  if (input.bankItemId) {
    const [item] = await db
      .select()
      .from(bankItems)
      .where(and(eq(bankItems.id, input.bankItemId), eq(bankItems.businessId, ctx.businessId)));
    if (!item) throw new AppError("not_found", "No such bank connection.");
    if (item.status === "revoked")
      throw new AppError(
        "conflict",
        "Access to this bank was revoked at the bank: disconnect it and connect it again.",
      );
    update = {
      rowId: item.id,
      itemId: item.itemId,
      accessToken: decryptSecret(item.accessTokenEnc, input.key),
      newAccounts: item.newAccountsAvailable,
    };
  }
  const sessionId = randomUUID();
  const rail = railForBusiness({ db, businessId: ctx.businessId, config, clock });
  let link: Awaited<ReturnType<typeof rail.createHostedLink>>;
  try {
    link = await rail.createHostedLink({
      clientUserId: ctx.businessId,
      clientName: "Oodaloo",
      completionRedirectUri: `${input.origin}/api/plaid/return?session=${sessionId}`,
      webhook: config.webhookUrl ?? `${input.origin}/api/webhooks/plaid`,
      update,
    });
  } catch (e) {
    throw bankUnavailable(e);
  }
  await db.insert(bankLinkSessions).values({
    id: sessionId,
    businessId: ctx.businessId,
    linkToken: link.linkToken,
    mode: update ? "update" : "create",
    bankItemId: update?.rowId ?? null,
    createdBy: ctx.userId,
    createdAt: clock.now(),
    expiresAt: link.expiresAt,
  });
  return { url: link.url };
}

export type TLinkResult =
  | { status: "connected"; businessId: string; institution: string | null; accounts: number }
  | { status: "repaired"; businessId: string }
  | { status: "exited"; businessId: string; message: string | null }
  | { status: "open"; businessId: string }
  /** Finished before (the webhook won the race, or a second click): what it came to. */
  | { status: "already"; businessId: string; outcome: string; message: string | null };

/**
 * Finish a Link session once: the row is locked and moves from open exactly once, so the
 * redirect and the webhook racing each other connect one Item, not two.
 */
export async function completeBankLink({
  db,
  config,
  key,
  clock,
  where,
}: {
  db: DB;
  config: TPlaidConfig;
  key: string;
  clock: Clock;
  /** The redirect names the session and the signed-in person; the webhook names the Link token. */
  where: { sessionId: string; userId: string } | { linkToken: string };
}): Promise<TLinkResult | null> {
  return db.transaction(async (tx) => {
    const [s] = await tx
      .select()
      .from(bankLinkSessions)
      .where(
        "sessionId" in where
          ? and(eq(bankLinkSessions.id, where.sessionId), eq(bankLinkSessions.createdBy, where.userId))
          : eq(bankLinkSessions.linkToken, where.linkToken),
      )
      .for("update");
    if (!s) return null;
    if (s.status !== "open")
      return {
        status: "already",
        businessId: s.businessId,
        // The same words the first finisher would have shown.
        outcome: s.status === "success" ? (s.mode === "update" ? "repaired" : "connected") : s.status,
        message: s.errorMessage,
      };
    const rail = railForBusiness({ db: tx as unknown as DB, businessId: s.businessId, config, clock });
    const updateItem = s.bankItemId
      ? (await tx.select().from(bankItems).where(eq(bankItems.id, s.bankItemId)))[0]
      : undefined;
    const outcome = await rail.linkOutcome(s.linkToken, updateItem?.itemId ?? null).catch((e) => {
      throw bankUnavailable(e);
    });
    const now = clock.now();
    if (outcome.state === "open") return { status: "open", businessId: s.businessId };
    if (outcome.state === "exited") {
      await tx
        .update(bankLinkSessions)
        .set({
          status: "exited",
          errorCode: outcome.errorCode,
          errorMessage: outcome.errorMessage,
          finishedAt: now,
        })
        .where(eq(bankLinkSessions.id, s.id));
      return { status: "exited", businessId: s.businessId, message: outcome.errorMessage };
    }
    if (updateItem) {
      await tx
        .update(bankItems)
        .set({ status: "active", errorCode: null, newAccountsAvailable: false })
        .where(eq(bankItems.id, updateItem.id));
      await tx
        .update(bankLinkSessions)
        .set({ status: "success", finishedAt: now })
        .where(eq(bankLinkSessions.id, s.id));
      await recordAudit(tx as unknown as DB, {
        businessId: s.businessId,
        actorUserId: s.createdBy,
        action: "bank.reconnected",
        detail: { itemId: updateItem.itemId },
      });
      await queueBankSync(tx as unknown as DB, {
        businessId: s.businessId,
        bankItemId: updateItem.id,
        trigger: "connect",
      });
      return { status: "repaired", businessId: s.businessId };
    }
    let accounts = 0;
    for (const publicToken of outcome.publicTokens) {
      const added = await addBankItem({
        db: tx as unknown as DB,
        rail,
        config,
        key,
        businessId: s.businessId,
        createdBy: s.createdBy,
        publicToken,
        institution: outcome.institution,
        now,
      });
      accounts += added.accounts;
    }
    await tx
      .update(bankLinkSessions)
      .set({ status: "success", finishedAt: now })
      .where(eq(bankLinkSessions.id, s.id));
    return { status: "connected", businessId: s.businessId, institution: outcome.institution.name, accounts };
  });
}

/**
 * A new Item from a public token: exchanged server-side, the access token sealed, its accounts
 * and cached balances stored, audited, and its first sync queued — on the caller's transaction.
 */
export async function addBankItem(input: {
  db: DB;
  rail: PlaidRail;
  config: TPlaidConfig;
  key: string;
  businessId: string;
  createdBy: string | null;
  publicToken: string;
  institution: { id: string | null; name: string | null };
  now: Date;
  demo?: boolean;
}): Promise<{ bankItemId: string; accounts: number }> {
  const { db, rail, businessId, now } = input;
  const { itemId, accessToken } = await rail.exchange(input.publicToken);
  const fetched = await rail.accounts({ itemId, accessToken });
  const bankItemId = randomUUID();
  await db.insert(bankItems).values({
    id: bankItemId,
    businessId,
    itemId,
    environment: input.config.environment,
    institutionId: input.institution.id,
    institutionName: input.institution.name,
    accessTokenEnc: encryptSecret(accessToken, input.key),
    createdBy: input.createdBy,
    createdAt: now,
  });
  await upsertAccounts(db, {
    businessId,
    bankItemId,
    accounts: fetched.map(mapAccount),
    now,
    source: "cached",
  });
  await recordAudit(db, {
    businessId,
    actorUserId: input.createdBy,
    action: "bank.connected",
    detail: {
      itemId,
      institution: input.institution.name,
      accounts: fetched.length,
      ...(input.demo ? { demo: true } : {}),
    },
  });
  await queueBankSync(db, { businessId, bankItemId, trigger: "connect" });
  return { bankItemId, accounts: fetched.length };
}

/** Plaid down or refusing: a clear conflict for the person, never a 500. */
export function bankUnavailable(e: unknown): AppError | unknown {
  if (!(e instanceof PlaidRailError)) return e;
  return new AppError(
    "conflict",
    e.displayMessage ??
      (e.kind === "transient"
        ? "The bank connection service is not answering. Try again in a few minutes."
        : `The bank connection service refused: ${e.code}.`),
  );
}

/** Which business a person's Link session belongs to (for sending them back after a failure). */
export async function linkSessionBusiness(db: DB, sessionId: string, userId: string): Promise<string | null> {
  const [s] = await db
    .select({ businessId: bankLinkSessions.businessId })
    .from(bankLinkSessions)
    .where(and(eq(bankLinkSessions.id, sessionId), eq(bankLinkSessions.createdBy, userId)));
  return s?.businessId ?? null;
}
