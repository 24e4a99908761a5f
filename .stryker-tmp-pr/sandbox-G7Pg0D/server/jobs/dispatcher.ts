// @ts-nocheck
import "server-only";
import { eq, sql } from "drizzle-orm";
import { getClock } from "../clock";
import { type DB, getDb } from "../db/client";
import { outboxEvents } from "../db/schema";
import { EVENTS, type TEventName } from "./outbox";
import { EVENT_JOBS, Permanent, RetryLater, runDueCrons, type TEventJob } from "./registry";

export {
  afterLedgerSynced,
  enqueueDueReconciliations,
  enqueueDueSyncs,
  runSyncForBusiness,
} from "./run-sync";

/**
 * The one dispatcher (docs/decisions/0004-one-machine-mode.md, 0010-job-registry.md). Every
 * second it claims pending outbox events and either forwards them to Inngest (when a server is
 * configured: then Inngest runs the crons, and this only forwards) or runs the registry's job
 * for the event in-process; in-process it also runs the registry's crons, each slot claimed once
 * across processes. Failures follow the registry's outcome policy and are kept with their error;
 * nothing is lost.
 */
const CLAIM_MS = 10 * 60_000;
const MAX_ATTEMPTS = 8;

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? (r as T[]) : ((r as { rows: T[] }).rows ?? []));

/** Run the registry's job for one event, its data validated by the event's schema. */
export async function runEventJob(db: DB, name: string, data: unknown): Promise<unknown> {
  const job = EVENT_JOBS[name as TEventName] as TEventJob | undefined;
  // Unknown here (e.g. from a newer version mid-deploy): retried with back-off, not dropped.
  if (!job) throw new Error(`No handler for ${name}`);
  return job.run(db, EVENTS[job.event].parse(data) as never);
}

export type TForward = (ev: { id: string; name: string; data: Record<string, unknown> }) => Promise<void>;

/**
 * Tests only: throw at a named point to simulate the process dying there (an event claimed but
 * not yet handled). Never set in production code.
 */
export const dispatcherTestHooks: { crashAt?: (point: "before-dispatch") => void } = {};

/**
 * Claim and process up to `limit` due events: forwarded to Inngest when `forward` is given
 * (the event id is the Inngest dedupe id), else run in-process. Returns how many were handled.
 */
export async function dispatchOnce(db: DB, limit = 5, forward?: TForward): Promise<number> {
  const claimed = rowsOf<{ id: string; name: string; data: Record<string, unknown>; attempts: number }>(
    await db.execute(sql`
      update outbox_events set locked_until = clock_timestamp() + ${CLAIM_MS} * interval '1 millisecond', attempts = attempts + 1
      where id in (
        select id from outbox_events
        where processed_at is null and failed_at is null and available_at <= clock_timestamp()
          and (locked_until is null or locked_until < clock_timestamp())
        order by created_at limit ${limit}
        for update skip locked)
      returning id, name, data, attempts`),
  );
  for (const ev of claimed) {
    dispatcherTestHooks.crashAt?.("before-dispatch");
    try {
      if (forward) await forward(ev);
      else await runEventJob(db, ev.name, ev.data);
      await db
        .update(outboxEvents)
        .set({ processedAt: new Date(), lockedUntil: null, lastError: null })
        .where(eq(outboxEvents.id, ev.id));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const job = EVENT_JOBS[ev.name as TEventName];
      // The registry's outcome policy: permanent gives up, RetryLater waits as long as it says,
      // anything else backs off; past the job's retries it gives up.
      const giveUp = err instanceof Permanent || ev.attempts > (job?.retries ?? MAX_ATTEMPTS);
      const waitMs = err instanceof RetryLater ? err.afterMs : Math.min(3_600_000, 1000 * 2 ** ev.attempts);
      await db
        .update(outboxEvents)
        .set({
          lockedUntil: null,
          lastError: message,
          availableAt: new Date(Date.now() + waitMs),
          ...(giveUp ? { failedAt: new Date() } : {}),
        })
        .where(eq(outboxEvents.id, ev.id));
      if (!(err instanceof RetryLater))
        console.error(`[dispatcher] ${ev.name} ${ev.id} failed (attempt ${ev.attempts}): ${message}`);
    }
  }
  return claimed.length;
}

/**
 * One tick: the crons (when due, and only when not forwarding — then Inngest runs them from the
 * same registry), then every due event, forwarded or run here.
 */
export async function dispatcherTick(db: DB, { forward, crons }: { forward?: TForward; crons: boolean }) {
  if (!forward && crons) await runDueCrons(db, getClock().now());
  while ((await dispatchOnce(db, 5, forward)) > 0) {
    // drain
  }
}

type TState = { timer: NodeJS.Timeout | null; running: boolean; lastSchedule: number; poke: () => void };
const g = globalThis as unknown as { __oodalooDispatcher?: TState };

/** Start the dispatcher once per process (kept on globalThis: Next duplicates modules). */
export function startDispatcher({
  intervalMs = 1000,
  forward,
}: {
  intervalMs?: number;
  forward?: TForward;
} = {}): TState {
  if (g.__oodalooDispatcher) return g.__oodalooDispatcher;
  const state: TState = {
    timer: null,
    running: false,
    lastSchedule: 0,
    poke: () => {
      void tick();
    },
  };
  const tick = async () => {
    if (state.running) return;
    state.running = true;
    try {
      const crons = Date.now() - state.lastSchedule > 30_000;
      if (crons) state.lastSchedule = Date.now();
      await dispatcherTick(await getDb(), { forward, crons });
    } catch (err) {
      console.error(`[dispatcher] ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      state.running = false;
    }
  };
  state.timer = setInterval(() => void tick(), intervalMs);
  state.timer.unref();
  g.__oodalooDispatcher = state;
  return state;
}

/** After committing an enqueue, nudge the dispatcher so the work starts at once. */
export function pokeDispatcher(): void {
  g.__oodalooDispatcher?.poke();
}
