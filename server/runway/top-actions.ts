import { docName } from "@/lib/format";
import { addDays, daysBetween } from "./dates";
import { compareRunways, computeRunway, habitLookup, runwayOfPath, type TImpact } from "./engine";
import type { TChange, TLedger, TRunwayOptions, TRunwayResult } from "./types";

/** How far a bill due soon is pushed when "delay" is tried, and when a chased invoice is expected. */
export const DELAY_DAYS = 14;
export const CHASE_PROMISE_DAYS = 14;
/** Bills expected within this many days are candidates to delay. */
export const DELAY_WINDOW_DAYS = 14;

export type TAction = {
  kind: "delayBill" | "chaseInvoice";
  ref: { type: "Bill" | "Invoice"; id: string };
  label: string;
  amountCents: number;
  /** The date the action moves the money to (pay on / collected by). */
  date: string;
  /** For a delay: the date it was expected on. */
  fromDate: string | null;
  /** For a chase: why the invoice is at risk. */
  reason: string | null;
  /** For a delay: how many days the bill is already past its due date (0: not overdue). */
  overdueDays?: number;
  /** For a chase: the customer's payment habit, when it has paid invoices before. */
  habit?: { medianDaysLate: number; sample: number } | null;
  change: TChange;
  impact: TImpact;
};

/**
 * This week's actions ranked by runway impact, computed with what-if: delaying each bill expected
 * in the next two weeks by two weeks, and chasing each at-risk invoice (a promise in two weeks).
 * Ranked by runway days gained, then by how much the lowest balance rises; only actions that help.
 */
export function topActions(
  ledger: TLedger,
  options: TRunwayOptions,
  base: TRunwayResult = computeRunway(ledger, options),
  o: { limit?: number; thresholdCents?: number } = {},
): TAction[] {
  const { asOf } = options;
  const limit = o.limit ?? 3;
  const threshold = o.thresholdCents ?? 0;
  const candidates: Omit<TAction, "impact">[] = [];
  const room = needsRoom(base, threshold);
  const openBill = new Map(ledger.openBills.map((b) => [b.id, b]));
  for (const f of base.outflows) {
    if (!room) break;
    if (f.kind !== "bill" || !f.ref || f.date > addDays(asOf, DELAY_WINDOW_DAYS - 1)) continue;
    const date = addDays(f.date, DELAY_DAYS);
    const bill = openBill.get(f.ref.id);
    const due = bill?.dueDate ?? bill?.txnDate ?? null;
    candidates.push({
      kind: "delayBill",
      ref: { type: "Bill", id: f.ref.id },
      label: f.label,
      amountCents: f.amountCents,
      date,
      fromDate: f.date,
      reason: null,
      overdueDays: due && due < asOf ? daysBetween(due, asOf) : 0,
      change: { kind: "payBill", billId: f.ref.id, date },
    });
  }
  const habitOf = habitLookup(base.habits);
  for (const a of base.atRiskAr) {
    const date = addDays(asOf, CHASE_PROMISE_DAYS);
    candidates.push({
      kind: "chaseInvoice",
      ref: { type: "Invoice", id: a.invoiceId },
      label: `${docName("Invoice", a.docNumber, a.txnDate)} · ${a.customerName ?? "no customer"}`,
      amountCents: a.cents,
      date,
      fromDate: null,
      reason: a.reason,
      habit: habitOf(a.customerId),
      change: { kind: "promise", invoiceId: a.invoiceId, date },
    });
  }
  // A business with thousands of open documents has hundreds of candidates: each is first scored
  // on the base projection by moving its money between days (a bill delayed, an invoice brought
  // in), then the best few are recomputed exactly with the full engine, whose figures are shown.
  const shortlist = candidates
    .map((c) => ({ c, score: quickScore(base, c) }))
    .sort(
      (x, y) =>
        y.score.days - x.score.days || y.score.lowest - x.score.lowest || y.c.amountCents - x.c.amountCents,
    )
    .slice(0, EXACT_SHORTLIST)
    .map((x) => x.c);
  const scored = shortlist.map((c) => ({
    ...c,
    impact: compareRunways(
      base,
      computeRunway(ledger, { ...options, changes: [...(options.changes ?? []), c.change] }),
    ),
  }));
  return scored
    .filter(
      (a) =>
        (a.impact.runwayDeltaDays ?? 0) > 0 ||
        a.impact.summary === "nowNotBurning" ||
        a.impact.lowestDeltaCents > 0,
    )
    .sort(
      (a, b) =>
        rank(b.impact) - rank(a.impact) ||
        b.impact.lowestDeltaCents - a.impact.lowestDeltaCents ||
        b.amountCents - a.amountCents,
    )
    .slice(0, limit);
}

/**
 * Whether delaying bills is advice at all: only for a business whose spendable goes under its
 * alert threshold (zero when none is set) today or on some day of the 13 weeks. Otherwise
 * nothing needs moving.
 */
export function needsRoom(base: TRunwayResult, thresholdCents: number): boolean {
  return base.spendableCents < thresholdCents || base.days.some((d) => d.spendableCents < thresholdCents);
}

/** How many candidates are recomputed exactly after the quick scoring. */
const EXACT_SHORTLIST = 12;

/**
 * An estimate of a candidate's effect from the base projection alone: the spendable balance with
 * the candidate's money moved (a delayed bill's amount stays in the bank until its new date; a
 * chased invoice's amount arrives on its promised date). Runway days follow the engine's rule.
 */
function quickScore(base: TRunwayResult, c: Omit<TAction, "impact">): { days: number; lowest: number } {
  const delta = (date: string) =>
    c.kind === "delayBill"
      ? date >= (c.fromDate ?? c.date) && date < c.date
        ? c.amountCents
        : 0
      : date >= c.date
        ? c.amountCents
        : 0;
  const runwayDays = (bal: (i: number) => number) =>
    runwayOfPath(base.days.map((_, i) => bal(i)))?.days ?? Number.MAX_SAFE_INTEGER;
  const before = runwayDays((i) => base.days[i]!.spendableCents);
  const after = runwayDays((i) => base.days[i]!.spendableCents + delta(base.days[i]!.date));
  let lowest = Number.MAX_SAFE_INTEGER;
  for (const d of base.days) lowest = Math.min(lowest, d.spendableCents + delta(d.date));
  return { days: after - before, lowest: lowest - base.lowest.spendableCents };
}

function rank(i: TImpact): number {
  if (i.summary === "nowNotBurning") return Number.MAX_SAFE_INTEGER;
  return i.runwayDeltaDays ?? 0;
}
