// @ts-nocheck
import "server-only";
import { and, desc, eq, isNull, or } from "drizzle-orm";
import type { DB } from "../db/client";
import { decisions, reserves, syncRuns } from "../db/schema";
import { loadLedger } from "./load-ledger";
import type { TChange, TLedger, TReserve, TRunwayOptions } from "./types";

/**
 * The runway engine's whole input for a business: its synced ledger plus what people decided —
 * active reserves and committed decisions (a bill scheduled on a date, a customer's promise).
 * Every figure the app shows (digest, alerts, decision console) starts here, so a committed
 * decision moves them all at once.
 */
export type TBusinessRef = { id: string; currency: string };

export async function loadPlan(
  db: DB,
  businessId: string,
): Promise<{ reserves: TReserve[]; changes: TChange[] }> {
  const [rs, ds] = await Promise.all([
    db
      .select()
      .from(reserves)
      .where(and(eq(reserves.businessId, businessId), isNull(reserves.releasedAt))),
    db
      .select({ kind: decisions.kind, targetId: decisions.targetId, date: decisions.date })
      .from(decisions)
      .where(
        and(
          eq(decisions.businessId, businessId),
          or(
            eq(decisions.status, "committed"),
            and(eq(decisions.kind, "reminder"), eq(decisions.status, "executed")),
          ),
        ),
      ),
  ]);
  return {
    reserves: rs.map((r): TReserve => {
      if (r.kind === "hold")
        return {
          id: r.id,
          name: r.name,
          kind: "hold",
          amountCents: r.amountCents ?? 0,
          releaseDate: r.releaseDate,
        };
      if (r.kind === "setAside")
        return {
          id: r.id,
          name: r.name,
          kind: "setAside",
          amountCents: r.amountCents ?? 0,
          payDate: r.payDate!,
        };
      return { id: r.id, name: r.name, kind: "percentOfInflows", basisPoints: r.basisPoints ?? 0 };
    }),
    changes: ds.flatMap((d): TChange[] => {
      if (!d.date) return [];
      if (d.kind === "schedule") return [{ kind: "payBill", billId: d.targetId, date: d.date }];
      if (d.kind === "promise") return [{ kind: "promise", invoiceId: d.targetId, date: d.date }];
      // A reminder sent: the invoice is expected the customer's habit after it (engine).
      if (d.kind === "reminder") return [{ kind: "remind", invoiceId: d.targetId, date: d.date }];
      return [];
    }),
  };
}

// ── the ledger cache ────────────────────────────────────────────────────────────────────────
// Reading 5k open documents and their history costs ~90 ms; a decision try must answer well
// under 100 ms. The ledger only changes when a sync commits, so it is kept per business and
// reused while the business's latest sync run is the same one in the same state.

type TEntry = { asOf: string; stamp: string; ledger: TLedger; at: number };
const g = globalThis as unknown as { __oodalooLedgerCache?: Map<string, TEntry> };
const MAX_ENTRIES = 50;
const MAX_AGE_MS = 5 * 60_000;

async function mirrorStamp(db: DB, businessId: string): Promise<string> {
  const [run] = await db
    .select({
      id: syncRuns.id,
      status: syncRuns.status,
      finishedAt: syncRuns.finishedAt,
      progress: syncRuns.progress,
    })
    .from(syncRuns)
    .where(eq(syncRuns.businessId, businessId))
    .orderBy(desc(syncRuns.startedAt))
    .limit(1);
  return run
    ? `${run.id}:${run.status}:${run.finishedAt?.getTime() ?? ""}:${JSON.stringify(run.progress)}`
    : "none";
}

export async function loadLedgerCached({
  db,
  business,
  asOf,
}: {
  db: DB;
  business: TBusinessRef;
  asOf: string;
}): Promise<TLedger> {
  g.__oodalooLedgerCache ??= new Map();
  const cache = g.__oodalooLedgerCache;
  const stamp = await mirrorStamp(db, business.id);
  const hit = cache.get(business.id);
  if (hit && hit.asOf === asOf && hit.stamp === stamp && Date.now() - hit.at < MAX_AGE_MS) {
    cache.delete(business.id);
    cache.set(business.id, hit); // most recently used last
    return hit.ledger;
  }
  const ledger = await loadLedger({ db, businessId: business.id, homeCurrency: business.currency, asOf });
  // A running sync may commit more pages without changing its stamp: cache only settled mirrors.
  if (!stamp.includes(":running:")) {
    cache.delete(business.id);
    cache.set(business.id, { asOf, stamp, ledger, at: Date.now() });
    while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  return ledger;
}

/** The ledger (cached) and the engine options with the business's reserves and committed decisions. */
export async function loadRunwayInput({
  db,
  business,
  asOf,
}: {
  db: DB;
  business: TBusinessRef;
  asOf: string;
}): Promise<{ ledger: TLedger; options: TRunwayOptions }> {
  const [ledger, plan] = await Promise.all([
    loadLedgerCached({ db, business, asOf }),
    loadPlan(db, business.id),
  ]);
  return { ledger, options: { asOf, reserves: plan.reserves, changes: plan.changes } };
}

/** Drop a business's cached ledger (its mirror was changed outside a sync run: tests, repairs). */
export function forgetLedger(businessId: string): void {
  g.__oodalooLedgerCache?.delete(businessId);
}
