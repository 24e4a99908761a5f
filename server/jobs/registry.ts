import "server-only";
import { lt, sql } from "drizzle-orm";
import type { z } from "zod";
import { notifyAlert } from "../alerts/alerts";
import { enqueueDueBankSyncs, runBankSync } from "../banks/sync";
import { getClock } from "../clock";
import type { DB } from "../db/client";
import { jobSlots } from "../db/schema";
import { deliverDigest, enqueueDueDigests, runWeeklyDigest } from "../digest/digests";
import { getEnv } from "../env";
import { runFirmDigests } from "../firms/firm-digest";
import { refreshPortfolioSnapshot, refreshStaleSnapshots } from "../portfolio/snapshots";
import { QboError, QboReauthRequired } from "../qbo/errors";
import { keepTokensAlive } from "../qbo/keep-alive";
import type { EVENTS, TEventName } from "./outbox";
import { enqueueDueReconciliations, enqueueDueSyncs, runSyncForBusiness } from "./run-sync";

/**
 * The one job registry (docs/decisions/0010-job-registry.md). Each job is defined once: its typed
 * event or its schedule, its handler (a `server/` use case), its concurrency key and retries, and
 * one outcome policy — return (done), throw RetryLater (retry after a wait; throttled is a
 * RetryLater until the throttle ends), throw Permanent (give up), anything else retries with
 * back-off. The in-process dispatcher (dispatcher.ts) and the Inngest functions
 * (inngest/functions.ts) are both built from it; neither defines a job of its own.
 */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly afterMs: number,
  ) {
    super(message);
    this.name = "RetryLater";
  }
}
export class Permanent extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Permanent";
  }
}

/** When a cron job runs, in UTC: every N minutes (from the hour), or daily at a time. */
export type TSchedule = { everyMinutes: number } | { dailyAt: { hour: number; minute: number } };

export type TEventJob<N extends TEventName = TEventName> = {
  id: string;
  event: N;
  /** Name of the Inngest step (the unit Inngest memoizes and retries). */
  step: string;
  /** One run at a time per business (Inngest concurrency; in-process the database leases hold it). */
  perBusiness?: boolean;
  retries: number;
  run: (db: DB, data: z.infer<(typeof EVENTS)[N]>) => Promise<unknown>;
};
export type TCronJob = {
  id: string;
  schedule: TSchedule;
  step: string;
  run: (db: DB, now: Date) => Promise<unknown>;
};

/** Sync outcomes in the one policy: reauth is permanent, a throttle waits a minute. */
async function syncJob(db: DB, data: z.infer<(typeof EVENTS)["qbo/sync.requested"]>) {
  try {
    const result = await runSyncForBusiness({ db, businessId: data.businessId, trigger: data.trigger });
    if (result.status === "failed" && result.cause === "reauth") throw new Permanent(result.error);
    if (result.status === "failed" && result.cause === "throttled")
      throw new RetryLater(result.error, 60_000);
    // Another sync holds the lease: retry shortly so changes announced meanwhile are not lost
    // (a scheduled poll can simply wait for the next slot).
    if (result.status === "skipped" && result.reason === "busy" && data.trigger !== "schedule")
      throw new RetryLater("A sync for this company is already running; retrying after it.", 15_000);
    return result;
  } catch (err) {
    if (err instanceof QboReauthRequired) throw new Permanent(err.message);
    if (err instanceof QboError && err.kind === "throttled") throw new RetryLater(err.message, 60_000);
    throw err;
  }
}

export const EVENT_JOBS: { [N in TEventName]: TEventJob<N> } = {
  "qbo/sync.requested": {
    id: "qbo-sync-realm",
    event: "qbo/sync.requested",
    step: "sync",
    perBusiness: true,
    retries: 4,
    run: syncJob,
  },
  "plaid/item.sync.requested": {
    id: "plaid-sync-item",
    event: "plaid/item.sync.requested",
    step: "sync",
    perBusiness: true,
    retries: 4,
    run: async (db, data) => {
      const env = getEnv();
      // The rail was unconfigured after the event was queued: nothing to call.
      if (!env.plaid) return { outcome: "skipped", reason: "no_bank_rail" };
      return runBankSync({ db, config: env.plaid, key: env.tokenEncryptionKey, clock: getClock(), ...data });
    },
  },
  "digest/weekly.requested": {
    id: "digest-weekly",
    event: "digest/weekly.requested",
    step: "create-digest",
    perBusiness: true,
    retries: 4,
    run: (db, data) =>
      runWeeklyDigest({ db, businessId: data.businessId, isoWeek: data.isoWeek, now: getClock().now() }),
  },
  "digest/deliver.requested": {
    id: "digest-deliver",
    event: "digest/deliver.requested",
    step: "send-emails",
    retries: 6,
    run: (db, data) => {
      const env = getEnv();
      return deliverDigest({ db, ...data, secret: env.authSecret, origin: env.linkOrigin });
    },
  },
  "alert/raised": {
    id: "alert-notify-owners",
    event: "alert/raised",
    step: "email-owners",
    retries: 6,
    run: (db, data) => notifyAlert({ db, ...data, origin: getEnv().linkOrigin, now: getClock().now() }),
  },
  "portfolio/refresh.requested": {
    id: "portfolio-refresh-business",
    event: "portfolio/refresh.requested",
    step: "refresh",
    perBusiness: true,
    retries: 3,
    run: async (db, data) => {
      await refreshPortfolioSnapshot({ db, businessId: data.businessId, clock: getClock() });
      return { businessId: data.businessId };
    },
  },
};

export const CRON_JOBS: TCronJob[] = [
  {
    id: "qbo-schedule-syncs",
    schedule: { everyMinutes: 1 },
    step: "enqueue-due",
    run: async (db, now) => ({ enqueued: await enqueueDueSyncs(db, now) }),
  },
  {
    id: "qbo-schedule-reconciliations",
    schedule: { dailyAt: { hour: 3, minute: 15 } },
    step: "enqueue-due",
    run: async (db, now) => ({ enqueued: await enqueueDueReconciliations(db, now) }),
  },
  {
    id: "qbo-token-keep-alive",
    schedule: { dailyAt: { hour: 4, minute: 30 } },
    step: "refresh-idle",
    run: async (db) => {
      const env = getEnv();
      if (!env.qbo) return { refreshed: 0, lost: 0, expiringSoon: [] as string[] };
      return keepTokensAlive({ db, config: env.qbo, key: env.tokenEncryptionKey, clock: getClock() });
    },
  },
  {
    id: "plaid-safety-poll",
    schedule: { dailyAt: { hour: 5, minute: 45 } },
    step: "enqueue-due",
    run: async (db, now) => ({ enqueued: getEnv().plaid ? await enqueueDueBankSyncs(db, now) : 0 }),
  },
  {
    id: "digest-schedule-weekly",
    // Every minute (one cheap query): a new business's first digest follows its first sync.
    schedule: { everyMinutes: 1 },
    step: "enqueue-due",
    run: async (db, now) => ({ enqueued: await enqueueDueDigests(db, now) }),
  },
  {
    id: "portfolio-refresh-stale",
    schedule: { everyMinutes: 15 },
    step: "refresh-stale",
    run: async (db) => ({ refreshed: await refreshStaleSnapshots({ db, clock: getClock() }) }),
  },
  {
    id: "firm-digest-weekly",
    schedule: { everyMinutes: 15 },
    step: "send-due",
    run: (db, now) => runFirmDigests({ db, now, origin: getEnv().linkOrigin }),
  },
];

/** The schedule as a cron expression (what Inngest runs). */
export function cronOf(s: TSchedule): string {
  if ("dailyAt" in s) return `${s.dailyAt.minute} ${s.dailyAt.hour} * * *`;
  return s.everyMinutes === 1 ? "* * * * *" : `*/${s.everyMinutes} * * * *`;
}

/** The latest scheduled instant at or before `now` (UTC): the slot a tick at `now` belongs to. */
export function slotOf(s: TSchedule, now: Date): Date {
  const t = new Date(now);
  t.setUTCSeconds(0, 0);
  if ("dailyAt" in s) {
    const at = new Date(t);
    at.setUTCHours(s.dailyAt.hour, s.dailyAt.minute, 0, 0);
    if (at > now) at.setUTCDate(at.getUTCDate() - 1);
    return at;
  }
  t.setUTCMinutes(t.getUTCMinutes() - (t.getUTCMinutes() % s.everyMinutes));
  return t;
}

/**
 * In-process crons: each job whose current slot no process has claimed yet runs now (a missed
 * slot — the process was down — runs once at the next tick). Claimed in `job_slots`, so two
 * processes ticking together run it once. A failing job is logged; the others still run.
 */
export async function runDueCrons(db: DB, now: Date): Promise<string[]> {
  const ran: string[] = [];
  for (const job of CRON_JOBS) {
    const slot = slotOf(job.schedule, now);
    const claimed = await db
      .insert(jobSlots)
      .values({ jobId: job.id, slot })
      .onConflictDoNothing()
      .returning({ jobId: jobSlots.jobId });
    if (claimed.length === 0) continue;
    try {
      await job.run(db, now);
      ran.push(job.id);
    } catch (err) {
      console.error(`[cron] ${job.id} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  await db.delete(jobSlots).where(lt(jobSlots.claimedAt, sql`now() - interval '2 days'`));
  return ran;
}
