import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { getEnv } from "./env";

/**
 * The one injectable clock. Business dates are `YYYY-MM-DD` strings in the business's timezone;
 * instants are Date objects. In demo mode DEMO_TODAY pins "today": the clock then runs from
 * that day's current wall time, so relative times ("3 minutes ago") still move.
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

/** Shift the real clock so that today (UTC) is `day`, keeping time of day. */
export function pinnedDayClock(day: string, base: Clock = systemClock): Clock {
  const real = base.now();
  const target = new Date(`${day}T${real.toISOString().slice(11)}`);
  const offset = target.getTime() - real.getTime();
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
