// @ts-nocheck
import "server-only";
import { createHash } from "node:crypto";
import { and, inArray, ne } from "drizzle-orm";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { qboConnections, qboWebhookEvents } from "../db/schema";
import { getEnv } from "../env";
import { queueSync } from "../jobs/queue-sync";
import type { TNotification } from "../qbo/webhooks";

/**
 * Verified notifications (server/qbo/webhooks.ts parsed them): each deduplicated, then one
 * debounced sync queued per connected company. Unknown or disconnected companies are ignored.
 */
export async function receiveWebhook({
  db,
  notifications,
  clock,
}: {
  db: DB;
  notifications: TNotification[];
  clock: Clock;
}) {
  const realms = [...new Set(notifications.map((n) => n.realmId))];
  if (realms.length === 0) return { fresh: 0, queued: 0 };
  const conns = await db
    .select({ businessId: qboConnections.businessId, realmId: qboConnections.realmId })
    .from(qboConnections)
    .where(and(inArray(qboConnections.realmId, realms), ne(qboConnections.status, "disconnected")));
  const byRealm = new Map(conns.map((c) => [c.realmId, c.businessId]));
  const now = clock.now();
  let fresh = 0;
  let queued = 0;
  await db.transaction(async (tx) => {
    const touched = new Set<string>();
    for (const n of notifications) {
      const businessId = byRealm.get(n.realmId);
      if (!businessId) continue; // an unknown or disconnected realm: acknowledged, ignored
      const key = createHash("sha256").update(n.key).digest("hex");
      const inserted = await tx
        .insert(qboWebhookEvents)
        .values({ businessId, dedupeKey: key, receivedAt: now, entity: n.entity, entityId: n.entityId })
        .onConflictDoNothing()
        .returning();
      if (inserted.length === 0) continue;
      fresh++;
      touched.add(businessId);
    }
    if (touched.size > 0)
      await tx
        .update(qboConnections)
        .set({ lastWebhookAt: now })
        .where(inArray(qboConnections.businessId, [...touched]));
    for (const businessId of touched) {
      const ok = await queueSync(tx, {
        businessId,
        trigger: "webhook",
        // Debounce: a burst of notifications for one company becomes one CDC call.
        delayMs: getEnv().qbo?.webhookDebounceMs ?? 2_000,
      });
      if (ok) queued++;
    }
  });
  return { fresh, queued };
}
