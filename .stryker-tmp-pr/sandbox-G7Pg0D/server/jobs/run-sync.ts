// @ts-nocheck
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { businessDate, getClock } from "../clock";
import { nextPollAt } from "../connections/poll-schedule";
import type { DB } from "../db/client";
import { businesses, qboConnections } from "../db/schema";
import { resolveDecisions } from "../decisions/lifecycle";
import { getEnv } from "../env";
import { afterPlanChange } from "../portfolio/snapshots";
import { markPortfolioStale } from "../portfolio/stale";
import { clientForBusiness } from "../qbo/client-for-business";
import { syncConnection } from "../qbo/sync/sync-connection";
import { recordCashSnapshot } from "../runway/cash-snapshots";
import { enqueue } from "./outbox";

/** The sync job's use cases: one sync with what follows it, and the scheduled enqueues. */

/**
 * What follows every successful sync: the day's cash snapshot (past cash is read, not guessed)
 * and the projection alerts. A failure here is logged and retried by the next sync; it never
 * turns a good sync into a failed one.
 */
export async function afterLedgerSynced(db: DB, businessId: string, syncStartedAt?: Date): Promise<void> {
  const now = getClock().now();
  const [b] = await db
    .select({ id: businesses.id, timezone: businesses.timezone, currency: businesses.currency })
    .from(businesses)
    .where(eq(businesses.id, businessId));
  if (!b) return;
  try {
    await recordCashSnapshot({ db, business: b, at: now });
    await resolveDecisions({
      db,
      businessId,
      asOf: businessDate(now, b.timezone),
      now,
      syncStartedAt: syncStartedAt ?? now,
    });
    await afterPlanChange({ db, businessId, clock: getClock(), refresh: "now" });
  } catch (err) {
    console.warn(`[after-sync] ${businessId}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function runSyncForBusiness({
  db,
  businessId,
  trigger,
}: {
  db: DB;
  businessId: string;
  trigger: Parameters<typeof syncConnection>[0]["trigger"];
}) {
  const env = getEnv();
  if (!env.qbo) return { status: "skipped", reason: "not_configured" } as const;
  const client = await clientForBusiness({
    db,
    businessId,
    config: env.qbo,
    key: env.tokenEncryptionKey,
    clock: getClock(),
  });
  if (!client) return { status: "skipped", reason: "not_connected" } as const;
  const startedAt = getClock().now();
  const [b] = await db
    .select({ timezone: businesses.timezone })
    .from(businesses)
    .where(eq(businesses.id, businessId));
  const timeZone = b?.timezone ?? "UTC";
  // Pages become visible to the owner as they commit: the advisor's row is stale from before the
  // first one until the refresh after the sync (or, if the sync fails, until it is next read).
  await markPortfolioStale(db, businessId);
  const result = await syncConnection({
    db,
    businessId,
    client,
    clock: getClock(),
    trigger,
    nextPollAt: (p) => nextPollAt({ ...p, timeZone }),
  });
  if (result.status === "succeeded") await afterLedgerSynced(db, businessId, startedAt);
  return result;
}

/** Enqueue a sync for every active connection whose next_sync_at has come (or was never set). */
export async function enqueueDueSyncs(db: DB, now: Date): Promise<number> {
  const due = await db
    .select({ businessId: qboConnections.businessId, nextSyncAt: qboConnections.nextSyncAt })
    .from(qboConnections)
    .where(
      and(
        eq(qboConnections.status, "active"),
        sql`(${qboConnections.nextSyncAt} is null or ${qboConnections.nextSyncAt} <= ${now.toISOString()}::timestamptz)`,
      ),
    );
  let n = 0;
  for (const c of due) {
    const slot = (c.nextSyncAt ?? new Date(0)).toISOString();
    if (
      await enqueue(db, {
        id: `sync:schedule:${c.businessId}:${slot}`,
        name: "qbo/sync.requested",
        data: { businessId: c.businessId, trigger: "schedule" },
      })
    )
      n++;
  }
  return n;
}

/** A week between reconciliations: each reads back the week's changes (see syncConnection). */
export const RECONCILE_EVERY_MS = 7 * 86_400_000;

/**
 * Checked daily: a reconciliation for each connection not reconciled for a week (compare with
 * QuickBooks, record drift). Connections due the same day are reconciled the same night.
 */
export async function enqueueDueReconciliations(db: DB, now: Date): Promise<number> {
  // An hour's slack: reconciled last week at 03:16, due again at this week's 03:15 run.
  const dueBefore = new Date(now.getTime() - RECONCILE_EVERY_MS + 3_600_000).toISOString();
  const due = await db
    .select({ businessId: qboConnections.businessId })
    .from(qboConnections)
    .where(
      and(
        eq(qboConnections.status, "active"),
        sql`${qboConnections.lastFullSyncAt} is not null`,
        sql`(${qboConnections.lastReconciledAt} is null or ${qboConnections.lastReconciledAt} < ${dueBefore}::timestamptz)`,
      ),
    );
  let n = 0;
  const day = now.toISOString().slice(0, 10);
  for (const c of due) {
    if (
      await enqueue(db, {
        id: `reconcile:${c.businessId}:${day}`,
        name: "qbo/sync.requested",
        data: { businessId: c.businessId, trigger: "reconcile" },
      })
    )
      n++;
  }
  return n;
}
