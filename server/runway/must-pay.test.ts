import { describe, expect, it } from "vitest";
import { inferMustPay, MUST_PAY_SUBTYPES } from "./must-pay";

const accounts = [
  { id: "1", name: "Rent or Lease", accountType: "Expense", subType: "RentOrLeaseOfBuildings" },
  { id: "2", name: "Wages", accountType: "Expense", subType: "PayrollExpenses" },
  { id: "3", name: "Contractors", accountType: "Expense", subType: "OtherMiscellaneousServiceCost" },
  { id: "4", name: "SBA loan", accountType: "Long Term Liability", subType: "OtherLongTermLiabilities" },
  { id: "5", name: "Sales tax", accountType: "Other Current Liability", subType: "SalesTaxPayable" },
  { id: "6", name: "Rent (misnamed)", accountType: "Expense", subType: null },
];

describe("which vendors must be paid on time", () => {
  it("by the sub-type of the accounts their bills post to — rent, payroll, tax, loan — never by name", () => {
    const m = inferMustPay(
      [
        { vendorId: "landlord", lineAccountIds: ["1"] },
        { vendorId: "gusto", lineAccountIds: ["3", "2"] },
        { vendorId: "designer", lineAccountIds: ["3"] },
        { vendorId: "bank", lineAccountIds: ["4"] },
        { vendorId: "state", lineAccountIds: ["5"] },
        { vendorId: "named", lineAccountIds: ["6"] },
        { vendorId: null, lineAccountIds: ["1"] },
        { vendorId: "unknown", lineAccountIds: ["99", null as unknown as string] },
        { vendorId: "none", lineAccountIds: null },
      ],
      accounts,
    );
    expect(Object.fromEntries(m)).toEqual({
      landlord: { kind: "rent", accountId: "1", accountName: "Rent or Lease" },
      gusto: { kind: "payroll", accountId: "2", accountName: "Wages" },
      bank: { kind: "loan", accountId: "4", accountName: "SBA loan" },
      state: { kind: "tax", accountId: "5", accountName: "Sales tax" },
    });
  });

  it("a vendor keeps the first must-pay account seen, in bill order", () => {
    const m = inferMustPay(
      [
        { vendorId: "v", lineAccountIds: ["3"] },
        { vendorId: "v", lineAccountIds: ["2", "1"] },
        { vendorId: "v", lineAccountIds: ["1"] },
      ],
      accounts,
    );
    expect(m.get("v")).toEqual({ kind: "payroll", accountId: "2", accountName: "Wages" });
  });

  it("every QuickBooks sub-type it knows, one account each, infers its kind", () => {
    const known = [
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
    ] as const;
    const accts = known.map(([subType], i) => ({
      id: `a${i}`,
      name: subType,
      accountType: "Expense",
      subType,
    }));
    const m = inferMustPay(
      known.map((_, i) => ({ vendorId: `v${i}`, lineAccountIds: [`a${i}`] })),
      accts,
    );
    expect(known.map((_, i) => m.get(`v${i}`)?.kind)).toEqual(known.map(([, kind]) => kind));
  });

  it("knows the sub-types the issue names", () => {
    expect([...new Set(MUST_PAY_SUBTYPES.values())].sort()).toEqual(["loan", "payroll", "rent", "tax"]);
    for (const t of ["RentOrLeaseOfBuildings", "PayrollExpenses", "TaxesPaid", "LoanPayable", "NotesPayable"])
      expect(MUST_PAY_SUBTYPES.has(t)).toBe(true);
  });
});
