/**
 * Which QuickBooks account a bank account is: suggested, never assumed. A bank (depository)
 * account can only be a QuickBooks "Bank" account and a card only a "Credit Card" one. Among
 * those, evidence counts: the same name, the mask (last four digits) in the QuickBooks name or
 * number, the kind (checking / savings) in the name, or being the only one of its type. The
 * suggestion is the single best; a tie suggests nothing. The person confirms or picks another.
 */
export type TMapBank = {
  accountId: string;
  name: string;
  mask: string | null;
  type: string;
  subtype: string | null;
};
export type TMapBook = { qboId: string; name: string; type: string };
export type TSuggestion = { qboId: string; reason: "name" | "mask" | "kind" | "only" } | null;

export function bookTypeFor(bankType: string): string | null {
  if (bankType === "depository") return "Bank";
  if (bankType === "credit") return "Credit Card";
  return null;
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

export function suggestMapping(
  bank: TMapBank,
  book: TMapBook[],
  taken: ReadonlySet<string> = new Set(),
): TSuggestion {
  const type = bookTypeFor(bank.type);
  const candidates = book.filter((b) => b.type === type && !taken.has(b.qboId));
  if (candidates.length === 0) return null;
  const scored = candidates.map((b) => {
    const name = norm(b.name);
    if (name === norm(bank.name)) return { b, score: 4, reason: "name" as const };
    if (bank.mask && new RegExp(`(^|\\D)${bank.mask}(\\D|$)`).test(b.name))
      return { b, score: 3, reason: "mask" as const };
    const kind = bank.subtype === "savings" ? "saving" : bank.subtype === "checking" ? "checking" : null;
    if (kind && name.includes(kind)) return { b, score: 2, reason: "kind" as const };
    return { b, score: candidates.length === 1 ? 1 : 0, reason: "only" as const };
  });
  const best = Math.max(...scored.map((s) => s.score));
  if (best === 0) return null;
  const top = scored.filter((s) => s.score === best);
  if (top.length !== 1) return null;
  return { qboId: top[0]!.b.qboId, reason: top[0]!.reason };
}
