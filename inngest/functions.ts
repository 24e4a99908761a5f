import { cron, NonRetriableError, RetryAfterError } from "inngest";
import { notifyAlert } from "@/server/alerts/alerts";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { deliverDigest, enqueueDueDigests, runWeeklyDigest } from "@/server/digest/digests";
import { getEnv } from "@/server/env";
import { runFirmDigests } from "@/server/firms/firm-digest";
import { enqueueDueReconciliations, enqueueDueSyncs, runSyncForBusiness } from "@/server/jobs/dispatcher";
import { refreshPortfolioSnapshot, refreshStaleSnapshots } from "@/server/portfolio/snapshots";
import { QboError, QboReauthRequired } from "@/server/qbo/errors";
import { keepTokensAlive } from "@/server/qbo/keep-alive";
import {
  alertRaised,
  digestDeliverRequested,
  digestWeeklyRequested,
  inngest,
  portfolioRefreshRequested,
  syncRequested,
} from "./client";

/**
 * Thin wrappers: a typed trigger, flow control, and named steps that call `server/`. The
 * guarantees (one sync per realm, idempotent fan-out) also hold in the database, because on one
 * machine without an Inngest server the outbox dispatcher runs the same use cases.
 */
export const syncRealm = inngest.createFunction(
  {
    id: "qbo-sync-realm",
    triggers: [syncRequested],
    concurrency: [{ key: "event.data.businessId", limit: 1 }],
    retries: 4,
  },
  async ({ event, step }) => {
    return step.run("sync", async () => {
      try {
        const result = await runSyncForBusiness({
          db: await getDb(),
          businessId: event.data.businessId,
          trigger: event.data.trigger,
        });
        if (result.status === "failed" && result.cause === "reauth")
          throw new NonRetriableError(result.error);
        if (result.status === "failed" && result.cause === "throttled")
          throw new RetryAfterError(result.error, "60s");
        return result;
      } catch (err) {
        if (err instanceof QboReauthRequired) throw new NonRetriableError(err.message, { cause: err });
        if (err instanceof QboError && err.kind === "throttled")
          throw new RetryAfterError(err.message, "60s", { cause: err });
        throw err;
      }
    });
  },
);

export const scheduleSyncs = inngest.createFunction(
  { id: "qbo-schedule-syncs", triggers: [cron("*/5 * * * *")] },
  async ({ step }) =>
    step.run("enqueue-due", async () => ({
      enqueued: await enqueueDueSyncs(await getDb(), getClock().now()),
    })),
);

export const tokenKeepAlive = inngest.createFunction(
  { id: "qbo-token-keep-alive", triggers: [cron("30 4 * * *")] },
  async ({ step }) =>
    step.run("refresh-idle", async () => {
      const env = getEnv();
      if (!env.qbo) return { refreshed: 0, lost: 0, expiringSoon: [] as string[] };
      return keepTokensAlive({
        db: await getDb(),
        config: env.qbo,
        key: env.tokenEncryptionKey,
        clock: getClock(),
      });
    }),
);

export const scheduleReconciliations = inngest.createFunction(
  { id: "qbo-schedule-reconciliations", triggers: [cron("15 3 * * *")] },
  async ({ step }) =>
    step.run("enqueue-due", async () => ({
      enqueued: await enqueueDueReconciliations(await getDb(), getClock().now()),
    })),
);

/** Hourly: every business past Monday 08:00 local without this week's digest gets one queued. */
export const scheduleDigests = inngest.createFunction(
  { id: "digest-schedule-weekly", triggers: [cron("5 * * * *")] },
  async ({ step }) =>
    step.run("enqueue-due", async () => ({
      enqueued: await enqueueDueDigests(await getDb(), getClock().now()),
    })),
);

/** One business's weekly digest; the database's unique key makes a second run a no-op. */
export const weeklyDigest = inngest.createFunction(
  {
    id: "digest-weekly",
    triggers: [digestWeeklyRequested],
    concurrency: [{ key: "event.data.businessId", limit: 1 }],
    retries: 4,
  },
  async ({ event, step }) =>
    step.run("create-digest", async () =>
      runWeeklyDigest({
        db: await getDb(),
        businessId: event.data.businessId,
        isoWeek: event.data.isoWeek,
        now: getClock().now(),
      }),
    ),
);

/** Send a digest's pending emails (one per recipient: deliveries are unique per digest and user). */
export const deliverDigestEmails = inngest.createFunction(
  { id: "digest-deliver", triggers: [digestDeliverRequested], retries: 6 },
  async ({ event, step }) =>
    step.run("send-emails", async () => {
      const env = getEnv();
      return deliverDigest({
        db: await getDb(),
        businessId: event.data.businessId,
        digestId: event.data.digestId,
        secret: env.authSecret,
        origin: env.linkOrigin,
      });
    }),
);

/** Tell the owners about a projection alert (raised once per crossing, in the database). */
export const alertOwners = inngest.createFunction(
  { id: "alert-notify-owners", triggers: [alertRaised], retries: 6 },
  async ({ event, step }) =>
    step.run("email-owners", async () =>
      notifyAlert({
        db: await getDb(),
        businessId: event.data.businessId,
        alertId: event.data.alertId,
        origin: getEnv().linkOrigin,
        now: getClock().now(),
      }),
    ),
);

/** Hourly: portfolio rows whose business date turned since they were computed (runway decays). */
export const refreshPortfolio = inngest.createFunction(
  { id: "portfolio-refresh-stale", triggers: [cron("10 * * * *")] },
  async ({ step }) =>
    step.run("refresh-stale", async () => ({
      refreshed: await refreshStaleSnapshots({ db: await getDb(), clock: getClock() }),
    })),
);

/** Hourly: each firm member's weekly digest of clients at risk, once per ISO week (UTC). */
export const firmDigests = inngest.createFunction(
  { id: "firm-digest-weekly", triggers: [cron("25 * * * *")] },
  async ({ step }) =>
    step.run("send-due", async () =>
      runFirmDigests({ db: await getDb(), now: getClock().now(), origin: getEnv().linkOrigin }),
    ),
);

/** One business's portfolio row after a decision, reserve or threshold edit (one per business at a time). */
export const refreshPortfolioRow = inngest.createFunction(
  {
    id: "portfolio-refresh-business",
    triggers: [portfolioRefreshRequested],
    concurrency: [{ key: "event.data.businessId", limit: 1 }],
  },
  async ({ event, step }) =>
    step.run("refresh", async () => {
      await refreshPortfolioSnapshot({
        db: await getDb(),
        businessId: event.data.businessId,
        clock: getClock(),
      });
      return { businessId: event.data.businessId };
    }),
);

export const functions = [
  syncRealm,
  scheduleSyncs,
  scheduleReconciliations,
  tokenKeepAlive,
  scheduleDigests,
  weeklyDigest,
  deliverDigestEmails,
  alertOwners,
  refreshPortfolio,
  refreshPortfolioRow,
  firmDigests,
];
