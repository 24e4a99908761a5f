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
 * `filter` narrows to flagged clients or those at risk (an open alert or under 13 weeks of runway);
 * `q` searches client names.
 */
export async function getFirmPortfolio({
  db,
  userId,
  firmId,
  now,
  filter = "all",
  q = "",
}: {
  db: DB;
  userId: string;
  firmId: string;
  now: Date;
  filter?: TPortfolioFilter;
  q?: string;
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
  for (const b of states)
    if (b.asOf === null || b.changedSeq! > b.computedSeq! || b.asOf !== businessDate(now, b.timezone))
      await refreshPortfolioSnapshot({ db, businessId: b.id, clock });
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
