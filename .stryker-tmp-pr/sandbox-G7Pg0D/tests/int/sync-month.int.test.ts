// @ts-nocheck
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MONTH_PROFILE, simulateMonth, type TMonthResult } from "../../scripts/sync-month";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";

/**
 * Issue 13: three simulated days (Monday to Wednesday, the first company's webhooks lost on
 * Tuesday) through the real scheduler against the emulator. `npm run bench` runs the month and
 * prints its figures against the budget; this pins the behaviour.
 */
describe(`three simulated days through the real scheduler (${testBackend})`, () => {
  let h: TestDatabase;
  let r: TMonthResult;
  beforeAll(async () => {
    h = await useTestDatabase();
    r = await simulateMonth({ db: h.db, profile: { ...MONTH_PROFILE, days: 3, outageDay: 1 } });
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });
  const company = (label: string) => r.companies.find((c) => c.label === label)!;
  const sum = (c: ReturnType<typeof company>) => Object.values(c.byTrigger).reduce((n, t) => n + t.calls, 0);

  it("every announced change is in the mirror as soon as its sync has run", () => {
    expect(r.announcedBursts).toBe(10); // five sittings on Monday and on Wednesday
    expect(r.notVisible).toBe(0);
    expect(r.visibleMs).toHaveLength(10);
  });

  it("the emulator's own counter agrees with the syncs' count of their calls; the reads are all CDC", () => {
    for (const c of r.companies) {
      expect(c.metered).toBe(sum(c));
      expect(c.metered).toBe(c.total);
    }
  });

  it("healthy webhooks: one sync per sitting, hourly polls only while unproven or after the outage, healthy again by the end", () => {
    const c = company("healthy webhooks");
    expect(c.byTrigger.webhook?.runs).toBe(10);
    expect(c.health).toBe("healthy");
    expect(c.metered).toBeLessThan(company("no webhooks").metered);
  });

  it("no webhooks: never healthy, polled hourly while awake, and page views ask for syncs", () => {
    const c = company("no webhooks");
    expect(c.health).toBe("unhealthy");
    expect(c.byTrigger.webhook).toBeUndefined();
    // 07:00–22:00 hourly and every 3 hours overnight: about 18 polls a day (a page view's sync
    // moves the next poll back by an hour).
    const polls = (c.byTrigger.schedule?.runs ?? 0) + (c.byTrigger.page_view?.runs ?? 0);
    expect(polls).toBeGreaterThanOrEqual(3 * 15);
    expect(polls).toBeLessThanOrEqual(3 * 20);
    expect(c.byTrigger.page_view?.runs).toBeGreaterThan(0);
  });
});
