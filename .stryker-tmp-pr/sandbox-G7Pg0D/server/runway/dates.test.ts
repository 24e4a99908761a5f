// @ts-nocheck
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonthsFirst,
  dayOfMonth,
  daysBetween,
  daysInMonth,
  isLastDayOfMonth,
  maxDate,
} from "./dates";

// Dates far from any fixture (year 2391), so the memo caches start empty for them.
describe("business-date arithmetic", () => {
  it("adds days across month, year and leap-day boundaries, both ways", () => {
    expect(addDays("2391-12-31", 1)).toBe("2392-01-01");
    expect(addDays("2392-03-01", -1)).toBe("2392-02-29"); // 2392 is a leap year
    expect(addDays("2391-03-01", -1)).toBe("2391-02-28");
    expect(addDays("2391-06-15", 0)).toBe("2391-06-15");
    expect(addDays("2391-06-15", -365)).toBe("2390-06-15");
    // The same answers a second time (from the caches).
    expect(addDays("2391-12-31", 1)).toBe("2392-01-01");
    expect(addDays("2392-03-01", -1)).toBe("2392-02-29");
  });

  it("counts whole days between dates, negative when the second is earlier", () => {
    expect(daysBetween("2391-01-01", "2391-12-31")).toBe(364);
    expect(daysBetween("2391-12-31", "2391-01-01")).toBe(-364);
    expect(daysBetween("2392-02-28", "2392-03-01")).toBe(2);
    expect(daysBetween("2391-05-05", "2391-05-05")).toBe(0);
  });

  it("refuses anything that is not YYYY-MM-DD", () => {
    for (const bad of [
      "2391-3-16",
      "2391-03-6",
      "91-03-16",
      "x2391-03-16",
      "2391-03-16x",
      "abcd-ef-gh",
      "2391/03/16",
      "",
    ])
      expect(() => addDays(bad, 1), bad).toThrow(`Not a business date: ${bad}`);
  });

  it("month lengths, clamped days of the month and month steps", () => {
    expect(daysInMonth(2391, 2)).toBe(28);
    expect(daysInMonth(2392, 2)).toBe(29);
    expect(daysInMonth(2391, 12)).toBe(31);
    expect(daysInMonth(2391, 4)).toBe(30);
    expect(dayOfMonth("2391-02-10", 31)).toBe("2391-02-28");
    expect(dayOfMonth("2392-02-10", 30)).toBe("2392-02-29");
    expect(dayOfMonth("2391-04-30", 5)).toBe("2391-04-05");
    expect(addMonthsFirst("2391-11-20", 3)).toBe("2392-02-01");
    expect(addMonthsFirst("2391-01-20", -1)).toBe("2390-12-01");
    expect(addMonthsFirst("2391-01-20", -13)).toBe("2389-12-01");
    expect(addMonthsFirst("2391-07-31", 0)).toBe("2391-07-01");
  });

  it("the last day of a month, and the later of two dates", () => {
    expect(isLastDayOfMonth("2391-02-28")).toBe(true);
    expect(isLastDayOfMonth("2392-02-28")).toBe(false);
    expect(isLastDayOfMonth("2392-02-29")).toBe(true);
    expect(isLastDayOfMonth("2391-04-30")).toBe(true);
    expect(isLastDayOfMonth("2391-05-30")).toBe(false);
    expect(isLastDayOfMonth("2391-12-31")).toBe(true);
    expect(maxDate("2391-01-02", "2391-01-01")).toBe("2391-01-02");
    expect(maxDate("2391-01-01", "2391-01-02")).toBe("2391-01-02");
    expect(maxDate("2391-01-01", "2391-01-01")).toBe("2391-01-01");
  });
});
