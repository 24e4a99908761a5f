// @ts-nocheck
import "server-only";
import { eq, sql } from "drizzle-orm";
import type { DB } from "../db/client";
import { portfolioSnapshots } from "../db/schema";

/**
 * Mark a business's portfolio row stale, on the caller's transaction: called with every change
 * the owner would see (a decision, a reserve, the threshold, a disconnect, a sync starting), so
 * the advisor's portfolio can never show an older figure than the owner's digest — the reader
 * recomputes a stale row first (getFirmPortfolio). A business without a row yet has nothing to
 * mark: a missing row is computed on read as well.
 */
export async function markPortfolioStale(tx: DB, businessId: string): Promise<void> {
  await tx
    .update(portfolioSnapshots)
    .set({ changedSeq: sql`${portfolioSnapshots.changedSeq} + 1` })
    .where(eq(portfolioSnapshots.businessId, businessId));
}
