// @ts-nocheck
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scheduleSyncs, syncRealm, tokenKeepAlive } from "@/inngest/functions";
import { fixedClock, setClockForProcess } from "@/server/clock";
import { outboxEvents, qboConnections, qboTokens, qboTransactions } from "@/server/db/schema";
import { resetEnvForTests } from "@/server/env";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser } from "../support/factories";
import { connectToEmulator, testKey } from "../support/qbo";
import { expectConsoleError } from "../support/setup";

/** The Inngest functions run their real steps (in-process, @inngest/test) against the emulator. */
describe(`Inngest functions (${testBackend})`, () => {
  let h: TestDatabase;
  let businessId: string;
  let qbo: Awaited<ReturnType<typeof connectToEmulator>>;
  const saved = { ...process.env };
  beforeAll(async () => {
    h = await useTestDatabase();
    businessId = await makeBusiness(h.db, (await makeUser(h.db)).id);
    qbo = await connectToEmulator(h.db, businessId, { seed: 41 });
    Object.assign(process.env, {
      QBO_BASE_URL: qbo.base,
      TOKEN_ENCRYPTION_KEY: testKey,
      QBO_THROTTLE_WAIT_MS: "20",
    });
    resetEnvForTests();
  });
  afterAll(async () => {
    process.env = saved;
    resetEnvForTests();
    setClockForProcess(undefined);
    await qbo?.emu.stop();
    await h?.close();
  });

  it("qbo-sync-realm runs a full sync for the event's business and returns a small summary", async () => {
    const t = new InngestTestEngine({ function: syncRealm });
    const { result, ctx } = await t.execute({
      events: [{ name: "qbo/sync.requested", data: { businessId, trigger: "connect" } }],
    });
    expect(result).toMatchObject({ status: "succeeded", kind: "full", apiCalls: expect.any(Number) });
    expect(JSON.stringify(result).length).toBeLessThan(300); // a summary, never rows
    expect(ctx.step.run).toHaveBeenCalledWith("sync", expect.any(Function));
    const n = await h.db.select().from(qboTransactions).where(eq(qboTransactions.businessId, businessId));
    expect(n.length).toBeGreaterThan(500);
  });

  it("a connection that lost its authorization fails without retries (NonRetriableError)", async () => {
    await qbo.admin(`companies/${qbo.realmId}/revoke`, {});
    await qbo.admin(`companies/${qbo.realmId}/expire-tokens`, {});
    await h.db
      .update(qboTokens)
      .set({ accessExpiresAt: new Date(0) })
      .where(eq(qboTokens.businessId, businessId));
    const t = new InngestTestEngine({ function: syncRealm });
    const { error } = await t.execute({
      events: [{ name: "qbo/sync.requested", data: { businessId, trigger: "schedule" } }],
    });
    expect(error).toMatchObject({ name: "NonRetriableError" });
    expectConsoleError(/Inngest step error|QuickBooks needs to be reconnected/); // the SDK logs the failed step
    const [conn] = await h.db.select().from(qboConnections).where(eq(qboConnections.businessId, businessId));
    expect(conn!.status).toBe("needs_reauth");
  });

  it("qbo-schedule-syncs enqueues each due connection once per slot", async () => {
    const other = await makeBusiness(h.db, (await makeUser(h.db)).id);
    const slot = new Date("2026-11-26T10:00:00Z");
    await h.db
      .insert(qboConnections)
      .values({ businessId: other, realmId: "7777", environment: "emulator", nextSyncAt: slot });
    setClockForProcess(fixedClock("2026-11-26T10:05:00Z"));
    const run = async () => (await new InngestTestEngine({ function: scheduleSyncs }).execute()).result;
    expect(await run()).toEqual({ enqueued: 1 });
    expect(await run()).toEqual({ enqueued: 0 }); // same slot: nothing new
    const events = await h.db.select().from(outboxEvents).where(eq(outboxEvents.businessId, other));
    expect(events.map((e) => e.id)).toEqual([`sync:schedule:${other}:${slot.toISOString()}`]);
  });

  it("qbo-token-keep-alive refreshes idle connections", async () => {
    const idle = await makeBusiness(h.db, (await makeUser(h.db)).id);
    const q2 = await connectToEmulator(h.db, idle, { seed: 42, realmId: "9130350000000042" });
    try {
      await h.db
        .update(qboTokens)
        .set({ refreshedAt: new Date(Date.now() - 2 * 86_400_000) })
        .where(eq(qboTokens.businessId, idle));
      Object.assign(process.env, { QBO_BASE_URL: q2.base });
      resetEnvForTests();
      setClockForProcess(undefined);
      const before = ((await q2.admin("counters")) as { tokenRefreshes: number }).tokenRefreshes;
      const { result } = await new InngestTestEngine({ function: tokenKeepAlive }).execute();
      expect(result).toMatchObject({ refreshed: 1 });
      expect(((await q2.admin("counters")) as { tokenRefreshes: number }).tokenRefreshes).toBe(before + 1);
      const [row] = await h.db.select().from(qboTokens).where(eq(qboTokens.businessId, idle));
      expect(row!.refreshedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    } finally {
      await q2.emu.stop();
    }
  });
});
