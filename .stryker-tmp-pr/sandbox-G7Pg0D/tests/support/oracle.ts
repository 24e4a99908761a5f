/**
 * What the tests' oracles know about QuickBooks, written out independently of the code under
 * test (never imported from server/qbo/mappers): the transaction entities the mirror keeps.
 */
// @ts-nocheck

export const ORACLE_TRANSACTION_ENTITIES = [
  "Invoice",
  "Bill",
  "Payment",
  "BillPayment",
  "CreditMemo",
  "Deposit",
  "Purchase",
  "JournalEntry",
  "VendorCredit",
  "Transfer",
  "SalesReceipt",
  "RefundReceipt",
  "CreditCardPayment",
] as const;
