// @ts-nocheck
import { daysBetween } from "../runway/dates";
import type { TRunwayResult, TSubject } from "../runway/types";

/**
 * The one threshold model (design §2, docs/metrics.md): a business is alerted when its projected
 * spendable balance dips below `belowCents` inside the horizon, or when its runway is shorter
 * than `runwayWeeks` weeks. Pure: the crossing and what drove it, from the engine's result.
 */
export type TThreshold = { belowCents: number; runwayWeeks: number | null };

/**
 * What pulled the balance down: a projected outflow (what it is and its date), the baseline burn
 * over `days` days, or reserves (their names) keeping money out of spendable on the crossing date.
 */
export type TDriver = {
  kind: "outflow" | "burn" | "reserve";
  subject: TSubject | null;
  date: string | null;
  amountCents: number;
  days?: number;
};

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
 * What pulls the balance down by `until`: every projected outflow dated on or before it, the
 * baseline burn over the same days as one item, and each reserve still keeping money out of
 * spendable that day (a set-aside paid out by then is its outflow); the two largest, largest
 * first (ties: earlier).
 */
export function driversUntil(r: TRunwayResult, until: string): TDriver[] {
  const items: TDriver[] = r.outflows
    .filter((f) => f.date <= until)
    .map((f) => ({
      kind: f.kind === "setAside" ? ("reserve" as const) : ("outflow" as const),
      subject: f.subject,
      date: f.date,
      amountCents: f.amountCents,
    }));
  const burn = r.days.filter((d) => d.date <= until).reduce((s, d) => s + d.burnCents, 0);
  if (burn > 0)
    items.push({
      kind: "burn",
      subject: null,
      date: null,
      amountCents: burn,
      days: daysBetween(r.asOf, until) + 1,
    });
  const reservedThen = r.days.find((d) => d.date === until)?.reservedCents ?? r.reservedCents;
  let named = 0;
  for (const x of r.reserves) {
    if (x.kind === "percentOfInflows") continue;
    const kept = x.kind === "hold" ? x.releaseDate === null || x.releaseDate > until : x.payDate > until;
    if (!kept) continue;
    named += x.amountCents;
    items.push({
      kind: "reserve",
      subject: { kind: "reserve", names: [x.name] },
      date: null,
      amountCents: x.amountCents,
    });
  }
  // What is left of the reserved balance is the percentage reserves' share of what came in.
  const shares = r.reserves.filter((x) => x.kind === "percentOfInflows");
  if (shares.length && reservedThen - named > 0)
    items.push({
      kind: "reserve",
      subject: { kind: "reserve", names: shares.map((x) => x.name) },
      date: null,
      amountCents: reservedThen - named,
    });
  return items
    .sort((a, b) => b.amountCents - a.amountCents || (a.date ?? "").localeCompare(b.date ?? ""))
    .slice(0, 2);
}
