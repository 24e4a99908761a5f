// @ts-nocheck
import "server-only";
import { sql } from "drizzle-orm";
import type { DB } from "../db/client";
import { lockKey } from "../db/concurrency";

/**
 * The per-realm request budget, shared by every process through Postgres: at most `perMinute`
 * request starts in any 60 s and `perSecond` in any second (under Intuit's 500/min and 10/s),
 * and at most `inFlight` requests at once. In-flight slots are leases that expire, so a worker
 * killed mid-request cannot leak them. Serialized per realm with a transaction advisory lock.
 */
export type TRateLimits = { perMinute: number; perSecond: number; inFlight: number; leaseMs: number };
export const DEFAULT_RATE_LIMITS: TRateLimits = {
  perMinute: 450,
  perSecond: 9,
  inFlight: 4,
  leaseMs: 120_000,
};

const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? (r as T[]) : ((r as { rows: T[] }).rows ?? []));

export async function acquireRateSlot({
  db,
  realmId,
  limits = DEFAULT_RATE_LIMITS,
  sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)),
}: {
  db: DB;
  realmId: string;
  limits?: TRateLimits;
  sleep?: (ms: number) => Promise<unknown>;
}): Promise<string> {
  for (;;) {
    const outcome: { id: string } | { waitMs: number } = await db.transaction(async (tx) => {
      await lockKey(tx, `qbo-rate:${realmId}`);
      await tx.execute(sql`
        delete from qbo_rate_events
        where realm_id = ${realmId}
          and started_at < clock_timestamp() - interval '61 seconds'
          and (lease_expires_at is null or lease_expires_at < clock_timestamp())`);
      const [c] = rowsOf<{ minute: number; second: number; inflight: number; oldest_ms: number | null }>(
        await tx.execute(sql`
          select
            count(*) filter (where started_at > clock_timestamp() - interval '60 seconds')::int as minute,
            count(*) filter (where started_at > clock_timestamp() - interval '1 second')::int as second,
            count(*) filter (where lease_expires_at > clock_timestamp())::int as inflight,
            (extract(epoch from clock_timestamp() - min(started_at) filter (where started_at > clock_timestamp() - interval '60 seconds')) * 1000)::int as oldest_ms
          from qbo_rate_events where realm_id = ${realmId}`),
      );
      if (c!.minute >= limits.perMinute) return { waitMs: Math.max(50, 60_000 - Number(c!.oldest_ms ?? 0)) };
      if (c!.second >= limits.perSecond) return { waitMs: Math.ceil(1000 / limits.perSecond) };
      if (c!.inflight >= limits.inFlight) return { waitMs: 25 };
      const [row] = rowsOf<{ id: string }>(
        await tx.execute(sql`
          insert into qbo_rate_events (id, realm_id, started_at, lease_expires_at)
          values (${crypto.randomUUID()}, ${realmId}, clock_timestamp(), clock_timestamp() + ${limits.leaseMs} * interval '1 millisecond')
          returning id`),
      );
      return { id: row!.id };
    });
    if ("id" in outcome) return outcome.id;
    await sleep(outcome.waitMs);
  }
}

export async function releaseRateSlot(db: DB, slotId: string): Promise<void> {
  await db.execute(sql`update qbo_rate_events set lease_expires_at = null where id = ${slotId}`);
}

/** Intuit meters read calls (queries, reads, CDC, reports) per app per month. */
export async function countMeteredRead(db: DB): Promise<void> {
  await db.execute(sql`
    insert into qbo_metered_reads (month, reads) values (to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM'), 1)
    on conflict (month) do update set reads = qbo_metered_reads.reads + 1`);
}
