/**
 * A simulated month of QuickBooks traffic through the real scheduler (issue 13): two companies
 * on one emulator — one whose webhooks arrive (but for a day's outage), one whose never do — are
 * changed by a bookkeeper on business days and looked at three times a day; the app's own cron
 * runner and dispatcher (the in-process mode) do everything else: safety polls, webhook syncs,
 * page-view syncs, reconciliation, recurring templates, keep-alive, retries. The emulator's own
 * counters say what it cost. Used by `npm run bench` (the month) and by an integration test (a
 * shorter one). Simulated time jumps from one due moment to the next (the next cron slot,
 * `next_sync_at`, or profile event), never more than 15 minutes, so no due poll waits.
 */
// @ts-nocheck

import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { TZDate } from "@date-fns/tz";
import { and, eq, sql } from "drizzle-orm";
import { QboEmulator } from "../qbo-emulator/src/server";
import { setClockForProcess } from "../server/clock";
import { requestPageViewSync } from "../server/connections/request-sync";
import type { DB } from "../server/db/client";
import { businesses, qboConnections, qboRaw, rateLimits, syncRuns } from "../server/db/schema";
import { resetEnvForTests } from "../server/env";
import { dispatchOnce } from "../server/jobs/dispatcher";
import { runDueCrons } from "../server/jobs/registry";
import { runSyncForBusiness } from "../server/jobs/run-sync";
import { storeTokens } from "../server/qbo/tokens";

export type TMonthProfile = {
  days: number;
  /** The first day (a Monday), in the businesses' timezone. */
  start: string;
  timeZone: string;
  /** Local times of the bookkeeper's sittings on business days; each makes `changesPerBurst` changes. */
  bursts: string[];
  changesPerBurst: number;
  /** Local times someone opens a page with figures, every day. */
  pageViews: string[];
  /** Day index (0-based) on which the first company's webhooks are not delivered. */
  outageDay?: number;
};

export const MONTH_PROFILE: TMonthProfile = {
  days: 30,
  start: "2026-12-07",
  timeZone: "America/New_York",
  bursts: ["09:05", "10:40", "12:15", "14:30", "16:20"],
  changesPerBurst: 4,
  pageViews: ["08:50", "13:10", "19:30"],
  outageDay: 8,
};

export type TCompanyMonth = {
  label: string;
  metered: number;
  total: number;
  byEndpoint: Record<string, number>;
  /** Sync runs and the API calls they made, by trigger. */
  byTrigger: Record<string, { runs: number; calls: number }>;
  health: string;
  firstSyncCalls: number;
};
export type TMonthResult = {
  companies: TCompanyMonth[];
  /** Token refreshes (Intuit's OAuth endpoint: not a metered read), both companies. */
  tokenRefreshes: number;
  announcedBursts: number;
  /** Real milliseconds from a notification's answer to its change being in the mirror. */
  visibleMs: number[];
  /** Announced changes not in the mirror once the dispatcher had drained. */
  notVisible: number;
  steps: number;
  realMs: number;
};

const MIN = 60_000;
const DAY = 86_400_000;

/** The instant of a local wall-clock time on a local date. */
function localInstant(date: string, time: string, timeZone: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return new TZDate(y, m - 1, d, hh, mm, 0, timeZone).getTime();
}
function addLocalDays(date: string, n: number): string {
  const t = new Date(`${date}T12:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

export async function simulateMonth({
  db,
  profile = MONTH_PROFILE,
}: {
  db: DB;
  profile?: TMonthProfile;
}): Promise<TMonthResult> {
  const t0 = performance.now();
  const startMs = localInstant(profile.start, "00:00", profile.timeZone);
  const endMs = startMs + profile.days * DAY;
  const emu = new QboEmulator({
    startMs,
    limits: { perSecond: 10_000, perMinute: 1_000_000 },
    webhookDelayMs: 10,
    webhookRetryMs: [],
  });
  const base = await emu.start();
  const verifier = randomBytes(16).toString("hex");
  const key = randomBytes(32).toString("base64");
  const saved = { ...process.env };
  Object.assign(process.env, {
    QBO_BASE_URL: base,
    QBO_WEBHOOK_VERIFIER_TOKEN: verifier,
    TOKEN_ENCRYPTION_KEY: key,
    QBO_THROTTLE_WAIT_MS: "20",
    // Simulated time stands still while a burst is handled; the production debounce (2 s) is
    // added to what is measured.
    QBO_WEBHOOK_DEBOUNCE_MS: "0",
  });
  resetEnvForTests();
  setClockForProcess({ now: () => new Date(emu.clock.now()) });

  const realms = { healthy: "9130350000000101", silent: "9130350000000102" };
  const { POST } = await import("../app/api/qbo/webhooks/route");
  const handled: { realmId: string; ids: string[]; at: number }[] = [];
  let waiter: (() => void) | null = null;
  // The app's webhook route behind a real HTTP endpoint. The second company's notifications
  // never arrive, nor the first's on its outage day (as if Intuit never sent them).
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const parsed = JSON.parse(body) as {
        eventNotifications: { realmId: string; dataChangeEvent: { entities: { id: string }[] } }[];
      };
      const realmId = parsed.eventNotifications[0]!.realmId;
      const day = Math.floor((emu.clock.now() - startMs) / DAY);
      const lost = realmId === realms.silent || day === profile.outageDay;
      if (!lost) {
        const answer = await POST(
          new Request("http://localhost/api/qbo/webhooks", {
            method: "POST",
            body,
            headers: { "intuit-signature": String(req.headers["intuit-signature"]) },
          }),
        );
        if (answer.status !== 200) throw new Error(`webhook route answered ${answer.status}`);
        handled.push({
          realmId,
          ids: parsed.eventNotifications.flatMap((n) => n.dataChangeEvent.entities.map((e) => e.id)),
          at: performance.now(),
        });
      }
      res.writeHead(200).end();
      waiter?.();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;

  const drain = async () => {
    while ((await dispatchOnce(db, 5)) > 0) {}
  };
  const companies: { label: string; realmId: string; businessId: string; firstSyncCalls: number }[] = [];
  try {
    for (const [label, realmId] of [
      ["healthy webhooks", realms.healthy],
      ["no webhooks", realms.silent],
    ] as const) {
      emu.createCompany({ seed: companies.length + 11, today: profile.start, realmId, name: label });
      const [b] = await db
        .insert(businesses)
        .values({ name: `Month ${label}`, timezone: profile.timeZone, currency: "USD" })
        .returning({ id: businesses.id });
      const tokens = emu.oauth.issueForRealm(realmId, emu.clock.now());
      await storeTokens(db, b!.id, tokens as never, key, new Date(emu.clock.now()));
      await db.insert(qboConnections).values({
        businessId: b!.id,
        realmId,
        environment: "emulator",
        connectedAt: new Date(emu.clock.now()),
        webhookHealthSince: new Date(emu.clock.now()),
      });
      const first = await runSyncForBusiness({ db, businessId: b!.id, trigger: "connect" });
      if (first.status !== "succeeded") throw new Error(`first sync: ${JSON.stringify(first)}`);
      companies.push({ label, realmId, businessId: b!.id, firstSyncCalls: first.apiCalls });
    }
    await drain();
    await fetch(`${base}/__admin/counters`, { method: "DELETE" });
    await fetch(`${base}/__admin/webhooks`, {
      method: "POST",
      body: JSON.stringify({ url, verifierToken: verifier, format: "legacy" }),
    });

    // The profile's events, in time order.
    type TEvent = { at: number; kind: "burst" | "view" };
    const events: TEvent[] = [];
    for (let d = 0; d < profile.days; d++) {
      const date = addLocalDays(profile.start, d);
      const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6)
        for (const t of profile.bursts)
          events.push({ at: localInstant(date, t, profile.timeZone), kind: "burst" });
      for (const t of profile.pageViews)
        events.push({ at: localInstant(date, t, profile.timeZone), kind: "view" });
    }
    events.sort((a, b) => a.at - b.at);

    const visibleMs: number[] = [];
    let notVisible = 0;
    let announcedBursts = 0;
    let steps = 0;
    let burstNo = 0;
    const lastInvoice = new Map<string, string>();
    const lastBill = new Map<string, string>();
    let next = 0;
    let now = emu.clock.now();
    while (now < endMs) {
      const [due] = await db
        .select({ at: sql<string | null>`min(${qboConnections.nextSyncAt})` })
        .from(qboConnections)
        .where(eq(qboConnections.status, "active"));
      const dueMs = due?.at ? Math.ceil(new Date(due.at).getTime() / MIN) * MIN : Number.POSITIVE_INFINITY;
      const eventMs = events[next]?.at ?? Number.POSITIVE_INFINITY;
      const target = Math.min(endMs, eventMs, Math.max(dueMs, now + 1000), now + 15 * MIN);
      emu.clock.advance(target - emu.clock.now());
      now = emu.clock.now();
      steps++;
      await runDueCrons(db, new Date(now));
      await drain();
      while (events[next] && events[next]!.at <= now) {
        const ev = events[next++]!;
        if (ev.kind === "view") {
          // Hours of simulated time have passed since the last view: the cooldown has expired.
          await db.delete(rateLimits);
          for (const c of companies)
            await requestPageViewSync({
              db,
              businessId: c.businessId,
              clock: { now: () => new Date(emu.clock.now()) },
            });
          await drain();
          continue;
        }
        burstNo++;
        const made: Record<string, string> = {};
        for (const c of companies) {
          const company = emu.company(c.realmId)!;
          const customers = [...company.table("Customer").values()].filter((r) => r.wire.Active !== false);
          const vendors = [...company.table("Vendor").values()].filter((r) => r.wire.Active !== false);
          const customer = customers[burstNo % customers.length]!.wire.Id;
          const vendor = vendors[burstNo % vendors.length]!.wire.Id;
          const ops: Record<string, unknown>[] = [
            { op: "createInvoice", customerId: customer, amountCents: 120_000 + burstNo * 100 },
            { op: "createBill", vendorId: vendor, amountCents: 40_000 + burstNo * 10 },
            ...(lastInvoice.has(c.realmId)
              ? [{ op: "createPayment", invoiceId: lastInvoice.get(c.realmId), amountCents: 50_000 }]
              : [{ op: "createInvoice", customerId: customer, amountCents: 9_900 }]),
            ...(lastBill.has(c.realmId)
              ? [{ op: "editBill", id: lastBill.get(c.realmId), privateNote: `checked ${burstNo}` }]
              : [{ op: "createBill", vendorId: vendor, amountCents: 1_500 }]),
          ].slice(0, profile.changesPerBurst);
          for (const op of ops) {
            const r = emu.mutate(company, op, emu.clock.now()) as { Id?: string };
            if (op.op === "createInvoice" && r.Id) {
              // The next sitting's payment (of 500.00) goes to this sitting's main invoice.
              if (Number(op.amountCents) >= 100_000) lastInvoice.set(c.realmId, r.Id);
              made[c.realmId] ??= r.Id;
            }
            if (op.op === "createBill" && r.Id) lastBill.set(c.realmId, r.Id);
          }
        }
        // Wait (real time) for the emulator's delivery of the first company's burst, unless lost.
        const day = Math.floor((now - startMs) / DAY);
        const expected = made[realms.healthy]!;
        if (day !== profile.outageDay) {
          announcedBursts++;
          const deadline = performance.now() + 5_000;
          while (!handled.some((h) => h.ids.includes(expected)) && performance.now() < deadline)
            await new Promise<void>((r) => {
              waiter = r;
              setTimeout(r, 50);
            });
          const delivery = handled.find((h) => h.ids.includes(expected));
          await drain();
          const healthy = companies.find((c) => c.realmId === realms.healthy)!;
          const [row] = await db
            .select({ id: qboRaw.qboId })
            .from(qboRaw)
            .where(
              and(
                eq(qboRaw.businessId, healthy.businessId),
                eq(qboRaw.entity, "Invoice"),
                eq(qboRaw.qboId, expected),
              ),
            );
          if (row && delivery) visibleMs.push(performance.now() - delivery.at);
          else notVisible++;
        } else {
          // Give the (lost) deliveries time to be dropped before time moves on.
          await new Promise((r) => setTimeout(r, 30));
        }
        await drain();
      }
    }

    const counters = (await (await fetch(`${base}/__admin/counters`)).json()) as {
      realms: Record<string, Record<string, number>>;
      tokenRefreshes: number;
    };
    const result: TCompanyMonth[] = [];
    for (const c of companies) {
      const k = counters.realms[c.realmId] ?? {};
      const runs = await db
        .select({
          trigger: syncRuns.trigger,
          runs: sql<number>`count(*)::int`,
          calls: sql<number>`coalesce(sum(${syncRuns.apiCalls}), 0)::int`,
        })
        .from(syncRuns)
        .where(eq(syncRuns.businessId, c.businessId))
        .groupBy(syncRuns.trigger);
      const [conn] = await db
        .select({ health: qboConnections.webhookHealth })
        .from(qboConnections)
        .where(eq(qboConnections.businessId, c.businessId));
      result.push({
        label: c.label,
        metered: k.metered ?? 0,
        total: k.total ?? 0,
        byEndpoint: Object.fromEntries(
          Object.entries(k).filter(([name]) => name !== "metered" && name !== "total"),
        ),
        byTrigger: Object.fromEntries(
          runs
            .filter((r) => r.trigger !== "connect")
            .map((r) => [r.trigger, { runs: r.runs, calls: r.calls }]),
        ),
        health: conn?.health ?? "unknown",
        firstSyncCalls: c.firstSyncCalls,
      });
    }
    return {
      companies: result,
      tokenRefreshes: counters.tokenRefreshes,
      announcedBursts,
      visibleMs,
      notVisible,
      steps,
      realMs: performance.now() - t0,
    };
  } finally {
    process.env = saved;
    resetEnvForTests();
    setClockForProcess(undefined);
    receiver.close();
    await emu.stop();
  }
}
