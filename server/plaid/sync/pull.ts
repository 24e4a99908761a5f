import type { AccountBase, Transaction } from "plaid";
import type { PlaidRail, TPlaidItemRef } from "../client";
import { PlaidRailError } from "../errors";

/**
 * One `/transactions/sync` pass: pages until `has_more` is false, merged into net changes. When
 * Plaid answers TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION the pages fetched so far are
 * discarded and the pass restarts from its first cursor (Plaid's documented recovery), at most
 * `maxRestarts` times. Nothing is written here: the caller applies the whole pass and its final
 * cursor in one database transaction.
 */
export type TPass = {
  fromCursor: string | null;
  nextCursor: string;
  accounts: AccountBase[];
  upserts: Transaction[];
  removed: string[];
  pages: number;
  restarts: number;
};

export async function pullPass(
  rail: Pick<PlaidRail, "syncPage">,
  ref: TPlaidItemRef,
  fromCursor: string | null,
  opts: { count?: number; maxRestarts?: number } = {},
): Promise<TPass> {
  const maxRestarts = opts.maxRestarts ?? 3;
  let restarts = 0;
  let pages = 0;
  for (;;) {
    const upserts = new Map<string, Transaction>();
    const removed = new Set<string>();
    let cursor = fromCursor;
    try {
      for (;;) {
        const page = await rail.syncPage(ref, cursor, opts.count);
        pages++;
        for (const t of [...page.added, ...page.modified]) {
          upserts.set(t.transaction_id, t);
          removed.delete(t.transaction_id);
        }
        for (const r of page.removed) {
          upserts.delete(r.transaction_id);
          removed.add(r.transaction_id);
        }
        cursor = page.nextCursor;
        if (!page.hasMore)
          return {
            fromCursor,
            nextCursor: cursor,
            accounts: page.accounts,
            upserts: [...upserts.values()],
            removed: [...removed],
            pages,
            restarts,
          };
      }
    } catch (e) {
      if (
        e instanceof PlaidRailError &&
        e.code === "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION" &&
        restarts < maxRestarts
      ) {
        restarts++;
        continue;
      }
      throw e;
    }
  }
}
