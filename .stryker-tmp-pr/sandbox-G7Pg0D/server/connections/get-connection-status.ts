// @ts-nocheck
import "server-only";
import { and, asc, desc, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import type { TBusinessContext } from "../access/business-context";
import type { DB } from "../db/client";
import { outboxEvents, qboConnections, qboDrift, qboEntityState, qboTokens, syncRuns } from "../db/schema";

/** sync_runs.gaps read back (written by the sync as this shape). */
const ZRunGaps = z.array(z.object({ entity: z.string(), reason: z.enum(["unavailable", "retrying"]) }));

export type TConnectionStatus = Awaited<ReturnType<typeof getConnectionStatus>>;

/** What the Connections page and its live progress poll show. Serializable (no Dates). */
export async function getConnectionStatus({ db, ctx }: { db: DB; ctx: TBusinessContext }) {
  const [conn] = await db.select().from(qboConnections).where(eq(qboConnections.businessId, ctx.businessId));
  if (!conn) return { connected: false as const };
  const [tokens] = await db
    .select({ hardExpiresAt: qboTokens.hardExpiresAt, refreshExpiresAt: qboTokens.refreshExpiresAt })
    .from(qboTokens)
    .where(eq(qboTokens.businessId, ctx.businessId));
  const entities = await db
    .select()
    .from(qboEntityState)
    .where(eq(qboEntityState.businessId, ctx.businessId))
    .orderBy(asc(qboEntityState.entity));
  const runs = await db
    .select()
    .from(syncRuns)
    .where(eq(syncRuns.businessId, ctx.businessId))
    .orderBy(desc(syncRuns.startedAt))
    .limit(8);
  const queued = await db
    .select({ id: outboxEvents.id })
    .from(outboxEvents)
    .where(
      and(
        eq(outboxEvents.businessId, ctx.businessId),
        eq(outboxEvents.name, "qbo/sync.requested"),
        isNull(outboxEvents.processedAt),
        isNull(outboxEvents.failedAt),
      ),
    )
    .limit(1);
  const drift = conn.lastReconciledAt
    ? await db
        .select({ id: qboDrift.id })
        .from(qboDrift)
        .where(
          and(
            eq(qboDrift.businessId, ctx.businessId),
            gt(qboDrift.detectedAt, new Date(conn.lastReconciledAt.getTime() - 86_400_000)),
          ),
        )
    : [];
  const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
  return {
    connected: true as const,
    /** A sync is waiting in the outbox (queued, not started yet). */
    queued: queued.length > 0,
    status: conn.status,
    realmId: conn.realmId,
    environment: conn.environment,
    companyName: conn.companyName,
    connectedAt: iso(conn.connectedAt),
    lastSuccessAt: iso(conn.lastSuccessAt),
    nextSyncAt: iso(conn.nextSyncAt),
    webhookHealth: conn.webhookHealth,
    lastWebhookAt: iso(conn.lastWebhookAt),
    lastError: conn.lastError,
    lastReconciledAt: iso(conn.lastReconciledAt),
    driftRepaired: drift.length,
    hardExpiresAt: iso(tokens?.hardExpiresAt),
    entities: entities.map((e) => ({
      entity: e.entity,
      status: e.status,
      records: e.records,
      fullSyncDone: e.fullSyncDone,
      lastSuccessAt: iso(e.lastSuccessAt),
      failureStreak: e.failureStreak,
      lastError: e.lastError,
      availability: e.availability,
      unavailableSince: iso(e.unavailableSince),
      unavailableDetail: e.unavailableDetail,
      cdcSupported: e.cdcSupported,
      retryAt: iso(e.retryAt),
    })),
    runs: runs.map((r) => ({
      id: r.id,
      trigger: r.trigger,
      kind: r.kind,
      status: r.status,
      startedAt: iso(r.startedAt)!,
      finishedAt: iso(r.finishedAt),
      progress: r.progress,
      apiCalls: r.apiCalls,
      recordsChanged: r.recordsChanged,
      error: r.error,
      gaps: ZRunGaps.parse(r.gaps ?? []),
      throttledUntil: iso(r.throttledUntil),
    })),
  };
}
