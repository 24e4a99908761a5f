import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { DB } from "../db/client";
import { lockKey } from "../db/concurrency";
import { outboxEvents } from "../db/schema";
import { enqueue, type TEventData } from "../jobs/outbox";

/**
 * Ask for a sync of one bank Item on the caller's transaction. A sync of that Item queued and not
 * yet started covers the request (it will call Plaid after now); one running may have read
 * before, so another is queued. Under a per-Item lock: a burst of webhooks queues one sync.
 */
export async function queueBankSync(
  tx: DB,
  input: {
    businessId: string;
    bankItemId: string;
    trigger: TEventData<"plaid/item.sync.requested">["trigger"];
  },
): Promise<boolean> {
  await lockKey(tx, `queue-bank-sync:${input.bankItemId}`);
  const waiting = await tx
    .select({ id: outboxEvents.id })
    .from(outboxEvents)
    .where(
      and(
        eq(outboxEvents.businessId, input.businessId),
        eq(outboxEvents.name, "plaid/item.sync.requested"),
        sql`${outboxEvents.data}->>'bankItemId' = ${input.bankItemId}`,
        isNull(outboxEvents.processedAt),
        isNull(outboxEvents.failedAt),
        sql`(${outboxEvents.lockedUntil} is null or ${outboxEvents.lockedUntil} < clock_timestamp())`,
      ),
    )
    .limit(1);
  if (waiting.length > 0) return false;
  return enqueue(tx, {
    id: `bank-sync:${input.trigger}:${input.bankItemId}:${randomUUID()}`,
    name: "plaid/item.sync.requested",
    data: input,
  });
}
