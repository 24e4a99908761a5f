import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { notifyAlert } from "../alerts/alerts";
import { businessDate, getClock } from "../clock";
import { type DB, getDb } from "../db/client";
import { businesses, outboxEvents, qboConnections } from "../db/schema";
import { resolveDecisions } from "../decisions/lifecycle";
import { deliverDigest, enqueueDueDigests, runWeeklyDigest } from "../digest/digests";
import { getEnv } from "../env";
import { runFirmDigests } from "../firms/firm-digest";
import { afterPlanChange, refreshPortfolioSnapshot, refreshStaleSnapshots } from "../portfolio/snapshots";
import { clientForBusiness } from "../qbo/client-for-business";
import { syncConnection } from "../qbo/sync/sync-connection";
import { recordCashSnapshot } from "../runway/cash-snapshots";
import { EVENTS, enqueue, type TEventName } from "./outbox";

/**
 * The one dispatcher (docs/decisions/0004-one-machine-mode.md). Every second it claims pending
 * outbox events and either forwards them to Inngest (when a server is configured) or runs the
 * same use case in-process. Every minute it enqueues the scheduled syncs that are due, with ids
 * derived from the slot, so a second dispatcher (or a restart) cannot double them. Failures back
 * off and are kept with their error; nothing is lost.
 */
const CLAIM_MS = 10 * 60_000;
const MAX_ATTEMPTS = 8;

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? (r as T[]) : ((r as { rows: T[] }).rows ?? []));

type THandler = (db: DB, data: Record<string, unknown>) => Promise<unknown>;

/** In-process handlers: the same `server/` use cases the Inngest functions call. */
export const handlers: Record<TEventName, THandler> = {
  "qbo/sync.requested": async (db, raw) => {
    const data = EVENTS["qbo/sync.requested"].parse(raw);
    const result = await runSyncForBusiness({ db, businessId: data.businessId, trigger: data.trigger });
    // Another sync holds the lease: retry shortly so changes announced meanwhile are not lost
    // (a scheduled poll can simply wait for the next slot).
    if (result.status === "skipped" && result.reason === "busy" && data.trigger !== "schedule") {
      throw new Error("A sync for this company is already running; retrying after it.");
    }
    return result;
  },
  "digest/weekly.requested": async (db, raw) => {
    const data = EVENTS["digest/weekly.requested"].parse(raw);
    return runWeeklyDigest({ db, businessId: data.businessId, isoWeek: data.isoWeek, now: getClock().now() });
  },
  "digest/deliver.requested": async (db, raw) => {
    const data = EVENTS["digest/deliver.requested"].parse(raw);
    const env = getEnv();
    return deliverDigest({ db, ...data, secret: env.authSecret, origin: env.linkOrigin });
  },
  "portfolio/refresh.requested": async (db, raw) => {
    const data = EVENTS["portfolio/refresh.requested"].parse(raw);
    return refreshPortfolioSnapshot({ db, businessId: data.businessId, clock: getClock() });
  },
  "alert/raised": async (db, raw) => {
    const data = EVENTS["alert/raised"].parse(raw);
    return notifyAlert({ db, ...data, origin: getEnv().linkOrigin, now: getClock().now() });
  },
};

/**
 * What follows every successful sync: the day's cash snapshot (past cash is read, not guessed)
 * and the projection alerts. A failure here is logged and retried by the next sync; it never
 * turns a good sync into a failed one.
 */
export async function afterLedgerSynced(db: DB, businessId: string, syncStartedAt?: Date): Promise<void> {
  const now = getClock().now();
  const [b] = await db
    .select({ id: businesses.id, timezone: businesses.timezone, currency: businesses.currency })
    .from(businesses)
    .where(eq(businesses.id, businessId));
  if (!b) return;
  try {
    await recordCashSnapshot({ db, business: b, at: now });
    await resolveDecisions({
      db,
      businessId,
      asOf: businessDate(now, b.timezone),
      now,
      syncStartedAt: syncStartedAt ?? now,
    });
    await afterPlanChange({ db, businessId, clock: getClock(), refresh: "now" });
  } catch (err) {
    console.warn(`[after-sync] ${businessId}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function runSyncForBusiness({
  db,
  businessId,
  trigger,
}: {
  db: DB;
  businessId: string;
  trigger: Parameters<typeof syncConnection>[0]["trigger"];
}) {
  const env = getEnv();
  if (!env.qbo) return { status: "skipped", reason: "not_configured" } as const;
  const client = await clientForBusiness({
    db,
    businessId,
    config: env.qbo,
    key: env.tokenEncryptionKey,
    clock: getClock(),
  });
  if (!client) return { status: "skipped", reason: "not_connected" } as const;
  const startedAt = getClock().now();
  const result = await syncConnection({ db, businessId, client, clock: getClock(), trigger });
  if (result.status === "succeeded") await afterLedgerSynced(db, businessId, startedAt);
  return result;
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
      else {
        const handler = handlers[ev.name as TEventName];
        if (!handler) throw new Error(`No handler for ${ev.name}`);
        await handler(db, ev.data);
      }
      await db
        .update(outboxEvents)
        .set({ processedAt: new Date(), lockedUntil: null, lastError: null })
        .where(eq(outboxEvents.id, ev.id));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const giveUp = ev.attempts >= MAX_ATTEMPTS;
      await db
        .update(outboxEvents)
        .set({
          lockedUntil: null,
          lastError: message,
          availableAt: new Date(Date.now() + Math.min(3_600_000, 1000 * 2 ** ev.attempts)),
          ...(giveUp ? { failedAt: new Date() } : {}),
        })
        .where(eq(outboxEvents.id, ev.id));
      console.error(`[dispatcher] ${ev.name} ${ev.id} failed (attempt ${ev.attempts}): ${message}`);
    }
  }
  return claimed.length;
}

/** Enqueue a sync for every active connection whose next_sync_at has come (or was never set). */
export async function enqueueDueSyncs(db: DB, now: Date): Promise<number> {
  const due = await db
    .select({ businessId: qboConnections.businessId, nextSyncAt: qboConnections.nextSyncAt })
    .from(qboConnections)
    .where(
      and(
        eq(qboConnections.status, "active"),
        sql`(${qboConnections.nextSyncAt} is null or ${qboConnections.nextSyncAt} <= ${now.toISOString()}::timestamptz)`,
      ),
    );
  let n = 0;
  for (const c of due) {
    const slot = (c.nextSyncAt ?? new Date(0)).toISOString();
    if (
      await enqueue(db, {
        id: `sync:schedule:${c.businessId}:${slot}`,
        name: "qbo/sync.requested",
        data: { businessId: c.businessId, trigger: "schedule" },
      })
    )
      n++;
  }
  return n;
}

/** Once a day per connection: a reconciliation (compare everything with QuickBooks, record drift). */
export async function enqueueDueReconciliations(db: DB, now: Date): Promise<number> {
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  const due = await db
    .select({ businessId: qboConnections.businessId })
    .from(qboConnections)
    .where(
      and(
        eq(qboConnections.status, "active"),
        sql`${qboConnections.lastFullSyncAt} is not null`,
        sql`(${qboConnections.lastReconciledAt} is null or ${qboConnections.lastReconciledAt} < ${dayAgo}::timestamptz)`,
      ),
    );
  let n = 0;
  const day = now.toISOString().slice(0, 10);
  for (const c of due) {
    if (
      await enqueue(db, {
        id: `reconcile:${c.businessId}:${day}`,
        name: "qbo/sync.requested",
        data: { businessId: c.businessId, trigger: "reconcile" },
      })
    )
      n++;
  }
  return n;
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
      const db = await getDb();
      if (Date.now() - state.lastSchedule > 60_000) {
        state.lastSchedule = Date.now();
        await enqueueDueSyncs(db, getClock().now());
        await enqueueDueReconciliations(db, getClock().now());
        await enqueueDueDigests(db, getClock().now());
        // Runway decays with time: portfolio rows whose business date turned are recomputed.
        await refreshStaleSnapshots({ db, clock: getClock() });
        await runFirmDigests({ db, now: getClock().now(), origin: getEnv().linkOrigin });
      }
      while ((await dispatchOnce(db, 5, forward)) > 0) {
        // drain
      }
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
