import { addDays } from "./dates";
import {
  compareRunways,
  computeRunway,
  habitLookup,
  NEAR_TERM_DAYS,
  reminderLanding,
  runwayOfPath,
  type TImpact,
} from "./engine";
import type { TAtRiskWhy, TChange, TLedger, TRunwayOptions, TRunwayResult, TSubject } from "./types";

/** How far a bill due soon is pushed when "delay" is tried, and when a chased invoice is expected. */
export const DELAY_DAYS = 14;
export const CHASE_PROMISE_DAYS = 14;
/** Bills expected within this many days are candidates to delay. */
export const DELAY_WINDOW_DAYS = 14;

export type TAction = {
  /**
   * delayBill: pay a bill due soon two weeks later. remindInvoice: send a reminder today for an
   * overdue invoice nobody has reminded (it then lands the customer's habit after the reminder).
   * chaseInvoice: get a promise date for an at-risk invoice (the forecast leaves it out until then).
   */
  kind: "delayBill" | "remindInvoice" | "chaseInvoice";
  ref: { type: "Bill" | "Invoice"; id: string };
  subject: TSubject;
  amountCents: number;
  /** The date the action moves the money to (pay on / expected by / collected by). */
  date: string;
  /** For a delay or a reminder: the date the forecast expected it on without the action. */
  fromDate: string | null;
  /** For a chase: why the invoice is at risk. */
  atRisk: TAtRiskWhy | null;
  /** A delay: days the bill is past its due date. A reminder: days the invoice is (0: not overdue). */
  overdueDays?: number;
  /** For a reminder or a chase: the customer's payment habit, when it has paid invoices before. */
  habit?: { medianDaysLate: number; sample: number } | null;
  change: Extract<TChange, { kind: "payBill" | "promise" | "remind" }>;
  impact: TImpact;
};

/**
 * This week's actions, with judgement. Candidates: delaying each bill expected in the next two
 * weeks by two weeks (only when the business goes under its alert threshold: otherwise nothing
 * needs moving), a reminder today for each overdue invoice nobody reminded, and a promise date for
 * each at-risk invoice. Each is tried with the full engine and kept only if it helps. Ranked by
 * the rise in the 4-week low point, then by how much spendable it recovers over those 4 weeks;
 * a business under water (below zero within 4 weeks) sees reminders and promise dates first,
 * then delays of bills not yet due, then delays of overdue bills (which say how overdue).
 */
export function topActions(
  ledger: TLedger,
  options: TRunwayOptions,
  base: TRunwayResult = computeRunway(ledger, options),
  /** `chaseOnly`: reminders and promise dates only, never a delay (the payment run's chase list). */
  o: { limit?: number; thresholdCents?: number; chaseOnly?: boolean } = {},
): TAction[] {
  const { asOf } = options;
  const limit = o.limit ?? 3;
  const threshold = o.thresholdCents ?? 0;
  const candidates: Omit<TAction, "impact">[] = [];
  const room = !o.chaseOnly && needsRoom(base, threshold);
  for (const f of base.outflows) {
    if (!room) break;
    if (f.kind !== "bill" || f.date > addDays(asOf, DELAY_WINDOW_DAYS - 1)) continue;
    const ref = f.ref!; // a bill's flow always names its bill
    const date = addDays(f.date, DELAY_DAYS);
    candidates.push({
      kind: "delayBill",
      ref: { type: "Bill", id: ref.id },
      subject: f.subject,
      amountCents: f.amountCents,
      date,
      fromDate: f.date,
      atRisk: null,
      overdueDays: f.overdue?.daysPastDue ?? 0,
      change: { kind: "payBill", billId: ref.id, date },
    });
  }
  const habitOf = habitLookup(base.habits);
  for (const f of base.inflows) {
    // Only invoice flows are marked overdue among inflows, and they always name their invoice.
    if (!f.overdue || f.overdue.remindedOn) continue;
    const ref = f.ref!;
    const habit = habitOf(f.partyId);
    const date = reminderLanding(asOf, habit?.medianDaysLate ?? 0);
    // A reminder that would not bring it in sooner is no candidate (landing on the same day would
    // change nothing and be dropped below as not helping).
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a later or same-day landing is dropped below as not helping
    if (date >= f.date) continue;
    candidates.push({
      kind: "remindInvoice",
      ref: { type: "Invoice", id: ref.id },
      subject: f.subject,
      amountCents: f.amountCents,
      date,
      fromDate: f.date,
      atRisk: null,
      overdueDays: f.overdue.daysPastDue,
      habit,
      change: { kind: "remind", invoiceId: ref.id, date: asOf },
    });
  }
  for (const a of base.atRiskAr) {
    const date = addDays(asOf, CHASE_PROMISE_DAYS);
    candidates.push({
      kind: "chaseInvoice",
      ref: { type: "Invoice", id: a.invoiceId },
      subject: {
        kind: "document",
        type: "Invoice",
        docNumber: a.docNumber,
        txnDate: a.txnDate,
        party: a.customerName,
      },
      amountCents: a.cents,
      date,
      fromDate: null,
      atRisk: a.why,
      habit: habitOf(a.customerId),
      change: { kind: "promise", invoiceId: a.invoiceId, date },
    });
  }
  const under = underWater(base);
  const tier = (c: Omit<TAction, "impact">) => (!under || c.kind !== "delayBill" ? 0 : c.overdueDays ? 2 : 1);
  // A business with thousands of open documents has hundreds of candidates: beyond a few, each is
  // first scored on the base projection by moving its money between days (a bill delayed, an
  // invoice brought in), then the best few are recomputed exactly with the full engine, whose
  // figures are shown and ranked.
  const shortlist =
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a cost guard — scoring every candidate exactly ranks the same
    candidates.length <= EXACT_SHORTLIST
      ? candidates
      : candidates
          .map((c) => ({ c, score: quickScore(base, c) }))
          .sort(
            (x, y) =>
              tier(x.c) - tier(y.c) ||
              y.score.low4Weeks - x.score.low4Weeks ||
              y.score.recovered - x.score.recovered ||
              y.score.days - x.score.days ||
              y.c.amountCents - x.c.amountCents,
          )
          .slice(0, EXACT_SHORTLIST)
          .map((x) => x.c);
  const scored = shortlist.map((c) => ({
    ...c,
    impact: compareRunways(
      base,
      computeRunway(ledger, { ...options, changes: [...(options.changes ?? []), c.change] }),
      { thresholdCents: threshold },
    ),
  }));
  return scored
    .filter(
      (a) =>
        a.impact.low4Weeks.deltaCents > 0 ||
        recoveredSoon(a.impact) > 0 ||
        (a.impact.runwayDeltaDays ?? 0) > 0 ||
        a.impact.summary === "nowNotBurning" ||
        a.impact.lowestDeltaCents > 0,
    )
    .sort(
      (a, b) =>
        tier(a) - tier(b) ||
        b.impact.low4Weeks.deltaCents - a.impact.low4Weeks.deltaCents ||
        recoveredSoon(b.impact) - recoveredSoon(a.impact) ||
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

/** Under water: spendable is below zero today or on some day of the next 4 weeks. */
export function underWater(base: TRunwayResult): boolean {
  return base.spendableCents < 0 || base.days.slice(0, NEAR_TERM_DAYS).some((d) => d.spendableCents < 0);
}

/** Spendable recovered over the next 4 weeks: the sum of each day's rise (cent-days, as a rank). */
export function recoveredSoon(i: TImpact): number {
  let sum = 0;
  for (const p of i.path.slice(0, NEAR_TERM_DAYS)) sum += p.afterCents - p.beforeCents;
  return sum;
}

/** How many candidates are recomputed exactly after the quick scoring. */
const EXACT_SHORTLIST = 12;

/**
 * An estimate of a candidate's effect from the base projection alone: the spendable balance with
 * the candidate's money moved (a delayed bill's amount stays in the bank until its new date; a
 * reminded invoice arrives from its landing date instead of its expected one; a chased invoice
 * arrives on its promised date). Runway days follow the engine's rule.
 */
export function quickScore(
  base: TRunwayResult,
  c: Omit<TAction, "impact">,
): { low4Weeks: number; recovered: number; days: number } {
  const delta = (date: string) =>
    c.kind === "delayBill"
      ? date >= (c.fromDate ?? c.date) && date < c.date
        ? c.amountCents
        : 0
      : c.kind === "remindInvoice"
        ? date >= c.date && date < (c.fromDate ?? c.date)
          ? c.amountCents
          : 0
        : date >= c.date
          ? c.amountCents
          : 0;
  const runwayDays = (bal: (i: number) => number) =>
    runwayOfPath(base.days.map((_, i) => bal(i)))?.days ?? Number.MAX_SAFE_INTEGER;
  const before = runwayDays((i) => base.days[i]!.spendableCents);
  const after = runwayDays((i) => base.days[i]!.spendableCents + delta(base.days[i]!.date));
  let low = base.spendableCents;
  let baseLow = base.spendableCents;
  let recovered = 0;
  for (const d of base.days.slice(0, NEAR_TERM_DAYS)) {
    low = Math.min(low, d.spendableCents + delta(d.date));
    baseLow = Math.min(baseLow, d.spendableCents);
    recovered += delta(d.date);
  }
  return { low4Weeks: low - baseLow, recovered, days: after - before };
}

function rank(i: TImpact): number {
  if (i.summary === "nowNotBurning") return Number.MAX_SAFE_INTEGER;
  return i.runwayDeltaDays ?? 0;
}
