/**
 * The demo's bank, made from the demo company's books: every cleared book movement of each
 * QuickBooks bank and card account appears at the bank, and then what really differs between a
 * bank and a bookkeeper's books — checks written but not yet cleared, bank fees and a transfer
 * the books do not have yet, a pending card purchase, a pending debit. Pure: the QuickBooks mirror
 * in, the Plaid emulator's login (accounts, transactions, balances) out, with the differences
 * listed so issue 19's reconciliation has a known answer.
 */

import { bookMovement as movement, type TBookTxn } from "../banks/book-movements";

export type { TBookTxn };
export type TBookAccount = { qboId: string; name: string; type: string; balanceCents: number };

export type TDemoBankAccount = {
  account_id: string;
  name: string;
  official_name: string | null;
  mask: string;
  type: "depository" | "credit";
  subtype: string;
  currentCents: number;
  availableCents: number | null;
  limitCents: number | null;
  currency: string;
};
export type TDemoBankTxn = {
  transaction_id: string;
  account_id: string;
  amountCents: number;
  date: string;
  name: string;
  pending: boolean;
  merchant_name?: string | null;
  category?: string | null;
  check_number?: string | null;
};
export type TDifference =
  | { kind: "uncleared_check"; qboType: string; qboId: string; accountId: string; amountCents: number }
  | {
      kind: "unrecorded_fee" | "unrecorded_transfer";
      transactionId: string;
      accountId: string;
      amountCents: number;
    }
  | { kind: "pending"; transactionId: string; accountId: string; amountCents: number; qboId: string | null };

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const label = (t: TBookTxn) => {
  const who = (t.party ?? "").toUpperCase();
  switch (t.type) {
    case "Payment":
    case "SalesReceipt":
    case "Deposit":
      return `DEPOSIT ${who}`.trim();
    case "BillPayment":
      return t.docNumber ? `CHECK ${t.docNumber}` : `ACH ${who}`.trim();
    case "Transfer":
      return "ONLINE TRANSFER";
    case "CreditCardPayment":
      return "CARD PAYMENT";
    default:
      return who || t.type.toUpperCase();
  }
};

export function demoBankFromBooks(input: {
  prefix: string;
  today: string;
  currency: string;
  accounts: TBookAccount[];
  txns: TBookTxn[];
  /** How far back the bank's history goes. */
  days?: number;
}): { accounts: TDemoBankAccount[]; txns: TDemoBankTxn[]; differences: TDifference[] } {
  const from = addDays(input.today, -(input.days ?? 90));
  const cash = input.accounts.filter((a) => a.type === "Bank" || a.type === "Credit Card");
  const accounts: TDemoBankAccount[] = [];
  const txns: TDemoBankTxn[] = [];
  const differences: TDifference[] = [];
  let n = 0;
  const id = () => `${input.prefix}t${(n++).toString(36)}`;
  cash.forEach((acct, i) => {
    const accountId = `${input.prefix}a${acct.qboId}`;
    const card = acct.type === "Credit Card";
    const moves = input.txns
      .filter((t) => t.date >= from && t.date <= input.today)
      .map((t) => ({ t, amount: movement(t, acct.qboId) }))
      .filter((m): m is { t: TBookTxn; amount: number } => m.amount !== null && m.amount !== 0)
      .sort((a, b) => a.t.date.localeCompare(b.t.date) || a.t.qboId.localeCompare(b.t.qboId));
    // Checks written in the last six days that the bank has not seen: the two latest bill payments.
    const uncleared = new Set(
      card
        ? []
        : moves
            .filter((m) => m.t.type === "BillPayment" && m.t.date > addDays(input.today, -6))
            .slice(-2)
            .map((m) => m.t.qboId),
    );
    // The latest other outflow of the last two days is still pending at the bank.
    const pendingMove = moves
      .filter((m) => m.amount > 0 && !uncleared.has(m.t.qboId) && m.t.date > addDays(input.today, -2))
      .at(-1);
    let postedNet = 0;
    let unclearedOut = 0;
    let unrecordedOut = 0;
    for (const m of moves) {
      if (uncleared.has(m.t.qboId)) {
        unclearedOut += m.amount;
        differences.push({
          kind: "uncleared_check",
          qboType: m.t.type,
          qboId: m.t.qboId,
          accountId,
          amountCents: m.amount,
        });
        continue;
      }
      const pending = m === pendingMove;
      const tid = id();
      txns.push({
        transaction_id: tid,
        account_id: accountId,
        amountCents: m.amount,
        date: m.t.date,
        name: label(m.t),
        pending,
        check_number: m.t.type === "BillPayment" ? m.t.docNumber : null,
      });
      if (pending) {
        differences.push({
          kind: "pending",
          transactionId: tid,
          accountId,
          amountCents: m.amount,
          qboId: m.t.qboId,
        });
      } else postedNet += m.amount;
    }
    // What the bank did that the books do not know yet.
    const extra = (
      name: string,
      amountCents: number,
      date: string,
      kind: "unrecorded_fee" | "unrecorded_transfer",
      category: string,
    ) => {
      const tid = id();
      txns.push({
        transaction_id: tid,
        account_id: accountId,
        amountCents,
        date,
        name,
        pending: false,
        category,
      });
      postedNet += amountCents;
      unrecordedOut += amountCents;
      differences.push({ kind, transactionId: tid, accountId, amountCents });
    };
    if (!card) {
      extra("MONTHLY SERVICE FEE", 1_500, addDays(input.today, -3), "unrecorded_fee", "BANK_FEES");
      extra("INCOMING WIRE FEE", 2_500, addDays(input.today, -8), "unrecorded_fee", "BANK_FEES");
      if (i === 0)
        extra(
          "ONLINE TRANSFER TO SAVINGS ····4471",
          50_000,
          addDays(input.today, -5),
          "unrecorded_transfer",
          "TRANSFER_OUT",
        );
    } else {
      const tid = id();
      txns.push({
        transaction_id: tid,
        account_id: accountId,
        amountCents: 4_320,
        date: input.today,
        name: "SQ *BLUE BOTTLE COFFEE",
        merchant_name: "Blue Bottle Coffee",
        pending: true,
        category: "FOOD_AND_DRINK",
      });
      differences.push({ kind: "pending", transactionId: tid, accountId, amountCents: 4_320, qboId: null });
    }
    // Books say balance B. The bank has not paid the uncleared checks nor posted the pending debit
    // the books already count (more in the bank's `current`), and has taken the unrecorded fees
    // (less). QuickBooks keeps a card's balance debit-positive (what is owed is negative, as in
    // Intuit's own captures); the bank reports what is owed, positive.
    const bookPendingOut = pendingMove ? pendingMove.amount : 0;
    const current = card
      ? -acct.balanceCents - bookPendingOut + unrecordedOut
      : acct.balanceCents + unclearedOut + bookPendingOut - unrecordedOut;
    const limit = card ? Math.max(1_000_000, Math.ceil((current + 500_000) / 100_000) * 100_000) : null;
    accounts.push({
      account_id: accountId,
      name: acct.name,
      official_name: null,
      mask: String(1000 + (((Number.parseInt(acct.qboId, 10) || i) * 7919) % 9000)),
      type: card ? "credit" : "depository",
      subtype: card ? "credit card" : /saving/i.test(acct.name) ? "savings" : "checking",
      // The emulator applies the transactions to the opening balance: open where they lead to `current`.
      currentCents: card ? current - postedNet : current + postedNet,
      availableCents: card ? limit! - (current - postedNet) : current + postedNet,
      limitCents: limit,
      currency: input.currency,
    });
  });
  return { accounts, txns, differences };
}
