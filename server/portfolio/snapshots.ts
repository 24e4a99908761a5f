import "server-only";
import { and, desc, eq, gt, isNull, lte, sql } from "drizzle-orm";
import { evaluateAlerts } from "../alerts/alerts";
import { getBankSummary } from "../banks/summary";
import { businessDate, type Clock } from "../clock";
import type { DB } from "../db/client";
import {
  businesses,
  digests,
  portfolioSnapshots,
  qboConnections,
  qboEntityState,
  runwayAlerts,
} from "../db/schema";
import { parseDigestSnapshot } from "../digest/snapshot-schema";
import { enqueue } from "../jobs/outbox";
import { loadRunwayInput } from "../runway/business-runway";
import { addDays } from "../runway/dates";
import { computeRunway } from "../runway/engine";
import type { TRunwayResult } from "../runway/types";
import { trayCount } from "../tray/get-tray";

/**
 * The portfolio row of one business, computed from the mirror, its plan and its sync health, and
 * stored (one row per business). Called after each sync, decision, reserve or threshold change and
 * nightly; the portfolio page only reads these rows.
 */
export async function refreshPortfolioSnapshot({
  db,
  businessId,
  clock,
  runway,
}: {
  db: DB;
  businessId: string;
  clock: Clock;
  /** The projection when the caller just computed it (the plan's current one). */
  runway?: TRunwayResult;
}): Promise<void> {
  const now = clock.now();
  // The change count this computation covers: read before anything else, so a change committed
  // while it runs leaves the row stale (changedSeq > computedSeq) for the next read.
  const [[b], [seen]] = await Promise.all([
    db.select().from(businesses).where(eq(businesses.id, businessId)),
    db
      .select({ seq: portfolioSnapshots.changedSeq })
      .from(portfolioSnapshots)
      .where(eq(portfolioSnapshots.businessId, businessId)),
  ]);
  if (!b) return;
  const asOf = businessDate(now, b.timezone);
  let r = runway?.asOf === asOf ? runway : undefined;
  if (!r) {
    const { ledger, options } = await loadRunwayInput({ db, business: b, asOf });
    r = computeRunway(ledger, options);
  }
  const weekAgo = addDays(asOf, -7);
  const [[conn], failing, [prev], [alerts], tray] = await Promise.all([
    db
      .select({ status: qboConnections.status, lastSuccessAt: qboConnections.lastSuccessAt })
      .from(qboConnections)
      .where(eq(qboConnections.businessId, businessId)),
    db
      .select({ entity: qboEntityState.entity })
      .from(qboEntityState)
      .where(and(eq(qboEntityState.businessId, businessId), gt(qboEntityState.failureStreak, 0)))
      .limit(1),
    db
      .select({ snapshot: digests.snapshot })
      .from(digests)
      .where(and(eq(digests.businessId, businessId), lte(digests.asOf, weekAgo)))
      .orderBy(desc(digests.asOf), desc(digests.createdAt))
      .limit(1),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(runwayAlerts)
      .where(and(eq(runwayAlerts.businessId, businessId), isNull(runwayAlerts.recoveredAt))),
    trayCount({ db, ctx: { businessId, business: b }, clock }),
  ]);
  const before = (prev ? parseDigestSnapshot(prev.snapshot) : undefined)?.runway;
  const bank = await getBankSummary({ db, businessId, now });
  const soon = addDays(asOf, 6);
  const billsSoon = r.outflows.filter((f) => f.kind === "bill" && f.date <= soon);
  const row = {
    asOf,
    computedAt: now,
    runway: r.runway as unknown as Record<string, unknown>,
    state: r.runway.kind,
    runwayDays: r.runway.kind === "days" ? r.runway.days : null,
    runwayDaysWeekAgo: before?.kind === "days" ? before.days : null,
    cashCents: r.cashOnHandCents,
    spendableCents: r.spendableCents,
    lowestCents: r.lowest.spendableCents,
    lowestDate: r.lowest.date,
    overdueArCents:
      r.arAging["1-30"].cents + r.arAging["31-60"].cents + r.arAging["61-90"].cents + r.arAging["91+"].cents,
    billsDue7dCents: billsSoon.reduce((s, f) => s + f.amountCents, 0),
    billsDue7dCount: billsSoon.length,
    trayCount: tray,
    connection: conn?.status ?? "none",
    lastSuccessAt: conn?.lastSuccessAt ?? null,
    syncFailing: failing.length > 0,
    openAlerts: alerts?.n ?? 0,
    currency: b.currency,
    bankCashCents: bank.bankCashCents,
    bankGapCents: bank.compare ? bank.compare.bankCents - bank.compare.bookCents : null,
    bankAsOf: bank.asOf,
    bankState:
      bank.items.length === 0
        ? "none"
        : bank.items.some((i) => i.status !== "active")
          ? "needs_login"
          : bank.fresh
            ? "fresh"
            : "stale",
    computedSeq: seen?.seq ?? 0,
  };
  await db
    .insert(portfolioSnapshots)
    .values({ businessId, ...row })
    .onConflictDoUpdate({ target: portfolioSnapshots.businessId, set: row });
}

/**
 * Nightly, and whenever a business's day turns (runway decays with time): every business whose
 * snapshot is missing or was computed for an earlier business date than today.
 */
export async function refreshStaleSnapshots({ db, clock }: { db: DB; clock: Clock }): Promise<number> {
  const now = clock.now();
  const rows = await db
    .select({ id: businesses.id, timezone: businesses.timezone, asOf: portfolioSnapshots.asOf })
    .from(businesses)
    .leftJoin(portfolioSnapshots, eq(portfolioSnapshots.businessId, businesses.id));
  const due = rows.filter((r) => r.asOf !== businessDate(now, r.timezone));
  for (const b of due) await refreshPortfolioSnapshot({ db, businessId: b.id, clock });
  return due.length;
}

/**
 * After anything that changes a business's projection (a sync, a decision, a reserve, its
 * threshold): judge the alerts at once, on the projection the caller already has; then the
 * portfolio row — now (background work: a sync) or queued (a person is waiting for the answer;
 * the dispatcher refreshes it within a second, and a burst of edits refreshes once).
 */
export async function afterPlanChange({
  db,
  businessId,
  clock,
  runway,
  refresh = "queue",
}: {
  db: DB;
  businessId: string;
  clock: Clock;
  runway?: TRunwayResult;
  refresh?: "now" | "queue";
}): Promise<{ raised: string[]; recovered: string[] }> {
  const alerts = await evaluateAlerts({ db, businessId, now: clock.now(), runway });
  if (refresh === "now")
    await refreshPortfolioSnapshot({ db, businessId, clock, runway: alerts.runway ?? undefined });
  else
    await enqueue(db, {
      id: `portfolio:${businessId}:${Math.floor(clock.now().getTime() / 5000)}`,
      name: "portfolio/refresh.requested",
      data: { businessId },
    });
  return alerts;
}
