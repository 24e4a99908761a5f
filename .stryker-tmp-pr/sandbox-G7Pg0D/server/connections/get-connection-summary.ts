// @ts-nocheck
import "server-only";
import { eq } from "drizzle-orm";
import type { TBusinessContext } from "../access/business-context";
import type { DB } from "../db/client";
import { qboConnections } from "../db/schema";
import { getSyncCoverage, type TSyncCoverage } from "./get-sync-coverage";

/**
 * The few facts every page shows about the QuickBooks link (freshness, reconnect needed) and how
 * much of the company is synced: pages show figures only when `coverage.state` is "ready".
 */
export async function getConnectionSummary({
  db,
  ctx,
}: {
  db: DB;
  ctx: TBusinessContext;
}): Promise<TConnectionSummary | null> {
  const [c] = await db
    .select({
      status: qboConnections.status,
      lastSuccessAt: qboConnections.lastSuccessAt,
      companyName: qboConnections.companyName,
    })
    .from(qboConnections)
    .where(eq(qboConnections.businessId, ctx.businessId));
  if (!c || c.status === "disconnected") return null;
  return { ...c, coverage: await getSyncCoverage({ db, businessId: ctx.businessId }) };
}

export type TConnectionSummary = {
  status: "active" | "needs_reauth" | "disconnected";
  lastSuccessAt: Date | null;
  companyName: string | null;
  coverage: TSyncCoverage;
};
