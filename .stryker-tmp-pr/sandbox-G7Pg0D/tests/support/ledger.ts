// @ts-nocheck
import { addDays } from "@/server/runway/dates";
import type { TLedger, TLedgerAccount, TLedgerCashTxn, TLedgerDoc } from "@/server/runway/types";

/**
 * Hand-built ledgers for the engine's unit tests (and the digest and alert tests built on it).
 * Every expected figure in those tests is computed by hand from docs/metrics.md.
 */
export const asOf = "2026-03-16";
export const d = (n: number) => addDays(asOf, n);

export function bank(
  id: string,
  name: string,
  balanceCents: number,
  over: Partial<TLedgerAccount> = {},
): TLedgerAccount {
  return { id, name, type: "Bank", subType: null, active: true, balanceCents, currency: "USD", ...over };
}

export function ledger(over: Partial<TLedger> = {}): TLedger {
  return {
    homeCurrency: "USD",
    firstActivityDate: d(-400),
    accounts: [bank("1", "Checking", 1_000_000, { subType: "Checking" })],
    openInvoices: [],
    paidInvoices: [],
    openBills: [],
    paidBills: [],
    billPayments: [],
    credits: [],
    applications: [],
    customerPaymentDates: [],
    cashTxns: [],
    recurring: [],
    customers: [{ id: "c1", name: "Acme", termId: null }],
    vendors: [
      { id: "v1", name: "Figma", termId: null },
      { id: "v2", name: "Gusto", termId: null },
      { id: "v3", name: "Studio Ink", termId: "net15" },
    ],
    termDays: { net15: 15 },
    ...over,
  };
}

export function doc(id: string, over: Partial<TLedgerDoc>): TLedgerDoc {
  return {
    id,
    docNumber: id,
    partyId: null,
    txnDate: d(-20),
    dueDate: null,
    amountCents: 0,
    balanceCents: 0,
    currency: "USD",
    exchangeRate: null,
    termId: null,
    ...over,
  };
}

let seq = 0;
export function cash(
  type: string,
  date: string,
  amountCents: number,
  over: Partial<TLedgerCashTxn> = {},
): TLedgerCashTxn {
  seq += 1;
  return {
    id: `t${seq}`,
    type,
    date,
    amountCents,
    currency: "USD",
    exchangeRate: null,
    accountId: "1",
    toAccountId: null,
    vendorId: null,
    isCredit: false,
    ...over,
  };
}
