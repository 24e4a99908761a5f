// @ts-nocheck
import { describe, expect, it } from "vitest";
import { basisText, flowBasisText, subjectText } from "./flow-words";

describe("why a flow falls on its date, in words", () => {
  it("words every basis the engine returns", () => {
    expect(basisText({ kind: "dueDate" })).toBe("due date");
    expect(basisText({ kind: "invoiceDate" })).toBe("invoice date");
    expect(basisText({ kind: "habit", medianDaysLate: 1, sample: 1 })).toBe(
      "pays 1 day after due (median of the last 1 paid invoice)",
    );
    expect(basisText({ kind: "habit", medianDaysLate: -3, sample: 6 })).toBe(
      "pays 3 days before due (median of the last 6 paid invoices)",
    );
    expect(basisText({ kind: "habit", medianDaysLate: 0, sample: 2 })).toBe(
      "pays on the due date (median of the last 2 paid invoices)",
    );
    expect(basisText({ kind: "promised" })).toBe("promised");
    expect(basisText({ kind: "reminded", on: "2026-03-16", days: 12 })).toBe(
      "reminded on Mar 16, 2026: expected 12 days after the reminder",
    );
    expect(basisText({ kind: "overdueReminded", days: 5 })).toBe("overdue, reminded: expected within 5 days");
    expect(basisText({ kind: "overdueUnreminded", days: 30 })).toBe(
      "overdue, no reminder sent: expected in 30 days",
    );
    expect(basisText({ kind: "undeposited", days: 2 })).toBe(
      "in Undeposited Funds: expected in the bank within 2 days",
    );
    expect(
      basisText({ kind: "recurringIncome", txnType: "SalesReceipt", date: "2026-04-01", lagDays: 0 }),
    ).toBe("recurring sales receipt on Apr 1, 2026");
    expect(basisText({ kind: "recurringIncome", txnType: "Invoice", date: "2026-04-01", lagDays: 1 })).toBe(
      "recurring invoice on Apr 1, 2026, paid 1 day later",
    );
    expect(basisText({ kind: "recurringTemplate" })).toBe("QuickBooks recurring template");
    expect(basisText({ kind: "recurringDetected", dayOfMonth: 31, occurrences: 3, windowDays: 90 })).toBe(
      "recurring on the last day of the month (3 times in 90 days)",
    );
    expect(basisText({ kind: "recurringDetected", dayOfMonth: 15, occurrences: 1, windowDays: 90 })).toBe(
      "recurring on day 15 of the month (1 time in 90 days)",
    );
    expect(basisText({ kind: "scheduled" })).toBe("scheduled");
    expect(basisText({ kind: "billNoDueDate", termDays: 15 })).toBe(
      "no due date: bill date + 15 days of terms",
    );
    expect(basisText({ kind: "billOverdue" })).toBe("overdue");
    expect(basisText({ kind: "setAside" })).toBe("set aside for this payment");
  });

  it("names open credit taken off the amount, and only when there was some", () => {
    const money = (c: number) => `$${(c / 100).toFixed(2)}`;
    expect(flowBasisText({ basis: { kind: "dueDate" }, creditAppliedCents: 2_500 }, money)).toBe(
      "due date; less $25.00 of open credit",
    );
    expect(flowBasisText({ basis: { kind: "dueDate" } }, money)).toBe("due date");
  });
});

describe("what a flow is, in words", () => {
  it("documents by number, else date; their party, else which kind is missing", () => {
    const doc = { kind: "document" as const, docNumber: "1042", txnDate: "2026-11-03", party: "Acme" };
    expect(subjectText({ ...doc, type: "Invoice" })).toBe("Invoice 1042 · Acme");
    expect(subjectText({ ...doc, type: "Bill", docNumber: null, party: null })).toBe(
      "Bill of Nov 3, 2026 · no vendor",
    );
    expect(subjectText({ ...doc, type: "Invoice", docNumber: " ", party: null })).toBe(
      "Invoice of Nov 3, 2026 · no customer",
    );
  });
  it("templates by name, else their type; detected series by vendor or card; reserves by name", () => {
    expect(subjectText({ kind: "template", name: "Rent", txnType: "Bill", party: "Pearl" })).toBe(
      "Rent · Pearl",
    );
    expect(subjectText({ kind: "template", name: null, txnType: "SalesReceipt", party: null })).toBe(
      "Sales receipt",
    );
    expect(subjectText({ kind: "template", name: "  ", txnType: "Invoice", party: "Acme" })).toBe(
      "Invoice · Acme",
    );
    expect(subjectText({ kind: "detected", toCard: true, party: null })).toBe("Credit card payment");
    expect(subjectText({ kind: "detected", toCard: false, party: "Gusto" })).toBe("Gusto");
    expect(subjectText({ kind: "detected", toCard: false, party: null })).toBe("A vendor");
    expect(subjectText({ kind: "reserve", names: ["Tax", "Owner pay"] })).toBe("Tax, Owner pay");
    expect(subjectText({ kind: "undeposited" })).toBe("Payments not yet deposited");
    expect(subjectText({ kind: "legacy", text: "as stored" })).toBe("as stored");
  });
});
