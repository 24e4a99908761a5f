// @ts-nocheck
import "server-only";
import { eq } from "drizzle-orm";
import { consumeLimit } from "../abuse/rate-limits";
import { assertCan, type TBusinessContext } from "../access/business-context";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { qboConnections } from "../db/schema";
import { AppError } from "../errors";
import { pokeDispatcher } from "../jobs/dispatcher";
import { queueSync } from "../jobs/queue-sync";

/** "Sync now": queued unless a sync is already waiting to start (see queueSync). */
export async function requestSync({ db, ctx }: { db: DB; ctx: TBusinessContext }) {
  assertCan(ctx, "manageConnection");
  const [conn] = await db.select().from(qboConnections).where(eq(qboConnections.businessId, ctx.businessId));
  if (!conn || conn.status === "disconnected") throw new AppError("conflict", "Connect QuickBooks first.");
  if (conn.status === "needs_reauth")
    throw new AppError("conflict", "Reconnect QuickBooks first: its authorization was revoked or expired.");
  // A few clicks pass (a retry, a second look); a burst does not become a burst of metered reads.
  await consumeLimit(db, "manualSync", ctx.businessId);
  const queued = await db.transaction((tx) =>
    queueSync(tx, { businessId: ctx.businessId, trigger: "manual" }),
  );
  return { queued };
}

/** A page view asks for fresh data only when the last sync is older than this. */
export const PAGE_VIEW_FRESH_MS = 10 * 60_000;

/**
 * A page with figures was opened: ask for a sync only when webhooks cannot be trusted to have
 * brought changes (unhealthy) and the last sync is over 10 minutes old, within the manual sync
 * cooldown (a page view counts against it). Never throws for the page: at worst nothing is queued.
 */
export async function requestPageViewSync({
  db,
  businessId,
  clock,
}: {
  db: DB;
  businessId: string;
  clock: Clock;
}): Promise<{ queued: boolean }> {
  const [conn] = await db
    .select({
      status: qboConnections.status,
      health: qboConnections.webhookHealth,
      lastSuccessAt: qboConnections.lastSuccessAt,
    })
    .from(qboConnections)
    .where(eq(qboConnections.businessId, businessId));
  if (conn?.status !== "active" || conn.health === "healthy" || !conn.lastSuccessAt) return { queued: false };
  if (clock.now().getTime() - conn.lastSuccessAt.getTime() < PAGE_VIEW_FRESH_MS) return { queued: false };
  try {
    await consumeLimit(db, "manualSync", businessId);
  } catch (err) {
    if (err instanceof AppError && err.code === "rate_limited") return { queued: false };
    throw err;
  }
  const queued = await db.transaction((tx) => queueSync(tx, { businessId, trigger: "page_view" }));
  if (queued) pokeDispatcher();
  return { queued };
}
