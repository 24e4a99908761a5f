// @ts-nocheck
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { listAccess } from "../access/business-context";
import { can } from "../access/permissions";
import type { DB } from "../db/client";
import { businesses, qboConnections } from "../db/schema";

/** The first business this user may reconnect whose connection needs re-authorization. */
export async function findReconnectTarget({
  db,
  userId,
}: {
  db: DB;
  userId: string;
}): Promise<string | null> {
  const access = await listAccess(db, userId);
  const ids = [...access.keys()];
  if (ids.length === 0) return null;
  const rows = await db
    .select({
      businessId: qboConnections.businessId,
      allowBookkeeperCommit: businesses.allowBookkeeperCommit,
      allowAdvisorCommit: businesses.allowAdvisorCommit,
    })
    .from(qboConnections)
    .innerJoin(businesses, eq(businesses.id, qboConnections.businessId))
    .where(and(inArray(qboConnections.businessId, ids), eq(qboConnections.status, "needs_reauth")));
  const target = rows.find((r) => can(access.get(r.businessId)!.role, "manageConnection", r));
  return target?.businessId ?? null;
}
