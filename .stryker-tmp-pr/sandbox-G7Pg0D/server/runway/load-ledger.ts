// @ts-nocheck
import "server-only";
import { and, eq, gt, gte, inArray, min, sql } from "drizzle-orm";
import type { DB } from "../db/client";
import {
  qboAccounts,
  qboParties,
  qboRecurring,
  qboTerms,
  qboTransactionLinks,
  qboTransactions,
} from "../db/schema";
import { addDays } from "./dates";
import { TRAILING_DAYS } from "./engine";
import type { TLedger, TLedgerAccount, TLedgerDoc } from "./types";

const CASH_TYPES = [
  "Purchase",
  "Deposit",
  "Transfer",
  "BillPayment",
  "CreditCardPayment",
  "RefundReceipt",
  "Payment",
  "SalesReceipt",
];

/**
 * A business's synced ledger, shaped for the runway engine: the open documents, the history the
 * habits need, and only the trailing window of cash movements. Every query filters on the business.
 */
export async function loadLedger({
  db,
  businessId,
  homeCurrency,
  asOf,
}: {
  db: DB;
  businessId: string;
  homeCurrency: string;
  asOf: string;
}): Promise<TLedger> {
  const t = qboTransactions;
  const live = and(eq(t.businessId, businessId), eq(t.deleted, false));
  const docCols = {
    id: t.qboId,
    docNumber: t.docNumber,
    customerId: t.customerId,
    vendorId: t.vendorId,
    txnDate: t.txnDate,
    dueDate: t.dueDate,
    amountCents: t.amountCents,
    balanceCents: t.balanceCents,
    currency: t.currency,
    exchangeRate: t.exchangeRate,
    termId: t.termId,
  };
  type TRow = {
    id: string;
    docNumber: string | null;
    customerId: string | null;
    vendorId: string | null;
    txnDate: string | null;
    dueDate: string | null;
    amountCents: number;
    balanceCents: number | null;
    currency: string | null;
    exchangeRate: string | null;
    termId: string | null;
  };
  const toDoc = (r: TRow, party: "customer" | "vendor"): TLedgerDoc => ({
    id: r.id,
    docNumber: r.docNumber,
    partyId: party === "customer" ? r.customerId : r.vendorId,
    txnDate: r.txnDate,
    dueDate: r.dueDate,
    amountCents: r.amountCents,
    balanceCents: r.balanceCents ?? 0,
    currency: r.currency,
    exchangeRate: r.exchangeRate,
    termId: r.termId,
  });
  const windowStart = addDays(asOf, -TRAILING_DAYS);
  /** Payments applied to documents (Payment → Invoice, BillPayment → Bill), on the payment's date. */
  const linkedPayments = (fromType: "Payment" | "BillPayment", toType: "Invoice" | "Bill") =>
    db
      .select({ docId: qboTransactionLinks.toId, customerId: t.customerId, date: t.txnDate })
      .from(qboTransactionLinks)
      .innerJoin(
        t,
        and(
          eq(t.businessId, qboTransactionLinks.businessId),
          eq(t.type, qboTransactionLinks.fromType),
          eq(t.qboId, qboTransactionLinks.fromId),
        ),
      )
      .where(
        and(
          eq(qboTransactionLinks.businessId, businessId),
          eq(qboTransactionLinks.fromType, fromType),
          eq(qboTransactionLinks.toType, toType),
          eq(t.deleted, false),
        ),
      );

  const [
    accounts,
    invoices,
    bills,
    credits,
    applications,
    billPayments,
    payments,
    cash,
    recurring,
    parties,
    terms,
    first,
  ] = await Promise.all([
    loadAccounts(db, businessId),
    db
      .select(docCols)
      .from(t)
      .where(and(live, eq(t.type, "Invoice"))),
    db
      .select(docCols)
      .from(t)
      .where(and(live, eq(t.type, "Bill"))),
    db
      .select({ ...docCols, type: t.type })
      .from(t)
      .where(and(live, inArray(t.type, ["CreditMemo", "Payment", "VendorCredit"]), gt(t.balanceCents, 0))),
    linkedPayments("Payment", "Invoice"),
    linkedPayments("BillPayment", "Bill"),
    db
      .select({ customerId: t.customerId, date: t.txnDate })
      .from(t)
      .where(and(live, eq(t.type, "Payment"))),
    db
      .select({
        id: t.qboId,
        type: t.type,
        date: t.txnDate,
        amountCents: t.amountCents,
        currency: t.currency,
        exchangeRate: t.exchangeRate,
        accountId: t.accountId,
        toAccountId: t.toAccountId,
        vendorId: t.vendorId,
        isCredit: t.isCredit,
      })
      .from(t)
      .where(and(live, inArray(t.type, CASH_TYPES), gte(t.txnDate, windowStart))),
    db
      .select()
      .from(qboRecurring)
      .where(
        and(
          eq(qboRecurring.businessId, businessId),
          eq(qboRecurring.deleted, false),
          eq(qboRecurring.active, true),
        ),
      ),
    db
      .select({
        kind: qboParties.kind,
        id: qboParties.qboId,
        name: qboParties.displayName,
        termId: qboParties.termId,
      })
      .from(qboParties)
      .where(and(eq(qboParties.businessId, businessId), eq(qboParties.deleted, false))),
    db
      .select({ id: qboTerms.qboId, dueDays: qboTerms.dueDays })
      .from(qboTerms)
      .where(eq(qboTerms.businessId, businessId)),
    db
      .select({ first: min(t.txnDate) })
      .from(t)
      .where(and(live, sql`${t.txnDate} <= ${asOf}`)),
  ]);

  return {
    homeCurrency,
    firstActivityDate: first[0]?.first ?? null,
    accounts,
    openInvoices: invoices.filter((r) => (r.balanceCents ?? 0) > 0).map((r) => toDoc(r, "customer")),
    paidInvoices: invoices.filter((r) => (r.balanceCents ?? 0) === 0).map((r) => toDoc(r, "customer")),
    openBills: bills.filter((r) => (r.balanceCents ?? 0) > 0).map((r) => toDoc(r, "vendor")),
    paidBills: bills.filter((r) => (r.balanceCents ?? 0) === 0).map((r) => toDoc(r, "vendor")),
    billPayments: billPayments.flatMap((p) => (p.date ? [{ billId: p.docId, date: p.date }] : [])),
    credits: credits.flatMap((r) => {
      const partyId = r.type === "VendorCredit" ? r.vendorId : r.customerId;
      if (!partyId) return [];
      return [
        {
          id: r.id,
          kind:
            r.type === "VendorCredit"
              ? ("vendorCredit" as const)
              : r.type === "CreditMemo"
                ? ("creditMemo" as const)
                : ("unappliedPayment" as const),
          partyId,
          amountCents: r.balanceCents ?? 0,
          currency: r.currency,
          exchangeRate: r.exchangeRate,
        },
      ];
    }),
    applications: applications.flatMap((a) =>
      a.date ? [{ invoiceId: a.docId, customerId: a.customerId, date: a.date }] : [],
    ),
    customerPaymentDates: payments.flatMap((p) =>
      p.customerId && p.date ? [{ customerId: p.customerId, date: p.date }] : [],
    ),
    cashTxns: cash.flatMap((c) => (c.date ? [{ ...c, date: c.date }] : [])),
    recurring: recurring.map((r) => ({
      id: r.qboId,
      txnType: r.txnType,
      name: r.name,
      intervalType: r.intervalType,
      numInterval: r.numInterval,
      dayOfMonth: r.dayOfMonth,
      nextDate: r.nextDate,
      amountCents: r.amountCents,
      partyId: r.partyId,
    })),
    customers: parties
      .filter((p) => p.kind === "customer")
      .map(({ id, name, termId }) => ({ id, name, termId })),
    vendors: parties.filter((p) => p.kind === "vendor").map(({ id, name, termId }) => ({ id, name, termId })),
    termDays: Object.fromEntries(terms.map((x) => [x.id, x.dueDays])),
  };
}

/** The business's mirrored accounts (not deleted), shaped for the engine. */
export async function loadAccounts(db: DB, businessId: string): Promise<TLedgerAccount[]> {
  const rows = await db
    .select({
      id: qboAccounts.qboId,
      name: qboAccounts.name,
      type: qboAccounts.accountType,
      subType: qboAccounts.accountSubType,
      active: qboAccounts.active,
      balanceCents: qboAccounts.currentBalanceCents,
      currency: qboAccounts.currency,
    })
    .from(qboAccounts)
    .where(and(eq(qboAccounts.businessId, businessId), eq(qboAccounts.deleted, false)));
  return rows;
}
