import { describe, expect, it } from "vitest";
import { bruteForceLateness } from "@/tests/support/payment-run-oracle";
import { addDays } from "./dates";
import { EXACT_BILLS, proposePaymentRun, type TPaymentRunInput } from "./payment-run";

const asOf = "2026-12-07";
const day = (n: number) => addDays(asOf, n);
const flat = (cents: number, days = 14) => new Array<number>(days).fill(cents);
const run = (o: Partial<TPaymentRunInput> & Pick<TPaymentRunInput, "bills">) =>
  proposePaymentRun({ asOf, windowDays: 14, floorCents: 0, spendableCents: flat(1_000_000), ...o });

describe("a proposed payment run, by hand", () => {
  it("with room for everything: each bill on its due day, today when overdue, nothing late but what was", () => {
    const r = run({
      bills: [
        { id: "b2", amountCents: 20_000, dueDate: day(3) },
        { id: "b1", amountCents: 10_000, dueDate: day(-4) },
      ],
    });
    expect(r.lines).toEqual([
      { billId: "b1", amountCents: 10_000, dueDate: day(-4), payOn: day(0), daysLate: 4, why: "overdue" },
      { billId: "b2", amountCents: 20_000, dueDate: day(3), payOn: day(3), daysLate: 0, why: "onDue" },
    ]);
    expect(r).toMatchObject({
      shortfall: null,
      exact: true,
      totalLatenessCentDays: 40_000,
      windowEnd: day(13),
      lowest: { date: day(3), spendableCents: 970_000 },
    });
  });

  it("holds the bill whose wait costs least until the cash arrives, keeping the floor", () => {
    // $500 now, $2,000 more from day 5. Two bills due today: $400 and $300; floor $100.
    const s = [50_000, 50_000, 50_000, 50_000, 50_000, ...flat(250_000, 9)];
    const r = run({
      spendableCents: s,
      floorCents: 10_000,
      bills: [
        { id: "big", amountCents: 40_000, dueDate: day(0) },
        { id: "small", amountCents: 30_000, dueDate: day(0) },
      ],
    });
    // Only one fits today (room $400): paying the $400 now and the $300 on day 5 costs 300×5;
    // the other way round 400×5. The planner takes the cheaper.
    expect(r.lines.map((l) => [l.billId, l.payOn, l.daysLate, l.why])).toEqual([
      ["big", day(0), 0, "onDue"],
      ["small", day(5), 5, "heldForCash"],
    ]);
    expect(r.totalLatenessCentDays).toBe(150_000);
    expect(r.lowest).toEqual({ date: day(0), spendableCents: 10_000 });
  });

  it("room is what later days allow too: a payment today must not push next week under the floor", () => {
    // Plenty today, a payroll dip on day 6 (already in the projection): room is $100 all week.
    const s = [...flat(500_000, 6), 10_000, ...flat(400_000, 7)];
    const r = run({ spendableCents: s, bills: [{ id: "b", amountCents: 20_000, dueDate: day(1) }] });
    expect(r.lines[0]).toMatchObject({ payOn: day(7), daysLate: 6, why: "heldForCash" });
    const exactFit = run({ spendableCents: s, bills: [{ id: "b", amountCents: 10_000, dueDate: day(1) }] });
    expect(exactFit.lines[0]).toMatchObject({ payOn: day(1), daysLate: 0 });
    expect(exactFit.lowest).toEqual({ date: day(6), spendableCents: 0 });
  });

  it("a bill the window cannot pay waits for after it, late until the window's end", () => {
    const r = run({
      spendableCents: flat(5_000),
      bills: [{ id: "b", amountCents: 9_000, dueDate: day(2) }],
    });
    expect(r.lines[0]).toEqual({
      billId: "b",
      amountCents: 9_000,
      dueDate: day(2),
      payOn: null,
      daysLate: 12,
      why: "afterWindow",
    });
    expect(r.totalLatenessCentDays).toBe(108_000);
  });

  it("under the floor whatever is paid: says by how much and when, and pays what the cash allows", () => {
    const s = [30_000, 20_000, -15_000, 40_000, ...flat(90_000, 10)];
    const r = run({
      spendableCents: s,
      floorCents: 5_000,
      bills: [
        { id: "a", amountCents: 10_000, dueDate: day(0) },
        { id: "b", amountCents: 50_000, dueDate: day(0) },
      ],
    });
    expect(r.shortfall).toEqual({ cents: 20_000, date: day(2) });
    // Against the floor it can keep (−$150): nothing fits before day 3, whose room is $550 (its
    // close $400 − (−$150)); $1,050 from day 4. The $500 bill on day 3 and the $100 one on day 4
    // (500×3 + 100×4) beat the other way round (100×3 + 500×4).
    expect(r.lines.map((l) => [l.billId, l.payOn])).toEqual([
      ["b", day(3)],
      ["a", day(4)],
    ]);
    expect(r.totalLatenessCentDays).toBe(50_000 * 3 + 10_000 * 4);
    expect(r.lowest.spendableCents).toBe(-15_000);
  });

  it("ignores bills due after the window and bills with nothing to pay; a window of no days is an error", () => {
    const r = run({
      bills: [
        { id: "later", amountCents: 5_000, dueDate: day(14) },
        { id: "zero", amountCents: 0, dueDate: day(1) },
        { id: "last", amountCents: 5_000, dueDate: day(13) },
      ],
    });
    expect(r.lines.map((l) => l.billId)).toEqual(["last"]);
    expect(() => run({ windowDays: 0, bills: [] })).toThrow();
    expect(run({ bills: [] })).toMatchObject({ lines: [], totalLatenessCentDays: 0, exact: true });
  });

  it("deterministic: the same input gives the same run, whatever order the bills come in", () => {
    const s = [20_000, 20_000, 20_000, ...flat(60_000, 11)];
    const bills = [
      { id: "x", amountCents: 10_000, dueDate: day(0) },
      { id: "y", amountCents: 10_000, dueDate: day(0) },
      { id: "z", amountCents: 10_000, dueDate: day(0) },
    ];
    const a = run({ spendableCents: s, bills });
    const b = run({ spendableCents: s, bills: [...bills].reverse() });
    expect(b).toEqual(a);
    expect(a.lines.filter((l) => l.payOn === day(0))).toHaveLength(2);
  });
});

describe("the payment run equals a brute-force optimum", () => {
  // A seeded generator (mulberry32): the same cases on every run.
  const rng = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };

  it("on 300 generated cases with up to 8 flexible bills: the same total lateness, never below the floor when it can be kept", () => {
    const next = rng(17);
    const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
    let infeasible = 0;
    for (let c = 0; c < 300; c++) {
      const W = int(7, 21);
      // Opening spendable, a few inflows, a payroll dip or two (already in the projection).
      const s: number[] = [];
      let v = int(-20, 60) * 1_000_00;
      for (let d = 0; d < W; d++) {
        if (next() < 0.2) v += int(5, 40) * 1_000_00;
        if (next() < 0.1) v -= int(5, 30) * 1_000_00;
        s.push(v);
      }
      const floor = int(0, 10) * 1_000_00;
      const n = int(1, 8);
      const bills = Array.from({ length: n }, (_, i) => ({
        id: `b${i}`,
        amountCents: int(1, 30) * 500_00 + int(0, 99),
        dueDate: day(int(-20, W - 1)),
      }));
      const r = proposePaymentRun({ asOf, windowDays: W, floorCents: floor, spendableCents: s, bills });
      const oracle = bruteForceLateness({
        spendableCents: s,
        floorCents: floor,
        bills: bills.map((b) => ({
          amountCents: b.amountCents,
          due: Math.round((Date.parse(b.dueDate) - Date.parse(asOf)) / 86_400_000),
        })),
      });
      expect(r.totalLatenessCentDays, `case ${c}`).toBe(oracle.lateness);
      expect(r.shortfall === null, `case ${c}`).toBe(oracle.feasibleWithNothing);
      // The proposed run's own projection: at or above the floor every day when it can be.
      const paid = new Array<number>(W).fill(0);
      for (const l of r.lines)
        if (l.payOn)
          for (let d = Math.round((Date.parse(l.payOn) - Date.parse(asOf)) / 86_400_000); d < W; d++)
            paid[d]! += l.amountCents;
      const lowest = Math.min(...s.map((x, d) => x - paid[d]!));
      expect(lowest).toBe(r.lowest.spendableCents);
      if (r.shortfall) {
        infeasible++;
        expect(lowest).toBeGreaterThanOrEqual(floor - r.shortfall.cents);
      } else expect(lowest).toBeGreaterThanOrEqual(floor);
    }
    // The cases include both kinds.
    expect(infeasible).toBeGreaterThan(10);
    expect(infeasible).toBeLessThan(290);
  });

  it(`beyond ${EXACT_BILLS} bills: the largest ${EXACT_BILLS} are placed optimally, the rest fitted on the first day the room allows`, () => {
    // 16 bills due today: fourteen of $100 and two of $50. Room $1,000 until day 4, $2,000 from day 5.
    const bills = [
      ...Array.from({ length: EXACT_BILLS }, (_, i) => ({
        id: `x${String(i).padStart(2, "0")}`,
        amountCents: 10_000,
        dueDate: day(0),
      })),
      { id: "small1", amountCents: 5_000, dueDate: day(0) },
      { id: "small2", amountCents: 5_000, dueDate: day(1) },
    ];
    const s = [...flat(100_000, 5), ...flat(200_000, 9)];
    const r = run({ spendableCents: s, bills });
    expect(r.exact).toBe(false);
    const on = (id: string) => r.lines.find((l) => l.billId === id)!.payOn;
    // Ten of the $100 bills today, four on day 5 (the largest first, by id on a tie)…
    expect(bills.slice(0, 10).map((b) => on(b.id))).toEqual(new Array(10).fill(day(0)));
    expect(bills.slice(10, 14).map((b) => on(b.id))).toEqual(new Array(4).fill(day(5)));
    // …and the two $50 ones where room is left first: day 5 (today and day 1 are full).
    expect([on("small1"), on("small2")]).toEqual([day(5), day(5)]);
    expect(r.totalLatenessCentDays).toBe(4 * 10_000 * 5 + 5_000 * 5 + 5_000 * 4);
    expect(r.lowest).toEqual({ date: day(0), spendableCents: 0 });
    // With no room at all for a small one, it waits for after the window.
    const tight = run({ spendableCents: [...flat(100_000, 5), ...flat(140_000, 9)], bills });
    expect(tight.lines.find((l) => l.billId === "small2")).toMatchObject({ payOn: null, why: "afterWindow" });
  });

  it(`beyond ${EXACT_BILLS} bills the rest is fitted exactly to the room, from its due day, each fitted bill taking room`, () => {
    const bills = [
      ...Array.from({ length: EXACT_BILLS }, (_, i) => ({
        id: `x${String(i).padStart(2, "0")}`,
        amountCents: 10_000,
        dueDate: day(0),
      })),
      { id: "small1", amountCents: 5_000, dueDate: day(0) },
      { id: "small2", amountCents: 5_000, dueDate: day(1) },
      { id: "later", amountCents: 5_000, dueDate: day(9) },
    ];
    // From day 5, room for the fourteen $100 bills and exactly one $50 more ($1,450).
    const r = run({ spendableCents: [...flat(100_000, 5), ...flat(145_000, 9)], bills });
    const on = (id: string) => r.lines.find((l) => l.billId === id)!.payOn;
    expect([on("small1"), on("small2"), on("later")]).toEqual([day(5), null, null]);
    expect(r.lowest).toEqual({ date: day(0), spendableCents: 0 });
    // With room to spare the one due on day 9 is paid on day 9, not before.
    const roomy = run({ spendableCents: [...flat(100_000, 5), ...flat(300_000, 9)], bills });
    expect(roomy.lines.find((l) => l.billId === "later")).toMatchObject({ payOn: day(9), why: "onDue" });
  });

  it("room for one of two equal bills: the first by id is paid, the other waits for after the window", () => {
    const r = run({
      spendableCents: flat(15_000),
      bills: [
        { id: "b", amountCents: 10_000, dueDate: day(2) },
        { id: "a", amountCents: 10_000, dueDate: day(2) },
      ],
    });
    expect(r.lines.map((l) => [l.billId, l.payOn, l.why, l.daysLate])).toEqual([
      ["a", day(2), "onDue", 0],
      ["b", null, "afterWindow", 12],
    ]);
    expect(r.exact).toBe(true);
  });

  it("exactly fourteen bills are scheduled exactly; the window needs a day; only the window's days count", () => {
    const bills = Array.from({ length: EXACT_BILLS }, (_, i) => ({
      id: `b${String(i).padStart(2, "0")}`,
      amountCents: 1_000,
      dueDate: day(i % 3),
    }));
    expect(run({ bills }).exact).toBe(true);
    expect(() => run({ bills, windowDays: 0 })).toThrow(
      "proposePaymentRun: the window needs at least one day",
    );
    expect(run({ bills: [], windowDays: 1 }).windowEnd).toBe(day(0));
    // A dip after the window's end is not the run's lowest point.
    const r = run({ bills: [], windowDays: 3, spendableCents: [5_000, 4_000, 6_000, 1_000] });
    expect(r.lowest).toEqual({ date: day(1), spendableCents: 4_000 });
  });

  it("lines come in due order, then the larger first, then by id; of two equal dips the first is the shortfall's day", () => {
    const r = run({
      bills: [
        { id: "c", amountCents: 1_000, dueDate: day(5) },
        { id: "b", amountCents: 1_000, dueDate: day(2) },
        { id: "a", amountCents: 1_000, dueDate: day(2) },
        { id: "z", amountCents: 3_000, dueDate: day(2) },
        { id: "d", amountCents: 1_000, dueDate: day(9) },
      ],
    });
    expect(r.lines.map((l) => l.billId)).toEqual(["z", "a", "b", "c", "d"]);
    const short = run({
      bills: [],
      floorCents: 0,
      spendableCents: [1_000, -500, 2_000, -500, ...flat(3_000, 10)],
    });
    expect(short.shortfall).toEqual({ cents: 500, date: day(1) });
  });

  it(`beyond ${EXACT_BILLS} bills the run says it is not proven optimal, and still keeps the floor`, () => {
    const bills = Array.from({ length: EXACT_BILLS + 3 }, (_, i) => ({
      id: `b${String(i).padStart(2, "0")}`,
      amountCents: 10_000 + i * 100,
      dueDate: day(i % 5),
    }));
    const s = [...flat(100_000, 7), ...flat(150_000, 7)];
    const r = run({ spendableCents: s, floorCents: 20_000, bills });
    expect(r.exact).toBe(false);
    expect(r.lines).toHaveLength(EXACT_BILLS + 3);
    expect(r.lowest.spendableCents).toBeGreaterThanOrEqual(20_000);
    expect(r.lines.filter((l) => l.payOn !== null).length).toBeGreaterThan(0);
  });
});
