// @ts-nocheck
import { describe, expect, it } from "vitest";
import { addBusinessHours, isMonthEnd, nextPollAt } from "./poll-schedule";

const NY = "America/New_York";
const SPREAD = 10 * 60_000;
const hoursBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 3_600_000;

describe("the poll schedule", () => {
  it("counts only business hours, in the business's timezone", () => {
    // Tuesday 2026-12-08 10:00 New York (15:00 UTC) + 7 business hours → 17:00 the same day.
    expect(addBusinessHours(new Date("2026-12-08T15:00:00Z"), 7, NY).toISOString()).toBe(
      "2026-12-08T22:00:00.000Z",
    );
    // Tuesday 16:00 + 7 → 2 h on Tuesday, 5 h on Wednesday from 08:00 → Wednesday 13:00.
    expect(addBusinessHours(new Date("2026-12-08T21:00:00Z"), 7, NY).toISOString()).toBe(
      "2026-12-09T18:00:00.000Z",
    );
    // Friday 17:00 + 7 → 1 h on Friday, then Monday 08:00 + 6 h → Monday 14:00.
    expect(addBusinessHours(new Date("2026-12-11T22:00:00Z"), 7, NY).toISOString()).toBe(
      "2026-12-14T19:00:00.000Z",
    );
    // Across the March DST change, 08:00 is still 08:00 local (12:00 UTC, not 13:00).
    expect(addBusinessHours(new Date("2027-03-13T15:00:00Z"), 1, NY).toISOString()).toBe(
      "2027-03-15T13:00:00.000Z",
    );
  });

  it("polls healthy companies after 7 business hours, at least daily, 3 at month-end", () => {
    const b = "biz-1";
    const tue = new Date("2026-12-08T15:00:00Z");
    const next = nextPollAt({ businessId: b, now: tue, health: "healthy", timeZone: NY });
    expect(hoursBetween(tue, next)).toBeGreaterThanOrEqual(7);
    expect(hoursBetween(tue, next)).toBeLessThan(7 + SPREAD / 3_600_000);
    // Friday evening: no business hours until Monday, so the daily cap decides (Saturday).
    const fri = new Date("2026-12-11T23:00:00Z");
    const sat = nextPollAt({ businessId: b, now: fri, health: "healthy", timeZone: NY });
    expect(hoursBetween(fri, sat)).toBeGreaterThanOrEqual(24);
    expect(hoursBetween(fri, sat)).toBeLessThan(24.2);
    // Month-end (30 December): 3 business hours.
    const close = new Date("2026-12-30T15:00:00Z");
    expect(isMonthEnd(close, NY)).toBe(true);
    expect(isMonthEnd(tue, NY)).toBe(false);
    expect(
      hoursBetween(close, nextPollAt({ businessId: b, now: close, health: "healthy", timeZone: NY })),
    ).toBeLessThan(3.2);
  });

  it("polls unhealthy companies hourly while awake and every 3 hours overnight", () => {
    const day = new Date("2026-12-08T15:00:00Z"); // 10:00 in New York
    const night = new Date("2026-12-09T06:00:00Z"); // 01:00 in New York
    const h = (now: Date) =>
      hoursBetween(now, nextPollAt({ businessId: "b", now, health: "unhealthy", timeZone: NY }));
    expect(h(day)).toBeGreaterThanOrEqual(1);
    expect(h(day)).toBeLessThan(1.17);
    expect(h(night)).toBeGreaterThanOrEqual(3);
    expect(h(night)).toBeLessThan(3.17);
  });

  it("spreads companies across ten minutes", () => {
    const now = new Date("2026-12-08T15:00:00Z");
    const times = new Set(
      Array.from({ length: 50 }, (_, i) =>
        Math.floor(
          nextPollAt({ businessId: `business-${i}`, now, health: "unhealthy", timeZone: NY }).getTime() /
            60_000,
        ),
      ),
    );
    expect(times.size).toBeGreaterThanOrEqual(8);
  });
});
