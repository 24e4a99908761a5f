import "server-only";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { bankItems } from "../db/schema";
import type { TPlaidConfig } from "../env";
import { syncBankItem } from "../plaid/sync/sync-item";
import { markPortfolioStale } from "../portfolio/stale";
import { queueBankSync } from "./queue";

/** The daily safety poll syncs an active Item whose last sync is older than this. */
export const SAFETY_POLL_AFTER_MS = 20 * 3_600_000;

/** The job: one Item's pass; the owner's figures and the advisor's row move with it. */
export async function runBankSync(deps: {
  db: DB;
  config: TPlaidConfig;
  key: string;
  clock: Clock;
  businessId: string;
  bankItemId: string;
}) {
  const result = await syncBankItem(deps);
  if (result.outcome === "synced" || result.outcome === "needs_user")
    await deps.db.transaction((tx) => markPortfolioStale(tx as unknown as DB, deps.businessId));
  return result;
}

/**
 * The safety net under webhooks: once a day, every active Item not synced for 20 hours gets a
 * pass (a missed SYNC_UPDATES_AVAILABLE costs at most a day). One /transactions/sync call when
 * nothing changed.
 */
export async function enqueueDueBankSyncs(db: DB, now: Date): Promise<number> {
  const due = await db
    .select({ id: bankItems.id, businessId: bankItems.businessId })
    .from(bankItems)
    .where(
      and(
        eq(bankItems.status, "active"),
        or(
          isNull(bankItems.lastSyncedAt),
          lt(bankItems.lastSyncedAt, new Date(now.getTime() - SAFETY_POLL_AFTER_MS)),
        ),
      ),
    );
  let n = 0;
  for (const d of due)
    if (
      await db.transaction((tx) =>
        queueBankSync(tx as unknown as DB, {
          businessId: d.businessId,
          bankItemId: d.id,
          trigger: "schedule",
        }),
      )
    )
      n++;
  return n;
}
