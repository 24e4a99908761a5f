/**
 * A digest's day moves and its "what the forecast leaves out" list in words, for the digest page
 * (the snapshot keeps them as data; a stored digest from before version 3 kept the words, shown
 * as stored).
 */
// @ts-nocheck

import type { TDigestMove, TLeftOut } from "@/server/digest/snapshot-schema";
import { subjectText } from "./flow-words";
import { countOf } from "./format";

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
