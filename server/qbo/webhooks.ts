import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { and, inArray, ne } from "drizzle-orm";
import { z } from "zod";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { qboConnections, qboWebhookEvents } from "../db/schema";
import { queueSync } from "../jobs/queue-sync";

/**
 * Intuit webhooks. The raw body is verified first (`intuit-signature` = base64 HMAC-SHA256 with
 * the verifier token, compared in constant time; no token configured → everything is refused).
 * Legacy and CloudEvents bodies are both read; each notification is deduplicated; then one
 * debounced CDC sync per realm is queued — a burst of notifications becomes one CDC call.
 */
export const WEBHOOK_DEBOUNCE_MS = 2_000;

export function verifySignature(
  rawBody: string,
  signature: string | null,
  verifierToken: string | undefined,
): boolean {
  if (!verifierToken || !signature) return false;
  const expected = createHmac("sha256", verifierToken).update(rawBody, "utf8").digest();
  let given: Buffer;
  try {
    given = Buffer.from(signature, "base64");
  } catch {
    return false;
  }
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const ZLegacy = z.object({
  eventNotifications: z.array(
    z.object({
      realmId: z.string(),
      dataChangeEvent: z
        .object({
          entities: z.array(
            z
              .object({
                name: z.string(),
                id: z.string(),
                operation: z.string(),
                lastUpdated: z.string().optional(),
              })
              .passthrough(),
          ),
        })
        .optional(),
    }),
  ),
});
const ZCloudEvents = z.array(
  z
    .object({
      id: z.string(),
      type: z.string(),
      intuitaccountid: z.string(),
      intuitentityid: z.string().optional(),
      time: z.string().optional(),
    })
    .passthrough(),
);

export type TNotification = { realmId: string; key: string };

/** Both payload formats → (realm, dedupe key) pairs. Null when the body is neither. */
export function parseNotifications(rawBody: string): TNotification[] | null {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return null;
  }
  const legacy = ZLegacy.safeParse(json);
  if (legacy.success) {
    return legacy.data.eventNotifications.flatMap((n) =>
      (n.dataChangeEvent?.entities ?? []).map((e) => ({
        realmId: n.realmId,
        key: `${e.name}:${e.id}:${e.operation}:${e.lastUpdated ?? ""}`,
      })),
    );
  }
  const cloud = ZCloudEvents.safeParse(json);
  if (cloud.success) return cloud.data.map((e) => ({ realmId: e.intuitaccountid, key: `ce:${e.id}` }));
  return null;
}

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
        .values({ businessId, dedupeKey: key, receivedAt: now })
        .onConflictDoNothing()
        .returning();
      if (inserted.length === 0) continue;
      fresh++;
      touched.add(businessId);
    }
    for (const businessId of touched) {
      const ok = await queueSync(tx, {
        businessId,
        trigger: "webhook",
        delayMs: WEBHOOK_DEBOUNCE_MS,
      });
      if (ok) queued++;
    }
  });
  return { fresh, queued };
}
