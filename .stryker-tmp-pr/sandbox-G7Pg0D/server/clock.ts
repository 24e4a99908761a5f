// @ts-nocheck
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { getEnv } from "./env";

/**
 * The one injectable clock. Business dates are `YYYY-MM-DD` strings in the business's timezone;
 * instants are Date objects. In demo mode DEMO_TODAY pins "today": the clock then runs from
 * noon UTC that day and runs on, so relative times ("3 minutes ago") still move.
 */
export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock pinned at a given instant that only moves when told (tests). */
export function fixedClock(
  at: Date | string,
): Clock & { advance: (ms: number) => void; set: (d: Date) => void } {
  let t = typeof at === "string" ? new Date(at) : at;
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t = new Date(t.getTime() + ms);
    },
    set: (d) => {
      t = d;
    },
  };
}

/**
 * A clock that starts at noon UTC on `day` and then runs in real time. Noon, not the real time of
 * day: at 01:30 UTC Los Angeles is still on the day before, so a pinned demo would otherwise
 * change its "today" (and every figure) with the hour it was started. At noon UTC the date is
 * `day` from UTC−11 to UTC+11. The emulator's DEMO_TODAY follows the same rule.
 */
export function pinnedDayClock(day: string, base: Clock = systemClock): Clock {
  const offset = Date.parse(`${day}T12:00:00Z`) - base.now().getTime();
  return { now: () => new Date(base.now().getTime() + offset) };
}

const g = globalThis as unknown as { __oodalooClock?: Clock };

export function getClock(): Clock {
  if (!g.__oodalooClock) {
    const pinned = getEnv().demoToday;
    g.__oodalooClock = pinned ? pinnedDayClock(pinned) : systemClock;
  }
  return g.__oodalooClock;
}

export function setClockForProcess(clock: Clock | undefined): void {
  g.__oodalooClock = clock;
}

/** The calendar date of an instant in a timezone, as `YYYY-MM-DD`. */
export function businessDate(instant: Date, timeZone: string): string {
  return format(new TZDate(instant, timeZone), "yyyy-MM-dd");
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return (tz.length > 0 && Intl.supportedValuesOf("timeZone").includes(tz)) || tz === "UTC";
  } catch {
    return false;
  }
}
