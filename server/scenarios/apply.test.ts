import { describe, expect, it } from "vitest";
import { asOf, d, doc, ledger } from "@/tests/support/ledger";
import { scenarioChanges } from "./apply";
import type { TScenarioBody } from "./schema";

describe("what a scenario changes in the projection", () => {
  const l = ledger({
    openBills: [
      doc("B1", { partyId: "v1", dueDate: d(5), amountCents: 1_000, balanceCents: 1_000 }),
      doc("B0", { partyId: "v1", dueDate: d(5), amountCents: 1_000, balanceCents: 0 }),
    ],
    openInvoices: [
      doc("I1", { partyId: "c1", dueDate: d(-5), amountCents: 2_000, balanceCents: 2_000 }),
      doc("I0", { partyId: "c1", dueDate: d(-5), amountCents: 2_000, balanceCents: 0 }),
    ],
  });
  const body = (decisions: TScenarioBody["decisions"]): TScenarioBody => ({
    v: 1,
    items: [{ kind: "oneOff", id: "o", name: "Laptop", amountCents: -500, on: d(3) }],
    decisions,
  });

  it("open documents' decisions become changes in order, a reminder going out today; items follow", () => {
    expect(
      scenarioChanges(
        body([
          { kind: "schedule", targetId: "B1", date: d(9) },
          { kind: "promise", targetId: "I1", date: d(0) },
          { kind: "remind", targetId: "I1" },
        ]),
        l,
        asOf,
      ),
    ).toEqual({
      changes: [
        { kind: "payBill", billId: "B1", date: d(9) },
        { kind: "promise", invoiceId: "I1", date: d(0) },
        { kind: "remind", invoiceId: "I1", date: asOf },
        {
          kind: "hypothetical",
          item: { kind: "oneOff", id: "o", name: "Laptop", amountCents: -500, on: d(3) },
        },
      ],
      noLongerApplies: [],
    });
  });

  it("paid, voided or unknown documents, and dates before today, no longer apply", () => {
    const gone: TScenarioBody["decisions"] = [
      { kind: "schedule", targetId: "B0", date: d(9) }, // paid
      { kind: "schedule", targetId: "B9", date: d(9) }, // not in the books
      { kind: "schedule", targetId: "B1", date: d(-1) }, // yesterday
      { kind: "promise", targetId: "I0", date: d(4) },
      { kind: "promise", targetId: "I1", date: d(-1) },
      { kind: "remind", targetId: "I0" },
      { kind: "schedule", targetId: "I1", date: d(4) }, // an invoice is no bill
      { kind: "promise", targetId: "B1", date: d(4) }, // a bill is no invoice
    ];
    const r = scenarioChanges(body(gone), l, asOf);
    expect(r.noLongerApplies).toEqual(gone);
    expect(r.changes.map((c) => c.kind)).toEqual(["hypothetical"]);
  });
});
