import { addDays, daysBetween } from "./dates";

/**
 * A proposed payment run (issue 17, docs/metrics.md "Payment run"): which flexible bills to pay on
 * which day of the next `windowDays` so projected spendable stays at or above the floor, with the
 * least total lateness Σ amount × days late. Pure and deterministic.
 *
 * The caller gives the projection without the flexible bills (payroll, rent and other must-pay
 * items stay in it, fixed). Paying a bill on day p lowers every day's close from p on, so the
 * constraint is cumulative: what is paid by day d may not exceed room[d] = min over d' ≥ d of
 * (spendable[d'] − floor), which never decreases. A bill is paid no sooner than it is due (or
 * today when overdue): paying early costs room and saves no lateness. A bill the window cannot
 * pay is left for after it, late until the window's end at least (a lower bound, counted so).
 *
 * Up to EXACT_BILLS bills the schedule is optimal: a dynamic programme over the set of bills
 * paid, day by day (2^n sets, each extended by one bill at a time). Beyond that, the largest
 * EXACT_BILLS are scheduled optimally first and the rest fitted greedily, earliest due first, into
 * the room left; the result says which (`exact`).
 *
 * When even paying nothing keeps spendable under the floor somewhere, no schedule can keep it
 * above: the run says by how much and on which day it is short, and schedules against the lowest
 * floor that can be kept (floor − shortfall), so it still pays what the cash allows.
 */
export const EXACT_BILLS = 14;

export type TRunBill = {
  id: string;
  amountCents: number;
  /** The day it is due (its due date, or its date plus terms without one). */
  dueDate: string;
};

export type TPaymentRunInput = {
  asOf: string;
  windowDays: number;
  floorCents: number;
  /** Projected spendable at each day's close from asOf (day 0), without the flexible bills. */
  spendableCents: number[];
  bills: TRunBill[];
};

export type TRunLine = {
  billId: string;
  amountCents: number;
  dueDate: string;
  /** The proposed day (null: after the window). */
  payOn: string | null;
  /** Days past due on payOn (after the window: at its end). */
  daysLate: number;
  /** Why this day: on its due day, today (overdue), held until cash allows, or after the window. */
  why: "onDue" | "overdue" | "heldForCash" | "afterWindow";
};

export type TPaymentRun = {
  windowEnd: string;
  floorCents: number;
  /** Null when the floor can be kept; otherwise the deepest dip under it with nothing paid. */
  shortfall: { cents: number; date: string } | null;
  lines: TRunLine[];
  totalLatenessCentDays: number;
  exact: boolean;
  /** The lowest projected close in the window with this run paid. */
  lowest: { date: string; spendableCents: number };
};

export function proposePaymentRun(input: TPaymentRunInput): TPaymentRun {
  const { asOf, floorCents } = input;
  const W = Math.min(input.windowDays, input.spendableCents.length);
  if (W < 1) throw new Error("proposePaymentRun: the window needs at least one day");
  const s = input.spendableCents.slice(0, W);

  // room[d]: what may be paid by the close of day d; the deepest dip below the floor, if any.
  const room = new Array<number>(W);
  let min = Number.POSITIVE_INFINITY;
  for (let d = W - 1; d >= 0; d--) {
    min = Math.min(min, s[d]! - floorCents);
    room[d] = min;
  }
  let shortfall: TPaymentRun["shortfall"] = null;
  if (room[0]! < 0) {
    const worst = s.reduce((best, v, d) => (v < s[best]! ? d : best), 0);
    shortfall = { cents: -room[0]!, date: addDays(asOf, worst) };
    // Stryker disable next-line EqualityOperator: room[W] is never read (every loop stops before W)
    for (let d = 0; d < W; d++) room[d] = room[d]! + shortfall.cents;
  }

  const bills = input.bills
    .filter((b) => b.amountCents > 0)
    .map((b) => ({ ...b, due: daysBetween(asOf, b.dueDate) }))
    .filter((b) => b.due < W)
    .sort((a, b) => a.due - b.due || b.amountCents - a.amountCents || cmp(a.id, b.id));

  const day = new Map<string, number | null>();
  const exact = bills.length <= EXACT_BILLS;
  const optimal = exact
    ? bills
    : [...bills]
        .sort((a, b) => b.amountCents - a.amountCents || a.due - b.due || cmp(a.id, b.id))
        .slice(0, EXACT_BILLS);
  const paidBy = new Array<number>(W).fill(0);
  for (const [id, d] of scheduleExactly(optimal, room, W)) {
    day.set(id, d);
    if (d !== null) add(paidBy, d, optimal.find((b) => b.id === id)!.amountCents);
  }
  // The rest (only beyond EXACT_BILLS): earliest due first, on the first day the room allows.
  for (const b of bills) {
    if (day.has(b.id)) continue;
    let chosen: number | null = null;
    for (let d = Math.max(0, b.due); d < W && chosen === null; d++)
      if (fits(paidBy, room, d, b.amountCents)) chosen = d;
    day.set(b.id, chosen);
    if (chosen !== null) add(paidBy, chosen, b.amountCents);
  }

  const lines: TRunLine[] = bills.map((b) => {
    const d = day.get(b.id) ?? null;
    const paidDay = d ?? W;
    const start = Math.max(0, b.due);
    return {
      billId: b.id,
      amountCents: b.amountCents,
      dueDate: b.dueDate,
      payOn: d === null ? null : addDays(asOf, d),
      daysLate: paidDay - b.due,
      why: d === null ? "afterWindow" : d > start ? "heldForCash" : b.due < 0 ? "overdue" : "onDue",
    };
  });
  let lowest = { date: asOf, spendableCents: Number.POSITIVE_INFINITY };
  // Stryker disable next-line EqualityOperator: day W has no close (NaN), never lower
  for (let d = 0; d < W; d++) {
    const v = s[d]! - paidBy[d]!;
    if (v < lowest.spendableCents) lowest = { date: addDays(asOf, d), spendableCents: v };
  }
  return {
    windowEnd: addDays(asOf, W - 1),
    floorCents,
    shortfall,
    lines,
    totalLatenessCentDays: lines.reduce((sum, l) => sum + l.amountCents * l.daysLate, 0),
    exact,
    lowest,
  };
}

/**
 * The optimal days for up to EXACT_BILLS bills: best[m] is the least Σ amount × day over the
 * schedules paying exactly the set m by the current day; each day extends sets by one bill at a
 * time (sets in increasing order, so a set is final for the day before it is extended). Bills not
 * in the final set wait for after the window (day W).
 */
function scheduleExactly(
  bills: { id: string; amountCents: number; due: number }[],
  room: number[],
  W: number,
): Map<string, number | null> {
  const n = bills.length;
  const size = 1 << n;
  const sum = new Float64Array(size);
  for (let m = 1; m < size; m++) {
    const low = 31 - Math.clz32(m & -m);
    sum[m] = sum[m & (m - 1)]! + bills[low]!.amountCents;
  }
  const best = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
  best[0] = 0;
  const via: Int8Array[] = [];
  for (let d = 0; d < W; d++) {
    const step = new Int8Array(size).fill(-1);
    // Stryker disable next-line EqualityOperator: set `size` has none of the n bits, and best[size] is no number
    for (let m = 0; m < size; m++) {
      const here = best[m]!;
      // Stryker disable next-line ConditionalExpression: a cost guard — an unreachable set's cost stays infinite
      if (here === Number.POSITIVE_INFINITY) continue;
      for (let i = 0; i < n; i++) {
        const bit = 1 << i;
        if (m & bit || bills[i]!.due > d) continue;
        const next = m | bit;
        if (sum[next]! > room[d]!) continue;
        const cost = here + bills[i]!.amountCents * d;
        if (cost < best[next]!) {
          best[next] = cost;
          step[next] = i;
        }
      }
    }
    via.push(step);
  }
  // The set whose schedule, with the others after the window, costs least (ties: the lower set).
  let chosen = 0;
  let chosenCost = Number.POSITIVE_INFINITY;
  const total = sum[size - 1]!;
  // Stryker disable next-line EqualityOperator: best[size] is no number, its cost NaN never chosen
  for (let m = 0; m < size; m++) {
    // Stryker disable next-line ConditionalExpression: an unreachable set costs Infinity, never chosen
    if (best[m] === Number.POSITIVE_INFINITY) continue;
    const cost = best[m]! + (total - sum[m]!) * W;
    if (cost < chosenCost) {
      chosenCost = cost;
      chosen = m;
    }
  }
  const out = new Map<string, number | null>(bills.map((b) => [b.id, null]));
  let m = chosen;
  for (let d = W - 1; m !== 0; ) {
    const i = via[d]![m]!;
    if (i < 0) {
      d--;
      continue;
    }
    out.set(bills[i]!.id, d);
    m ^= 1 << i;
  }
  return out;
}

function fits(paidBy: number[], room: number[], from: number, cents: number): boolean {
  for (let d = from; d < paidBy.length; d++) if (paidBy[d]! + cents > room[d]!) return false;
  return true;
}

function add(paidBy: number[], from: number, cents: number): void {
  for (let d = from; d < paidBy.length; d++) paidBy[d] = paidBy[d]! + cents;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
