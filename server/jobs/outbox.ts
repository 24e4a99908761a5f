import "server-only";
import { z } from "zod";
import type { DB } from "../db/client";
import { outboxEvents } from "../db/schema";

/**
 * Typed events (ids only, never tokens or rows). Enqueue inside the transaction of the change;
 * the dispatcher picks them up after commit.
 */
export const EVENTS = {
  "qbo/sync.requested": z.object({
    businessId: z.string(),
    trigger: z.enum(["connect", "manual", "schedule", "webhook", "page_view", "reconcile"]),
  }),
  /** Bring one bank Item's mirror up to date (transactions/sync from its saved cursor). */
  "plaid/item.sync.requested": z.object({
    businessId: z.string(),
    bankItemId: z.string(),
    trigger: z.enum(["connect", "webhook", "schedule", "manual"]),
  }),
  /** Make this week's digest for a business (once per local ISO week). */
  "digest/weekly.requested": z.object({
    businessId: z.string(),
    isoWeek: z.string().regex(/^\d{4}-W\d{2}$/),
  }),
  /** Send a stored digest's pending emails. */
  "digest/deliver.requested": z.object({ businessId: z.string(), digestId: z.string() }),
  /** Recompute a business's portfolio row (after a decision, reserve or threshold edit). */
  "portfolio/refresh.requested": z.object({ businessId: z.string() }),
  /** Tell the owners about a projection alert that was just raised. */
  "alert/raised": z.object({ businessId: z.string(), alertId: z.string() }),
} as const;
export type TEventName = keyof typeof EVENTS;
export type TEventData<N extends TEventName> = z.infer<(typeof EVENTS)[N]>;

export async function enqueue<N extends TEventName>(
  db: DB,
  event: { id: string; name: N; data: TEventData<N>; availableAt?: Date },
): Promise<boolean> {
  const data = EVENTS[event.name].parse(event.data);
  const rows = await db
    .insert(outboxEvents)
    .values({
      id: event.id,
      businessId: data.businessId,
      name: event.name,
      data,
      ...(event.availableAt ? { availableAt: event.availableAt } : {}),
    })
    .onConflictDoNothing()
    .returning({ id: outboxEvents.id });
  return rows.length === 1;
}
