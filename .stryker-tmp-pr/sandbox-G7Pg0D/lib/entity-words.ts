/**
 * QuickBooks entities in plain words, and what the figures lack without each one. Wording for
 * components and emails (the sync and the coverage rule return entity names, never prose).
 */
// @ts-nocheck

const WORDS: Record<string, { label: string; leavesOut: string }> = {
  CompanyInfo: { label: "Company details", leavesOut: "the company itself" },
  Preferences: { label: "Company preferences", leavesOut: "the home currency every amount is shown in" },
  Account: { label: "Accounts", leavesOut: "bank balances (cash on hand)" },
  Term: { label: "Payment terms", leavesOut: "due dates worked out from terms" },
  Customer: { label: "Customers", leavesOut: "customer names and payment habits" },
  Vendor: { label: "Vendors", leavesOut: "vendor names" },
  Invoice: { label: "Invoices", leavesOut: "money customers owe you" },
  Bill: { label: "Bills", leavesOut: "bills you owe" },
  Payment: { label: "Customer payments", leavesOut: "which invoices were paid" },
  BillPayment: { label: "Bill payments", leavesOut: "which bills were paid" },
  CreditMemo: { label: "Credit memos", leavesOut: "credits that reduce what customers owe" },
  Deposit: { label: "Deposits", leavesOut: "deposits into the bank" },
  Purchase: {
    label: "Expenses and checks",
    leavesOut: "spending outside bills, which the burn rate rests on",
  },
  JournalEntry: { label: "Journal entries", leavesOut: "manual adjustments" },
  VendorCredit: { label: "Vendor credits", leavesOut: "credits that reduce what you owe vendors" },
  Transfer: { label: "Transfers", leavesOut: "money moved between accounts" },
  SalesReceipt: { label: "Sales receipts", leavesOut: "sales paid on the spot" },
  RefundReceipt: { label: "Refunds", leavesOut: "refunds paid to customers" },
  CreditCardPayment: { label: "Credit card payments", leavesOut: "card balances paid from the bank" },
  RecurringTransaction: {
    label: "Recurring templates",
    leavesOut: "invoices and bills QuickBooks will create on a schedule",
  },
};

export function entityLabel(entity: string): string {
  return WORDS[entity]?.label ?? entity;
}

export function entityLeavesOut(entity: string): string {
  return WORDS[entity]?.leavesOut ?? "its records";
}
