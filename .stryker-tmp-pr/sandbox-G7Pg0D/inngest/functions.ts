// @ts-nocheck
import { cron, NonRetriableError, RetryAfterError } from "inngest";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { EVENTS, type TEventName } from "@/server/jobs/outbox";
import { CRON_JOBS, cronOf, EVENT_JOBS, Permanent, RetryLater, type TEventJob } from "@/server/jobs/registry";
import { EVENT_TYPES, inngest } from "./client";

/**
 * The Inngest functions, built from the job registry (server/jobs/registry.ts) — no job is
 * defined here. Each gets its registry id, trigger (typed event or cron), concurrency key and
 * retries, and the registry's outcome policy mapped to Inngest's: Permanent → NonRetriableError,
 * RetryLater → RetryAfterError.
 */
async function withPolicy<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof Permanent) throw new NonRetriableError(err.message, { cause: err });
    if (err instanceof RetryLater)
      throw new RetryAfterError(err.message, `${Math.max(1, Math.ceil(err.afterMs / 1000))}s`, {
        cause: err,
      });
    throw err;
  }
}

function eventFunction(job: TEventJob) {
  return inngest.createFunction(
    {
      id: job.id,
      triggers: [EVENT_TYPES[job.event as TEventName]],
      ...(job.perBusiness ? { concurrency: [{ key: "event.data.businessId", limit: 1 }] } : {}),
      retries: job.retries as 4,
    },
    async ({ event, step }) =>
      step.run(job.step, () =>
        withPolicy(async () =>
          job.run(await getDb(), EVENTS[job.event as TEventName].parse(event.data) as never),
        ),
      ),
  );
}

export const eventFunctions = Object.fromEntries(
  Object.values(EVENT_JOBS).map((job) => [job.id, eventFunction(job as TEventJob)]),
);

export const cronFunctions = Object.fromEntries(
  CRON_JOBS.map((job) => [
    job.id,
    inngest.createFunction({ id: job.id, triggers: [cron(cronOf(job.schedule))] }, async ({ step }) =>
      step.run(job.step, () => withPolicy(async () => job.run(await getDb(), getClock().now()))),
    ),
  ]),
);

export const functions = [...Object.values(eventFunctions), ...Object.values(cronFunctions)];

// The functions tests drive by name.
export const syncRealm = eventFunctions["qbo-sync-realm"]!;
export const scheduleSyncs = cronFunctions["qbo-schedule-syncs"]!;
export const tokenKeepAlive = cronFunctions["qbo-token-keep-alive"]!;
export const weeklyDigest = eventFunctions["digest-weekly"]!;
export const scheduleDigests = cronFunctions["digest-schedule-weekly"]!;
