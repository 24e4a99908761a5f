// @ts-nocheck
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { consumeLimit } from "@/server/abuse/rate-limits";
import { nextPollAt } from "@/server/connections/poll-schedule";
import { receiveWebhook } from "@/server/connections/receive-webhook";
import { requestPageViewSync } from "@/server/connections/request-sync";
import { outboxEvents, qboConnections, rateLimits } from "@/server/db/schema";
import { resetEnvForTests } from "@/server/env";
import { enqueueDueReconciliations } from "@/server/jobs/run-sync";
import { syncConnection } from "@/server/qbo/sync/sync-connection";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser } from "../support/factories";
import { connectToEmulator } from "../support/qbo";

/**
 * Issue 13: webhook health as the polls judge it, what it does to the schedule, and the page
 * view's sync. Changes are made in the emulator; "announced" means the app's webhook use case
 * received the notification for it (what the route does after verifying the signature).
 */
describe(`webhook health and the poll schedule (${testBackend})`, () => {
  let h: TestDatabase;
  let qbo: Awaited<ReturnType<typeof connectToEmulator>>;
  let businessId: string;
  const saved = { ...process.env };
  beforeAll(async () => {
    h = await useTestDatabase();
    businessId = await makeBusiness(h.db, (await makeUser(h.db)).id);
    qbo = await connectToEmulator(h.db, businessId, { seed: 31, realmId: "9130350000000031" });
    Object.assign(process.env, { QBO_WEBHOOK_DEBOUNCE_MS: "0" });
    resetEnvForTests();
    const first = await poll("connect");
    expect(first).toMatchObject({ status: "succeeded", kind: "full" });
  });
  afterAll(async () => {
    process.env = saved;
    resetEnvForTests();
    await qbo?.emu.stop();
    await h?.close();
  });
  beforeEach(async () => {
    await h.db.delete(rateLimits);
  });

  const poll = (trigger: "connect" | "schedule" | "webhook") =>
    syncConnection({
      db: h.db,
      businessId,
      client: qbo.client(),
      clock: qbo.clock,
      trigger,
      nextPollAt: (p) => nextPollAt({ ...p, timeZone: "America/New_York" }),
    });
  const conn = async () =>
    (await h.db.select().from(qboConnections).where(eq(qboConnections.businessId, businessId)))[0]!;
  const exp = async () =>
    (await qbo.admin(`companies/${qbo.realmId}/export`)) as {
      entities: Record<string, { Id: string; Active?: boolean }[]>;
    };
  /** A new invoice in QuickBooks; announced (or not) as a webhook would. */
  const change = async (announce: boolean) => {
    const customer = (await exp()).entities.Customer!.find((c) => c.Active !== false)!.Id;
    const inv = (
      (await qbo.admin(`companies/${qbo.realmId}/mutations`, {
        op: "createInvoice",
        customerId: customer,
        amountCents: 77_700,
      })) as { result: { Id: string } }
    ).result;
    if (announce)
      await receiveWebhook({
        db: h.db,
        clock: qbo.clock,
        notifications: [
          { realmId: qbo.realmId, key: `Invoice:${inv.Id}:Create`, entity: "Invoice", entityId: inv.Id },
        ],
      });
    // Past the grace for notifications in flight.
    qbo.emu.clock.advance(3 * 60_000);
    return inv.Id;
  };
  const hoursToNext = async () =>
    ((await conn()).nextSyncAt!.getTime() - qbo.clock.now().getTime()) / 3_600_000;

  it("a new connection is polled hourly; three clean polls with notifications arriving make it healthy, then 7 business hours apart", async () => {
    expect(await conn()).toMatchObject({ webhookHealth: "unhealthy", cleanPolls: 0 });
    for (let i = 1; i <= 3; i++) {
      await change(true);
      expect(await poll("webhook")).toMatchObject({ status: "succeeded" });
      expect((await conn()).cleanPolls).toBe(i === 3 ? 0 : i);
      if (i < 3) expect(await hoursToNext()).toBeLessThan(3.2);
    }
    expect((await conn()).webhookHealth).toBe("healthy");
    expect(await hoursToNext()).toBeGreaterThanOrEqual(7);
  });

  it("one change a poll finds that no notification announced makes it unhealthy: hourly again, clean count restarted", async () => {
    await change(true);
    await change(false);
    expect(await poll("schedule")).toMatchObject({ status: "succeeded" });
    expect(await conn()).toMatchObject({ webhookHealth: "unhealthy", cleanPolls: 0 });
    expect(await hoursToNext()).toBeLessThan(3.2);
    // Polls that find nothing new are clean only once a notification has arrived since.
    expect(await poll("schedule")).toMatchObject({ status: "succeeded", recordsChanged: 0 });
    expect((await conn()).cleanPolls).toBe(0);
    await change(true);
    await poll("webhook");
    expect((await conn()).cleanPolls).toBe(1);
  });

  it("a page view asks for a sync only when webhooks are unhealthy and the last sync is over 10 minutes old, within the manual cooldown", async () => {
    const queued = async () =>
      (await h.db.select().from(outboxEvents).where(eq(outboxEvents.businessId, businessId))).filter(
        (e) => (e.data as { trigger?: string }).trigger === "page_view" && !e.processedAt,
      ).length;
    const view = () => requestPageViewSync({ db: h.db, businessId, clock: qbo.clock });
    await h.db.delete(outboxEvents); // the webhooks' syncs, not run here
    expect((await conn()).webhookHealth).toBe("unhealthy");
    expect(await view()).toEqual({ queued: false }); // synced moments ago
    qbo.emu.clock.advance(11 * 60_000);
    // The manual cooldown spent: the page view waits too.
    for (let i = 0; i < 3; i++) await consumeLimit(h.db, "manualSync", businessId);
    expect(await view()).toEqual({ queued: false });
    await h.db.delete(rateLimits);
    expect(await view()).toEqual({ queued: true });
    expect(await queued()).toBe(1);
    await h.db.delete(outboxEvents);
    // Healthy webhooks: no page-view syncs, however old the last sync.
    await h.db
      .update(qboConnections)
      .set({ webhookHealth: "healthy" })
      .where(eq(qboConnections.businessId, businessId));
    qbo.emu.clock.advance(5 * 3_600_000);
    expect(await view()).toEqual({ queued: false });
    expect(await queued()).toBe(0);
  });

  it("reconciliation is due a week after the last one", async () => {
    const now = qbo.clock.now();
    const at = (days: number) =>
      h.db
        .update(qboConnections)
        .set({ lastReconciledAt: new Date(now.getTime() - days * 86_400_000) })
        .where(eq(qboConnections.businessId, businessId));
    await at(6);
    expect(await enqueueDueReconciliations(h.db, now)).toBe(0);
    await at(7);
    expect(await enqueueDueReconciliations(h.db, now)).toBe(1);
  });
});
