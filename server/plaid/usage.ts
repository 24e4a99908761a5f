import "server-only";
import { sql } from "drizzle-orm";
import type { DB } from "../db/client";
import { plaidApiCalls, plaidAppCalls } from "../db/schema";

/** The UTC month a call is billed in. */
export const callMonth = (at: Date) => at.toISOString().slice(0, 7);

/** Count one Plaid call: per business and Item, or app-wide when it belongs to no business. */
export async function recordPlaidCall(
  db: DB,
  call: { businessId: string | null; itemId: string | null; endpoint: string; at: Date },
): Promise<void> {
  const month = callMonth(call.at);
  if (call.businessId === null) {
    await db
      .insert(plaidAppCalls)
      .values({ month, endpoint: call.endpoint, count: 1 })
      .onConflictDoUpdate({
        target: [plaidAppCalls.month, plaidAppCalls.endpoint],
        set: { count: sql`${plaidAppCalls.count} + 1` },
      });
    return;
  }
  await db
    .insert(plaidApiCalls)
    .values({
      businessId: call.businessId,
      itemId: call.itemId ?? "",
      month,
      endpoint: call.endpoint,
      count: 1,
    })
    .onConflictDoUpdate({
      target: [plaidApiCalls.businessId, plaidApiCalls.itemId, plaidApiCalls.month, plaidApiCalls.endpoint],
      set: { count: sql`${plaidApiCalls.count} + 1` },
    });
}
