import "server-only";
import { and, eq, gt, gte, inArray, isNotNull } from "drizzle-orm";
import { bookMovement, CASH_MOVING_TYPES } from "../banks/book-movements";
import type { DB } from "../db/client";
import { bankAccounts, bankTransactions, qboAccounts, qboParties, qboTransactions } from "../db/schema";
import { matchBankToBooks, reconciledCash, type TBankLine, type TBookLine, type TOpenDoc } from "./match";

/** How far back the books are read for counterparts of the bank's transactions. */
export const BOOK_LOOKBACK_DAYS = 120;

export type TAccountReconciliation = {
  qboAccountId: string;
  bankAccountId: string;
  name: string;
  depository: boolean;
  bankCurrentCents: number | null;
  bookBalanceCents: number;
  /** Depository only: the bank's cash as the books will see it once everything has cleared. */
  reconciledCents: number | null;
};

/**
 * Book and bank, for every bank account a person matched to a QuickBooks account (issue 19):
 * the mirrors in, the pure matcher (match.ts) over them, reconciled cash per account out.
 * Read-only: nothing is stored yet (confirmations and the tray come next).
 */
export async function reconcileBusiness({
  db,
  businessId,
  asOf,
}: {
  db: DB;
  businessId: string;
  asOf: string;
}) {
  const mapped = await db
    .select()
    .from(bankAccounts)
    .where(
      and(
        eq(bankAccounts.businessId, businessId),
        eq(bankAccounts.gone, false),
        isNotNull(bankAccounts.qboAccountId),
        isNotNull(bankAccounts.mappingConfirmedAt),
      ),
    );
  if (mapped.length === 0) return { accounts: [], matches: [], unmatchedBank: [], uncleared: [], hints: [] };
  const qboIds = mapped.map((m) => m.qboAccountId!);
  const from = new Date(Date.parse(`${asOf}T00:00:00Z`) - BOOK_LOOKBACK_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const [bankRows, bookRows, books, parties, openRows] = await Promise.all([
    db
      .select()
      .from(bankTransactions)
      .where(
        and(
          eq(bankTransactions.businessId, businessId),
          inArray(
            bankTransactions.accountId,
            mapped.map((m) => m.accountId),
          ),
        ),
      ),
    db
      .select()
      .from(qboTransactions)
      .where(
        and(
          eq(qboTransactions.businessId, businessId),
          eq(qboTransactions.deleted, false),
          inArray(qboTransactions.type, [...CASH_MOVING_TYPES]),
          gte(qboTransactions.txnDate, from),
        ),
      ),
    db
      .select()
      .from(qboAccounts)
      .where(and(eq(qboAccounts.businessId, businessId), inArray(qboAccounts.qboId, qboIds))),
    db
      .select({ id: qboParties.qboId, kind: qboParties.kind, name: qboParties.displayName })
      .from(qboParties)
      .where(eq(qboParties.businessId, businessId)),
    db
      .select()
      .from(qboTransactions)
      .where(
        and(
          eq(qboTransactions.businessId, businessId),
          eq(qboTransactions.deleted, false),
          inArray(qboTransactions.type, ["Invoice", "Bill"]),
          gt(qboTransactions.balanceCents, 0),
        ),
      ),
  ]);
  const partyName = new Map(parties.map((p) => [`${p.kind}:${p.id}`, p.name]));
  const party = (t: { customerId: string | null; vendorId: string | null }) =>
    (t.customerId && partyName.get(`customer:${t.customerId}`)) ||
    (t.vendorId && partyName.get(`vendor:${t.vendorId}`)) ||
    null;
  const qboOf = new Map(mapped.map((m) => [`${m.bankItemId}|${m.accountId}`, m.qboAccountId!]));
  const bank: TBankLine[] = bankRows.flatMap((b) => {
    const accountId = qboOf.get(`${b.bankItemId}|${b.accountId}`);
    return accountId
      ? [
          {
            id: `${b.bankItemId}|${b.transactionId}`,
            accountId,
            amountCents: b.amountCents,
            date: b.date,
            pending: b.pending,
            name: b.name,
            checkNumber: b.checkNumber,
          },
        ]
      : [];
  });
  const book: TBookLine[] = bookRows.flatMap((t) =>
    t.txnDate
      ? qboIds.flatMap((accountId) => {
          const amount = bookMovement(
            {
              type: t.type,
              qboId: t.qboId,
              date: t.txnDate!,
              amountCents: t.amountCents,
              accountId: t.accountId,
              toAccountId: t.toAccountId,
              isCredit: t.isCredit,
              docNumber: t.docNumber,
              party: null,
            },
            accountId,
          );
          return amount === null || amount === 0
            ? []
            : [
                {
                  key: `${t.type}:${t.qboId}:${accountId}`,
                  type: t.type,
                  qboId: t.qboId,
                  accountId,
                  amountCents: amount,
                  date: t.txnDate!,
                  party: party(t),
                  docNumber: t.docNumber,
                },
              ];
        })
      : [],
  );
  const open: TOpenDoc[] = openRows.flatMap((d) =>
    d.txnDate
      ? [
          {
            type: d.type as "Invoice" | "Bill",
            qboId: d.qboId,
            docNumber: d.docNumber,
            party: party(d),
            balanceCents: d.balanceCents ?? 0,
            date: d.txnDate,
          },
        ]
      : [],
  );
  const result = matchBankToBooks({ bank, book, open });
  const accounts: TAccountReconciliation[] = mapped.map((m) => {
    const b = books.find((x) => x.qboId === m.qboAccountId);
    const depository = m.type === "depository";
    return {
      qboAccountId: m.qboAccountId!,
      bankAccountId: m.accountId,
      name: m.name,
      depository,
      bankCurrentCents: m.currentCents,
      bookBalanceCents: b
        ? b.accountType === "Credit Card"
          ? -b.currentBalanceCents
          : b.currentBalanceCents
        : 0,
      reconciledCents:
        depository && m.currentCents !== null
          ? reconciledCash({
              currentCents: m.currentCents,
              bank: bank.filter((x) => x.accountId === m.qboAccountId),
              uncleared: result.uncleared.filter((x) => x.accountId === m.qboAccountId),
            })
          : null,
    };
  });
  return { accounts, ...result };
}
