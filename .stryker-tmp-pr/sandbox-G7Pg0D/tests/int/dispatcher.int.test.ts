// @ts-nocheck
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxEvents, qboConnections, qboTransactions, syncRuns } from "@/server/db/schema";
import { resetEnvForTests } from "@/server/env";
import { dispatcherTestHooks, dispatchOnce } from "@/server/jobs/dispatcher";
import { enqueue } from "@/server/jobs/outbox";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser } from "../support/factories";
import { connectToEmulator, testKey } from "../support/qbo";
import { expectConsoleError } from "../support/setup";

/** The in-process dispatcher: one realm failing never stops another; nothing is lost on failure. */
describe(`outbox dispatcher (${testBackend})`, () => {
  let h: TestDatabase;
  let good: string;
  let broken: string;
  let qbo: Awaited<ReturnType<typeof connectToEmulator>>;
  const saved = { ...process.env };
  beforeAll(async () => {
    h = await useTestDatabase();
    good = await makeBusiness(h.db, (await makeUser(h.db)).id);
    broken = await makeBusiness(h.db, (await makeUser(h.db)).id);
    qbo = await connectToEmulator(h.db, good, { seed: 71, realmId: "9130350000000071" });
    // A connection to a realm QuickBooks refuses (403 for these tokens).
    const tokens = (await qbo.admin(`companies/${qbo.realmId}/tokens`, {})) as never;
    const { storeTokens } = await import("@/server/qbo/tokens");
    await storeTokens(h.db, broken, tokens, testKey, new Date());
    await h.db
      .insert(qboConnections)
      .values({ businessId: broken, realmId: "1234567", environment: "emulator" });
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
    await qbo?.emu.stop();
    await h?.close();
  });

  it("processes every due event; a failing realm's sync is recorded and the other realm syncs", async () => {
    await enqueue(h.db, {
      id: "e-broken",
      name: "qbo/sync.requested",
      data: { businessId: broken, trigger: "manual" },
    });
    await enqueue(h.db, {
      id: "e-good",
      name: "qbo/sync.requested",
      data: { businessId: good, trigger: "manual" },
    });
    expect(
      await enqueue(h.db, {
        id: "e-good",
        name: "qbo/sync.requested",
        data: { businessId: good, trigger: "manual" },
      }),
    ).toBe(false);
    expect(await dispatchOnce(h.db)).toBe(2);
    const events = await h.db.select().from(outboxEvents);
    expect(events.every((e) => e.processedAt !== null)).toBe(true);
    const [brokenRun] = await h.db.select().from(syncRuns).where(eq(syncRuns.businessId, broken));
    expect(brokenRun).toMatchObject({ status: "failed", error: expect.stringMatching(/refused access/) });
    const goodRows = await h.db.select().from(qboTransactions).where(eq(qboTransactions.businessId, good));
    expect(goodRows.length).toBeGreaterThan(500);
  });

  it("an event whose handler throws is kept with its error and retried later, not lost", async () => {
    // An unknown event name (e.g. from a newer version) throws in the dispatcher.
    await h.db
      .insert(outboxEvents)
      .values({ id: "e-unknown", businessId: good, name: "qbo/unknown", data: { businessId: good } });
    expect(await dispatchOnce(h.db)).toBe(1);
    expectConsoleError(/No handler for qbo\/unknown/);
    const [ev] = await h.db.select().from(outboxEvents).where(eq(outboxEvents.id, "e-unknown"));
    expect(ev).toMatchObject({
      processedAt: null,
      failedAt: null,
      attempts: 1,
      lastError: "No handler for qbo/unknown",
    });
    expect(ev!.availableAt.getTime()).toBeGreaterThan(Date.now());
  });

  it("a process that dies after claiming an event, before dispatching it, loses nothing: the claim expires and the event runs", async () => {
    await enqueue(h.db, {
      id: "e-crash",
      name: "qbo/sync.requested",
      data: { businessId: good, trigger: "manual" },
    });
    const runsBefore = (await h.db.select().from(syncRuns).where(eq(syncRuns.businessId, good))).length;
    dispatcherTestHooks.crashAt = () => {
      throw new Error("injected crash before-dispatch");
    };
    try {
      await expect(dispatchOnce(h.db)).rejects.toThrow("injected crash before-dispatch");
    } finally {
      dispatcherTestHooks.crashAt = undefined;
    }
    const claimed = async () =>
      (await h.db.select().from(outboxEvents).where(eq(outboxEvents.id, "e-crash")))[0]!;
    expect(await claimed()).toMatchObject({ processedAt: null, attempts: 1 });
    expect((await claimed()).lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    // While the dead process's claim lasts, nobody else takes the event …
    expect(await dispatchOnce(h.db)).toBe(0);
    // … and once it expires, the next dispatcher does: the sync runs, once.
    await h.db
      .update(outboxEvents)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(outboxEvents.id, "e-crash"));
    expect(await dispatchOnce(h.db)).toBe(1);
    expect(await claimed()).toMatchObject({ attempts: 2, lockedUntil: null, lastError: null });
    expect((await claimed()).processedAt).not.toBeNull();
    const runs = await h.db
      .select()
      .from(syncRuns)
      .where(eq(syncRuns.businessId, good))
      .orderBy(syncRuns.startedAt);
    expect(runs.length).toBe(runsBefore + 1);
    expect(runs.at(-1)).toMatchObject({ status: "succeeded" });
  });
});
