// @ts-nocheck
import { TZDate } from "@date-fns/tz";
import { getISOWeek, getISOWeekYear } from "date-fns";

/** The business's local ISO week of an instant, e.g. "2026-W48". */
export function isoWeekOf(instant: Date, timeZone: string): string {
  const local = new TZDate(instant, timeZone);
  return `${getISOWeekYear(local)}-W${String(getISOWeek(local)).padStart(2, "0")}`;
}

/** Monday 08:00 local has passed in this instant's ISO week (so that week's digest is due). */
export function weeklyDigestDue(instant: Date, timeZone: string): boolean {
  const local = new TZDate(instant, timeZone);
  return !(local.getDay() === 1 && local.getHours() < 8);
}
