// @ts-nocheck
import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, isNull, lte, sql } from "drizzle-orm";
import type { DB } from "../db/client";
import { lockKey } from "../db/concurrency";
import { outboxEvents } from "../db/schema";
import { enqueue, type TEventData } from "./outbox";

/**
 * Ask for a sync of a business's QuickBooks data in `delayMs` (a debounce), on the caller's
 * transaction. A sync that is queued and not yet started (due by then) already covers the
 * request — it will read QuickBooks after now; one already running (or done) may have read
 * before, so another is queued. Checked under a per-business lock, so concurrent requests queue one: however often a
 * button is pressed or a webhook arrives, at most one sync runs and one waits.
 * Returns whether a sync was queued. Due times are real time, as the dispatcher reads them (the
 * app's clock may be pinned to a demo day).
 */
export async function queueSync(
  tx: DB,
  {
    businessId,
    trigger,
    delayMs = 0,
  }: {
    businessId: string;
    trigger: TEventData<"qbo/sync.requested">["trigger"];
    delayMs?: number;
  },
): Promise<boolean> {
  const availableAt = new Date(Date.now() + delayMs);
  await lockKey(tx, `queue-sync:${businessId}`);
  const waiting = await tx
    .select({ id: outboxEvents.id })
    .from(outboxEvents)
    .where(
      and(
        eq(outboxEvents.businessId, businessId),
        eq(outboxEvents.name, "qbo/sync.requested"),
        isNull(outboxEvents.processedAt),
        isNull(outboxEvents.failedAt),
        sql`(${outboxEvents.lockedUntil} is null or ${outboxEvents.lockedUntil} < clock_timestamp())`,
        lte(outboxEvents.availableAt, availableAt),
      ),
    )
    .limit(1);
  if (waiting.length > 0) return false;
  // Unique: the check above, not the id, keeps it to one waiting sync.
  return enqueue(tx, {
    id: `sync:${trigger}:${businessId}:${randomUUID()}`,
    name: "qbo/sync.requested",
    data: { businessId, trigger },
    availableAt,
  });
}
