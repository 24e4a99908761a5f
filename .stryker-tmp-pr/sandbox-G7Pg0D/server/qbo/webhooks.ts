// @ts-nocheck
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { SYNCED_ENTITIES } from "./mappers";

/**
 * Intuit webhooks. The raw body is verified first (`intuit-signature` = base64 HMAC-SHA256 with
 * the verifier token, compared in constant time; no token configured → everything is refused).
 * Legacy and CloudEvents bodies are both read. What the product does with them (deduplicate,
 * queue one debounced sync per company) is server/connections/receive-webhook.ts.
 */
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

/** A realm's notification: its dedupe key and, when it says, the entity and id it announces. */
export type TNotification = { realmId: string; key: string; entity: string | null; entityId: string | null };

/** `qbo.billpayment.updated.v1` names its entity in lower case: matched to the API's spelling. */
const ENTITY_BY_LOWER = new Map<string, string>(SYNCED_ENTITIES.map((e) => [e.toLowerCase(), e]));
function entityOfType(type: string): string | null {
  const part = type.split(".")[1];
  return part ? (ENTITY_BY_LOWER.get(part.toLowerCase()) ?? part) : null;
}

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
        entity: e.name,
        entityId: e.id,
      })),
    );
  }
  const cloud = ZCloudEvents.safeParse(json);
  if (cloud.success)
    return cloud.data.map((e) => ({
      realmId: e.intuitaccountid,
      key: `ce:${e.id}`,
      entity: entityOfType(e.type),
      entityId: e.intuitentityid ?? null,
    }));
  return null;
}
