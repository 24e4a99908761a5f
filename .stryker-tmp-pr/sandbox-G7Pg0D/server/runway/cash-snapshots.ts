// @ts-nocheck
import "server-only";
import { and, desc, eq, lte } from "drizzle-orm";
import { businessDate } from "../clock";
import type { DB } from "../db/client";
import { cashSnapshots } from "../db/schema";
import { cashOnHand } from "./engine";
import { loadAccounts } from "./load-ledger";

/**
 * Store cash on hand as the mirror now says it, under the business date of `at` (the day's last
 * sync wins). Called after every successful sync, so past cash is read, not guessed.
 */
export async function recordCashSnapshot({
  db,
  business,
  at,
}: {
  db: DB;
  business: { id: string; timezone: string; currency: string };
  at: Date;
}): Promise<{ date: string; cashCents: number }> {
  const { cashOnHandCents } = cashOnHand(await loadAccounts(db, business.id), business.currency);
  const date = businessDate(at, business.timezone);
  await db
    .insert(cashSnapshots)
    .values({ businessId: business.id, date, cashCents: cashOnHandCents, takenAt: at })
    .onConflictDoUpdate({
      target: [cashSnapshots.businessId, cashSnapshots.date],
      set: { cashCents: cashOnHandCents, takenAt: at },
    });
  return { date, cashCents: cashOnHandCents };
}

/** The latest snapshot on or before `date` (null when none is that old). */
export async function cashSnapshotOnOrBefore(
  db: DB,
  businessId: string,
  date: string,
): Promise<{ date: string; cashCents: number } | null> {
  const [row] = await db
    .select({ date: cashSnapshots.date, cashCents: cashSnapshots.cashCents })
    .from(cashSnapshots)
    .where(and(eq(cashSnapshots.businessId, businessId), lte(cashSnapshots.date, date)))
    .orderBy(desc(cashSnapshots.date))
    .limit(1);
  return row ?? null;
}
