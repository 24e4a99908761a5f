// @ts-nocheck
import { createHash } from "node:crypto";
import { TZDate } from "@date-fns/tz";
import { addDays, getDay, getHours, lastDayOfMonth, startOfDay } from "date-fns";

/**
 * When a company's QuickBooks is next polled (docs/decisions/0011-sync-schedule.md). Webhooks
 * carry freshness; polls are the safety net, and every read is metered (Builder tier: 500,000 a
 * month per app), so:
 * - **healthy webhooks**: after 7 of the business's business hours (Mon–Fri 08:00–18:00 in its
 *   timezone; 3 at month-end), and at least once a day — so nights and weekends cost one poll a
 *   day at most, and a day of announced changes (each one a sync) needs none;
 * - **unhealthy webhooks**: hourly from 07:00 to 22:00 local, every 3 hours overnight.
 * Every time is spread by up to 10 minutes by business, so no minute holds every company.
 */
export const BUSINESS_OPENS = 8;
export const BUSINESS_CLOSES = 18;
const HOUR = 3_600_000;
const SPREAD_MS = 10 * 60_000;

export function nextPollAt({
  businessId,
  now,
  health,
  timeZone,
}: {
  businessId: string;
  now: Date;
  health: "healthy" | "unhealthy";
  timeZone: string;
}): Date {
  const spread = hashOf(businessId) % SPREAD_MS;
  if (health === "unhealthy") {
    const hour = getHours(new TZDate(now, timeZone));
    const waking = hour >= 7 && hour < 22;
    return new Date(now.getTime() + (waking ? HOUR : 3 * HOUR) + spread);
  }
  const hours = isMonthEnd(now, timeZone) ? 3 : 7;
  const after = addBusinessHours(now, hours, timeZone);
  return new Date(Math.min(after.getTime(), now.getTime() + 24 * HOUR) + spread);
}

/** The last two days of a month and the first of the next: closing the books, cash watched. */
export function isMonthEnd(at: Date, timeZone: string): boolean {
  const local = new TZDate(at, timeZone);
  const day = local.getDate();
  return day === 1 || day >= lastDayOfMonth(local).getDate() - 1;
}

/** The instant `hours` business hours after `from` (weekends and nights do not count). */
export function addBusinessHours(from: Date, hours: number, timeZone: string): Date {
  let remaining = hours * HOUR;
  let t = new TZDate(from, timeZone);
  for (let i = 0; i < 14; i++) {
    const weekday = getDay(t);
    if (weekday !== 0 && weekday !== 6) {
      const day = startOfDay(t);
      // Set in the zone (not midnight + 8 h: a DST day has 23 or 25 hours).
      const open = new TZDate(day, timeZone);
      open.setHours(BUSINESS_OPENS, 0, 0, 0);
      const close = new TZDate(day, timeZone);
      close.setHours(BUSINESS_CLOSES, 0, 0, 0);
      const start = Math.max(t.getTime(), open.getTime());
      if (start < close.getTime()) {
        const available = close.getTime() - start;
        if (remaining <= available) return new Date(start + remaining);
        remaining -= available;
      }
    }
    t = startOfDay(addDays(t, 1));
  }
  return new Date(from.getTime() + 14 * 24 * HOUR);
}

/** Well mixed (ids that differ in one character land minutes apart). */
function hashOf(s: string): number {
  return createHash("sha256").update(s).digest().readUInt32BE(0);
}
