/**
 * Calendar arithmetic on business dates (`YYYY-MM-DD`). A business date is already the date in
 * the business's timezone, so counting days between two of them is plain calendar arithmetic on
 * UTC midnights: no daylight-saving shift can make a day 23 or 25 hours long here.
 */
// @ts-nocheck

const DAY_MS = 86_400_000;

// The engine does date arithmetic for every document on every what-if; parsing and formatting
// through Date dominated its profile, so both directions are memoized (a business's distinct
// dates number in the thousands).
const parsed = new Map<string, number>();
const formatted = new Map<number, string>();

function toUtcMs(iso: string): number {
  const hit = parsed.get(iso);
  if (hit !== undefined) return hit;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`Not a business date: ${iso}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the cache's size cap bounds memory only; no result depends on it
  if (parsed.size < 100_000) parsed.set(iso, ms);
  return ms;
}

function fromUtcMs(ms: number): string {
  const hit = formatted.get(ms);
  if (hit !== undefined) return hit;
  const iso = new Date(ms).toISOString().slice(0, 10);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the cache's size cap bounds memory only; no result depends on it
  if (formatted.size < 100_000) formatted.set(ms, iso);
  return iso;
}

export function addDays(iso: string, days: number): string {
  return fromUtcMs(toUtcMs(iso) + days * DAY_MS);
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

export function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/** `day` of the month that `iso` falls in, clamped to the month's length (31 → the last day). */
export function dayOfMonth(iso: string, day: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Math.min(day, daysInMonth(y, m));
  return `${iso.slice(0, 8)}${String(d).padStart(2, "0")}`;
}

/** The first day of the month `n` months after the month of `iso`. */
export function addMonthsFirst(iso: string, n: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, "0")}-01`;
}

export function isLastDayOfMonth(iso: string): boolean {
  return Number(iso.slice(8, 10)) === daysInMonth(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)));
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
