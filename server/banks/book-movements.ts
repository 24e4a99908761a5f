/**
 * How a QuickBooks document moves a bank or card account, in Plaid's sign (positive = money out
 * of the account, negative = in): the one definition the demo bank and the reconciliation share.
 * A document that does not touch the account is null. Cards follow the same sign: a purchase on
 * a card is money out of it (more owed), a card payment money into it.
 */
export type TBookTxn = {
  type: string;
  qboId: string;
  date: string;
  amountCents: number;
  /** The cash account the document moved money through (docs: ARCHITECTURE, qbo mappers). */
  accountId: string | null;
  /** The other side of a transfer or card payment. */
  toAccountId: string | null;
  /** A Purchase that is a refund (money back). */
  isCredit: boolean;
  docNumber: string | null;
  party: string | null;
};

export function bookMovement(t: TBookTxn, accountId: string): number | null {
  const amt = t.amountCents;
  switch (t.type) {
    case "Payment":
    case "Deposit":
    case "SalesReceipt":
      return t.accountId === accountId ? -amt : null;
    case "RefundReceipt":
    case "BillPayment":
      return t.accountId === accountId ? amt : null;
    case "Purchase":
      return t.accountId === accountId ? (t.isCredit ? -amt : amt) : null;
    case "Transfer":
    case "CreditCardPayment":
      if (t.accountId === accountId) return amt;
      if (t.toAccountId === accountId) return -amt;
      return null;
    default:
      return null;
  }
}

/** The QuickBooks document types that move cash through a bank or card account. */
export const CASH_MOVING_TYPES = [
  "Payment",
  "Deposit",
  "SalesReceipt",
  "RefundReceipt",
  "Purchase",
  "BillPayment",
  "Transfer",
  "CreditCardPayment",
] as const;
