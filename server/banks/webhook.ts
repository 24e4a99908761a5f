import "server-only";
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { bankItems, bankLinkSessions, bankWebhookEvents } from "../db/schema";
import type { TPlaidConfig } from "../env";
import { railForBusiness } from "../plaid/rail-for-business";
import { markItemError } from "../plaid/sync/sync-item";
import { cachedKeys, type TKeySource, type TPlaidWebhook, verifyPlaidWebhook } from "../plaid/webhooks";
import { markPortfolioStale } from "../portfolio/stale";
import { completeBankLink } from "./link";
import { queueBankSync } from "./queue";

export type TWebhookOutcome =
  | { status: 401; reason: string }
  | { status: 200; action: "queued_sync" | "item_updated" | "link_completed" | "duplicate" | "ignored" };

const g = globalThis as unknown as { __oodalooPlaidKeys?: { base: string; source: TKeySource } };

/** The process's verification keys, fetched from Plaid once per kid (app-wide call count). */
function keySource(db: DB, config: TPlaidConfig, clock: Clock): TKeySource {
  if (g.__oodalooPlaidKeys?.base !== config.basePath) {
    const rail = railForBusiness({ db, businessId: null, config, clock });
    g.__oodalooPlaidKeys = {
      base: config.basePath,
      source: cachedKeys(
        (kid) =>
          rail.webhookKey(kid).then(
            (k) => k as never,
            (e) => {
              // Plaid's "no such key" is an unknown key; anything else is Plaid failing.
              if ((e as { code?: string }).code === "INVALID_WEBHOOK_VERIFICATION_KEY_ID") return null;
              throw e;
            },
          ),
        () => clock.now().getTime(),
      ),
    };
  }
  return g.__oodalooPlaidKeys.source;
}

/**
 * Plaid's webhooks, verified before anything is read from them (fail closed), each delivery acted
 * on once (a replay of the same signed delivery is dropped; every handler is idempotent anyway). No webhook makes the product trust its content
 * beyond what it names: a sync is queued and the sync asks Plaid.
 */
export async function receivePlaidWebhook(input: {
  db: DB;
  config: TPlaidConfig;
  key: string;
  clock: Clock;
  rawBody: string;
  header: string | null;
  keys?: TKeySource;
}): Promise<TWebhookOutcome> {
  const { db, config, clock } = input;
  const verified = await verifyPlaidWebhook({
    rawBody: input.rawBody,
    header: input.header,
    keys: input.keys ?? keySource(db, config, clock),
    nowMs: clock.now().getTime(),
  });
  if (!verified.ok) return { status: 401, reason: verified.reason };
  const hook = verified.payload;
  // One delivery, one action: the signed JWT covers the body's hash and its own time.
  const delivery = createHash("sha256")
    .update(input.header ?? "")
    .digest("hex");

  if (hook.webhook_type === "LINK" && hook.webhook_code === "SESSION_FINISHED" && hook.link_token) {
    const [s] = await db
      .select()
      .from(bankLinkSessions)
      .where(eq(bankLinkSessions.linkToken, hook.link_token));
    if (!s) return { status: 200, action: "ignored" };
    if (!(await firstTime(db, s.businessId, delivery, hook))) return { status: 200, action: "duplicate" };
    await completeBankLink({ db, config, key: input.key, clock, where: { linkToken: s.linkToken } });
    return { status: 200, action: "link_completed" };
  }

  const itemId = hook.item_id ?? null;
  if (!itemId) return { status: 200, action: "ignored" };
  const [item] = await db.select().from(bankItems).where(eq(bankItems.itemId, itemId));
  if (!item) return { status: 200, action: "ignored" };
  if (!(await firstTime(db, item.businessId, delivery, hook))) return { status: 200, action: "duplicate" };
  const ref = { businessId: item.businessId, bankItemId: item.id };

  switch (`${hook.webhook_type}/${hook.webhook_code}`) {
    case "TRANSACTIONS/SYNC_UPDATES_AVAILABLE":
      await db.transaction((tx) => queueBankSync(tx as unknown as DB, { ...ref, trigger: "webhook" }));
      return { status: 200, action: "queued_sync" };
    case "ITEM/ERROR": {
      const code = hook.error?.error_code ?? "";
      if (code) await markItemError(db, { ...ref, errorCode: code });
      break;
    }
    case "ITEM/USER_PERMISSION_REVOKED":
      await markItemError(db, { ...ref, errorCode: "USER_PERMISSION_REVOKED" });
      break;
    case "ITEM/PENDING_EXPIRATION":
    case "ITEM/PENDING_DISCONNECT": {
      const at = hook.consent_expiration_time ? new Date(hook.consent_expiration_time) : null;
      await db
        .update(bankItems)
        .set({
          consentExpiresAt: at && !Number.isNaN(at.getTime()) ? at : clock.now(),
          errorCode: hook.webhook_code,
        })
        .where(eq(bankItems.id, item.id));
      break;
    }
    case "ITEM/NEW_ACCOUNTS_AVAILABLE":
      await db.update(bankItems).set({ newAccountsAvailable: true }).where(eq(bankItems.id, item.id));
      break;
    case "ITEM/LOGIN_REPAIRED":
      await db.transaction(async (tx) => {
        await tx
          .update(bankItems)
          .set({ status: "active", errorCode: null })
          .where(eq(bankItems.id, item.id));
        await queueBankSync(tx as unknown as DB, { ...ref, trigger: "webhook" });
      });
      return { status: 200, action: "queued_sync" };
    default:
      return { status: 200, action: "ignored" };
  }
  await db.transaction((tx) => markPortfolioStale(tx as unknown as DB, item.businessId));
  return { status: 200, action: "item_updated" };
}

async function firstTime(db: DB, businessId: string, deliverySha256: string, hook: TPlaidWebhook) {
  const rows = await db
    .insert(bankWebhookEvents)
    .values({
      businessId,
      deliverySha256,
      webhookType: hook.webhook_type,
      webhookCode: hook.webhook_code,
      itemId: hook.item_id ?? null,
    })
    .onConflictDoNothing()
    .returning({ d: bankWebhookEvents.deliverySha256 });
  return rows.length === 1;
}
