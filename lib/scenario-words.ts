/**
 * A scenario's items and decisions in words, for the scenario page (the scenario keeps them as
 * data: server/scenarios/schema.ts).
 */
import { payrollTax, type THypothetical } from "@/server/runway/scenario-items";
import type { TScenarioDecision } from "@/server/scenarios/schema";
import { countOf, docName, formatDate } from "./format";

type TMoney = (cents: number) => string;

/** "Hire: Designer — $6,500.00 a month from Mar 1, 2027 on day 28, plus 7.65% payroll tax ($497.25)". */
export function itemText(it: THypothetical, money: TMoney): string {
  switch (it.kind) {
    case "hire": {
      const tax = payrollTax(it.monthlyCents, it.taxBp);
      return `Hire: ${it.name} — ${money(it.monthlyCents)} a month from ${formatDate(it.from)}, paid on day ${it.payDay}, plus ${percent(it.taxBp)} employer payroll tax (${money(tax)})`;
    }
    case "loan":
      return `Loan: ${it.name} — ${money(it.amountCents)} in on ${formatDate(it.on)}, then ${countOf(it.months, "repayment")} of ${money(it.repaymentCents)} from ${formatDate(it.firstRepayment)}`;
    case "retainer":
      return `New retainer: ${it.name} — ${money(it.monthlyCents)} a month from ${formatDate(it.from)}, on day ${it.dayOfMonth}`;
    case "oneOff":
      return `One-off: ${it.name} — ${it.amountCents > 0 ? "in" : "out"} ${money(Math.abs(it.amountCents))} on ${formatDate(it.on)}`;
    case "lostClient":
      return `Lost client: ${it.name} from ${formatDate(it.from)} — its open invoices and recurring invoices from then on are gone`;
    case "move":
      return `Move ${it.name}: ${countOf(Math.abs(it.shiftDays), "day")} ${it.shiftDays > 0 ? "later" : "earlier"}, from ${formatDate(it.from)}`;
  }
}

/** "7.65%" from basis points. */
function percent(bp: number): string {
  const frac =
    bp % 100
      ? `.${String(bp % 100)
          .padStart(2, "0")
          .replace(/0$/, "")}`
      : "";
  return `${Math.floor(bp / 100)}${frac}%`;
}

/** "Pay Bill 88 · Figma on Mar 20, 2027", "Promise: Invoice 1042 · Acme for Apr 2, 2027", "Send a reminder for…". */
export function decisionText(
  d: TScenarioDecision,
  doc: { docNumber: string | null; txnDate: string | null; party: string | null } | undefined,
): string {
  const name = doc
    ? `${docName(d.kind === "schedule" ? "Bill" : "Invoice", doc.docNumber, doc.txnDate)} · ${doc.party ?? (d.kind === "schedule" ? "no vendor" : "no customer")}`
    : `${d.kind === "schedule" ? "a bill" : "an invoice"} no longer open`;
  if (d.kind === "schedule") return `Pay ${name} on ${formatDate(d.date)}`;
  if (d.kind === "promise") return `Promise: ${name} for ${formatDate(d.date)}`;
  return `Send a reminder for ${name} (when committed)`;
}
