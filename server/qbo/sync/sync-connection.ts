import "server-only";
import { and, eq, inArray, lt, ne, or, sql } from "drizzle-orm";
import type { Clock } from "../../clock";
import type { DB } from "../../db/client";
import { qboConnections, qboDrift, qboEntityState, syncLeases, syncRuns } from "../../db/schema";
import type { QboClient } from "../client";
import { QboError, QboReauthRequired } from "../errors";
import { CDC_ENTITIES, parseInstant, SYNCED_ENTITIES, type TSyncedEntity } from "../mappers";
import { applyEntities, listAt, markDeleted } from "./apply";

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
 */
export type TSyncTrigger = "connect" | "manual" | "schedule" | "webhook" | "reconcile";
export type TSyncResult =
  | { status: "succeeded"; runId: string; kind: "full" | "cdc"; apiCalls: number; recordsChanged: number }
  | { status: "failed"; runId: string; error: string; cause: "reauth" | "throttled" | "qbo" }
  | { status: "skipped"; reason: "busy" | "not_connected" | "needs_reauth" };

const PAGE = 1000;

/**
 * Tests only: throw at a named point to simulate a crash there (after a fetch, after a commit).
 * Never set in production code.
 */
export const syncTestHooks: { crashAt?: (point: "after-fetch" | "after-commit") => void } = {};
const CDC_OVERLAP_MS = 5 * 60_000;
const CDC_MAX_LOOKBACK_MS = 29 * 86_400_000; // a day inside Intuit's 30-day limit
const LEASE_MS = 10 * 60_000;
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
}: {
  db: DB;
  businessId: string;
  client: QboClient;
  clock: Clock;
  trigger: TSyncTrigger;
  holder?: string;
  intervalMs?: number;
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
  let changed = 0;
  try {
    await ensureEntityStates(db, businessId);
    // Too long without success: CDC cannot cover the gap, re-page everything.
    if (conn.cdcCursor && clock.now().getTime() - conn.cdcCursor.getTime() > CDC_MAX_LOOKBACK_MS) {
      await markForRepage(db, businessId);
    }
    const pending = await db
      .select()
      .from(qboEntityState)
      .where(and(eq(qboEntityState.businessId, businessId), eq(qboEntityState.fullSyncDone, false)));
    const kind = pending.length > 0 ? "full" : "cdc";
    const repage = (entities: TSyncedEntity[], opts: { hasCursor: boolean; recordDrift?: boolean }) =>
      fullSync({ db, businessId, client, clock, runId, holder, pending: entities, ...opts });
    await db
      .update(syncRuns)
      .set({ kind: kind === "cdc" && trigger === "reconcile" ? "reconcile" : kind })
      .where(eq(syncRuns.id, runId));

    if (kind === "full") {
      changed += await repage(
        pending.map((p) => p.entity as TSyncedEntity),
        { hasCursor: Boolean(conn.cdcCursor) },
      );
    } else {
      changed += await cdcSync({ db, businessId, client, clock, since: conn.cdcCursor! });
      // An entity whose CDC answer hit the cap is re-paged now.
      const overflowed = await db
        .select()
        .from(qboEntityState)
        .where(and(eq(qboEntityState.businessId, businessId), eq(qboEntityState.fullSyncDone, false)));
      if (overflowed.length > 0) {
        changed += await repage(
          overflowed.map((p) => p.entity as TSyncedEntity),
          { hasCursor: true },
        );
      }
      if (trigger === "reconcile") {
        // After catching up with CDC, compare everything with QuickBooks: re-page every entity;
        // whatever still differs (or vanished without a tombstone) is drift, repaired and recorded.
        await markForRepage(db, businessId);
        changed += await repage([...SYNCED_ENTITIES], { hasCursor: true, recordDrift: true });
        await db
          .update(qboConnections)
          .set({ lastReconciledAt: clock.now() })
          .where(eq(qboConnections.businessId, businessId));
      }
    }
    const now = clock.now();
    const apiCalls = client.calls - callsBefore;
    await db
      .update(syncRuns)
      .set({
        status: "succeeded",
        finishedAt: now,
        apiCalls,
        recordsChanged: changed,
        progress: { done: 1, total: 1 },
      })
      .where(eq(syncRuns.id, runId));
    await db
      .update(qboConnections)
      .set({
        lastSuccessAt: now,
        lastError: null,
        ...(kind === "full" ? { lastFullSyncAt: now } : {}),
        // A full sync of every entity is itself a complete comparison with QuickBooks.
        ...(kind === "full" && pending.length === SYNCED_ENTITIES.length ? { lastReconciledAt: now } : {}),
        // Spread connections across the interval so they do not all poll at once.
        nextSyncAt: new Date(
          now.getTime() + intervalMs - (hashOf(businessId) % Math.max(1, Math.floor(intervalMs / 10))),
        ),
      })
      .where(eq(qboConnections.businessId, businessId));
    return { status: "succeeded", runId, kind, apiCalls, recordsChanged: changed };
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
    await releaseLease(db, businessId, holder);
  }
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
}): Promise<number> {
  const { db, businessId, client, clock, runId } = p;
  let changed = 0;
  // Company details; the envelope's server time is where CDC will pick up after this full sync.
  const [info, prefs] = await Promise.all([client.companyInfo(), client.preferences()]);
  const serverTime = parseInstant(String(info.time));
  const company = (info.CompanyInfo ?? {}) as Record<string, unknown>;
  const preferences = (prefs.Preferences ?? {}) as Record<string, unknown>;
  await db
    .update(qboConnections)
    .set({
      companyName: typeof company.CompanyName === "string" ? company.CompanyName : null,
      homeCurrency:
        (preferences.CurrencyPrefs as { HomeCurrency?: { value?: string } } | undefined)?.HomeCurrency
          ?.value ?? null,
      companyInfo: company,
      preferences,
      // A first sync starts CDC from its own start; a re-page keeps the older cursor.
      ...(p.hasCursor ? {} : { cdcCursor: serverTime }),
    })
    .where(eq(qboConnections.businessId, businessId));

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
      const res = await nextPage;
      if (failure.failed) return undefined; // the other lane failed: stop at a page boundary
      syncTestHooks.crashAt?.("after-fetch");
      const page = { ...res, path: ["QueryResponse", entity] };
      const items = listAt(res.body, page.path);
      const done = items.length < PAGE;
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
                  fullSyncNextPosition: null,
                  fullSyncDone: true,
                  status: "idle",
                  lastSuccessAt: clock.now(),
                  failureStreak: 0,
                  lastError: null,
                }
              : { fullSyncNextPosition: position + items.length },
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
      syncTestHooks.crashAt?.("after-commit");
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
}): Promise<number> {
  const { db, businessId, client, clock } = p;
  const since = new Date(p.since.getTime() - CDC_OVERLAP_MS).toISOString();
  const overflow: TSyncedEntity[] = [];
  let changed = 0;
  let cursor: Date | null = null;

  const poll = async (entities: TSyncedEntity[]): Promise<void> => {
    const res = await client.cdc(entities, since);
    syncTestHooks.crashAt?.("after-fetch");
    const responses = ((res.CDCResponse as { QueryResponse?: Record<string, unknown>[] }[] | undefined)?.[0]
      ?.QueryResponse ?? []) as Record<string, unknown>[];
    const byEntity = new Map<TSyncedEntity, unknown[]>();
    let total = 0;
    for (const qr of responses) {
      for (const e of entities) {
        const list = qr[e];
        if (Array.isArray(list)) {
          byEntity.set(e, list);
          total += list.length;
        }
      }
    }
    if (total >= PAGE) {
      // At the cap the response may be truncated: split by entities; one entity alone is re-paged.
      if (entities.length === 1) {
        overflow.push(entities[0]!);
        return;
      }
      const half = Math.ceil(entities.length / 2);
      await poll(entities.slice(0, half));
      await poll(entities.slice(half));
      return;
    }
    const time = parseInstant(String(res.time));
    cursor = cursor === null || time < cursor ? time : cursor;
    changed += await db.transaction(async (tx) => {
      let n = 0;
      for (const [e, list] of byEntity) n += await applyEntities(tx, businessId, e, list, clock.now());
      return n;
    });
    syncTestHooks.crashAt?.("after-commit");
  };

  await poll([...CDC_ENTITIES]);
  if (overflow.length > 0) await markForRepage(db, businessId, overflow);
  if (cursor) {
    await db
      .update(qboConnections)
      .set({ cdcCursor: cursor })
      .where(and(eq(qboConnections.businessId, businessId), ne(qboConnections.status, "disconnected")));
  }
  await db
    .update(qboEntityState)
    .set({
      lastAttemptAt: clock.now(),
      lastSuccessAt: clock.now(),
      status: "idle",
      failureStreak: 0,
      lastError: null,
    })
    .where(and(eq(qboEntityState.businessId, businessId), eq(qboEntityState.fullSyncDone, true)));
  if (changed > 0) changed += await refreshRecurring(db, businessId, client, clock);
  return changed;
}

/**
 * Recurring templates are not served by CDC: after a poll that changed something, one query
 * refreshes them (templates that disappeared are soft-deleted).
 */
async function refreshRecurring(
  db: DB,
  businessId: string,
  client: QboClient,
  clock: Clock,
): Promise<number> {
  const startedAt = clock.now();
  const res = await client.query(`SELECT * FROM RecurringTransaction MAXRESULTS ${PAGE}`);
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
    return n + gone.length;
  });
}
