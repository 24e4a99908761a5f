/**
 * A runway alert in plain words, for the digest page and the alert email alike (alerts are stored
 * as data: kind, dates, amounts, threshold and drivers).
 */
// @ts-nocheck

import type { TAlertDetail } from "@/server/alerts/alert-detail";
import type { TStoredSubject } from "@/server/runway/subject-schema";
import { subjectText } from "./flow-words";
import { countOf, formatDate, formatMoney } from "./format";

/** “the reserve “Tax””, “the reserves “Profit first”, “Owner pay””. */
function reservesText(s: TStoredSubject | null): string {
  const names = s?.kind === "reserve" ? s.names : [s ? subjectText(s) : "reserve"];
  const quoted = names.map((n) => `“${n}”`).join(", ");
  return names.length === 1 ? `the reserve ${quoted}` : `the reserves ${quoted}`;
}

export function describeAlert(
  a: { kind: "balance" | "runway"; crossingDate: string; amountCents: number; detail: TAlertDetail },
  currency: string,
): { title: string; lines: string[] } {
  const money = (c: number) => formatMoney(c, currency);
  const t = a.detail.threshold;
  const title =
    a.kind === "balance"
      ? `Projected spendable cash falls below ${money(t.belowCents)} on ${formatDate(a.crossingDate)}`
      : `Runway is under ${countOf(t.runwayWeeks ?? 0, "week")}: cash runs out on ${formatDate(a.crossingDate)}`;
  return {
    title,
    lines: [
      `Projected spendable on ${formatDate(a.crossingDate)}: ${money(a.amountCents)}; lowest ${money(a.detail.lowest.spendableCents)} on ${formatDate(a.detail.lowest.date)}.`,
      ...a.detail.drivers.map((d, i) => {
        const on = d.date ? ` on ${formatDate(d.date)}` : "";
        const what =
          d.kind === "burn"
            ? `everyday spending over ${countOf(d.days ?? 0, "day")} (baseline)`
            : d.kind === "reserve"
              ? `${reservesText(d.subject)}, kept out of spendable${d.date ? ` and paid${on}` : ""}`
              : `${d.subject ? subjectText(d.subject) : "an outflow"}${on}`;
        return `${i === 0 ? "Biggest driver" : "Next"}: ${what} (${money(d.amountCents)}).`;
      }),
    ],
  };
}
