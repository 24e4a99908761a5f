/**
 * Book and bank, matched (issue 19). Pure: bank transactions of the accounts a person matched to
 * QuickBooks, the books' movements of those accounts, open invoices and bills, and what people
 * confirmed or rejected before, in; matches with a confidence and their reasons, bank
 * transactions the books lack, and book movements the bank has not cleared, out. Amounts are in
 * Plaid's sign (positive = money out of the account) on both sides.
 *
 * A match needs the same account and the same amount, and the bank's date from 3 days before the
 * book's to 10 after (a check clears days after it is written). Among candidates the score
 * decides: 60 for the amount, up to 20 for the dates (2 less a day apart), 15 for the same
 * check number, 5 for the counterparty's name in the bank's words. Pairs are taken best first,
 * each side once; ties go to the earlier bank transaction, then the earlier book one. A confirmed
 * pair is kept whatever the matcher would say; a rejected pair is never proposed again.
 */

export type TBankLine = {
  id: string;
  /** The QuickBooks account the bank account is matched to. */
  accountId: string;
  amountCents: number;
  date: string;
  pending: boolean;
  name: string;
  checkNumber: string | null;
};

export type TBookLine = {
  /** `${type}:${qboId}`: what confirmations and rejections name. */
  key: string;
  type: string;
  qboId: string;
  accountId: string;
  amountCents: number;
  date: string;
  party: string | null;
  docNumber: string | null;
};

export type TOpenDoc = {
  type: "Invoice" | "Bill";
  qboId: string;
  docNumber: string | null;
  party: string | null;
  balanceCents: number;
  date: string;
};

export type TReason = "amount" | "date" | "check" | "party" | "confirmed";
export type TMatch = {
  bankId: string;
  bookKey: string;
  confidence: number;
  reasons: TReason[];
  confirmed: boolean;
};
/** A bank transaction the books lack that looks like an open document's payment not yet recorded. */
export type TOpenDocHint = { bankId: string; doc: TOpenDoc; confidence: number; reasons: TReason[] };

export const DAYS_BEFORE = 3;
export const DAYS_AFTER = 10;

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** Words of at least three letters of a counterparty's name found in the bank's text. */
export function partyInText(party: string | null, text: string): boolean {
  if (!party) return false;
  const hay = text.toUpperCase();
  return party
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .some((w) => w.length >= 3 && hay.includes(w));
}

export function scorePair(bank: TBankLine, book: TBookLine): { score: number; reasons: TReason[] } | null {
  if (bank.accountId !== book.accountId || bank.amountCents !== book.amountCents) return null;
  const lag = dayNumber(bank.date) - dayNumber(book.date);
  if (lag < -DAYS_BEFORE || lag > DAYS_AFTER) return null;
  const reasons: TReason[] = ["amount"];
  let score = 60;
  const dateScore = Math.max(0, 20 - 2 * Math.abs(lag));
  if (dateScore > 0) reasons.push("date");
  score += dateScore;
  if (bank.checkNumber && book.docNumber && bank.checkNumber === book.docNumber) {
    score += 15;
    reasons.push("check");
  }
  if (partyInText(book.party, bank.name)) {
    score += 5;
    reasons.push("party");
  }
  return { score, reasons };
}

export function matchBankToBooks(input: {
  bank: TBankLine[];
  book: TBookLine[];
  open?: TOpenDoc[];
  confirmed?: { bankId: string; bookKey: string }[];
  rejected?: { bankId: string; bookKey: string }[];
}) {
  const matches: TMatch[] = [];
  const usedBank = new Set<string>();
  const usedBook = new Set<string>();
  const bankIds = new Set(input.bank.map((b) => b.id));
  const bookKeys = new Set(input.book.map((b) => b.key));
  for (const c of input.confirmed ?? []) {
    if (
      !bankIds.has(c.bankId) ||
      !bookKeys.has(c.bookKey) ||
      usedBank.has(c.bankId) ||
      usedBook.has(c.bookKey)
    )
      continue;
    matches.push({
      bankId: c.bankId,
      bookKey: c.bookKey,
      confidence: 100,
      reasons: ["confirmed"],
      confirmed: true,
    });
    usedBank.add(c.bankId);
    usedBook.add(c.bookKey);
  }
  const rejected = new Set((input.rejected ?? []).map((r) => `${r.bankId}|${r.bookKey}`));
  const pairs: { bank: TBankLine; book: TBookLine; score: number; reasons: TReason[] }[] = [];
  for (const bank of input.bank) {
    if (usedBank.has(bank.id)) continue;
    for (const book of input.book) {
      if (usedBook.has(book.key) || rejected.has(`${bank.id}|${book.key}`)) continue;
      const s = scorePair(bank, book);
      if (s) pairs.push({ bank, book, ...s });
    }
  }
  pairs.sort(
    (a, b) =>
      b.score - a.score ||
      a.bank.date.localeCompare(b.bank.date) ||
      a.bank.id.localeCompare(b.bank.id) ||
      a.book.date.localeCompare(b.book.date) ||
      a.book.key.localeCompare(b.book.key),
  );
  for (const p of pairs) {
    if (usedBank.has(p.bank.id) || usedBook.has(p.book.key)) continue;
    matches.push({
      bankId: p.bank.id,
      bookKey: p.book.key,
      confidence: p.score,
      reasons: p.reasons,
      confirmed: false,
    });
    usedBank.add(p.bank.id);
    usedBook.add(p.book.key);
  }
  const unmatchedBank = input.bank.filter((b) => !usedBank.has(b.id));
  // The bank's history for an account starts at its earliest transaction: book movements before
  // that cannot have cleared in what the bank shared, so they are not "uncleared".
  const firstDate = new Map<string, string>();
  for (const b of input.bank) {
    const d = firstDate.get(b.accountId);
    if (!d || b.date < d) firstDate.set(b.accountId, b.date);
  }
  const uncleared = input.book.filter((b) => {
    const from = firstDate.get(b.accountId);
    return !usedBook.has(b.key) && from !== undefined && b.date >= from;
  });
  const hints: TOpenDocHint[] = [];
  for (const bank of unmatchedBank) {
    const want = bank.amountCents < 0 ? "Invoice" : "Bill";
    const doc = (input.open ?? [])
      .filter((d) => d.type === want && d.balanceCents === Math.abs(bank.amountCents) && d.date <= bank.date)
      .map((d) => ({ d, party: partyInText(d.party, bank.name) }))
      .sort(
        (a, b) =>
          Number(b.party) - Number(a.party) ||
          b.d.date.localeCompare(a.d.date) ||
          a.d.qboId.localeCompare(b.d.qboId),
      )[0];
    if (doc)
      hints.push({
        bankId: bank.id,
        doc: doc.d,
        confidence: doc.party ? 70 : 50,
        reasons: doc.party ? ["amount", "party"] : ["amount"],
      });
  }
  return { matches, unmatchedBank, uncleared, hints };
}

/**
 * Reconciled cash of one account (docs/metrics.md): the bank's `current` with its pending
 * transactions taken once (a pending debit is gone, a pending credit is coming), less book
 * outflows the bank has not cleared, plus book inflows it has not cleared. Plaid's sign: an
 * amount > 0 is money out.
 */
export function reconciledCash(input: {
  currentCents: number;
  bank: TBankLine[];
  uncleared: TBookLine[];
}): number {
  const pending = input.bank.filter((b) => b.pending).reduce((s, b) => s + b.amountCents, 0);
  const notCleared = input.uncleared.reduce((s, b) => s + b.amountCents, 0);
  return input.currentCents - pending - notCleared;
}
