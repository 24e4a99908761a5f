// @ts-nocheck
import "server-only";
import { and, eq, inArray, lt, ne, or, sql } from "drizzle-orm";
import type { Clock } from "../../clock";
import type { DB } from "../../db/client";
import {
  qboConnections,
  qboDrift,
  qboEntityState,
  qboWebhookEvents,
  syncLeases,
  syncRuns,
} from "../../db/schema";
import type { QboClient } from "../client";
import { QboError, QboReauthRequired } from "../errors";
import { CDC_ENTITIES, parseInstant, SYNCED_ENTITIES, type TSyncedEntity } from "../mappers";
import { applyEntities, listAt, markDeleted } from "./apply";
import { halves, judgeCdcAnswer } from "./cdc-window";
import { classifyEntityFailure, refusalOf, type TEntityFailure } from "./entity-failure";

/**
 * One sync of one connection, resumable and idempotent:
 * - While any entity's full sync is unfinished, page it (STARTPOSITION/MAXRESULTS 1000, name
 *   lists including inactive), each page and its checkpoint in one transaction. An entity's
 *   re-page ends by soft-deleting rows it did not see (they are gone from QuickBooks).
 * - Otherwise one CDC call for all entities since the saved cursor minus an overlap; the new
 *   cursor is the response's server `time` (frozen window end), stored with the data. A response
 *   at the 1000-object cap is split by entities; a single entity at the cap is re-paged.
 * - Older than 30 days without success: every entity is re-paged (CDC cannot look back further).
 * One sync per connection at a time, across processes: a lease row with an expiry.
 *
 * Each entity stands alone (docs/decisions/0006): an entity this company refuses (a 400 on its
 * query; a 403 when other entities succeeded in the same run) is set aside as `unavailable` with
 * the fault and tried again daily; an entity CDC refuses (located by bisecting the CDC list) is
 * kept fresh by LastUpdatedTime queries; an entity whose requests keep failing transiently keeps
 * its checkpoint and is retried soon. The run finishes "with gaps" and lists them.
 */
export type TSyncTrigger = "connect" | "manual" | "schedule" | "webhook" | "page_view" | "reconcile";
export type TWebhookHealth = "healthy" | "unhealthy";
/** When a connection is next polled, given how a sync just ended (the product's schedule). */
export type TNextPoll = (p: { businessId: string; now: Date; health: TWebhookHealth }) => Date;
export type TSyncGap = { entity: string; reason: "unavailable" | "retrying" };
export type TSyncResult =
  | {
      status: "succeeded";
      runId: string;
      kind: "full" | "cdc";
      apiCalls: number;
      recordsChanged: number;
      gaps: TSyncGap[];
    }
  | { status: "failed"; runId: string; error: string; cause: "reauth" | "throttled" | "qbo" }
  | { status: "skipped"; reason: "busy" | "not_connected" | "needs_reauth" };

const PAGE = 1000;

/**
 * Tests only: throw at a named point to simulate a crash there (after a fetch, after a commit).
 * Never set in production code.
 */
export const syncTestHooks: {
  /** `page`: the full sync's entity, the page's first position and whether it is the last (none for CDC). */
  crashAt?: (
    point: "after-fetch" | "after-commit",
    page?: { entity: TSyncedEntity; position: number; last: boolean },
  ) => void;
} = {};
const CDC_OVERLAP_MS = 5 * 60_000;
const CDC_MAX_LOOKBACK_MS = 29 * 86_400_000; // a day inside Intuit's 30-day limit
/** Reconciliation re-reads everything (not only the window's changes) once a quarter. */
const FULL_COMPARE_EVERY_MS = 90 * 86_400_000;
const LEASE_MS = 10 * 60_000;
const DAY_MS = 86_400_000;
/** An entity that failed transiently is tried again this soon. */
const RETRY_SOON_MS = 5 * 60_000;
const NAME_LISTS = new Set<TSyncedEntity>(["Account", "Term", "Customer", "Vendor"]);

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? (r as T[]) : ((r as { rows: T[] }).rows ?? []));

/** Take the connection's sync lease, or return false if a live holder has it. */
export async function takeLease(db: DB, businessId: string, holder: string, now: Date): Promise<boolean> {
  const rows = await db
    .insert(syncLeases)
    .values({ businessId, holder, expiresAt: new Date(now.getTime() + LEASE_MS) })
    .onConflictDoUpdate({
      target: syncLeases.businessId,
      set: { holder, expiresAt: new Date(now.getTime() + LEASE_MS) },
      setWhere: or(lt(syncLeases.expiresAt, now), eq(syncLeases.holder, holder)),
    })
    .returning({ holder: syncLeases.holder });
  return rows.length === 1;
}

async function releaseLease(db: DB, businessId: string, holder: string) {
  await db
    .delete(syncLeases)
    .where(and(eq(syncLeases.businessId, businessId), eq(syncLeases.holder, holder)));
}

async function extendLease(db: DB, businessId: string, holder: string, now: Date) {
  await db
    .update(syncLeases)
    .set({ expiresAt: new Date(now.getTime() + LEASE_MS) })
    .where(and(eq(syncLeases.businessId, businessId), eq(syncLeases.holder, holder)));
}

export async function syncConnection({
  db,
  businessId,
  client,
  clock,
  trigger,
  holder = crypto.randomUUID(),
  intervalMs = 3_600_000,
  nextPollAt,
}: {
  db: DB;
  businessId: string;
  client: QboClient;
  clock: Clock;
  trigger: TSyncTrigger;
  holder?: string;
  /** Without `nextPollAt`: the next poll in this long (spread by connection). */
  intervalMs?: number;
  nextPollAt?: TNextPoll;
}): Promise<TSyncResult> {
  const [conn] = await db.select().from(qboConnections).where(eq(qboConnections.businessId, businessId));
  if (!conn || conn.status === "disconnected") return { status: "skipped", reason: "not_connected" };
  if (conn.status === "needs_reauth") return { status: "skipped", reason: "needs_reauth" };
  if (!(await takeLease(db, businessId, holder, clock.now()))) return { status: "skipped", reason: "busy" };
  // Holding the lease, no other run can be live: one still marked running was interrupted.
  await db
    .update(syncRuns)
    .set({
      status: "failed",
      finishedAt: clock.now(),
      error: "Interrupted: the process running it stopped. Resumed from its checkpoints.",
    })
    .where(and(eq(syncRuns.businessId, businessId), eq(syncRuns.status, "running")));

  const callsBefore = client.calls;
  const [run] = await db
    .insert(syncRuns)
    .values({ businessId, trigger, kind: "cdc", startedAt: clock.now() })
    .returning({ id: syncRuns.id });
  const runId = run!.id;
  client.onThrottle = (until) =>
    db.update(syncRuns).set({ throttledUntil: until }).where(eq(syncRuns.id, runId));
  const outcome: TRunOutcome = { pagesServed: 0, forbidden: new Map(), retrying: new Set(), created: [] };
  let changed = 0;
  try {
    await ensureEntityStates(db, businessId);
    // Too long without success: CDC cannot cover the gap, re-page everything.
    if (conn.cdcCursor && clock.now().getTime() - conn.cdcCursor.getTime() > CDC_MAX_LOOKBACK_MS) {
      await markForRepage(db, businessId);
    }
    const startNow = clock.now();
    const states = await db.select().from(qboEntityState).where(eq(qboEntityState.businessId, businessId));
    const synced = new Set<string>(SYNCED_ENTITIES);
    const due = (st: TEntityStateRow) => st.retryAt !== null && st.retryAt <= startNow;
    // Unfinished entities still served, and set-aside ones whose daily retry is due.
    const unfinished = states.filter(
      (st) => synced.has(st.entity) && !st.fullSyncDone && (st.availability === "available" || due(st)),
    );
    const kind = !conn.cdcCursor || unfinished.some((st) => st.availability === "available") ? "full" : "cdc";
    const repage = (entities: TSyncedEntity[], opts: { hasCursor: boolean; recordDrift?: boolean }) =>
      fullSync({ db, businessId, client, clock, runId, holder, pending: entities, outcome, ...opts });
    await db
      .update(syncRuns)
      .set({ kind: kind === "cdc" && trigger === "reconcile" ? "reconcile" : kind })
      .where(eq(syncRuns.id, runId));

    if (kind === "full") {
      changed += await repage(
        unfinished.map((p) => p.entity as TSyncedEntity),
        { hasCursor: Boolean(conn.cdcCursor) },
      );
    } else {
      const byEntity = new Map(states.map((st) => [st.entity, st]));
      const cdcList = CDC_ENTITIES.filter((e) => {
        const st = byEntity.get(e);
        return st?.availability === "available" && st.cdcSupported;
      });
      // Cheap reconciliation (docs/decisions/0011-sync-schedule.md): this poll reads everything
      // QuickBooks changed since the last reconciliation, not only since the cursor (one CDC call
      // per 1000 objects), and compares it with the mirror. A row older than the cursor's window
      // that still changes the mirror was missed: drift, repaired and recorded. Reconciliations
      // chained within CDC's 30 days cover every change since the first full sync.
      const lastReconciled = conn.lastReconciledAt;
      const cheapReconcile =
        trigger === "reconcile" &&
        lastReconciled !== null &&
        lastReconciled < conn.cdcCursor! &&
        startNow.getTime() - lastReconciled.getTime() < CDC_MAX_LOOKBACK_MS &&
        conn.lastFullSyncAt !== null &&
        startNow.getTime() - conn.lastFullSyncAt.getTime() < FULL_COMPARE_EVERY_MS;
      changed += await cdcSync({
        db,
        businessId,
        client,
        clock,
        since: cheapReconcile ? lastReconciled! : conn.cdcCursor!,
        ...(cheapReconcile
          ? { drift: { runId, before: new Date(conn.cdcCursor!.getTime() - CDC_OVERLAP_MS) } }
          : {}),
        entities: cdcList,
        queried: states
          .filter((st) => synced.has(st.entity) && st.availability === "available" && !st.cdcSupported)
          .map((st) => ({ entity: st.entity as TSyncedEntity, through: st.queriedThrough })),
        recurring: await recurringDue(
          db,
          businessId,
          byEntity.get("RecurringTransaction"),
          trigger,
          startNow,
        ),
        outcome,
      });
      // Preferences refused earlier: its daily retry.
      const prefs = byEntity.get("Preferences");
      if (prefs?.availability === "unavailable" && due(prefs))
        await refreshCompany({ db, businessId, client, clock, outcome, hasCursor: true });
      // Re-page: entities whose CDC answer hit the cap, set-aside entities whose retry is due, and
      // CDC-refused entities once a day (a query cannot see deletions; a re-page does).
      const dailyRepage = states
        .filter(
          (st) => synced.has(st.entity) && st.availability === "available" && !st.cdcSupported && due(st),
        )
        .map((st) => st.entity as TSyncedEntity);
      if (dailyRepage.length > 0) await markForRepage(db, businessId, dailyRepage);
      const again = await db
        .select()
        .from(qboEntityState)
        .where(and(eq(qboEntityState.businessId, businessId), eq(qboEntityState.fullSyncDone, false)));
      const toRepage = again
        .filter((st) => synced.has(st.entity) && (st.availability === "available" || due(st)))
        .map((p) => p.entity as TSyncedEntity);
      if (toRepage.length > 0) changed += await repage(toRepage, { hasCursor: true });
      if (cheapReconcile) {
        await db
          .update(qboConnections)
          .set({ lastReconciledAt: clock.now() })
          .where(eq(qboConnections.businessId, businessId));
      } else if (trigger === "reconcile") {
        // No reconciliation within CDC's reach, or a quarter since everything was read: compare
        // everything with QuickBooks by re-paging every entity it serves; whatever still differs
        // (or vanished without a tombstone, or changed without a trace) is drift, repaired and
        // recorded.
        const served = (
          await db
            .select({ entity: qboEntityState.entity })
            .from(qboEntityState)
            .where(
              and(eq(qboEntityState.businessId, businessId), eq(qboEntityState.availability, "available")),
            )
        )
          .map((r) => r.entity)
          .filter((e): e is TSyncedEntity => synced.has(e));
        await markForRepage(db, businessId, served);
        changed += await repage(served, { hasCursor: true, recordDrift: true });
        await db
          .update(qboConnections)
          .set({ lastReconciledAt: clock.now(), lastFullSyncAt: clock.now() })
          .where(eq(qboConnections.businessId, businessId));
      }
    }
    await settleForbidden(db, businessId, outcome, clock.now());
    const gaps = await gapsOf(db, businessId, outcome);
    const now = clock.now();
    // A poll's verdict on the webhooks (a full sync sees everything as new: no verdict).
    const health =
      kind === "cdc" ? await judgeWebhooks(db, businessId, outcome.created, now) : conn.webhookHealth;
    const apiCalls = client.calls - callsBefore;
    await db
      .update(syncRuns)
      .set({
        status: "succeeded",
        finishedAt: now,
        apiCalls,
        recordsChanged: changed,
        progress: { done: 1, total: 1 },
        gaps: gaps.length > 0 ? gaps : null,
        throttledUntil: null,
      })
      .where(eq(syncRuns.id, runId));
    await db
      .update(qboConnections)
      .set({
        lastSuccessAt: now,
        lastError: null,
        ...(kind === "full" ? { lastFullSyncAt: now } : {}),
        // A full sync of every entity, with nothing set aside, is itself a complete comparison.
        ...(kind === "full" && unfinished.length === SYNCED_ENTITIES.length && gaps.length === 0
          ? { lastReconciledAt: now }
          : {}),
        nextSyncAt:
          outcome.retrying.size > 0
            ? new Date(now.getTime() + RETRY_SOON_MS)
            : nextPollAt
              ? nextPollAt({ businessId, now, health })
              : // Spread connections across the interval so they do not all poll at once.
                new Date(
                  now.getTime() +
                    intervalMs -
                    (hashOf(businessId) % Math.max(1, Math.floor(intervalMs / 10))),
                ),
      })
      .where(eq(qboConnections.businessId, businessId));
    return { status: "succeeded", runId, kind, apiCalls, recordsChanged: changed, gaps };
  } catch (err) {
    const message =
      err instanceof QboReauthRequired || err instanceof QboError
        ? err.message
        : `Sync failed: ${(err as Error).message}`;
    const now = clock.now();
    await db
      .update(syncRuns)
      .set({
        status: "failed",
        finishedAt: now,
        error: message,
        apiCalls: client.calls - callsBefore,
        recordsChanged: changed,
      })
      .where(eq(syncRuns.id, runId));
    await db
      .update(qboConnections)
      .set({ lastError: message, nextSyncAt: new Date(now.getTime() + 5 * 60_000) })
      .where(eq(qboConnections.businessId, businessId));
    await db
      .update(qboEntityState)
      .set({ status: "failed", lastError: message, failureStreak: sql`${qboEntityState.failureStreak} + 1` })
      .where(and(eq(qboEntityState.businessId, businessId), eq(qboEntityState.status, "running")));
    if (err instanceof QboReauthRequired) return { status: "failed", runId, error: message, cause: "reauth" };
    if (err instanceof QboError)
      return {
        status: "failed",
        runId,
        error: message,
        cause: err.kind === "throttled" ? "throttled" : "qbo",
      };
    throw err;
  } finally {
    client.onThrottle = undefined;
    await releaseLease(db, businessId, holder);
  }
}

type TEntityStateRow = typeof qboEntityState.$inferSelect;
type TRefusal = { err: unknown; via: "query" | "cdc" | "read" };
/** What one run learnt about its entities, beyond the rows it wrote. */
type TRunOutcome = {
  /** Entity pages (or CDC answers) QuickBooks served in this run. */
  pagesServed: number;
  /** 403s, judged at the end: a refusal only if something else was served. */
  forbidden: Map<string, TRefusal>;
  /** Entities whose requests failed transiently: their checkpoints wait for the next run. */
  retrying: Set<string>;
  /** Rows a CDC poll found created or deleted: judged against what webhooks announced. */
  created: { entity: string; qboId: string; lastUpdatedAt: Date }[];
};

/** A change this recent may still have its notification in flight: not judged yet. */
const ANNOUNCE_GRACE_MS = 2 * 60_000;
const CLEAN_POLLS_TO_HEAL = 3;

/**
 * Webhook health (docs/decisions/0011-sync-schedule.md). Creations and deletions a poll found
 * (which every webhook announces; balance-only touches may not be) are looked up among the
 * notifications received: one unannounced → unhealthy, and the clean count starts again. An
 * unhealthy connection heals after three clean polls with notifications arriving since it turned
 * unhealthy (a company that sends none stays polled hourly).
 */
async function judgeWebhooks(
  db: DB,
  businessId: string,
  found: TRunOutcome["created"],
  now: Date,
): Promise<TWebhookHealth> {
  const judged = found.filter((r) => r.lastUpdatedAt.getTime() < now.getTime() - ANNOUNCE_GRACE_MS);
  let unannounced = 0;
  if (judged.length > 0) {
    const earliest = Math.min(...judged.map((r) => r.lastUpdatedAt.getTime())) - CDC_OVERLAP_MS;
    const announced = await db
      .select({ entity: qboWebhookEvents.entity, entityId: qboWebhookEvents.entityId })
      .from(qboWebhookEvents)
      .where(
        and(
          eq(qboWebhookEvents.businessId, businessId),
          inArray(
            qboWebhookEvents.entityId,
            judged.map((r) => r.qboId),
          ),
          sql`${qboWebhookEvents.receivedAt} >= ${new Date(earliest).toISOString()}::timestamptz`,
        ),
      );
    const seen = new Set(announced.map((a) => `${a.entity}:${a.entityId}`));
    unannounced = judged.filter((r) => !seen.has(`${r.entity}:${r.qboId}`)).length;
  }
  const [c] = await db
    .select({
      health: qboConnections.webhookHealth,
      since: qboConnections.webhookHealthSince,
      clean: qboConnections.cleanPolls,
      lastWebhookAt: qboConnections.lastWebhookAt,
    })
    .from(qboConnections)
    .where(eq(qboConnections.businessId, businessId));
  if (!c) return "unhealthy";
  if (unannounced > 0) {
    if (c.health === "healthy" || c.clean > 0)
      await db
        .update(qboConnections)
        .set({ webhookHealth: "unhealthy", webhookHealthSince: now, cleanPolls: 0 })
        .where(eq(qboConnections.businessId, businessId));
    return "unhealthy";
  }
  if (c.health === "healthy") return "healthy";
  if (!c.lastWebhookAt || c.lastWebhookAt <= c.since) return "unhealthy";
  const clean = c.clean + 1;
  const healed = clean >= CLEAN_POLLS_TO_HEAL;
  await db
    .update(qboConnections)
    .set(
      healed ? { webhookHealth: "healthy", webhookHealthSince: now, cleanPolls: 0 } : { cleanPolls: clean },
    )
    .where(eq(qboConnections.businessId, businessId));
  return healed ? "healthy" : "unhealthy";
}

const RECURRING_REFRESH_MS = 7 * DAY_MS;

/**
 * Recurring templates are read by a query (CDC does not serve them), so not after every poll:
 * when a notification announced one since the last refresh, when the last refresh is a week old
 * or at a reconciliation ("always"); after a sync the user asked for that found changes
 * ("if-changed": a quiet poll still costs one call).
 */
async function recurringDue(
  db: DB,
  businessId: string,
  st: TEntityStateRow | undefined,
  trigger: TSyncTrigger,
  now: Date,
): Promise<TRecurringDue> {
  if (st?.availability !== "available") return false;
  if (trigger === "reconcile") return "always";
  if (!st.lastSuccessAt || now.getTime() - st.lastSuccessAt.getTime() >= RECURRING_REFRESH_MS)
    return "always";
  const [announced] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(qboWebhookEvents)
    .where(
      and(
        eq(qboWebhookEvents.businessId, businessId),
        eq(qboWebhookEvents.entity, "RecurringTransaction"),
        sql`${qboWebhookEvents.receivedAt} > ${st.lastSuccessAt.toISOString()}::timestamptz`,
      ),
    );
  if (Number(announced?.n ?? 0) > 0) return "always";
  return trigger === "manual" || trigger === "connect" ? "if-changed" : false;
}
type TRecurringDue = "always" | "if-changed" | false;

/** The refusal as stored on the entity's state row. */
function refusalColumns(r: TRefusal) {
  const f = refusalOf(r.err);
  return {
    unavailableStatus: f.status,
    unavailableCode: f.code,
    unavailableDetail: f.detail.slice(0, 1000),
    unavailableVia: r.via,
  };
}

/** Set an entity aside: this company refuses it. Kept with the fault; tried again in a day. */
async function markUnavailable(db: DB, businessId: string, entity: string, r: TRefusal, now: Date) {
  const set = {
    availability: "unavailable" as const,
    ...refusalColumns(r),
    retryAt: new Date(now.getTime() + DAY_MS),
    status: "idle" as const,
    lastAttemptAt: now,
    lastError: null,
  };
  await db
    .insert(qboEntityState)
    .values({ businessId, entity, fullSyncNextPosition: 1, unavailableSince: now, ...set })
    .onConflictDoUpdate({
      target: [qboEntityState.businessId, qboEntityState.entity],
      set: {
        ...set,
        unavailableSince: sql`coalesce(${qboEntityState.unavailableSince}, ${now.toISOString()}::timestamptz)`,
      },
    });
}

/** Served again (or for the first time): whatever refusal was recorded is over. */
const AVAILABLE = {
  availability: "available" as const,
  unavailableSince: null,
  unavailableStatus: null,
  unavailableCode: null,
  unavailableDetail: null,
  unavailableVia: null,
};

/** An entity's request failed: set it aside, wait for the run's verdict on a 403, or retry soon. */
async function onEntityFailure(
  db: DB,
  businessId: string,
  entity: string,
  err: unknown,
  kind: Exclude<TEntityFailure, "fatal">,
  via: TRefusal["via"],
  outcome: TRunOutcome,
  now: Date,
) {
  if (kind === "refused") return markUnavailable(db, businessId, entity, { err, via }, now);
  if (kind === "forbidden") {
    outcome.forbidden.set(entity, { err, via });
    return;
  }
  outcome.retrying.add(entity);
  await db
    .update(qboEntityState)
    .set({
      status: "failed",
      lastAttemptAt: now,
      lastError: err instanceof Error ? err.message : String(err),
      failureStreak: sql`${qboEntityState.failureStreak} + 1`,
    })
    .where(and(eq(qboEntityState.businessId, businessId), eq(qboEntityState.entity, entity)));
}

/**
 * The run's 403s: when QuickBooks served anything else in this run, each is that entity's
 * refusal; when it served nothing, the connection itself is refused and the run fails.
 */
async function settleForbidden(db: DB, businessId: string, outcome: TRunOutcome, now: Date) {
  if (outcome.forbidden.size === 0) return;
  if (outcome.pagesServed === 0) throw [...outcome.forbidden.values()][0]!.err;
  for (const [entity, r] of outcome.forbidden) await markUnavailable(db, businessId, entity, r, now);
}

/** Every entity set aside (from this run or before) and every entity waiting for a retry. */
async function gapsOf(db: DB, businessId: string, outcome: TRunOutcome): Promise<TSyncGap[]> {
  const rows = await db
    .select({ entity: qboEntityState.entity })
    .from(qboEntityState)
    .where(and(eq(qboEntityState.businessId, businessId), eq(qboEntityState.availability, "unavailable")));
  const unavailable = rows.map((r) => r.entity).sort();
  return [
    ...unavailable.map((entity) => ({ entity, reason: "unavailable" as const })),
    ...[...outcome.retrying]
      .filter((e) => !unavailable.includes(e))
      .sort()
      .map((entity) => ({ entity, reason: "retrying" as const })),
  ];
}

/**
 * Company details and preferences (home currency). CompanyInfo failing is the connection's
 * problem and stops the run; Preferences refused is set aside like an entity (the runway cannot
 * do without it, so the product says so). Returns the envelope's server time.
 */
async function refreshCompany(p: {
  db: DB;
  businessId: string;
  client: QboClient;
  clock: Clock;
  outcome: TRunOutcome;
  hasCursor: boolean;
}): Promise<void> {
  const { db, businessId, client, clock } = p;
  const prefsPending = client.preferences();
  prefsPending.catch(() => {}); // awaited below; CompanyInfo failing first must not leave it unhandled
  const info = await client.companyInfo();
  const serverTime = parseInstant(String(info.time));
  const company = (info.CompanyInfo ?? {}) as Record<string, unknown>;
  let preferences: Record<string, unknown> | undefined;
  try {
    preferences = ((await prefsPending).Preferences ?? {}) as Record<string, unknown>;
    p.outcome.pagesServed++;
  } catch (err) {
    const kind = classifyEntityFailure(err);
    if (kind === "fatal") throw err;
    await onEntityFailure(db, businessId, "Preferences", err, kind, "read", p.outcome, clock.now());
  }
  if (preferences)
    await db
      .update(qboEntityState)
      .set({ ...AVAILABLE, retryAt: null, lastSuccessAt: clock.now(), lastAttemptAt: clock.now() })
      .where(and(eq(qboEntityState.businessId, businessId), eq(qboEntityState.entity, "Preferences")));
  await db
    .update(qboConnections)
    .set({
      companyName: typeof company.CompanyName === "string" ? company.CompanyName : null,
      companyInfo: company,
      ...(preferences
        ? {
            preferences,
            homeCurrency:
              (preferences.CurrencyPrefs as { HomeCurrency?: { value?: string } } | undefined)?.HomeCurrency
                ?.value ?? null,
          }
        : {}),
      // A first sync starts CDC from its own start; a re-page keeps the older cursor.
      ...(p.hasCursor ? {} : { cdcCursor: serverTime }),
    })
    .where(eq(qboConnections.businessId, businessId));
}

/** Send entities (all by default) back to a full page-through from position 1. */
async function markForRepage(db: DB, businessId: string, entities?: TSyncedEntity[]) {
  await db
    .update(qboEntityState)
    .set({ fullSyncDone: false, fullSyncNextPosition: 1, fullSyncStartedAt: null })
    .where(
      and(
        eq(qboEntityState.businessId, businessId),
        entities ? inArray(qboEntityState.entity, entities) : undefined,
      ),
    );
}

function hashOf(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h;
}

async function ensureEntityStates(db: DB, businessId: string) {
  await db
    .insert(qboEntityState)
    .values(SYNCED_ENTITIES.map((entity) => ({ businessId, entity, fullSyncNextPosition: 1 })))
    .onConflictDoNothing();
}

async function fullSync(p: {
  db: DB;
  businessId: string;
  client: QboClient;
  clock: Clock;
  runId: string;
  holder: string;
  pending: TSyncedEntity[];
  hasCursor: boolean;
  /** Reconciliation: every change found is drift, recorded per row. */
  recordDrift?: boolean;
  outcome: TRunOutcome;
}): Promise<number> {
  const { db, businessId, client, clock, runId } = p;
  let changed = 0;
  // Company details; the envelope's server time is where CDC will pick up after this full sync.
  await refreshCompany({ db, businessId, client, clock, outcome: p.outcome, hasCursor: p.hasCursor });

  const order = SYNCED_ENTITIES.filter((e) => p.pending.includes(e));
  // Every entity's resume position up front, so the next entity's first page can be fetched
  // while the current entity's last page is written.
  const states = new Map(
    (await db.select().from(qboEntityState).where(eq(qboEntityState.businessId, businessId))).map((st) => [
      st.entity,
      st,
    ]),
  );
  const fetchPage = (entity: TSyncedEntity, at: number) => {
    const where = NAME_LISTS.has(entity) ? " WHERE Active IN (true, false)" : "";
    const pending = client.queryWithText(
      `SELECT * FROM ${entity}${where} ORDERBY Id STARTPOSITION ${at} MAXRESULTS ${PAGE}`,
    );
    pending.catch(() => {}); // a prefetch abandoned by a failure must not become an unhandled rejection
    return pending;
  };
  // Two lanes page entities side by side, each taking the next unstarted entity from a shared
  // queue: while one lane's page is written, the other's is parsed and mapped, and Postgres uses
  // both cores. Each page still commits with its own checkpoint; the rate budget is shared.
  const queue = [...order];
  const active = new Set<TSyncedEntity>();
  let entitiesDone = 0;
  const failure: { error?: unknown; failed: boolean } = { failed: false };
  const reportProgress = () =>
    db
      .update(syncRuns)
      .set({ progress: { entity: [...active].join(" and "), done: entitiesDone, total: order.length } })
      .where(eq(syncRuns.id, runId));
  const claim = () => {
    const entity = queue.shift();
    return entity
      ? { entity, first: fetchPage(entity, states.get(entity)?.fullSyncNextPosition ?? 1) }
      : undefined;
  };

  const pageEntity = async (entity: TSyncedEntity, first: ReturnType<typeof fetchPage>) => {
    const state = states.get(entity);
    let position = state?.fullSyncNextPosition ?? 1;
    const startedAt = state?.fullSyncStartedAt ?? clock.now();
    active.add(entity);
    await reportProgress();
    await db
      .update(qboEntityState)
      .set({ status: "running", lastAttemptAt: clock.now(), fullSyncStartedAt: startedAt })
      .where(and(eq(qboEntityState.businessId, businessId), eq(qboEntityState.entity, entity)));
    let nextPage = first;
    let next: ReturnType<typeof claim>;
    for (;;) {
      let res: Awaited<typeof nextPage>;
      try {
        res = await nextPage;
      } catch (err) {
        const kind = classifyEntityFailure(err);
        if (kind === "fatal" || failure.failed) throw err;
        // This entity alone: set aside or retried later; the lane goes on with the next one.
        await onEntityFailure(db, businessId, entity, err, kind, "query", p.outcome, clock.now());
        active.delete(entity);
        entitiesDone++;
        await reportProgress();
        return claim();
      }
      if (failure.failed) return undefined; // the other lane failed: stop at a page boundary
      p.outcome.pagesServed++;
      const page = { ...res, path: ["QueryResponse", entity] };
      const items = listAt(res.body, page.path);
      const done = items.length < PAGE;
      syncTestHooks.crashAt?.("after-fetch", { entity, position, last: done });
      // Fetch the next page (or this lane's next entity) while this one is written.
      if (!done) nextPage = fetchPage(entity, position + items.length);
      else next = claim();
      // (Not `changed += await …`: that reads `changed` before the other lane adds to it.)
      const pageChanged = await db.transaction(async (tx) => {
        const n = await applyEntities(tx, businessId, entity, page, clock.now(), async (rows) => {
          if (p.recordDrift && rows.length > 0) {
            await tx.insert(qboDrift).values(
              rows.map((r) => ({
                businessId,
                runId,
                detectedAt: clock.now(),
                entity,
                qboId: r.qboId,
                kind: r.deleted ? "deleted" : "changed",
              })),
            );
          }
        });
        await tx
          .update(qboEntityState)
          .set(
            done
              ? {
                  ...AVAILABLE,
                  fullSyncNextPosition: null,
                  fullSyncDone: true,
                  status: "idle",
                  lastSuccessAt: clock.now(),
                  failureStreak: 0,
                  lastError: null,
                  // A CDC-refused entity is re-paged daily (its queries cannot see deletions).
                  retryAt: state && !state.cdcSupported ? new Date(clock.now().getTime() + DAY_MS) : null,
                  ...(state && !state.cdcSupported ? { queriedThrough: startedAt } : {}),
                }
              : {
                  fullSyncNextPosition: position + items.length,
                  // Live count while paging: the rows seen so far (the last page counts exactly).
                  records: sql`greatest(${qboEntityState.records}, ${position + items.length - 1})`,
                },
          )
          .where(and(eq(qboEntityState.businessId, businessId), eq(qboEntityState.entity, entity)));
        if (done) {
          // Whatever was not seen since this (re-)page began no longer exists in QuickBooks.
          const gone = rowsOf<{ qbo_id: string }>(
            await tx.execute(sql`
              update qbo_raw set deleted = true
              where business_id = ${businessId} and entity = ${entity} and not deleted and synced_at < ${startedAt.toISOString()}::timestamptz
              returning qbo_id`),
          ).map((r) => r.qbo_id);
          if (gone.length > 0) await markDeleted(tx, businessId, entity, gone);
          if (p.recordDrift && gone.length > 0) {
            await tx.insert(qboDrift).values(
              gone.map((qboId) => ({
                businessId,
                runId,
                detectedAt: clock.now(),
                entity,
                qboId,
                kind: "missing_remote",
              })),
            );
          }
          const [count] = rowsOf<{ n: number }>(
            await tx.execute(
              sql`select count(*)::int as n from qbo_raw where business_id = ${businessId} and entity = ${entity} and not deleted`,
            ),
          );
          await tx
            .update(qboEntityState)
            .set({ records: Number(count!.n), fullSyncStartedAt: null })
            .where(and(eq(qboEntityState.businessId, businessId), eq(qboEntityState.entity, entity)));
          return n + gone.length;
        }
        return n;
      });
      changed += pageChanged;
      syncTestHooks.crashAt?.("after-commit", { entity, position, last: done });
      await extendLease(db, businessId, p.holder, clock.now());
      if (done) break;
      position += items.length;
    }
    active.delete(entity);
    entitiesDone++;
    await reportProgress();
    return next;
  };

  const lane = async () => {
    try {
      for (let job = claim(); job && !failure.failed; ) job = await pageEntity(job.entity, job.first);
    } catch (error) {
      if (!failure.failed) Object.assign(failure, { failed: true, error });
    }
  };
  await Promise.all([lane(), lane()]);
  if (failure.failed) throw failure.error;
  return changed;
}

async function cdcSync(p: {
  db: DB;
  businessId: string;
  client: QboClient;
  clock: Clock;
  since: Date;
  /** Served, CDC-covered entities. */
  entities: TSyncedEntity[];
  /** Served entities CDC refused: kept fresh by LastUpdatedTime queries after a poll with changes. */
  queried: { entity: TSyncedEntity; through: Date | null }[];
  /** Whether recurring templates are refreshed (see recurringDue). */
  recurring: TRecurringDue;
  outcome: TRunOutcome;
  /** Reconciling: a row last changed `before` the poll's own window that this changes was missed: drift. */
  drift?: { runId: string; before: Date };
}): Promise<number> {
  const { db, businessId, client, clock, outcome } = p;
  const since = new Date(p.since.getTime() - CDC_OVERLAP_MS).toISOString();
  const overflow: TSyncedEntity[] = [];
  const refusedByCdc: { entity: TSyncedEntity; err: unknown }[] = [];
  let changed = 0;
  let cursor: Date | null = null;
  const polled: TSyncedEntity[] = [];

  /** One CDC call; returns how many calls in its subtree QuickBooks served. */
  const poll = async (entities: TSyncedEntity[]): Promise<number> => {
    let res: Record<string, unknown>;
    try {
      res = await client.cdc(entities, since);
    } catch (err) {
      const kind = classifyEntityFailure(err);
      if (kind !== "refused" && kind !== "forbidden") throw err;
      // A refusal names no entity in a way we may rely on: bisect the list to find it (as for
      // the 1000-object cap). A 403 on every half is the connection's, not an entity's.
      if (entities.length === 1) {
        if (kind === "refused") refusedByCdc.push({ entity: entities[0]!, err });
        else outcome.forbidden.set(entities[0]!, { err, via: "cdc" });
        return 0;
      }
      const [first, second] = halves(entities);
      const a = await poll(first);
      if (kind === "forbidden" && a === 0 && first.length > 1) throw err;
      const b = await poll(second);
      if (kind === "forbidden" && a + b === 0) throw err;
      return a + b;
    }
    syncTestHooks.crashAt?.("after-fetch");
    const answer = judgeCdcAnswer(res, entities);
    if (answer.kind === "repage") {
      overflow.push(answer.entity);
      return 1;
    }
    if (answer.kind === "split") {
      const [a, b] = answer.halves;
      return (await poll(a)) + (await poll(b));
    }
    const { byEntity } = answer;
    outcome.pagesServed++;
    polled.push(...entities);
    const time = parseInstant(String(res.time));
    cursor = cursor === null || time < cursor ? time : cursor;
    changed += await db.transaction(async (tx) => {
      let n = 0;
      for (const [e, list] of byEntity)
        n += await applyEntities(tx, businessId, e, list, clock.now(), async (rows) => {
          for (const r of rows)
            if (r.inserted || r.deleted)
              outcome.created.push({ entity: e, qboId: r.qboId, lastUpdatedAt: r.lastUpdatedAt });
          const missed = p.drift ? rows.filter((r) => r.lastUpdatedAt < p.drift!.before) : [];
          if (missed.length > 0)
            await tx.insert(qboDrift).values(
              missed.map((r) => ({
                businessId,
                runId: p.drift!.runId,
                detectedAt: clock.now(),
                entity: e,
                qboId: r.qboId,
                kind: r.deleted ? ("deleted" as const) : ("changed" as const),
              })),
            );
        });
      return n;
    });
    syncTestHooks.crashAt?.("after-commit");
    return 1;
  };

  if (p.entities.length > 0) await poll([...p.entities]);
  if (overflow.length > 0) await markForRepage(db, businessId, overflow);
  if (cursor) {
    await db
      .update(qboConnections)
      .set({ cdcCursor: cursor })
      .where(and(eq(qboConnections.businessId, businessId), ne(qboConnections.status, "disconnected")));
  }
  if (polled.length > 0)
    await db
      .update(qboEntityState)
      .set({
        lastAttemptAt: clock.now(),
        lastSuccessAt: clock.now(),
        status: "idle",
        failureStreak: 0,
        lastError: null,
      })
      .where(
        and(
          eq(qboEntityState.businessId, businessId),
          eq(qboEntityState.fullSyncDone, true),
          inArray(qboEntityState.entity, polled),
        ),
      );
  // Entities CDC just refused: queries still serve them; catch up on this window at once.
  for (const { entity, err } of refusedByCdc) {
    await db
      .update(qboEntityState)
      .set({
        cdcSupported: false,
        ...refusalColumns({ err, via: "cdc" }),
        retryAt: new Date(clock.now().getTime() + DAY_MS),
      })
      .where(and(eq(qboEntityState.businessId, businessId), eq(qboEntityState.entity, entity)));
  }
  const toQuery = [
    ...refusedByCdc.map((r) => ({ entity: r.entity, through: null as Date | null })),
    ...(changed > 0 ? p.queried : []),
  ];
  for (const q of toQuery) {
    const from = q.through && q.through > p.since ? q.through : p.since;
    changed += await queryChangedSince({
      db,
      businessId,
      client,
      clock,
      entity: q.entity,
      since: new Date(from.getTime() - CDC_OVERLAP_MS),
      outcome,
    });
  }
  if (p.recurring === "always" || (p.recurring === "if-changed" && changed > 0))
    changed += await refreshRecurring(db, businessId, client, clock, outcome);
  return changed;
}

/**
 * An entity CDC does not cover, kept fresh by a query of what changed since `since` (paged).
 * Refused as well → set aside; transient → retried in the next run.
 */
async function queryChangedSince(p: {
  db: DB;
  businessId: string;
  client: QboClient;
  clock: Clock;
  entity: TSyncedEntity;
  since: Date;
  outcome: TRunOutcome;
}): Promise<number> {
  const { db, businessId, client, clock, entity } = p;
  const active = NAME_LISTS.has(entity) ? " AND Active IN (true, false)" : "";
  let changed = 0;
  for (let at = 1; ; at += PAGE) {
    let res: Record<string, unknown>;
    try {
      res = await client.query(
        `SELECT * FROM ${entity} WHERE MetaData.LastUpdatedTime > '${p.since.toISOString()}'${active} ORDERBY Id STARTPOSITION ${at} MAXRESULTS ${PAGE}`,
      );
    } catch (err) {
      const kind = classifyEntityFailure(err);
      if (kind === "fatal") throw err;
      await onEntityFailure(db, businessId, entity, err, kind, "query", p.outcome, clock.now());
      return changed;
    }
    p.outcome.pagesServed++;
    const items = ((res.QueryResponse as Record<string, unknown> | undefined)?.[entity] ?? []) as unknown[];
    const last = items.length < PAGE;
    changed += await db.transaction(async (tx) => {
      const n = await applyEntities(tx, businessId, entity, items, clock.now());
      if (last)
        await tx
          .update(qboEntityState)
          .set({
            queriedThrough: parseInstant(String(res.time)),
            lastAttemptAt: clock.now(),
            lastSuccessAt: clock.now(),
            status: "idle",
          })
          .where(and(eq(qboEntityState.businessId, businessId), eq(qboEntityState.entity, entity)));
      return n;
    });
    if (last) return changed;
  }
}

/**
 * Recurring templates are not served by CDC: after a poll that changed something, one query
 * refreshes them (templates that disappeared are soft-deleted). Refused → set aside.
 */
async function refreshRecurring(
  db: DB,
  businessId: string,
  client: QboClient,
  clock: Clock,
  outcome: TRunOutcome,
): Promise<number> {
  const startedAt = clock.now();
  let res: Record<string, unknown>;
  try {
    res = await client.query(`SELECT * FROM RecurringTransaction MAXRESULTS ${PAGE}`);
  } catch (err) {
    const kind = classifyEntityFailure(err);
    if (kind === "fatal") throw err;
    await onEntityFailure(db, businessId, "RecurringTransaction", err, kind, "query", outcome, startedAt);
    return 0;
  }
  outcome.pagesServed++;
  const items = ((res.QueryResponse as Record<string, unknown> | undefined)?.RecurringTransaction ??
    []) as unknown[];
  return db.transaction(async (tx) => {
    const n = await applyEntities(tx, businessId, "RecurringTransaction", items, startedAt);
    const gone = rowsOf<{ qbo_id: string }>(
      await tx.execute(sql`
        update qbo_raw set deleted = true
        where business_id = ${businessId} and entity = 'RecurringTransaction' and not deleted and synced_at < ${startedAt.toISOString()}::timestamptz
        returning qbo_id`),
    ).map((r) => r.qbo_id);
    if (gone.length > 0) await markDeleted(tx, businessId, "RecurringTransaction", gone);
    await tx
      .update(qboEntityState)
      .set({
        lastAttemptAt: startedAt,
        lastSuccessAt: startedAt,
        status: "idle",
        failureStreak: 0,
        lastError: null,
      })
      .where(
        and(eq(qboEntityState.businessId, businessId), eq(qboEntityState.entity, "RecurringTransaction")),
      );
    return n + gone.length;
  });
}
