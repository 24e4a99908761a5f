import { describe, expect, it } from "vitest";
import { asOf, cash, d, doc, ledger } from "@/tests/support/ledger";
import { computeRunway } from "./engine";
import type { TChange } from "./types";

/** What each projected flow says it is: its kind, its reference, its subject and its basis. */
describe("projected flows, as data", () => {
  it("a set-aside is an outflow of its reserve on its pay date, named by the reserve", () => {
    const r = computeRunway(ledger(), {
      asOf,
      reserves: [{ id: "s", name: "Insurance", kind: "setAside", amountCents: 50_000, payDate: d(20) }],
    });
    expect(r.outflows).toEqual([
      {
        date: d(20),
        amountCents: 50_000,
        kind: "setAside",
        ref: { type: "Reserve", id: "s" },
        subject: { kind: "reserve", names: ["Insurance"] },
        partyId: null,
        basis: { kind: "setAside" },
      },
    ]);
  });

  it("flows on the same day for the same amount are ordered by what they are, not by how they were found", () => {
    const r = computeRunway(
      ledger({
        openBills: [
          doc("1", { docNumber: "B", partyId: "v1", dueDate: d(5), amountCents: 1_000, balanceCents: 1_000 }),
          doc("2", { docNumber: "A", partyId: "v1", dueDate: d(5), amountCents: 1_000, balanceCents: 1_000 }),
        ],
      }),
      { asOf },
    );
    expect(r.outflows.map((f) => f.ref?.id)).toEqual(["2", "1"]);
  });

  it("a lost client's inflows go from its date exactly; another customer's stay", () => {
    const l = ledger({
      customers: [
        { id: "c1", name: "Acme", termId: null },
        { id: "c2", name: "Beta", termId: null },
      ],
      openInvoices: [
        doc("I1", { partyId: "c1", dueDate: d(10), amountCents: 300_000, balanceCents: 300_000 }),
        doc("I2", { partyId: "c2", dueDate: d(30), amountCents: 200_000, balanceCents: 200_000 }),
      ],
    });
    const changes: TChange[] = [
      // I1 promised for day 25; the client leaves that very day.
      { kind: "promise", invoiceId: "I1", date: d(25) },
      {
        kind: "hypothetical",
        item: { kind: "lostClient", id: "x", name: "Acme", customerId: "c1", from: d(25) },
      },
    ];
    const r = computeRunway(l, { asOf, changes });
    expect(r.inflows.map((f) => f.ref?.id)).toEqual(["I2"]);
    // One day later it would still have come in.
    const later = computeRunway(l, {
      asOf,
      changes: [
        changes[0]!,
        {
          kind: "hypothetical",
          item: { kind: "lostClient", id: "x", name: "Acme", customerId: "c1", from: d(26) },
        },
      ],
    });
    expect(later.inflows.map((f) => f.ref?.id)).toEqual(["I1", "I2"]);
  });

  describe("moving a recurring item (rent, payroll)", () => {
    // asOf 2026-03-16, horizon end 2026-06-14.
    const rent = {
      id: "R1",
      txnType: "Bill",
      name: "Rent",
      intervalType: "Monthly",
      numInterval: 1,
      dayOfMonth: 1,
      nextDate: "2026-04-01",
      amountCents: 900_000,
      partyId: "v1",
    };
    const retainer = { ...rent, id: "R2", txnType: "Invoice", name: "Retainer", partyId: "c1" };
    const move = (recurring: string, from: string, shiftDays: number): TChange => ({
      kind: "hypothetical",
      item: { kind: "move", id: "m", name: "Move it", recurring, from, shiftDays },
    });
    const outs = (r: ReturnType<typeof computeRunway>) =>
      r.outflows.filter((f) => f.kind === "recurringOutflow").map((f) => [f.date, f.movedFrom ?? null]);

    it("a template's occurrences from the move's date land that many days later, each saying where from", () => {
      const l = ledger({ recurring: [rent] });
      // From 05-01: April stays, May and June move 10 days.
      const r = computeRunway(l, { asOf, changes: [move("template:R1", "2026-05-01", 10)] });
      expect(outs(r)).toEqual([
        ["2026-04-01", null],
        ["2026-05-11", "2026-05-01"],
        ["2026-06-11", "2026-06-01"],
      ]);
      // From one day later, May stays too.
      expect(outs(computeRunway(l, { asOf, changes: [move("template:R1", "2026-05-02", 10)] }))).toEqual([
        ["2026-04-01", null],
        ["2026-05-01", null],
        ["2026-06-11", "2026-06-01"],
      ]);
      // Another template's key moves nothing.
      expect(outs(computeRunway(l, { asOf, changes: [move("template:R9", "2026-03-16", 10)] }))).toEqual([
        ["2026-04-01", null],
        ["2026-05-01", null],
        ["2026-06-01", null],
      ]);
    });

    it("moved past the horizon it leaves the projection; moved earlier it is never before today", () => {
      const l = ledger({ recurring: [rent] });
      // 06-01 + 14 = 06-15, one day past the horizon end; 05-01 + 14 = 05-15 stays.
      expect(outs(computeRunway(l, { asOf, changes: [move("template:R1", "2026-05-01", 14)] }))).toEqual([
        ["2026-04-01", null],
        ["2026-05-15", "2026-05-01"],
      ]);
      expect(outs(computeRunway(l, { asOf, changes: [move("template:R1", "2026-05-01", 13)] }))).toEqual([
        ["2026-04-01", null],
        ["2026-05-14", "2026-05-01"],
        ["2026-06-14", "2026-06-01"],
      ]);
      // 04-01 − 27 days = 03-05, before today 03-16: today.
      expect(outs(computeRunway(l, { asOf, changes: [move("template:R1", "2026-03-16", -27)] }))[0]).toEqual([
        "2026-03-16",
        "2026-04-01",
      ]);
    });

    it("a recurring invoice moved lands its lag after the moved date", () => {
      const l = ledger({ customers: [{ id: "c1", name: "Acme", termId: "net15" }], recurring: [retainer] });
      const r = computeRunway(l, { asOf, changes: [move("template:R2", "2026-04-01", 5)] });
      // 04-06 + Net 15 = 04-21; 05-06 + 15 = 05-21; 06-06 + 15 = 06-21 is past the horizon.
      expect(r.inflows.map((f) => [f.date, f.movedFrom ?? null])).toEqual([
        ["2026-04-21", "2026-04-01"],
        ["2026-05-21", "2026-05-01"],
      ]);
    });

    it("payroll found in the bank history moves by its series key", () => {
      const payroll = [d(-60), d(-30), d(-2)].map((date, i) =>
        cash("Purchase", date, 500_000 + i, { vendorId: "v2" }),
      );
      const l = ledger({ cashTxns: payroll });
      const base = computeRunway(l, { asOf });
      expect(base.recurringSeries.map((s) => s.key)).toEqual(["vendor:v2:14"]);
      const r = computeRunway(l, { asOf, changes: [move("vendor:v2:14", "2026-05-01", 3)] });
      expect(outs(r)).toEqual([
        ["2026-04-14", null],
        ["2026-05-17", "2026-05-14"],
        // 06-14 + 3 = 06-17 is past the horizon end 06-14.
      ]);
      // The spendable path moves with it: on 05-14 the base has paid it, the scenario not yet.
      const on = (x: ReturnType<typeof computeRunway>, date: string) =>
        x.days.find((day) => day.date === date)!.spendableCents;
      expect(on(r, "2026-05-14") - on(base, "2026-05-14")).toBe(500_002);
      expect(on(r, "2026-05-17") - on(base, "2026-05-17")).toBe(0);
    });
  });
});
