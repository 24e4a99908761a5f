// @ts-nocheck
import { TZDate } from "@date-fns/tz";
import { addDays, format } from "date-fns";

/**
 * Time as QBO shows it: entity timestamps in the company's offset with a colon and no millis
 * (`2026-04-08T13:16:17-07:00`); the envelope `time` with millis; business dates `YYYY-MM-DD`.
 */
/** Minutes east of UTC for `tz` at `ms`, cached per hour (offsets change on the hour at most). */
const offsetCache = new Map<string, number>();
function offsetMinutes(ms: number, tz: string): number {
  const key = `${tz}|${Math.floor(ms / 3_600_000)}`;
  let off = offsetCache.get(key);
  if (off === undefined) {
    off = -new TZDate(ms, tz).getTimezoneOffset();
    offsetCache.set(key, off);
  }
  return off;
}

function withOffset(ms: number, tz: string, millis: boolean): string {
  const off = offsetMinutes(ms, tz);
  const local = new Date(ms + off * 60_000).toISOString(); // 2026-04-08T13:16:17.123Z in local wall time
  const abs = Math.abs(off);
  const sign = off < 0 ? "-" : "+";
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${local.slice(0, millis ? 23 : 19)}${sign}${hh}:${mm}`;
}

export function entityTimestamp(ms: number, tz: string): string {
  return withOffset(ms, tz, false);
}

export function envelopeTime(ms: number, tz: string): string {
  return withOffset(ms, tz, true);
}

export function localDate(ms: number, tz: string): string {
  return format(new TZDate(ms, tz), "yyyy-MM-dd");
}

export function addDaysIso(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return format(addDays(new Date(Date.UTC(y!, m! - 1, d!, 12)), days), "yyyy-MM-dd");
}

export function daysBetween(a: string, b: string): number {
  const pa = Date.parse(`${a}T00:00:00Z`);
  const pb = Date.parse(`${b}T00:00:00Z`);
  return Math.round((pb - pa) / 86_400_000);
}

/** Parse a QBO timestamp or date (`2026-04-08`, `...T13:16:17-07:00`, `-0700`, `Z`) to epoch ms. */
export function parseQboInstant(text: string): number | null {
  let t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) t = `${t}T00:00:00-08:00`;
  t = t.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : ms;
}

export type EmulatorClock = { now: () => number };

/** A clock that starts at a pinned instant (or real time) and can be advanced by the admin API. */
export function createClock(
  start?: number,
): EmulatorClock & { advance: (ms: number) => void; offsetMs: () => number } {
  let offset = start === undefined ? 0 : start - Date.now();
  return {
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += ms;
    },
    offsetMs: () => offset,
  };
}
