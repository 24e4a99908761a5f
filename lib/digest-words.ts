/**
 * A digest's day moves and its "what the forecast leaves out" list in words, for the digest page
 * (the snapshot keeps them as data; a stored digest from before version 3 kept the words, shown
 * as stored).
 */
import type { TDigestMove, TLeftOut } from "@/server/digest/snapshot-schema";
import { subjectText } from "./flow-words";
import { countOf, formatRelative, formatRunway } from "./format";

type TMoney = (cents: number) => string;

/** "+$1,200.00 Invoice 1042 · Acme", "−$9,000.00 Bill 88 · Pearl", "−$420.00 everyday spending (baseline)". */
export function moveText(m: TDigestMove, money: TMoney): string {
  if (m.kind === "legacy") return m.text;
  if (m.kind === "burn") return `−${money(m.amountCents)} everyday spending (baseline)`;
  return `${m.kind === "in" ? "+" : "−"}${money(m.amountCents)} ${subjectText(m.subject)}`;
}

/** A day's moves, the ones not listed counted last ("+3 more"). */
export function dayMoves(d: { moves: TDigestMove[]; more: number }, money: TMoney): string[] {
  const words = d.moves.map((m) => moveText(m, money));
  return d.more > 0 ? [...words, `+${d.more} more`] : words;
}

export function leftOutText(x: TLeftOut, money: TMoney): string {
  switch (x.kind) {
    case "legacy":
      return x.text;
    case "billsWithoutDueDate":
      return `${countOf(x.count, "bill has", "bills have")} no due date (placed at bill date + terms)`;
    case "unconverted":
      return `${countOf(x.count, "foreign-currency item has", "foreign-currency items have")} no exchange rate and ${x.count === 1 ? "is" : "are"} left out`;
    case "atRisk":
      return `${money(x.cents)} of at-risk invoices (${x.count}) left out of the forecast`;
  }
}

type TRunwayLike = Parameters<typeof formatRunway>[0];

/**
 * The digest's line about the active scenario: "Your “Hire a designer in March” plan shortens
 * runway from 140 to 96 days." When runway is not in days on both sides, or does not move, the
 * line says so and how the 13-week low moves instead.
 */
export function scenarioLine(
  s: { name: string; runway: TRunwayLike; lowest: { spendableCents: number }; noLongerApplies: number },
  base: { runway: TRunwayLike; lowest: { spendableCents: number } },
  money: TMoney,
): string {
  const plan = `Your “${s.name}” plan`;
  const stale =
    s.noLongerApplies > 0
      ? ` (${countOf(s.noLongerApplies, "decision")} in it no longer ${s.noLongerApplies === 1 ? "applies" : "apply"})`
      : "";
  const [r, b] = [s.runway, base.runway];
  if (r.kind === "days" && b.kind === "days" && r.days !== b.days)
    return `${plan} ${r.days < b.days ? "shortens" : "lengthens"} runway from ${b.days} to ${countOf(r.days, "day")}${stale}.`;
  const runway =
    r.kind === b.kind && (r.kind !== "days" || b.kind !== "days" || r.days === b.days)
      ? `leaves runway at ${formatRunway(b).toLowerCase()}`
      : `takes runway from ${formatRunway(b).toLowerCase()} to ${formatRunway(r).toLowerCase()}`;
  const [low, baseLow] = [s.lowest.spendableCents, base.lowest.spendableCents];
  const lowest =
    low === baseLow
      ? `keeps the 13-week low at ${money(low)}`
      : `${low < baseLow ? "lowers" : "raises"} the 13-week low from ${money(baseLow)} to ${money(low)}`;
  return `${plan} ${runway} and ${lowest}${stale}.`;
}

/**
 * The digest's bank line: money in the bank and when it was read; over the accounts matched to
 * QuickBooks, bank beside book; and what needs the owner (a bank to sign in to again, stale data).
 */
export function bankLines(
  b: {
    cashCents: number | null;
    asOf: string | null;
    fresh: boolean;
    needsAttention: number;
    compare: { bankCents: number; bookCents: number; accounts: number } | null;
  },
  money: TMoney,
  now: Date,
): string[] {
  const lines: string[] = [];
  if (b.cashCents !== null)
    lines.push(
      `In the bank: ${money(b.cashCents)}${b.asOf ? `, as the bank reported ${formatRelative(new Date(b.asOf), now)}` : ""}.`,
    );
  if (b.compare) {
    const { bankCents, bookCents, accounts } = b.compare;
    const which = `For the ${countOf(accounts, "account")} matched to QuickBooks`;
    lines.push(
      bankCents === bookCents
        ? `${which}, the bank and the books agree (${money(bankCents)}).`
        : `${which}, the bank holds ${money(Math.abs(bankCents - bookCents))} ${bankCents > bookCents ? "more" : "less"} than the books (${money(bankCents)} against ${money(bookCents)}).`,
    );
  } else if (b.cashCents !== null)
    lines.push("Match the bank's accounts to QuickBooks on Connections to compare bank and books.");
  if (b.needsAttention > 0)
    lines.push(
      `${countOf(b.needsAttention, "bank")} stopped sharing data and ${b.needsAttention === 1 ? "needs" : "need"} you to sign in again.`,
    );
  else if (!b.fresh) lines.push("The bank has not been synced in the last 24 hours.");
  return lines;
}
