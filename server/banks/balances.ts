import "server-only";
import { and, eq, isNull, lte, or } from "drizzle-orm";
import { assertCan, type TBusinessContext } from "../access/business-context";
import { recordAudit } from "../audit";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { bankItems } from "../db/schema";
import type { TPlaidConfig } from "../env";
import { AppError } from "../errors";
import { decryptSecret } from "../lib/vault";
import { PlaidRailError } from "../plaid/errors";
import { mapAccount } from "../plaid/mappers";
import { railForBusiness } from "../plaid/rail-for-business";
import { upsertAccounts } from "../plaid/sync/apply";
import { markItemError } from "../plaid/sync/sync-item";
import { markPortfolioStale } from "../portfolio/stale";
import { bankUnavailable } from "./link";

/** Real-time balance calls are billed: at most one per Item per this long. */
export const LIVE_BALANCE_EVERY_MS = 24 * 3_600_000;

export type TRefreshResult = {
  refreshed: number;
  /** Items read in real time less than 24 hours ago: their next allowed time. */
  notBefore: { bankItemId: string; at: Date }[];
  needsLogin: number;
};

/**
 * Real-time balances (`/accounts/balance/get`), only when a person asks ("refresh bank balance")
 * or just before a commit that writes money — and at most once per Item per 24 hours, claimed
 * on the Item row before the call so two clicks (or two processes) make one call.
 */
export async function refreshBankBalances(deps: {
  db: DB;
  ctx?: TBusinessContext;
  businessId: string;
  config: TPlaidConfig;
  key: string;
  clock: Clock;
  reason: "asked" | "before_commit";
  actorUserId: string | null;
}): Promise<TRefreshResult> {
  if (deps.ctx) assertCan(deps.ctx, "prepare");
  const { db, businessId, config, clock } = deps;
  const now = clock.now();
  const items = await db
    .select()
    .from(bankItems)
    .where(and(eq(bankItems.businessId, businessId), eq(bankItems.status, "active")));
  const result: TRefreshResult = { refreshed: 0, notBefore: [], needsLogin: 0 };
  const rail = railForBusiness({ db, businessId, config, clock });
  for (const item of items) {
    const claimed = await claimLiveBalance(db, item.id, now);
    if (!claimed.ok) {
      result.notBefore.push({ bankItemId: item.id, at: claimed.notBefore });
      continue;
    }
    try {
      const accounts = await rail.liveBalances({
        itemId: item.itemId,
        accessToken: decryptSecret(item.accessTokenEnc, deps.key),
      });
      await upsertAccounts(db, {
        businessId,
        bankItemId: item.id,
        accounts: accounts.map(mapAccount),
        now,
        source: "realtime",
      });
      result.refreshed++;
    } catch (e) {
      if (e instanceof PlaidRailError && e.kind === "needs_user") {
        await markItemError(db, { businessId, bankItemId: item.id, errorCode: e.code });
        result.needsLogin++;
        continue;
      }
      // The call was made (and is billed) or never left: either way the claim stands, so a
      // failing Plaid is not asked again and again.
      throw bankUnavailable(e);
    }
  }
  if (result.refreshed > 0 || result.needsLogin > 0)
    await db.transaction(async (tx) => {
      await markPortfolioStale(tx as unknown as DB, businessId);
      await recordAudit(tx as unknown as DB, {
        businessId,
        actorUserId: deps.actorUserId,
        action: "bank.balances_refreshed",
        detail: { reason: deps.reason, refreshed: result.refreshed },
      });
    });
  if (deps.reason === "asked" && items.length === 0) throw new AppError("conflict", "Connect a bank first.");
  return result;
}

/** Take this Item's real-time slot if the last one is 24 hours old (one UPDATE, so it races safely). */
async function claimLiveBalance(
  db: DB,
  bankItemId: string,
  now: Date,
): Promise<{ ok: true } | { ok: false; notBefore: Date }> {
  const cutoff = new Date(now.getTime() - LIVE_BALANCE_EVERY_MS);
  const rows = await db
    .update(bankItems)
    .set({ balanceRefreshedAt: now })
    .where(
      and(
        eq(bankItems.id, bankItemId),
        or(isNull(bankItems.balanceRefreshedAt), lte(bankItems.balanceRefreshedAt, cutoff)),
      ),
    )
    .returning({ id: bankItems.id });
  if (rows.length === 1) return { ok: true };
  const [item] = await db
    .select({ at: bankItems.balanceRefreshedAt })
    .from(bankItems)
    .where(eq(bankItems.id, bankItemId));
  return { ok: false, notBefore: new Date((item?.at ?? now).getTime() + LIVE_BALANCE_EVERY_MS) };
}

/**
 * Before a commit that writes money: the real-time balance when the Item's daily allowance is
 * unused, else nothing. Plaid failing never stops the commit (the caller ignores the outcome).
 */
export async function refreshBeforeMoneyWrite(deps: {
  db: DB;
  businessId: string;
  config: TPlaidConfig | null;
  key: string;
  clock: Clock;
  actorUserId: string;
}) {
  if (!deps.config) return null;
  return refreshBankBalances({ ...deps, config: deps.config, reason: "before_commit" });
}
