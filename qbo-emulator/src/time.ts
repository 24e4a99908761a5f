import { TZDate } from "@date-fns/tz";
import { addDays, format } from "date-fns";

/**
 * Time as QBO shows it: entity timestamps in the company's offset with a colon and no millis
 * (`2026-04-08T13:16:17-07:00`); the envelope `time` with millis; business dates `YYYY-MM-DD`.
 */
export function entityTimestamp(ms: number, tz: string): string {
  return format(new TZDate(ms, tz), "yyyy-MM-dd'T'HH:mm:ssXXX");
}

export function envelopeTime(ms: number, tz: string): string {
  return format(new TZDate(ms, tz), "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
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
