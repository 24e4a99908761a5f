// @ts-nocheck
import { addDays, daysBetween } from "../runway/dates";
import type { TAction } from "../runway/top-actions";
import type { TAging, TAgingBucket, TRunwayResult } from "../runway/types";
import {
  DIGEST_SNAPSHOT_VERSION,
  type TDigestDay,
  type TDigestMove,
  type TDigestSnapshot,
  type TForecastVsActual,
  type TLeftOut,
  type TSinceLastWeek,
} from "./snapshot-schema";

/**
 * A digest as shown and as stored: the figures, the 13-week projection and this week's actions,
 * plus what changed since last week and how last week's forecast did. Pure: built from the
 * engine's result, the previous stored digest and a dated cash snapshot (docs/metrics.md).
 * Stored digests are rendered from this, never recomputed; they are read back through
 * `parseDigestSnapshot` (snapshot-schema.ts), which also reads older versions.
 */
export type {
  TDigestDay,
  TDigestMove,
  TDigestSnapshot,
  TForecastVsActual,
  TLeftOut,
  TSinceLastWeek,
} from "./snapshot-schema";

export const MAX_MOVES = 5;
const BUCKETS: TAgingBucket[] = ["current", "1-30", "31-60", "61-90", "91+"];
const total = (a: TAging) => BUCKETS.reduce((s, b) => s + a[b].cents, 0);

/** The stored digest compared with: the latest one at least a week older than `asOf`. */
export const COMPARE_AFTER_DAYS = 7;

export function buildDigestSnapshot({
  runway: r,
  actions,
  syncedAt,
  previous,
  cashWeekAgo,
  gaps = [],
}: {
  /** What the sync could not bring in (server/connections/get-sync-coverage). */
  gaps?: { entity: string; effect: "required" | "burn" | "leftOut" }[];
  runway: TRunwayResult;
  actions: TAction[];
  syncedAt: Date | null;
  /** The latest stored digest with asOf ≤ r.asOf − 7 days. */
  previous: { id: string; snapshot: TDigestSnapshot } | null;
  /** The latest cash snapshot on or before r.asOf − 7 days. */
  cashWeekAgo: { date: string; cashCents: number } | null;
}): TDigestSnapshot {
  const cur = r.homeCurrency;
  const moves = new Map<string, TDigestMove[]>();
  const add = (date: string, move: TDigestMove) => {
    const list = moves.get(date);
    if (list) list.push(move);
    else moves.set(date, [move]);
  };
  for (const f of r.inflows) add(f.date, { kind: "in", amountCents: f.amountCents, subject: f.subject });
  for (const f of r.outflows) add(f.date, { kind: "out", amountCents: f.amountCents, subject: f.subject });
  const days: TDigestDay[] = r.days.map((d) => {
    const m: TDigestMove[] = [
      ...(moves.get(d.date) ?? []),
      ...(d.burnCents ? [{ kind: "burn" as const, amountCents: d.burnCents }] : []),
    ];
    return {
      date: d.date,
      cashCents: d.cashCents,
      spendableCents: d.spendableCents,
      inflowCents: d.inflowCents,
      outflowCents: d.outflowCents + d.burnCents,
      moves: m.slice(0, MAX_MOVES),
      more: Math.max(0, m.length - MAX_MOVES),
    };
  });

  const leftOut: TLeftOut[] = [];
  if (r.issues.billsWithoutDueDate.length > 0)
    leftOut.push({ kind: "billsWithoutDueDate", count: r.issues.billsWithoutDueDate.length });
  if (r.issues.unconverted.length > 0)
    leftOut.push({ kind: "unconverted", count: r.issues.unconverted.length });
  if (r.atRiskAr.length > 0)
    leftOut.push({
      kind: "atRisk",
      count: r.atRiskAr.length,
      cents: r.atRiskAr.reduce((sum, a) => sum + a.cents, 0),
    });

  const arOpenCents = total(r.arAging);
  const apOpenCents = total(r.apAging);
  const since = addDays(r.asOf, -COMPARE_AFTER_DAYS);
  const prev = previous?.snapshot ?? null;
  const sinceLastWeek: TSinceLastWeek | null =
    cashWeekAgo || prev
      ? {
          since: prev?.asOf ?? cashWeekAgo?.date ?? since,
          cashThenCents: cashWeekAgo?.cashCents ?? null,
          cashDeltaCents: cashWeekAgo ? r.cashOnHandCents - cashWeekAgo.cashCents : null,
          runwayThen: prev?.runway ?? null,
          runwayDeltaDays:
            prev?.runway.kind === "days" && r.runway.kind === "days"
              ? r.runway.days - prev.runway.days
              : null,
          arDeltaCents: prev ? arOpenCents - prev.arOpenCents : null,
          apDeltaCents: prev ? apOpenCents - prev.apOpenCents : null,
        }
      : null;

  const forecastVsActual = previous ? compareForecast(previous, r.asOf, r.cashOnHandCents) : null;
  const accuracy = forecastVsActual
    ? {
        pairs: (prev?.accuracy?.pairs ?? 0) + 1,
        sumErrorBp: (prev?.accuracy?.sumErrorBp ?? 0) + forecastVsActual.errorBp,
      }
    : (prev?.accuracy ?? null);

  return {
    version: DIGEST_SNAPSHOT_VERSION,
    asOf: r.asOf,
    horizonEnd: r.horizonEnd,
    homeCurrency: cur,
    syncedAt: syncedAt ? syncedAt.toISOString() : null,
    runway: r.runway,
    cashOnHandCents: r.cashOnHandCents,
    bankAccountCount: r.bankAccounts.length,
    reservedCents: r.reservedCents,
    spendableCents: r.spendableCents,
    lowest: r.lowest,
    days,
    actions,
    arAging: r.arAging,
    apAging: r.apAging,
    withoutDueDate: r.withoutDueDate,
    arOpenCents,
    apOpenCents,
    leftOut,
    gaps,
    sinceLastWeek,
    forecastVsActual,
    accuracy,
  };
}

/**
 * Last week's forecast against what happened: the previous digest's projected cash at the end of
 * the day before `asOf` (the opening cash of `asOf`) versus cash on hand now. Null when that day
 * is outside the previous digest's horizon.
 */
export function compareForecast(
  previous: { id: string; snapshot: Pick<TDigestSnapshot, "asOf" | "days"> },
  asOf: string,
  actualCents: number,
): TForecastVsActual | null {
  const target = addDays(asOf, -1);
  if (daysBetween(previous.snapshot.asOf, target) < 0) return null;
  const day = previous.snapshot.days.find((d) => d.date === target);
  if (!day) return null;
  const errorCents = actualCents - day.cashCents;
  return {
    previousDigestId: previous.id,
    previousAsOf: previous.snapshot.asOf,
    date: asOf,
    projectedCents: day.cashCents,
    actualCents,
    errorCents,
    errorBp: errorBasisPoints(errorCents, actualCents),
  };
}

/** |error| / max(|actual|, 100 cents) in basis points, rounded half up; integers only. */
export function errorBasisPoints(errorCents: number, actualCents: number): number {
  const denom = BigInt(Math.max(Math.abs(actualCents), 100));
  const num = BigInt(Math.abs(errorCents)) * 10000n;
  return Number((num * 2n + denom) / (denom * 2n));
}

/** Running accuracy in basis points (10000 = 100%), floored at 0; null before the first pair. */
export function accuracyBp(a: TDigestSnapshot["accuracy"]): number | null {
  if (!a || a.pairs === 0) return null;
  return Math.max(0, 10000 - Math.round(a.sumErrorBp / a.pairs));
}
