import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BANK_MONTH_PROFILE, simulateBankMonth, type TBankMonthResult } from "../../scripts/bank-month";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";

/**
 * Issue 18: a simulated month for three clients (the profile: 4 bank transactions a day, a weekly
 * digest, two owner refreshes, one payment commit) through the real webhook, job and cron paths,
 * counted by the Plaid emulator. `npm run bench` runs it for 100 clients and prints the figures.
 */
describe(`a simulated month of bank traffic (${testBackend})`, () => {
  let h: TestDatabase;
  let r: TBankMonthResult;
  beforeAll(async () => {
    h = await useTestDatabase();
    r = await simulateBankMonth({ db: h.db, clients: 3 });
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  it("at most one real-time balance call per client per week: two asked for, one before the commit, none for digests", () => {
    expect(r.balancePerClientWeek).toBeLessThanOrEqual(1);
    // Days 3 and 17 (asked) and day 10 (before the commit): 3 a month, never more for any Item.
    expect(r.maxBalancePerItem).toBe(3);
    expect(r.byEndpoint["/accounts/balance/get"]).toBe(3 * 3);
  });

  it("every bank change arrives by webhook, verified, and is synced once: the mirror equals the bank", () => {
    expect(r.webhooks.refused).toBe(0);
    expect(r.webhooks.delivered).toBe(3 * BANK_MONTH_PROFILE.days);
    expect(r.webhooks.queued).toBe(r.webhooks.delivered);
    expect(r.posted).toBe(3 * BANK_MONTH_PROFILE.days * BANK_MONTH_PROFILE.txnsPerDay);
    expect(r.mirrored).toBe(r.atBank);
    // One pass a day per Item (the webhook), plus the first sync; the safety poll never needed.
    expect(r.byEndpoint["/transactions/sync"]).toBe(3 * (BANK_MONTH_PROFILE.days + 1));
  });

  it("cached balances and Items are read only when linking", () => {
    expect(r.byEndpoint["/accounts/get"]).toBe(3);
    expect(r.byEndpoint["/item/public_token/exchange"]).toBe(3);
  });
});
