/**
 * Which vendors must be paid on time whatever cash says (issue 17): those whose bills post to rent,
 * payroll, tax or loan accounts. Inferred from QuickBooks' account sub-types (and a loan's
 * liability type), never from names; a person can override it per vendor. Pure.
 */
export const MUST_PAY_SUBTYPES: ReadonlyMap<string, TMustPayKind> = new Map<string, TMustPayKind>([
  ["RentOrLeaseOfBuildings", "rent"],
  ["PayrollExpenses", "payroll"],
  ["PayrollTaxPayable", "payroll"],
  ["PayrollClearing", "payroll"],
  ["TaxesPaid", "tax"],
  ["SalesTaxPayable", "tax"],
  ["FederalIncomeTaxPayable", "tax"],
  ["StateLocalIncomeTaxPayable", "tax"],
  ["LoanPayable", "loan"],
  ["NotesPayable", "loan"],
  ["ShareholderNotesPayable", "loan"],
  ["InterestPaid", "loan"],
]);

export type TMustPayKind = "rent" | "payroll" | "tax" | "loan";

export type TMustPay = { kind: TMustPayKind; accountId: string; accountName: string };

/**
 * Each vendor whose bills post to a must-pay account, with the first such account seen (bills in
 * the order given, their lines in order). A long-term liability is a loan whatever its sub-type.
 */
export function inferMustPay(
  bills: { vendorId: string | null; lineAccountIds: string[] | null }[],
  accounts: { id: string; name: string; accountType: string; subType: string | null }[],
): Map<string, TMustPay> {
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const out = new Map<string, TMustPay>();
  for (const b of bills) {
    if (!b.vendorId || out.has(b.vendorId)) continue;
    // Stryker disable next-line ArrayDeclaration: an id no account has is skipped like an empty list
    for (const id of b.lineAccountIds ?? []) {
      const a = byId.get(id);
      if (!a) continue;
      const kind =
        (a.subType && MUST_PAY_SUBTYPES.get(a.subType)) ||
        (a.accountType === "Long Term Liability" ? "loan" : undefined);
      if (kind) {
        out.set(b.vendorId, { kind, accountId: a.id, accountName: a.name });
        break;
      }
    }
  }
  return out;
}
