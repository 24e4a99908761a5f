/**
 * The bank behind the emulator: institutions, logins (one person's credentials at one
 * institution, holding accounts and transactions), and an append-only change log per login that
 * `/transactions/sync` pages through. Amounts are integer cents here; the wire carries Plaid's
 * decimal numbers (positive = money out of the account).
 */

export type TAccountType = "depository" | "credit" | "loan";

export type TAccount = {
  account_id: string;
  name: string;
  official_name: string | null;
  mask: string | null;
  type: TAccountType;
  subtype: string | null;
  /** Depository: money in the account. Credit and loan: the amount owed. */
  currentCents: number;
  /** What can be spent now: current less pending debits (depository), credit left (credit). */
  availableCents: number | null;
  limitCents: number | null;
  currency: string;
};

export type TTxn = {
  transaction_id: string;
  account_id: string;
  /** Positive = money out of the account (Plaid's sign). */
  amountCents: number;
  currency: string;
  date: string;
  authorized_date: string | null;
  name: string;
  merchant_name: string | null;
  payment_channel: "online" | "in store" | "other";
  pending: boolean;
  pending_transaction_id: string | null;
  category: string | null;
  check_number: string | null;
  /** Log position at which it appeared, and (if gone) at which it was removed. */
  addedSeq: number;
  removedSeq: number | null;
};

export type TLogin = {
  login_id: string;
  institution_id: string;
  /** Who the login belongs to, as the Hosted Link page lists it ("Northwind Creative"). */
  label: string;
  accounts: TAccount[];
  txns: Map<string, TTxn>;
  /** One entry per change: the transaction id touched. Cursors are positions in this log. */
  log: string[];
  /** Accounts that exist at the bank but were not shared when the Item was created. */
  hiddenAccounts: TAccount[];
  /** Mutations to apply right after the next sync page that has more to come (fault injection). */
  mutateDuringNextPass: TMutation[] | null;
};

export type TInstitution = { institution_id: string; name: string };

export type TMutation =
  | { op: "add"; txn: TNewTxn }
  | {
      op: "modify";
      transaction_id: string;
      changes: Partial<Pick<TTxn, "amountCents" | "name" | "date" | "merchant_name">>;
    }
  | { op: "remove"; transaction_id: string }
  /** The bank posts a pending transaction: the pending one is removed, a posted one added. */
  | { op: "post"; transaction_id: string; posted_id?: string; amountCents?: number; date?: string };

export type TNewTxn = Omit<
  TTxn,
  | "addedSeq"
  | "removedSeq"
  | "pending_transaction_id"
  | "currency"
  | "payment_channel"
  | "authorized_date"
  | "merchant_name"
  | "category"
  | "check_number"
> &
  Partial<
    Pick<
      TTxn,
      | "pending_transaction_id"
      | "currency"
      | "payment_channel"
      | "authorized_date"
      | "merchant_name"
      | "category"
      | "check_number"
    >
  >;

export class BankError extends Error {
  constructor(
    readonly status: number,
    readonly error_type: string,
    readonly error_code: string,
    message: string,
    readonly display_message: string | null = null,
  ) {
    super(message);
  }
}

/** Balance effect of a transaction on its account (pending moves only `available`). */
function applyBalance(acct: TAccount, t: Pick<TTxn, "amountCents" | "pending">, sign: 1 | -1) {
  const owed = acct.type !== "depository";
  // Depository: money out lowers the balance. Credit/loan: a purchase raises what is owed.
  const delta = sign * (owed ? t.amountCents : -t.amountCents);
  if (!t.pending) acct.currentCents += delta;
  if (acct.availableCents !== null) acct.availableCents += owed ? -delta : delta;
}

export function applyMutation(login: TLogin, m: TMutation, newId: () => string): string[] {
  const touched: string[] = [];
  const live = (id: string) => {
    const t = login.txns.get(id);
    if (!t || t.removedSeq !== null)
      throw new BankError(400, "INVALID_INPUT", "INVALID_FIELD", `no transaction ${id}`);
    return t;
  };
  const acct = (id: string) => {
    const a = login.accounts.find((x) => x.account_id === id);
    if (!a) throw new BankError(400, "INVALID_INPUT", "INVALID_FIELD", `no account ${id}`);
    return a;
  };
  const add = (n: TNewTxn) => {
    if (login.txns.has(n.transaction_id))
      throw new BankError(400, "INVALID_INPUT", "INVALID_FIELD", `transaction ${n.transaction_id} exists`);
    const a = acct(n.account_id);
    const t: TTxn = {
      currency: a.currency,
      payment_channel: "other",
      authorized_date: null,
      merchant_name: null,
      category: null,
      check_number: null,
      pending_transaction_id: null,
      ...n,
      addedSeq: login.log.length,
      removedSeq: null,
    };
    login.txns.set(t.transaction_id, t);
    login.log.push(t.transaction_id);
    applyBalance(a, t, 1);
    touched.push(t.transaction_id);
  };
  const remove = (id: string) => {
    const t = live(id);
    applyBalance(acct(t.account_id), t, -1);
    t.removedSeq = login.log.length;
    login.log.push(id);
    touched.push(id);
  };
  switch (m.op) {
    case "add":
      add(m.txn);
      break;
    case "modify": {
      const t = live(m.transaction_id);
      const a = acct(t.account_id);
      applyBalance(a, t, -1);
      Object.assign(t, m.changes);
      applyBalance(a, t, 1);
      login.log.push(t.transaction_id);
      touched.push(t.transaction_id);
      break;
    }
    case "remove":
      remove(m.transaction_id);
      break;
    case "post": {
      const t = live(m.transaction_id);
      if (!t.pending)
        throw new BankError(400, "INVALID_INPUT", "INVALID_FIELD", `${t.transaction_id} is not pending`);
      remove(t.transaction_id);
      add({
        transaction_id: m.posted_id ?? newId(),
        account_id: t.account_id,
        amountCents: m.amountCents ?? t.amountCents,
        date: m.date ?? t.date,
        authorized_date: t.date,
        name: t.name,
        merchant_name: t.merchant_name,
        payment_channel: t.payment_channel,
        category: t.category,
        check_number: t.check_number,
        pending: false,
        pending_transaction_id: t.transaction_id,
      });
      break;
    }
  }
  return touched;
}

/**
 * A `/transactions/sync` cursor: the pass runs over log positions [from, end) and has handed out
 * the first `off` net changes. A finished pass has off = number of changes; the next call then
 * starts a new pass at `end`. Opaque to clients (base64url JSON, like Plaid's opaque strings).
 */
export type TCursor = { login: string; from: number; end: number; off: number; done: boolean };

export const encodeCursor = (c: TCursor) => Buffer.from(JSON.stringify(c)).toString("base64url");
export function decodeCursor(s: string, login: string): TCursor | null {
  if (s === "") return null;
  try {
    const c = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as TCursor;
    if (
      c.login !== login ||
      !Number.isInteger(c.from) ||
      !Number.isInteger(c.end) ||
      !Number.isInteger(c.off)
    )
      throw new Error("bad");
    return c;
  } catch {
    throw new BankError(400, "INVALID_INPUT", "INVALID_FIELD", "cursor is not valid for this Item");
  }
}

export type TNetChange = { kind: "added" | "modified" | "removed"; txn: TTxn };

/** Net effect of log positions [from, end) on each transaction, in order of first touch. */
export function netChanges(login: TLogin, from: number, end: number, accountIds: Set<string>): TNetChange[] {
  const seen = new Set<string>();
  const out: TNetChange[] = [];
  for (let i = from; i < end; i++) {
    const id = login.log[i]!;
    if (seen.has(id)) continue;
    seen.add(id);
    const t = login.txns.get(id)!;
    if (!accountIds.has(t.account_id)) continue;
    const before = t.addedSeq < from && (t.removedSeq === null || t.removedSeq >= from);
    const after = t.removedSeq === null || t.removedSeq >= end;
    if (before && after) out.push({ kind: "modified", txn: t });
    else if (!before && after) out.push({ kind: "added", txn: t });
    else if (before && !after) out.push({ kind: "removed", txn: t });
  }
  return out;
}

/** Plaid's decimal amount for integer cents. */
export const toDecimal = (cents: number) => cents / 100;
