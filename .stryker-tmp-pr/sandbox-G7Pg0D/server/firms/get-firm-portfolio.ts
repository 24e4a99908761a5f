// @ts-nocheck
import "server-only";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { businessDate, fixedClock } from "../clock";
import type { DB } from "../db/client";
import { businesses, firmGrants, firmMembers, firms, portfolioSnapshots } from "../db/schema";
import { ZRunway } from "../digest/snapshot-schema";
import { AppError } from "../errors";
import { ZUuid } from "../lib/validation";
import { rankPortfolio } from "../portfolio/rank";
import { refreshPortfolioSnapshot } from "../portfolio/snapshots";

export type TPortfolioFilter = "all" | "flagged" | "atRisk";

/**
 * The firm's granted clients, ranked by risk from their stored snapshots: flagged first, then
 * runway ascending, then not burning; too little data apart. A snapshot is recomputed first only
 * when it is stale — missing, marked by a change since it was computed, or of an earlier business
 * day — so the advisor always sees what the owner sees, and a settled portfolio costs one query.
 * At most `maxRefresh` rows are recomputed per read (a sync wave can mark a whole firm stale at
 * once, and each costs up to ~200 ms): the rest are shown as they are, marked `refreshing`, and
 * their syncs refresh them within seconds.
 * `filter` narrows to flagged clients or those at risk (an open alert or under 13 weeks of runway);
 * `q` searches client names.
 */
export const MAX_REFRESH_PER_READ = 10;

export async function getFirmPortfolio({
  db,
  userId,
  firmId,
  now,
  filter = "all",
  q = "",
  maxRefresh = MAX_REFRESH_PER_READ,
}: {
  db: DB;
  userId: string;
  firmId: string;
  now: Date;
  filter?: TPortfolioFilter;
  q?: string;
  maxRefresh?: number;
}) {
  if (!ZUuid.safeParse(firmId).success) throw new AppError("not_found", "Firm not found");
  const [firm] = await db
    .select({ id: firms.id, name: firms.name, role: firmMembers.role })
    .from(firmMembers)
    .innerJoin(firms, eq(firms.id, firmMembers.firmId))
    .where(and(eq(firmMembers.firmId, firmId), eq(firmMembers.userId, userId)));
  if (!firm) throw new AppError("not_found", "Firm not found");
  const granted = and(
    eq(firmGrants.firmId, firmId),
    isNotNull(firmGrants.acceptedAt),
    isNull(firmGrants.revokedAt),
  );
  const states = await db
    .select({
      id: businesses.id,
      timezone: businesses.timezone,
      asOf: portfolioSnapshots.asOf,
      changedSeq: portfolioSnapshots.changedSeq,
      computedSeq: portfolioSnapshots.computedSeq,
    })
    .from(firmGrants)
    .innerJoin(businesses, eq(businesses.id, firmGrants.businessId))
    .leftJoin(portfolioSnapshots, eq(portfolioSnapshots.businessId, businesses.id))
    .where(granted);
  const clock = fixedClock(now);
  const stale = states.filter(
    (b) => b.asOf === null || b.changedSeq! > b.computedSeq! || b.asOf !== businessDate(now, b.timezone),
  );
  for (const b of stale.slice(0, maxRefresh)) await refreshPortfolioSnapshot({ db, businessId: b.id, clock });
  const refreshing = new Set(stale.slice(maxRefresh).map((b) => b.id));
  const rows = await db
    .select({
      id: businesses.id,
      name: businesses.name,
      currency: businesses.currency,
      timezone: businesses.timezone,
      grantedAt: firmGrants.createdAt,
      snap: portfolioSnapshots,
    })
    .from(firmGrants)
    .innerJoin(businesses, eq(businesses.id, firmGrants.businessId))
    .leftJoin(portfolioSnapshots, eq(portfolioSnapshots.businessId, businesses.id))
    .where(granted);
  const clients = rows.map((r) => ({
    id: r.id,
    name: r.name,
    currency: r.currency,
    timezone: r.timezone,
    grantedAt: r.grantedAt,
    // The stored runway, read back through its schema.
    snapshot: r.snap ? { ...r.snap, runway: ZRunway.parse(r.snap.runway) } : null,
    /** Stale and not recomputed on this read (over the per-read budget): shown as it was. */
    refreshing: refreshing.has(r.id),
    /** Connected, but its first sync has not finished: no figures yet (never shown as $0.00). */
    firstSyncPending: r.snap?.connection === "active" && r.snap.lastSuccessAt === null,
    state: r.snap?.state ?? "insufficientData",
    runwayDays: r.snap?.runwayDays ?? null,
    connection: r.snap?.connection ?? "none",
    lastSuccessAt: r.snap?.lastSuccessAt ?? null,
    syncFailing: r.snap?.syncFailing ?? false,
  }));
  const needle = q.trim().toLowerCase();
  const { ranked, apart } = rankPortfolio(
    clients.filter((c) => !needle || c.name.toLowerCase().includes(needle)),
    now,
  );
  const keep = (c: (typeof ranked)[number]) =>
    filter === "all" ||
    (filter === "flagged" && c.flags.some((f) => f !== "firstSync")) ||
    (filter === "atRisk" &&
      ((c.snapshot?.openAlerts ?? 0) > 0 || (c.runwayDays !== null && c.runwayDays < 91)));
  return {
    firm,
    total: clients.length,
    ranked: ranked.filter(keep),
    apart: apart.filter(keep),
  };
}
