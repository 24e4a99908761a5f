import type { TChange, TLedger } from "../runway/types";
import type { TScenarioBody, TScenarioDecision } from "./schema";

/**
 * What a scenario changes in the projection as of `asOf`: its decisions whose document is still
 * open (a pay date or promise date not yet passed; a reminder goes out today) and all its
 * hypothetical items. Decisions whose document was paid or voided since, or whose date has passed,
 * no longer apply: they are returned apart and left out. Pure.
 */
export function scenarioChanges(
  body: TScenarioBody,
  ledger: TLedger,
  asOf: string,
): { changes: TChange[]; noLongerApplies: TScenarioDecision[] } {
  const openBills = new Set(ledger.openBills.filter((b) => b.balanceCents > 0).map((b) => b.id));
  const openInvoices = new Set(ledger.openInvoices.filter((i) => i.balanceCents > 0).map((i) => i.id));
  const noLongerApplies: TScenarioDecision[] = [];
  const changes: TChange[] = [];
  for (const d of body.decisions) {
    if (!stillApplies(d, openBills, openInvoices, asOf)) {
      noLongerApplies.push(d);
      continue;
    }
    if (d.kind === "schedule") changes.push({ kind: "payBill", billId: d.targetId, date: d.date });
    else if (d.kind === "promise") changes.push({ kind: "promise", invoiceId: d.targetId, date: d.date });
    else changes.push({ kind: "remind", invoiceId: d.targetId, date: asOf });
  }
  for (const item of body.items) changes.push({ kind: "hypothetical", item });
  return { changes, noLongerApplies };
}

function stillApplies(
  d: TScenarioDecision,
  openBills: Set<string>,
  openInvoices: Set<string>,
  asOf: string,
): boolean {
  if (d.kind === "schedule") return openBills.has(d.targetId) && d.date >= asOf;
  if (d.kind === "promise") return openInvoices.has(d.targetId) && d.date >= asOf;
  return openInvoices.has(d.targetId);
}
