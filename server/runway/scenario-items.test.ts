import { describe, expect, it } from "vitest";
import { d as dd, doc, asOf as la, ledger } from "@/tests/support/ledger";
import { addDays } from "./dates";
import { computeRunway } from "./engine";
import {
  hypotheticalFlows,
  lostClients,
  movedDate,
  payrollTax,
  type THypothetical,
  templateKey,
} from "./scenario-items";
import type { TChange } from "./types";

const asOf = "2026-12-04";
const end = "2027-03-04";

describe("hypothetical items of a scenario, by hand", () => {
  it("a hire costs its gross pay plus the employer's payroll tax on each pay day from its start", () => {
    // $6,000 a month from Jan 10, paid on the 15th, 7.65% employer tax: $6,459.00 on Jan 15, Feb 15.
    const hire: THypothetical = {
      kind: "hire",
      id: "h",
      name: "Designer",
      monthlyCents: 600_000,
      from: "2027-01-10",
      payDay: 15,
      taxBp: 765,
    };
    expect(hypotheticalFlows([hire], asOf, end)).toEqual([
      { itemId: "h", date: "2027-01-15", amountCents: -645_900, part: "pay" },
      { itemId: "h", date: "2027-02-15", amountCents: -645_900, part: "pay" },
    ]);
    // Starting on a pay day pays that day; a pay day of 31 is each month's last day.
    const last = hypotheticalFlows([{ ...hire, from: "2027-01-31", payDay: 31 }], asOf, end);
    expect(last.map((f) => f.date)).toEqual(["2027-01-31", "2027-02-28"]);
    expect(hypotheticalFlows([{ ...hire, from: "2027-01-15" }], asOf, end)[0]!.date).toBe("2027-01-15");
    // A start before today pays from today's month on, never in the past.
    expect(hypotheticalFlows([{ ...hire, from: "2026-10-01" }], asOf, end).map((f) => f.date)).toEqual([
      "2026-12-15",
      "2027-01-15",
      "2027-02-15",
    ]);
  });

  it("payroll tax rounds half up to the cent", () => {
    expect(payrollTax(600_000, 765)).toBe(45_900);
    expect(payrollTax(1, 5_000)).toBe(1); // half a cent rounds up
    expect(payrollTax(1, 4_999)).toBe(0);
    expect(payrollTax(333_33, 765)).toBe(2_550); // 2,549.97… → 2,550
    expect(payrollTax(100_000, 0)).toBe(0);
  });

  it("a loan brings its draw in, then takes its repayments out, as many as agreed", () => {
    const loan: THypothetical = {
      kind: "loan",
      id: "l",
      name: "Line of credit",
      amountCents: 5_000_000,
      on: "2026-12-20",
      repaymentCents: 900_000,
      firstRepayment: "2027-01-31",
      months: 2,
    };
    expect(hypotheticalFlows([loan], asOf, end)).toEqual([
      { itemId: "l", date: "2026-12-20", amountCents: 5_000_000, part: "draw" },
      { itemId: "l", date: "2027-01-31", amountCents: -900_000, part: "repayment" },
      { itemId: "l", date: "2027-02-28", amountCents: -900_000, part: "repayment" },
    ]);
    // Repayments past the horizon are not in it; a draw before today is not either.
    expect(
      hypotheticalFlows([{ ...loan, months: 12, on: "2026-12-01" }], asOf, end).map((f) => f.date),
    ).toEqual(["2027-01-31", "2027-02-28"]);
  });

  it("a retainer comes in on its day each month from its start; a one-off once, in or out", () => {
    const flows = hypotheticalFlows(
      [
        {
          kind: "retainer",
          id: "r",
          name: "Acme retainer",
          monthlyCents: 250_000,
          from: "2026-12-05",
          dayOfMonth: 5,
        },
        { kind: "oneOff", id: "o", name: "Laptop", amountCents: -240_000, on: "2027-01-05" },
        { kind: "oneOff", id: "p", name: "Too late", amountCents: 1, on: "2027-03-05" },
        { kind: "oneOff", id: "q", name: "Too early", amountCents: 1, on: "2026-12-03" },
      ],
      asOf,
      end,
    );
    expect(flows).toEqual([
      { itemId: "r", date: "2026-12-05", amountCents: 250_000, part: "income" },
      { itemId: "o", date: "2027-01-05", amountCents: -240_000, part: "oneOff" },
      { itemId: "r", date: "2027-01-05", amountCents: 250_000, part: "income" },
      { itemId: "r", date: "2027-02-05", amountCents: 250_000, part: "income" },
    ]);
    // The horizon's last day counts; today counts.
    expect(
      hypotheticalFlows([{ kind: "oneOff", id: "x", name: "x", amountCents: 5, on: end }], asOf, end),
    ).toHaveLength(1);
    expect(
      hypotheticalFlows([{ kind: "oneOff", id: "x", name: "x", amountCents: 5, on: asOf }], asOf, end),
    ).toHaveLength(1);
  });

  it("a lost client adds no flow of its own; named twice, the earlier date counts", () => {
    const items: THypothetical[] = [
      { kind: "lostClient", id: "a", name: "Acme", customerId: "c1", from: "2027-01-01" },
      { kind: "lostClient", id: "b", name: "Acme again", customerId: "c1", from: "2026-12-15" },
      { kind: "lostClient", id: "c", name: "Beta", customerId: "c2", from: "2027-02-01" },
    ];
    expect(hypotheticalFlows(items, asOf, end)).toEqual([]);
    expect(Object.fromEntries(lostClients(items))).toEqual({ c1: "2026-12-15", c2: "2027-02-01" });
  });
});

describe("hypothetical items at their edges", () => {
  it("repayments before today are not in the horizon; the agreed count is exact; a pay day before the start waits a month", () => {
    const loan: THypothetical = {
      kind: "loan",
      id: "l",
      name: "Loan",
      amountCents: 100,
      on: "2026-10-01",
      repaymentCents: 10,
      firstRepayment: "2026-11-15",
      months: 3,
    };
    // Nov 15 is before today (Dec 4): only Dec 15 and Jan 15 of the three are inside.
    expect(hypotheticalFlows([loan], asOf, end).map((f) => f.date)).toEqual(["2026-12-15", "2027-01-15"]);
    expect(
      hypotheticalFlows([{ ...loan, firstRepayment: "2026-12-15", months: 1 }], asOf, end).map((f) => f.date),
    ).toEqual(["2026-12-15"]);
    const retainer: THypothetical = {
      kind: "retainer",
      id: "r",
      name: "R",
      monthlyCents: 5,
      from: "2026-10-01",
      dayOfMonth: 4,
    };
    // From October, but only today's on: Dec 4 (today), Jan 4, Feb 4, and Mar 4 (the horizon's last day).
    expect(hypotheticalFlows([retainer], asOf, end).map((f) => f.date)).toEqual([
      "2026-12-04",
      "2027-01-04",
      "2027-02-04",
      "2027-03-04",
    ]);
    const hire: THypothetical = {
      kind: "hire",
      id: "h",
      name: "H",
      monthlyCents: 100,
      from: "2027-01-10",
      payDay: 5,
      taxBp: 0,
    };
    // Jan 5 is before the start; Mar 5 is after the horizon.
    expect(hypotheticalFlows([hire], asOf, end).map((f) => f.date)).toEqual(["2027-02-05"]);
  });

  it("same-day flows are ordered by item; lost clients ignore other items", () => {
    const flows = hypotheticalFlows(
      [
        { kind: "oneOff", id: "b", name: "B", amountCents: 1, on: "2027-01-05" },
        { kind: "oneOff", id: "a", name: "A", amountCents: 1, on: "2027-01-05" },
        { kind: "oneOff", id: "c", name: "C", amountCents: 1, on: "2027-01-04" },
      ],
      asOf,
      end,
    );
    expect(flows.map((f) => f.itemId)).toEqual(["c", "a", "b"]);
    const items: THypothetical[] = [
      { kind: "hire", id: "h", name: "H", monthlyCents: 1, from: asOf, payDay: 1, taxBp: 0 },
      { kind: "lostClient", id: "x", name: "X", customerId: "c1", from: "2027-01-01" },
    ];
    expect([...lostClients(items).entries()]).toEqual([["c1", "2027-01-01"]]);
  });
});

describe("a scenario's items in the projection (computeRunway)", () => {
  // $10,000 in the bank, nothing else moving: every change is the item's own.
  const base = ledger({
    openInvoices: [
      doc("I1", { partyId: "c1", dueDate: dd(10), amountCents: 300_000, balanceCents: 300_000 }),
      doc("I2", { partyId: "c1", dueDate: dd(40), amountCents: 200_000, balanceCents: 200_000 }),
    ],
    paidInvoices: [],
  });
  const spend = (changes: TChange[], day: number) =>
    computeRunway(base, { asOf: la, changes }).days[day]!.spendableCents;
  const at = (n: number) => addDays(la, n);

  it("a hire's pay and tax leave on each pay day; the base never has them", () => {
    const hire: TChange = {
      kind: "hypothetical",
      item: {
        kind: "hire",
        id: "h",
        name: "Designer",
        monthlyCents: 400_000,
        from: at(5),
        payDay: Number(at(5).slice(8)),
        taxBp: 1_000,
      },
    };
    const r = computeRunway(base, { asOf: la, changes: [hire] });
    const pay = r.outflows.filter((f) => f.kind === "scenario");
    expect(pay[0]).toEqual({
      date: at(5),
      amountCents: 440_000,
      kind: "scenario",
      ref: { type: "ScenarioItem", id: "h" },
      subject: { kind: "scenarioItem", name: "Designer", part: "pay" },
      partyId: null,
      basis: { kind: "scenario" },
    });
    expect(spend([hire], 4) - spend([], 4)).toBe(0);
    expect(spend([hire], 5) - spend([], 5)).toBe(-440_000);
    expect(computeRunway(base, { asOf: la }).outflows.some((f) => f.kind === "scenario")).toBe(false);
  });

  it("a loan's draw comes in and its repayments go out; a one-off likewise; combined they add up", () => {
    const loan: TChange = {
      kind: "hypothetical",
      item: {
        kind: "loan",
        id: "l",
        name: "Loan",
        amountCents: 1_000_000,
        on: at(2),
        repaymentCents: 100_000,
        firstRepayment: at(32),
        months: 3,
      },
    };
    const oneOff: TChange = {
      kind: "hypothetical",
      item: { kind: "oneOff", id: "o", name: "Laptop", amountCents: -250_000, on: at(3) },
    };
    expect(spend([loan], 2) - spend([], 2)).toBe(1_000_000);
    expect(spend([loan], 32) - spend([], 32)).toBe(900_000);
    expect(spend([oneOff], 3) - spend([], 3)).toBe(-250_000);
    // By day 40 (Apr 25) one repayment (Apr 17) has gone out.
    expect(spend([loan, oneOff], 40) - spend([], 40)).toBe(1_000_000 - 100_000 - 250_000);
    // The third (Jun 17) falls after the horizon (day 90 is Jun 14).
    expect(spend([loan, oneOff], 90) - spend([], 90)).toBe(1_000_000 - 200_000 - 250_000);
  });

  it("a lost client's expected payments from its date are gone; those before stay", () => {
    const lost: TChange = {
      kind: "hypothetical",
      item: { kind: "lostClient", id: "x", name: "Acme", customerId: "c1", from: at(20) },
    };
    const r = computeRunway(base, { asOf: la, changes: [lost] });
    expect(r.inflows.filter((f) => f.kind === "invoice").map((f) => f.ref?.id)).toEqual(["I1"]);
    expect(spend([lost], 50) - spend([], 50)).toBe(-200_000);
    const early: TChange = { kind: "hypothetical", item: { ...lost.item, from: at(0) } as never };
    expect(
      computeRunway(base, { asOf: la, changes: [early] }).inflows.filter((f) => f.kind === "invoice"),
    ).toEqual([]);
  });
});

describe("where a move puts a recurring occurrence", () => {
  const move = (recurring: string, from: string, shiftDays: number, id = "m") => ({
    kind: "move" as const,
    id,
    name: "Rent",
    recurring,
    from,
    shiftDays,
  });
  it("from its date on, by its days; before it, or another item's, unchanged", () => {
    const items = [move("template:R1", "2026-05-01", 10)];
    expect(movedDate(items, "template:R1", "2026-05-01", "2026-03-16")).toBe("2026-05-11");
    expect(movedDate(items, "template:R1", "2026-04-30", "2026-03-16")).toBe("2026-04-30");
    expect(movedDate(items, "template:R2", "2026-05-01", "2026-03-16")).toBe("2026-05-01");
  });
  it("earlier, never before today: today exactly stays today", () => {
    const items = [move("vendor:v1:15", "2026-03-16", -5)];
    expect(movedDate(items, "vendor:v1:15", "2026-03-20", "2026-03-16")).toBe("2026-03-16");
    expect(movedDate(items, "vendor:v1:15", "2026-03-21", "2026-03-16")).toBe("2026-03-16");
    expect(movedDate(items, "vendor:v1:15", "2026-03-22", "2026-03-16")).toBe("2026-03-17");
  });
  it("the first move of the item that applies wins; other kinds of item are not moves", () => {
    const items = [
      { kind: "oneOff" as const, id: "o", name: "x", amountCents: 1, on: "2026-04-01" },
      move("template:R1", "2026-06-01", 3, "late"),
      move("template:R1", "2026-04-01", 7, "early"),
    ];
    expect(movedDate(items, "template:R1", "2026-05-01", "2026-03-16")).toBe("2026-05-08");
    expect(movedDate(items, "template:R1", "2026-06-01", "2026-03-16")).toBe("2026-06-04");
    expect(templateKey("42")).toBe("template:42");
    expect(hypotheticalFlows(items.slice(1), "2026-03-16", "2026-06-14")).toEqual([]);
  });
});
