import { daysBetween } from "../runway/dates";
import type { TRunwayResult } from "../runway/types";

/**
 * The one threshold model (design §2, docs/metrics.md): a business is alerted when its projected
 * spendable balance dips below `belowCents` inside the horizon, or when its runway is shorter
 * than `runwayWeeks` weeks. Pure: the crossing and what drove it, from the engine's result.
 */
export type TThreshold = { belowCents: number; runwayWeeks: number | null };

export type TDriver = { label: string; date: string | null; amountCents: number };

export type TCrossing = {
  kind: "balance" | "runway";
  /** The first projected date past the threshold. */
  crossingDate: string;
  /** Projected spendable on that date. */
  amountCents: number;
  lowest: { date: string; spendableCents: number };
  threshold: TThreshold;
  /** The two biggest outflows on or before the crossing date (baseline burn counted as one). */
  drivers: TDriver[];
};

export function detectCrossings(r: TRunwayResult, threshold: TThreshold): TCrossing[] {
  if (r.runway.kind === "insufficientData") return [];
  const out: TCrossing[] = [];
  const first = r.days.find((d) => d.spendableCents < threshold.belowCents);
  if (first) {
    out.push({
      kind: "balance",
      crossingDate: first.date,
      amountCents: first.spendableCents,
      lowest: r.lowest,
      threshold,
      drivers: driversUntil(r, first.date),
    });
  }
  const rw = r.runway;
  if (threshold.runwayWeeks !== null && rw.kind === "days" && rw.days < threshold.runwayWeeks * 7) {
    const day = r.days.find((d) => d.date === rw.date) ?? r.days[r.days.length - 1]!;
    out.push({
      kind: "runway",
      crossingDate: rw.date,
      amountCents: day.spendableCents,
      lowest: r.lowest,
      threshold,
      drivers: driversUntil(r, rw.date),
    });
  }
  return out;
}

/**
 * What pulls the balance down by `until`: every projected outflow dated on or before it, with the
 * baseline burn over the same days as one item; the two largest, largest first (ties: earlier).
 */
export function driversUntil(r: TRunwayResult, until: string): TDriver[] {
  const items: TDriver[] = r.outflows
    .filter((f) => f.date <= until)
    .map((f) => ({ label: f.label, date: f.date, amountCents: f.amountCents }));
  const burn = r.days.filter((d) => d.date <= until).reduce((s, d) => s + d.burnCents, 0);
  if (burn > 0)
    items.push({
      label: `Everyday spending over ${daysBetween(r.asOf, until) + 1} days (baseline)`,
      date: null,
      amountCents: burn,
    });
  return items
    .sort((a, b) => b.amountCents - a.amountCents || (a.date ?? "").localeCompare(b.date ?? ""))
    .slice(0, 2);
}
