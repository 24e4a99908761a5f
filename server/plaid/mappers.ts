import type { AccountBase, Transaction } from "plaid";
import { toCents } from "../lib/money";

/**
 * Plaid's wire objects to the mirror's rows. Plaid sends money as JSON numbers; they become
 * integer cents through their decimal text (server/lib/money.ts), never `n * 100`.
 * Transaction amounts keep Plaid's sign: positive = money out of the account.
 */
export type TBankAccountRow = {
  accountId: string;
  name: string;
  officialName: string | null;
  mask: string | null;
  type: string;
  subtype: string | null;
  currentCents: number | null;
  availableCents: number | null;
  limitCents: number | null;
  currency: string | null;
};

export type TBankTxnRow = {
  transactionId: string;
  accountId: string;
  amountCents: number;
  currency: string | null;
  date: string;
  authorizedDate: string | null;
  name: string;
  merchantName: string | null;
  pending: boolean;
  pendingTransactionId: string | null;
  category: string | null;
  checkNumber: string | null;
};

export function mapAccount(a: AccountBase): TBankAccountRow {
  return {
    accountId: a.account_id,
    name: a.name,
    officialName: a.official_name ?? null,
    mask: a.mask ?? null,
    type: String(a.type),
    subtype: a.subtype === null || a.subtype === undefined ? null : String(a.subtype),
    currentCents: toCents(a.balances.current),
    availableCents: toCents(a.balances.available),
    limitCents: toCents(a.balances.limit),
    currency: a.balances.iso_currency_code ?? a.balances.unofficial_currency_code ?? null,
  };
}

export function mapTransaction(t: Transaction): TBankTxnRow {
  const amount = toCents(t.amount);
  if (amount === null) throw new Error(`transaction ${t.transaction_id} has no amount`);
  return {
    transactionId: t.transaction_id,
    accountId: t.account_id,
    amountCents: amount,
    currency: t.iso_currency_code ?? t.unofficial_currency_code ?? null,
    date: t.date,
    authorizedDate: t.authorized_date ?? null,
    name: t.name ?? t.merchant_name ?? "",
    merchantName: t.merchant_name ?? null,
    pending: t.pending,
    pendingTransactionId: t.pending_transaction_id ?? null,
    category: t.personal_finance_category?.primary ?? null,
    checkNumber: t.check_number ?? null,
  };
}
