/**
 * This week's actions in plain words, for the digest page and its email alike (the engine returns
 * each action as data: its kind, dates, overdue days, habit and impact) — fresh or stored.
 */
// @ts-nocheck

import type { TStoredAction as TAction } from "@/server/digest/snapshot-schema";
import type { TAtRiskWhy } from "@/server/runway/types";
import { subjectText } from "./flow-words";
import { countOf, formatDate, formatDaysDelta, formatHabit } from "./format";

type TMoney = (cents: number) => string;

/** "Delay Bill 88 · Figma", "Send a reminder for Invoice 1042 · Acme", "Get a promise date for …". */
export function actionTitle(a: Pick<TAction, "kind" | "subject">): string {
  const what = subjectText(a.subject);
  if (a.kind === "delayBill") return `Delay ${what}`;
  if (a.kind === "remindInvoice") return `Send a reminder for ${what}`;
  return `Get a promise date for ${what}`;
}

/** What the action does, with the facts it rests on (overdue days, the customer's habit). */
export function actionDetail(a: TAction, money: TMoney): string {
  const habit = a.habit ? `; ${formatHabit(a.habit)}` : "";
  if (a.kind === "delayBill")
    return a.overdueDays
      ? `${money(a.amountCents)} · already ${countOf(a.overdueDays, "day")} overdue: pay on ${formatDate(a.date)} instead of now, if the vendor agrees`
      : `${money(a.amountCents)} · pay on ${formatDate(a.date)} instead of ${formatDate(a.fromDate ?? a.date)}`;
  if (a.kind === "remindInvoice")
    return `${money(a.amountCents)} · ${a.overdueDays ? `${countOf(a.overdueDays, "day")} overdue` : "later than this customer usually pays"}, no reminder sent${habit}. With a reminder today it is expected by ${formatDate(a.date)} instead of ${formatDate(a.fromDate ?? a.date)}`;
  return `${money(a.amountCents)} · ${a.atRisk ? atRiskText(a.atRisk) : (a.reason ?? "at risk")}${habit}. Left out of the forecast until the customer promises a date: ask for ${formatDate(a.date)}`;
}

/** Why an invoice is at-risk AR, in words. */
export function atRiskText(w: TAtRiskWhy): string {
  return w.kind === "pastDue"
    ? `${countOf(w.days, "day")} past due`
    : `no payment from this customer in ${countOf(w.days, "day")}`;
}

/** The gain that ranked it: the 4-week low first, then runway, then the 13-week low. */
export function actionGain(a: TAction, moneyShort: TMoney): string {
  const i = a.impact;
  // A digest stored before the 4-week low was measured (version 1) has none.
  if (i.low4Weeks && i.low4Weeks.deltaCents > 0) return `4-week low +${moneyShort(i.low4Weeks.deltaCents)}`;
  if (i.summary === "nowNotBurning") return "no longer runs out";
  if (i.runwayDeltaDays) return formatDaysDelta(i.runwayDeltaDays);
  if (i.lowestDeltaCents > 0) return `lowest +${moneyShort(i.lowestDeltaCents)}`;
  return a.kind === "delayBill" ? "cash kept longer" : "cash in sooner";
}
