import { cron, NonRetriableError, RetryAfterError } from "inngest";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { getEnv } from "@/server/env";
import { enqueueDueReconciliations, enqueueDueSyncs, runSyncForBusiness } from "@/server/jobs/dispatcher";
import { QboError, QboReauthRequired } from "@/server/qbo/errors";
import { keepTokensAlive } from "@/server/qbo/keep-alive";
import { inngest, syncRequested } from "./client";

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

export const functions = [syncRealm, scheduleSyncs, scheduleReconciliations, tokenKeepAlive];
