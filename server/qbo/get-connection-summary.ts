import "server-only";
import { eq } from "drizzle-orm";
import type { TBusinessContext } from "../access/business-context";
import type { DB } from "../db/client";
import { qboConnections } from "../db/schema";

/** The few facts every page shows about the QuickBooks link (freshness, reconnect needed). */
export async function getConnectionSummary({ db, ctx }: { db: DB; ctx: TBusinessContext }) {
  const [c] = await db
    .select({
      status: qboConnections.status,
      lastSuccessAt: qboConnections.lastSuccessAt,
      companyName: qboConnections.companyName,
    })
    .from(qboConnections)
    .where(eq(qboConnections.businessId, ctx.businessId));
  return c && c.status !== "disconnected" ? c : null;
}
