import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { functions } from "@/inngest/functions";
import { fixedClock, setClockForProcess } from "@/server/clock";
import { jobSlots, outboxEvents, qboTokens, syncLeases } from "@/server/db/schema";
import { resetEnvForTests } from "@/server/env";
import { dispatcherTick, dispatchOnce } from "@/server/jobs/dispatcher";
import { enqueue, type TEventName } from "@/server/jobs/outbox";
import { CRON_JOBS, cronOf, EVENT_JOBS, runDueCrons, slotOf } from "@/server/jobs/registry";
import { takeLease } from "@/server/qbo/sync/sync-connection";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser } from "../support/factories";
import { connectToEmulator, testKey } from "../support/qbo";

/**
 * Issue 13: one job registry for both runners. The Inngest functions are checked against their
 * registry entries (the Inngest dev server cannot run here, so cron and concurrency are compared
 * as configuration); every job runs in-process through the dispatcher or the cron runner.
 */
describe(`the job registry (${testBackend})`, () => {
  let h: TestDatabase;
  let qbo: Awaited<ReturnType<typeof connectToEmulator>>;
  let businessId: string;
  const saved = { ...process.env };
  beforeAll(async () => {
    h = await useTestDatabase();
    businessId = await makeBusiness(h.db, (await makeUser(h.db)).id);
    qbo = await connectToEmulator(h.db, businessId, { seed: 77, realmId: "9130350000000077" });
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

  it("each Inngest function's id, trigger, concurrency key and retries come from its registry entry", () => {
    const opts = functions.map((f) => (f as unknown as { opts: Record<string, unknown> }).opts);
    expect(opts).toHaveLength(Object.keys(EVENT_JOBS).length + CRON_JOBS.length);
    for (const job of Object.values(EVENT_JOBS)) {
      const o = opts.find((x) => x.id === job.id);
      expect(o, job.id).toBeDefined();
      expect((o!.triggers as { event: string }[]).map((t) => t.event)).toEqual([job.event]);
      expect(o!.retries).toBe(job.retries);
      expect(o!.concurrency).toEqual(
        job.perBusiness ? [{ key: "event.data.businessId", limit: 1 }] : undefined,
      );
    }
    for (const job of CRON_JOBS) {
      const o = opts.find((x) => x.id === job.id);
      expect(o!.triggers).toEqual([{ cron: cronOf(job.schedule) }]);
    }
  });

  it("every event job runs in-process through the dispatcher", async () => {
    const data: { [N in TEventName]: Record<string, unknown> } = {
      "qbo/sync.requested": { businessId, trigger: "connect" },
      "plaid/item.sync.requested": {
        businessId,
        bankItemId: "00000000-0000-4000-8000-000000000000",
        trigger: "manual",
      },
      "digest/weekly.requested": { businessId, isoWeek: "2026-W48" },
      "digest/deliver.requested": { businessId, digestId: "00000000-0000-4000-8000-000000000000" },
      "portfolio/refresh.requested": { businessId },
      "alert/raised": { businessId, alertId: "00000000-0000-4000-8000-000000000000" },
    };
    expect(Object.keys(data).sort()).toEqual(Object.keys(EVENT_JOBS).sort());
    for (const [name, d] of Object.entries(data))
      await enqueue(h.db, { id: `registry:${name}`, name: name as TEventName, data: d as never });
    while ((await dispatchOnce(h.db)) > 0) {}
    const events = await h.db.select().from(outboxEvents).where(eq(outboxEvents.businessId, businessId));
    for (const name of Object.keys(data)) {
      const ev = events.find((e) => e.id === `registry:${name}`);
      expect(ev, name).toMatchObject({ processedAt: expect.any(Date), failedAt: null, lastError: null });
    }
  });

  it("every cron job runs in-process once per slot, however often (or by how many processes) it is ticked", async () => {
    const now = new Date("2026-11-26T10:00:30Z");
    setClockForProcess(fixedClock(now));
    const first = await runDueCrons(h.db, now);
    expect(first.sort()).toEqual(CRON_JOBS.map((j) => j.id).sort());
    // A second process ticking in the same minute runs nothing.
    expect(await runDueCrons(h.db, new Date("2026-11-26T10:00:50Z"))).toEqual([]);
    // A minute later only the every-minute job's slot is new.
    const next = new Date("2026-11-26T10:01:10Z");
    expect(await runDueCrons(h.db, next)).toEqual(
      CRON_JOBS.filter((j) => slotOf(j.schedule, next).getTime() !== slotOf(j.schedule, now).getTime()).map(
        (j) => j.id,
      ),
    );
    expect(slotOf({ dailyAt: { hour: 4, minute: 30 } }, now).toISOString()).toBe("2026-11-26T04:30:00.000Z");
    expect(slotOf({ dailyAt: { hour: 4, minute: 30 } }, new Date("2026-11-26T04:29:00Z")).toISOString()).toBe(
      "2026-11-25T04:30:00.000Z",
    );
  });

  it("keep-alive runs in-process: the next day's slot refreshes each idle connection once, none for busy ones", async () => {
    const busy = await makeBusiness(h.db, (await makeUser(h.db)).id);
    const q2 = await connectToEmulator(h.db, busy, { seed: 78, realmId: "9130350000000078" });
    try {
      // Both companies live in their own emulators; point the app at the idle one's and count there.
      const day = new Date("2026-11-27T05:00:00Z");
      setClockForProcess(fixedClock(day));
      await h.db
        .update(qboTokens)
        .set({ refreshedAt: new Date(day.getTime() - 2 * 86_400_000) })
        .where(eq(qboTokens.businessId, businessId));
      await h.db
        .update(qboTokens)
        .set({ refreshedAt: new Date(day.getTime() - 3_600_000) })
        .where(eq(qboTokens.businessId, busy));
      const refreshes = async () =>
        ((await qbo.admin("counters")) as { tokenRefreshes: number }).tokenRefreshes;
      const before = await refreshes();
      const ran = await runDueCrons(h.db, day);
      expect(ran).toContain("qbo-token-keep-alive");
      expect((await refreshes()) - before).toBe(1);
      const [idleRow] = await h.db.select().from(qboTokens).where(eq(qboTokens.businessId, businessId));
      const [busyRow] = await h.db.select().from(qboTokens).where(eq(qboTokens.businessId, busy));
      expect(idleRow!.refreshedAt.getTime()).toBe(day.getTime());
      expect(busyRow!.refreshedAt.getTime()).toBe(day.getTime() - 3_600_000);
      // Ticked again within the day: no second refresh.
      await runDueCrons(h.db, new Date(day.getTime() + 60_000));
      expect((await refreshes()) - before).toBe(1);
    } finally {
      await q2.emu.stop();
    }
  });

  it("outcome policy: a sync that finds another running retries in 15 s; a scheduled one is simply done", async () => {
    setClockForProcess(undefined);
    await h.db.delete(outboxEvents);
    expect(await takeLease(h.db, businessId, "another-process", new Date())).toBe(true);
    try {
      await enqueue(h.db, {
        id: "policy:manual",
        name: "qbo/sync.requested",
        data: { businessId, trigger: "manual" },
      });
      await enqueue(h.db, {
        id: "policy:schedule",
        name: "qbo/sync.requested",
        data: { businessId, trigger: "schedule" },
      });
      const t = Date.now();
      expect(await dispatchOnce(h.db)).toBe(2);
      const rows = await h.db.select().from(outboxEvents).where(eq(outboxEvents.businessId, businessId));
      const manual = rows.find((r) => r.id === "policy:manual")!;
      expect(manual).toMatchObject({ processedAt: null, failedAt: null, attempts: 1 });
      expect(manual.lastError).toMatch(/already running/);
      expect(manual.availableAt.getTime() - t).toBeGreaterThanOrEqual(14_000);
      expect(manual.availableAt.getTime() - t).toBeLessThan(20_000);
      expect(rows.find((r) => r.id === "policy:schedule")).toMatchObject({
        processedAt: expect.any(Date),
        lastError: null,
      });
    } finally {
      await h.db.delete(syncLeases).where(eq(syncLeases.businessId, businessId));
      await h.db.delete(outboxEvents);
    }
  });

  it("forwarding to Inngest, the dispatcher only forwards: no cron runs here (Inngest runs them)", async () => {
    setClockForProcess(fixedClock(new Date("2026-12-20T10:07:00Z")));
    const slots = async () => (await h.db.select().from(jobSlots)).length;
    const before = await slots();
    await enqueue(h.db, { id: "forward:one", name: "portfolio/refresh.requested", data: { businessId } });
    const forwarded: string[] = [];
    await dispatcherTick(h.db, { forward: async (ev) => void forwarded.push(ev.id), crons: true });
    expect(forwarded).toEqual(["forward:one"]);
    expect(await slots()).toBe(before);
    // In-process, the same tick claims the due slots and runs them.
    await dispatcherTick(h.db, { crons: true });
    expect(await slots()).toBeGreaterThan(before);
  });
});
