import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DB } from "../db/client";
import { bankAccounts, bankItems, bankTransactions, qboAccounts } from "../db/schema";
import { LIVE_BALANCE_EVERY_MS } from "./balances";
import { bookTypeFor, suggestMapping } from "./mapping-rules";

/** The bank is fresh when synced within this long with no Item error (issue 19 builds on it). */
export const BANK_FRESH_MS = 24 * 3_600_000;

export type TBankAccountView = {
  accountId: string;
  name: string;
  mask: string | null;
  type: string;
  subtype: string | null;
  currentCents: number | null;
  availableCents: number | null;
  currency: string | null;
  balancesAsOf: Date;
  balancesSource: string;
  /** Pending money out and in, per Plaid's sign (pending debits are already out of `available`). */
  pendingOutCents: number;
  pendingInCents: number;
  /** The QuickBooks account a person confirmed it is (null: confirmed as none, or not yet). */
  book: { qboId: string; name: string; balanceCents: number } | null;
  confirmed: boolean;
  /** Unconfirmed: the suggested QuickBooks account and why. */
  suggestion: { qboId: string; name: string; reason: string } | null;
  /** The QuickBooks accounts it could be (same kind). */
  options: { qboId: string; name: string }[];
};

export type TBankItemView = {
  id: string;
  institutionName: string | null;
  status: "active" | "needs_login" | "revoked";
  errorCode: string | null;
  consentExpiresAt: Date | null;
  newAccountsAvailable: boolean;
  lastSyncedAt: Date | null;
  lastSyncError: string | null;
  /** When a person may next ask for real-time balances (null: now). */
  liveAllowedAt: Date | null;
  fresh: boolean;
  accounts: TBankAccountView[];
};

export type TBankSummary = {
  items: TBankItemView[];
  /** Money in depository accounts (Plaid's `current`), null with no depository account. */
  bankCashCents: number | null;
  /** The oldest balance reading behind bankCashCents. */
  asOf: Date | null;
  fresh: boolean;
  /** Bank beside book over the bank accounts matched to a QuickBooks account (null: none matched). */
  compare: { bankCents: number; bookCents: number; accounts: number } | null;
};

/** What the business's banks say, for Connections, the digest and the portfolio. Tenancy by businessId. */
export async function getBankSummary({
  db,
  businessId,
  now,
}: {
  db: DB;
  businessId: string;
  now: Date;
}): Promise<TBankSummary> {
  const items = await db
    .select()
    .from(bankItems)
    .where(eq(bankItems.businessId, businessId))
    .orderBy(asc(bankItems.createdAt));
  if (items.length === 0) return { items: [], bankCashCents: null, asOf: null, fresh: false, compare: null };
  const accounts = await db
    .select()
    .from(bankAccounts)
    .where(and(eq(bankAccounts.businessId, businessId), eq(bankAccounts.gone, false)))
    .orderBy(asc(bankAccounts.name));
  const pending = await db
    .select({
      accountId: bankTransactions.accountId,
      bankItemId: bankTransactions.bankItemId,
      out: sql<string>`coalesce(sum(case when ${bankTransactions.amountCents} > 0 then ${bankTransactions.amountCents} else 0 end), 0)`,
      in: sql<string>`coalesce(sum(case when ${bankTransactions.amountCents} < 0 then -${bankTransactions.amountCents} else 0 end), 0)`,
    })
    .from(bankTransactions)
    .where(and(eq(bankTransactions.businessId, businessId), eq(bankTransactions.pending, true)))
    .groupBy(bankTransactions.bankItemId, bankTransactions.accountId);
  const pend = new Map(pending.map((p) => [`${p.bankItemId}|${p.accountId}`, p]));
  const books = await db
    .select({
      qboId: qboAccounts.qboId,
      name: qboAccounts.name,
      type: qboAccounts.accountType,
      balanceCents: qboAccounts.currentBalanceCents,
    })
    .from(qboAccounts)
    .where(
      and(
        eq(qboAccounts.businessId, businessId),
        eq(qboAccounts.deleted, false),
        eq(qboAccounts.active, true),
        inArray(qboAccounts.accountType, ["Bank", "Credit Card"]),
      ),
    )
    .orderBy(asc(qboAccounts.name));
  const byId = new Map(books.map((b) => [b.qboId, b]));
  const taken = new Set(
    accounts.filter((a) => a.mappingConfirmedAt && a.qboAccountId).map((a) => a.qboAccountId!),
  );
  // The bank reports what a card owes as positive; QuickBooks keeps it debit-positive (owed < 0).
  const bookBalance = (b: (typeof books)[number]) =>
    b.type === "Credit Card" ? -b.balanceCents : b.balanceCents;
  const views: TBankItemView[] = items.map((i) => ({
    id: i.id,
    institutionName: i.institutionName,
    status: i.status,
    errorCode: i.errorCode,
    consentExpiresAt: i.consentExpiresAt,
    newAccountsAvailable: i.newAccountsAvailable,
    lastSyncedAt: i.lastSyncedAt,
    lastSyncError: i.lastSyncError,
    liveAllowedAt:
      i.balanceRefreshedAt && now.getTime() - i.balanceRefreshedAt.getTime() < LIVE_BALANCE_EVERY_MS
        ? new Date(i.balanceRefreshedAt.getTime() + LIVE_BALANCE_EVERY_MS)
        : null,
    fresh:
      i.status === "active" && !!i.lastSyncedAt && now.getTime() - i.lastSyncedAt.getTime() < BANK_FRESH_MS,
    accounts: accounts
      .filter((a) => a.bankItemId === i.id)
      .map((a) => {
        const p = pend.get(`${i.id}|${a.accountId}`);
        return {
          accountId: a.accountId,
          name: a.name,
          mask: a.mask,
          type: a.type,
          subtype: a.subtype,
          currentCents: a.currentCents,
          availableCents: a.availableCents,
          currency: a.currency,
          balancesAsOf: a.balancesAsOf,
          balancesSource: a.balancesSource,
          pendingOutCents: Number(p?.out ?? 0),
          pendingInCents: Number(p?.in ?? 0),
          ...mappingOf(a),
        };
      }),
  }));
  function mappingOf(a: (typeof accounts)[number]) {
    const options = books
      .filter((b) => b.type === bookTypeFor(a.type))
      .map((b) => ({ qboId: b.qboId, name: b.name }));
    const mapped = a.qboAccountId ? byId.get(a.qboAccountId) : undefined;
    if (a.mappingConfirmedAt)
      return {
        confirmed: true,
        book: mapped ? { qboId: mapped.qboId, name: mapped.name, balanceCents: bookBalance(mapped) } : null,
        suggestion: null,
        options,
      };
    const s = suggestMapping(a, books, taken);
    const b = s ? byId.get(s.qboId) : undefined;
    return {
      confirmed: false,
      book: null,
      suggestion: s && b ? { qboId: b.qboId, name: b.name, reason: s.reason } : null,
      options,
    };
  }
  const cash = views
    .flatMap((v) => v.accounts)
    .filter((a) => a.type === "depository" && a.currentCents !== null);
  return {
    items: views,
    bankCashCents: cash.length ? cash.reduce((s, a) => s + (a.currentCents ?? 0), 0) : null,
    asOf: cash.length ? new Date(Math.min(...cash.map((a) => a.balancesAsOf.getTime()))) : null,
    fresh: views.length > 0 && views.every((v) => v.fresh),
    compare: compareOf(views),
  };
}

/** Sum bank and book over the depository accounts matched to a QuickBooks account. */
function compareOf(views: TBankItemView[]): TBankSummary["compare"] {
  const matched = views
    .flatMap((v) => v.accounts)
    .filter((a) => a.type === "depository" && a.confirmed && a.book && a.currentCents !== null);
  if (matched.length === 0) return null;
  return {
    bankCents: matched.reduce((s, a) => s + (a.currentCents ?? 0), 0),
    bookCents: matched.reduce((s, a) => s + (a.book?.balanceCents ?? 0), 0),
    accounts: matched.length,
  };
}
