// @ts-nocheck
import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { DB } from "../db/client";
import { qboConnections, qboEntityState, syncRuns } from "../db/schema";
import { gapEffect, type TGapEffect } from "./required-entities";

export type TSyncGapInfo = {
  entity: string;
  effect: TGapEffect;
  /** The fault QuickBooks answered with, as it worded it (shown secondary). */
  detail: string | null;
  since: string | null;
};

/**
 * How much of the company the mirror holds, for every page that shows figures:
 * - `none`: not connected; `syncing`: the first sync has not finished;
 * - `failed`: no sync has ever finished and the last one failed (its error is the reason);
 * - `blocked`: synced, but an entity the runway cannot do without is refused;
 * - `ready`: figures can be shown; `gaps` lists what they leave out, `burnIncomplete` flags the
 *   runway when spending outside bills is missing.
 */
export type TSyncCoverage = {
  state: "none" | "syncing" | "failed" | "blocked" | "ready";
  error: string | null;
  gaps: TSyncGapInfo[];
  burnIncomplete: boolean;
};

export async function getSyncCoverage({
  db,
  businessId,
}: {
  db: DB;
  businessId: string;
}): Promise<TSyncCoverage> {
  const [conn] = await db
    .select({ status: qboConnections.status, lastSuccessAt: qboConnections.lastSuccessAt })
    .from(qboConnections)
    .where(eq(qboConnections.businessId, businessId));
  const none = { error: null, gaps: [], burnIncomplete: false };
  if (!conn || conn.status === "disconnected") return { state: "none", ...none };
  const rows = await db
    .select()
    .from(qboEntityState)
    .where(and(eq(qboEntityState.businessId, businessId), eq(qboEntityState.availability, "unavailable")));
  const gaps = rows
    .map(
      (r): TSyncGapInfo => ({
        entity: r.entity,
        effect: gapEffect(r.entity),
        detail: r.unavailableDetail,
        since: r.unavailableSince ? r.unavailableSince.toISOString() : null,
      }),
    )
    .sort((a, b) => a.entity.localeCompare(b.entity));
  const burnIncomplete = gaps.some((g) => g.effect === "burn");
  if (!conn.lastSuccessAt) {
    const [last] = await db
      .select({ status: syncRuns.status, error: syncRuns.error })
      .from(syncRuns)
      .where(eq(syncRuns.businessId, businessId))
      .orderBy(desc(syncRuns.startedAt))
      .limit(1);
    if (last?.status === "failed") return { state: "failed", error: last.error, gaps, burnIncomplete };
    return { state: "syncing", error: null, gaps, burnIncomplete };
  }
  const blocked = gaps.some((g) => g.effect === "required");
  return { state: blocked ? "blocked" : "ready", error: null, gaps, burnIncomplete };
}
