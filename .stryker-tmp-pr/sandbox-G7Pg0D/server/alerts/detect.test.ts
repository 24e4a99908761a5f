// @ts-nocheck
import { beforeAll, describe, expect, it } from "vitest";
import { subjectText } from "@/lib/flow-words";
import { computeRunway } from "@/server/runway/engine";
import { asOf, bank, cash, d, doc, ledger } from "@/tests/support/ledger";
import { detectCrossings, driversUntil, type TDriver } from "./detect";

/** A driver in the words the alert shows. */
const said = (x: TDriver) => (x.subject ? subjectText(x.subject) : null);

/*
 * $10,000 in the bank, no burn, two bills: $8,000 (Figma) due in 5 days and $3,000 (Gusto) in 10.
 * Spendable by hand: $10,000 until d4, $2,000 from d5, −$1,000 from d10. Runway: 10 days.
 */
const twoBills = ledger({
  openBills: [
    doc("B1", { partyId: "v1", dueDate: d(5), amountCents: 800_000, balanceCents: 800_000 }),
    doc("B2", { partyId: "v2", dueDate: d(10), amountCents: 300_000, balanceCents: 300_000 }),
  ],
});

describe("projection alerts (one threshold model)", () => {
  // In beforeAll, not at collection (a mutant that breaks the engine must fail tests, not loading).
  let r: ReturnType<typeof computeRunway>;
  beforeAll(() => {
    r = computeRunway(twoBills, { asOf });
  });

  it("a zero threshold is crossed on the first day below zero, with the two biggest outflows until then", () => {
    const [c, ...rest] = detectCrossings(r, { belowCents: 0, runwayWeeks: null });
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ kind: "balance", crossingDate: d(10), amountCents: -100_000 });
    expect(c!.lowest).toEqual({ date: d(10), spendableCents: -100_000 });
    expect(c!.drivers.map((x) => [x.date, x.amountCents])).toEqual([
      [d(5), 800_000],
      [d(10), 300_000],
    ]);
    expect(said(c!.drivers[0]!)).toContain("Figma");
  });

  it("a higher threshold is crossed earlier, and only outflows up to that day drive it", () => {
    const [c] = detectCrossings(r, { belowCents: 500_000, runwayWeeks: null });
    expect(c).toMatchObject({ kind: "balance", crossingDate: d(5), amountCents: 200_000 });
    expect(c!.drivers.map((x) => x.amountCents)).toEqual([800_000]);
  });

  it("the runway rule fires under the chosen weeks and not at or above them", () => {
    // Runway 10 days: under 2 weeks (14 days), not under 1 week (7 days).
    const under = detectCrossings(r, { belowCents: -1_000_000, runwayWeeks: 2 });
    expect(under).toEqual([
      expect.objectContaining({ kind: "runway", crossingDate: d(10), amountCents: -100_000 }),
    ]);
    expect(detectCrossings(r, { belowCents: -1_000_000, runwayWeeks: 1 })).toEqual([]);
  });

  it("nothing crosses when the projection stays above the threshold", () => {
    expect(detectCrossings(computeRunway(ledger(), { asOf }), { belowCents: 0, runwayWeeks: 4 })).toEqual([]);
  });

  it("baseline burn counts as one driver, summed over the days up to the crossing", () => {
    // 90,000 cents of one-off spend in the trailing 90 days: a burn of 1,000 cents a day. Cash
    // $1,000 and no bills: spendable 100,000 − 1,000·(k+1) at the end of day k, so it first goes
    // below $500 (50,000) at k = 50 (49,000), and the burn through d50 is 51 days × 1,000.
    const burning = ledger({
      accounts: [bank("1", "Checking", 100_000)],
      cashTxns: [cash("Purchase", d(-80), 40_000), cash("Purchase", d(-30), 50_000)],
    });
    const [c] = detectCrossings(computeRunway(burning, { asOf }), { belowCents: 50_000, runwayWeeks: null });
    expect(c).toMatchObject({ crossingDate: d(50), amountCents: 49_000 });
    expect(c!.drivers).toEqual([{ kind: "burn", subject: null, date: null, amountCents: 51_000, days: 51 }]);
  });

  it("a reserve that drives a crossing is named among the drivers, with what it keeps out that day", () => {
    // $10,000, the two bills, and reserves: a $9,000 hold until d7, a $4,000 set-aside paid on d20.
    const reserves = [
      { id: "r1", name: "Tax", kind: "hold" as const, amountCents: 900_000, releaseDate: d(7) },
      { id: "r2", name: "Insurance", kind: "setAside" as const, amountCents: 400_000, payDate: d(20) },
    ];
    const held = computeRunway(twoBills, { asOf, reserves });
    // Spendable today 10,000 − 13,000 < 0: crossed today, the hold the biggest driver, the set-aside next.
    const [c] = detectCrossings(held, { belowCents: 0, runwayWeeks: null });
    expect(c!.crossingDate).toBe(d(0));
    expect(c!.drivers).toEqual([
      { kind: "reserve", subject: { kind: "reserve", names: ["Tax"] }, date: null, amountCents: 900_000 },
      {
        kind: "reserve",
        subject: { kind: "reserve", names: ["Insurance"] },
        date: null,
        amountCents: 400_000,
      },
    ]);
    // On d7 the hold is released (not kept out that day): drivers up to d10 are the bill and the set-aside.
    expect(driversUntil(held, d(10)).map((x) => [x.kind, said(x), x.amountCents])).toEqual([
      ["outflow", "Bill B1 · Figma", 800_000],
      ["reserve", "Insurance", 400_000],
    ]);
    // After its pay date the set-aside is its outflow: still a reserve, dated.
    expect(driversUntil(held, d(25)).find((x) => said(x) === "Insurance")).toEqual({
      kind: "reserve",
      subject: { kind: "reserve", names: ["Insurance"] },
      date: d(20),
      amountCents: 400_000,
    });
    // A percentage reserve: its share of what came in so far (20% of a $5,000 invoice on d3).
    const share = computeRunway(
      ledger({
        openInvoices: [
          doc("I1", { partyId: "c1", dueDate: d(3), amountCents: 500_000, balanceCents: 500_000 }),
        ],
        openBills: [
          doc("B1", { partyId: "v1", dueDate: d(5), amountCents: 1_450_000, balanceCents: 1_450_000 }),
        ],
      }),
      { asOf, reserves: [{ id: "r3", name: "Profit first", kind: "percentOfInflows", basisPoints: 2000 }] },
    );
    // 10,000 + 5,000 − 1,000 kept − 14,500 < 0 on d5.
    const [p] = detectCrossings(share, { belowCents: 0, runwayWeeks: null });
    expect(p!.crossingDate).toBe(d(5));
    expect(p!.drivers[1]).toEqual({
      kind: "reserve",
      subject: { kind: "reserve", names: ["Profit first"] },
      date: null,
      amountCents: 100_000,
    });
  });

  it("a hold released on the crossing day, or a set-aside paid that day, no longer keeps money out that day", () => {
    const r = computeRunway(twoBills, {
      asOf,
      reserves: [
        { id: "h", name: "Hold", kind: "hold", amountCents: 50_000, releaseDate: d(10) },
        { id: "s", name: "Set", kind: "setAside", amountCents: 40_000, payDate: d(10) },
        { id: "p", name: "Share", kind: "percentOfInflows", basisPoints: 1000 },
      ],
    });
    const on = (until: string) => driversUntil({ ...r, outflows: [] }, until).map((x) => [said(x), x.date]);
    // The day before: both still kept out (the set-aside undated: not paid yet).
    expect(on(d(9))).toEqual([
      ["Hold", null],
      ["Set", null],
    ]);
    // On d10 the hold is released and the set-aside paid (its outflow, left out here): neither.
    expect(on(d(10))).toEqual([]);
  });

  it("a percentage reserve is what is reserved that day beyond the holds and set-asides", () => {
    const r = computeRunway(
      ledger({
        openInvoices: [
          doc("I1", { partyId: "c1", dueDate: d(3), amountCents: 500_000, balanceCents: 500_000 }),
        ],
      }),
      {
        asOf,
        reserves: [
          { id: "h", name: "Tax", kind: "hold", amountCents: 300_000, releaseDate: null },
          { id: "p", name: "Profit first", kind: "percentOfInflows", basisPoints: 2000 },
          { id: "q", name: "Owner pay", kind: "percentOfInflows", basisPoints: 1000 },
        ],
      },
    );
    // On d5: 300,000 held + 30% of 500,000 = 150,000 kept as the invoice came in.
    expect(driversUntil(r, d(5))).toEqual([
      { kind: "reserve", subject: { kind: "reserve", names: ["Tax"] }, date: null, amountCents: 300_000 },
      {
        kind: "reserve",
        subject: { kind: "reserve", names: ["Profit first", "Owner pay"] },
        date: null,
        amountCents: 150_000,
      },
    ]);
    // Before the invoice lands, nothing is kept by the percentages: the hold alone.
    expect(driversUntil(r, d(2))).toEqual([
      { kind: "reserve", subject: { kind: "reserve", names: ["Tax"] }, date: null, amountCents: 300_000 },
    ]);
  });

  it("insufficient data raises nothing (and closes nothing: see evaluateAlerts)", () => {
    const none = computeRunway(ledger({ accounts: [] }), { asOf });
    expect(none.runway.kind).toBe("insufficientData");
    expect(detectCrossings(none, { belowCents: 1_000_000_000, runwayWeeks: 52 })).toEqual([]);
  });
});

describe("alert edges", () => {
  it("a runway of exactly the chosen weeks is not under them; one day less is", () => {
    // 1,400 and 100 a day of burn: the close of day i is 1,400 − 100·(i+1), below zero first on d14.
    const r14 = computeRunway(
      ledger({
        accounts: [bank("1", "Checking", 1_400)],
        cashTxns: [cash("Purchase", d(-80), 4_000), cash("Purchase", d(-30), 5_000)],
      }),
      { asOf },
    );
    expect(r14.runway).toMatchObject({ kind: "days", days: 14 });
    expect(detectCrossings(r14, { belowCents: -1_000_000, runwayWeeks: 2 })).toEqual([]);
    const r13 = computeRunway(
      ledger({
        accounts: [bank("1", "Checking", 1_399)],
        cashTxns: [cash("Purchase", d(-80), 4_000), cash("Purchase", d(-30), 5_000)],
      }),
      { asOf },
    );
    expect(detectCrossings(r13, { belowCents: -1_000_000, runwayWeeks: 2 })).toEqual([
      expect.objectContaining({ kind: "runway", crossingDate: d(13) }),
    ]);
  });

  it("a runway past the horizon crosses on its date with the horizon's last close, reserves named", () => {
    // $1,000,000, 1,000 a day: day 90 closes at 909,000; runway 91 + ⌊909,000 × 28 ÷ 28,000⌋ = 1000.
    const r = computeRunway(
      ledger({ cashTxns: [cash("Purchase", d(-80), 40_000), cash("Purchase", d(-30), 50_000)] }),
      {
        asOf,
        reserves: [{ id: "h", name: "Tax", kind: "hold", amountCents: 100_000, releaseDate: null }],
      },
    );
    expect(r.runway).toMatchObject({ kind: "days", beyondHorizon: true });
    const [c] = detectCrossings(r, { belowCents: -1_000_000_000, runwayWeeks: 200 });
    expect(c).toMatchObject({ kind: "runway", amountCents: r.days[90]!.spendableCents });
    expect(c!.drivers.find((x) => x.kind === "reserve")).toEqual({
      kind: "reserve",
      subject: { kind: "reserve", names: ["Tax"] },
      date: null,
      amountCents: 100_000,
    });
  });

  it("drivers of equal amounts: the earlier first", () => {
    const r = computeRunway(
      ledger({
        openBills: [
          doc("LATER", { partyId: "v1", dueDate: d(6), amountCents: 600_000, balanceCents: 600_000 }),
          doc("EARLY", { partyId: "v2", dueDate: d(4), amountCents: 600_000, balanceCents: 600_000 }),
        ],
      }),
      { asOf },
    );
    expect(driversUntil(r, d(10)).map((x) => x.date)).toEqual([d(4), d(6)]);
    expect(driversUntil(r, d(10)).map((x) => said(x))).toEqual(["Bill EARLY · Gusto", "Bill LATER · Figma"]);
  });
});
