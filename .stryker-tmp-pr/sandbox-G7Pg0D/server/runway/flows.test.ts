// @ts-nocheck
import { describe, expect, it } from "vitest";
import { asOf, d, doc, ledger } from "@/tests/support/ledger";
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
});
