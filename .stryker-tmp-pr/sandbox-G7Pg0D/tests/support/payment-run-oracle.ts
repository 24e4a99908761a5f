/**
 * The payment run by brute force, importing nothing of the planner (issue 17): every bill is
 * tried on each day it could be paid — no sooner than due (today if overdue) — and after the
 * window; a schedule is kept only if every day's close stays at or above the floor. To keep the
 * search small it tries only the days that can be optimal: the bill's first day, and days on
 * which the room to pay grows (paying a bill a day later when the room did not grow is feasible
 * one day sooner and less late, so never optimal).
 */
// @ts-nocheck

export function bruteForceLateness(p: {
  spendableCents: number[];
  floorCents: number;
  /** `due` as a day index from today (negative: overdue). */
  bills: { amountCents: number; due: number }[];
}): { lateness: number; feasibleWithNothing: boolean } {
  const W = p.spendableCents.length;
  const ok = (paid: number[]) => p.spendableCents.every((v, d) => v - paid[d]! >= p.floorCents);
  const zero = new Array(W).fill(0);
  const feasibleWithNothing = ok(zero);
  // Without a feasible start the floor cannot be kept: the planner lowers it to what can be.
  let floor = p.floorCents;
  if (!feasibleWithNothing) floor = Math.min(...p.spendableCents);
  const roomAt = (d: number) => Math.min(...p.spendableCents.slice(d).map((v) => v - floor));
  const grows = new Set<number>();
  for (let d = 1; d < W; d++) if (roomAt(d) > roomAt(d - 1)) grows.add(d);
  const options = p.bills.map((b) => {
    const first = Math.max(0, b.due);
    const days = [...new Set([first, ...[...grows].filter((d) => d > first)])].filter((d) => d < W);
    return [...days, W];
  });
  let best = Number.POSITIVE_INFINITY;
  const paid = new Array(W).fill(0);
  const go = (i: number, cost: number) => {
    if (cost >= best) return;
    if (i === p.bills.length) {
      best = cost;
      return;
    }
    const b = p.bills[i]!;
    for (const d of options[i]!) {
      if (d < W) {
        let fine = true;
        for (let x = d; x < W; x++) {
          paid[x] += b.amountCents;
          if (p.spendableCents[x]! - paid[x] < floor) fine = false;
        }
        if (fine) go(i + 1, cost + b.amountCents * (d - b.due));
        for (let x = d; x < W; x++) paid[x] -= b.amountCents;
      } else go(i + 1, cost + b.amountCents * (W - b.due));
    }
  };
  go(0, 0);
  return { lateness: best, feasibleWithNothing };
}
