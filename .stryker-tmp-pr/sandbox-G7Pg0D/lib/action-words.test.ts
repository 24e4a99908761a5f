// @ts-nocheck
import { beforeAll, describe, expect, it } from "vitest";
import { computeRunway } from "@/server/runway/engine";
import { topActions } from "@/server/runway/top-actions";
import { asOf, bank, d, doc, ledger } from "@/tests/support/ledger";
import { actionDetail, actionGain, actionTitle, atRiskText } from "./action-words";

const money = (c: number) => `$${(c / 100).toFixed(2)}`;

describe("this week's actions in words", () => {
  // $100, no burn: an invoice of $500 due 20 days ago (Acme, no habit yet), a bill of $300 due on
  // d3 and an at-risk invoice of $50. Spendable goes below zero on d3.
  const l = ledger({
    accounts: [bank("1", "Checking", 10_000)],
    openInvoices: [
      doc("INV", {
        docNumber: "1042",
        partyId: "c1",
        dueDate: d(-20),
        amountCents: 50_000,
        balanceCents: 50_000,
      }),
      doc("OLD", {
        docNumber: "990",
        partyId: "c1",
        dueDate: d(-100),
        amountCents: 5_000,
        balanceCents: 5_000,
      }),
    ],
    openBills: [
      doc("B", { docNumber: "88", partyId: "v1", dueDate: d(3), amountCents: 30_000, balanceCents: 30_000 }),
    ],
  });
  let actions: ReturnType<typeof topActions>;
  beforeAll(() => {
    actions = topActions(l, { asOf }, computeRunway(l, { asOf }), { limit: 5 });
  });
  const byKind = (k: string) => actions.find((a) => a.kind === k)!;

  it("a reminder says how overdue, and when it would then come in", () => {
    const a = byKind("remindInvoice");
    expect(actionTitle(a)).toBe("Send a reminder for Invoice 1042 · Acme");
    expect(actionDetail(a, money)).toBe(
      "$500.00 · 20 days overdue, no reminder sent. With a reminder today it is expected by Mar 21, 2026 instead of Apr 15, 2026",
    );
    expect(actionDetail({ ...a, overdueDays: 0 }, money)).toContain("later than this customer usually pays");
  });

  it("why an invoice is at risk is worded from data, or read as stored words from a version 1 digest", () => {
    expect(atRiskText({ kind: "pastDue", days: 91 })).toBe("91 days past due");
    expect(atRiskText({ kind: "noRecentPayment", days: 90 })).toBe(
      "no payment from this customer in 90 days",
    );
    const chase = byKind("chaseInvoice");
    expect(actionDetail({ ...chase, atRisk: undefined, reason: "as it was stored" }, money)).toContain(
      "$50.00 · as it was stored. Left out",
    );
  });

  it("a promise date and a delay are worded, with the gain that ranked them", () => {
    expect(actionTitle(byKind("chaseInvoice"))).toBe("Get a promise date for Invoice 990 · Acme");
    expect(actionDetail(byKind("chaseInvoice"), money)).toBe(
      "$50.00 · 100 days past due. Left out of the forecast until the customer promises a date: ask for Mar 30, 2026",
    );
    const delay = byKind("delayBill");
    expect(actionTitle(delay)).toBe("Delay Bill 88 · Figma");
    expect(actionDetail(delay, money)).toBe("$300.00 · pay on Apr 2, 2026 instead of Mar 19, 2026");
    // The reminder lands on d5, after the low of d3: cash sooner, the low unmoved; the delay moves
    // the first day below zero from d3 to d17.
    expect(actionGain(byKind("remindInvoice"), money)).toBe("cash in sooner");
    expect(actionGain(delay, money)).toBe("+14 days");
    expect(actionDetail({ ...delay, overdueDays: 9 }, money)).toBe(
      "$300.00 · already 9 days overdue: pay on Apr 2, 2026 instead of now, if the vendor agrees",
    );
  });
});
