/**
 * Why a projected flow falls on its date, in plain words (the engine returns it as data: TBasis).
 * For the decision console and anything else that shows a flow's date.
 */
import type { TStoredSubject } from "@/server/runway/subject-schema";
import type { TBasis, TSubject } from "@/server/runway/types";
import { countOf, docName, formatDate } from "./format";

/**
 * What a flow is, in words: "Invoice 1042 · Acme", "Bill of Nov 3, 2026 · no vendor", "Payments
 * not yet deposited", "Rent · Pearl District", "Credit card payment", "Tax, Owner pay". A stored
 * subject from before subjects were data (`legacy`) is its stored words.
 */
export function subjectText(s: TSubject | TStoredSubject): string {
  switch (s.kind) {
    case "document":
      return `${docName(s.type, s.docNumber, s.txnDate)} · ${s.party ?? (s.type === "Invoice" ? "no customer" : "no vendor")}`;
    case "undeposited":
      return "Payments not yet deposited";
    case "template": {
      const name = s.name?.trim() || (s.txnType === "SalesReceipt" ? "Sales receipt" : s.txnType);
      return s.party ? `${name} · ${s.party}` : name;
    }
    case "detected":
      return s.toCard ? "Credit card payment" : (s.party ?? "A vendor");
    case "reserve":
      return s.names.join(", ");
    case "scenarioItem":
      return s.part === "pay"
        ? `${s.name} (pay and payroll tax)`
        : s.part === "draw"
          ? `${s.name} (draw)`
          : s.part === "repayment"
            ? `${s.name} (repayment)`
            : s.name;
    case "legacy":
      return s.text;
  }
}

export function basisText(b: TBasis): string {
  switch (b.kind) {
    case "dueDate":
      return "due date";
    case "invoiceDate":
      return "invoice date";
    case "habit": {
      const n = b.medianDaysLate;
      const how =
        n === 0
          ? "on the due date"
          : n > 0
            ? `${countOf(n, "day")} after due`
            : `${countOf(-n, "day")} before due`;
      return `pays ${how} (median of the last ${countOf(b.sample, "paid invoice")})`;
    }
    case "promised":
      return "promised";
    case "reminded":
      return `reminded on ${formatDate(b.on)}: expected ${countOf(b.days, "day")} after the reminder`;
    case "overdueReminded":
      return `overdue, reminded: expected within ${countOf(b.days, "day")}`;
    case "overdueUnreminded":
      return `overdue, no reminder sent: expected in ${countOf(b.days, "day")}`;
    case "undeposited":
      return `in Undeposited Funds: expected in the bank within ${countOf(b.days, "day")}`;
    case "recurringIncome":
      return `recurring ${b.txnType === "SalesReceipt" ? "sales receipt" : b.txnType.toLowerCase()} on ${formatDate(b.date)}${b.lagDays ? `, paid ${countOf(b.lagDays, "day")} later` : ""}`;
    case "recurringTemplate":
      return "QuickBooks recurring template";
    case "recurringDetected":
      return `recurring on ${b.dayOfMonth === 31 ? "the last day" : `day ${b.dayOfMonth}`} of the month (${countOf(b.occurrences, "time")} in ${b.windowDays} days)`;
    case "scheduled":
      return "scheduled";
    case "billNoDueDate":
      return `no due date: bill date + ${countOf(b.termDays, "day")} of terms`;
    case "billOverdue":
      return "overdue";
    case "setAside":
      return "set aside for this payment";
    case "scenario":
      return "in this scenario";
  }
}

/** The basis, and the open credit taken off the amount when there was some. */
export function flowBasisText(
  f: { basis: TBasis; creditAppliedCents?: number; movedFrom?: string },
  money: (cents: number) => string,
): string {
  return `${basisText(f.basis)}${f.creditAppliedCents ? `; less ${money(f.creditAppliedCents)} of open credit` : ""}${f.movedFrom ? `; moved from ${formatDate(f.movedFrom)} in this scenario` : ""}`;
}
