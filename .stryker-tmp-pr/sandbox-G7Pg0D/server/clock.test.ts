// @ts-nocheck
import { describe, expect, it } from "vitest";
import { businessDate, fixedClock, pinnedDayClock } from "./clock";

describe("the demo's pinned day", () => {
  it("is the same calendar day across US and European timezones whatever hour it starts at", () => {
    for (const realStart of ["2026-11-27T01:30:00Z", "2026-11-27T12:00:00Z", "2026-11-27T23:59:00Z"]) {
      const clock = pinnedDayClock("2026-03-16", fixedClock(realStart));
      for (const tz of [
        "America/Los_Angeles",
        "America/New_York",
        "UTC",
        "Europe/Berlin",
        "Pacific/Honolulu",
      ])
        expect(businessDate(clock.now(), tz), `${realStart} in ${tz}`).toBe("2026-03-16");
    }
  });

  it("runs on in real time", () => {
    const real = fixedClock("2026-11-27T01:30:00Z");
    const clock = pinnedDayClock("2026-03-16", real);
    const start = clock.now().getTime();
    real.advance(5 * 60_000);
    expect(clock.now().getTime() - start).toBe(5 * 60_000);
  });
});
