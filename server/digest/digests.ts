import { formatDayIn } from "@/lib/format";
import "server-only";
import { and, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { listAccess } from "../access/business-context";
import { getBankSummary } from "../banks/summary";
import { businessDate, getClock } from "../clock";
import { getSyncCoverage } from "../connections/get-sync-coverage";
import type { DB } from "../db/client";
import {
  businesses,
  digestDeliveries,
  digests,
  memberships,
  notificationPrefs,
  qboConnections,
  scenarios,
  users,
} from "../db/schema";
import { sendEmail } from "../email/send-email";
import { enqueue } from "../jobs/outbox";
import { loadRunwayInput } from "../runway/business-runway";
import { cashSnapshotOnOrBefore } from "../runway/cash-snapshots";
import { addDays } from "../runway/dates";
import { computeRunway } from "../runway/engine";
import { needsRoom, topActions } from "../runway/top-actions";
import { scenarioChanges } from "../scenarios/apply";
import { parseScenarioBody } from "../scenarios/schema";
import { renderDigestEmail } from "./email";
import { digestLinkExpiry, signLink, unsubscribeLinkExpiry } from "./links";
import { buildDigestSnapshot, COMPARE_AFTER_DAYS, type TDigestSnapshot } from "./snapshot";
import { parseDigestSnapshot } from "./snapshot-schema";
import { isoWeekOf, weeklyDigestDue } from "./week";

export type TDigestBusiness = { id: string; name: string; timezone: string; currency: string };

/**
 * The digest as of `asOf`, built from the mirror: the engine's runway and actions, compared with
 * the latest stored digest at least a week older and the cash snapshot of a week ago.
 */
export async function computeDigestSnapshot({
  db,
  business,
  asOf,
}: {
  db: DB;
  business: TDigestBusiness;
  asOf: string;
}): Promise<TDigestSnapshot> {
  const weekAgo = addDays(asOf, -COMPARE_AFTER_DAYS);
  const [{ ledger, options }, [prev], cashWeekAgo, [conn], coverage, [threshold]] = await Promise.all([
    loadRunwayInput({ db, business, asOf }),
    db
      .select({ id: digests.id, snapshot: digests.snapshot })
      .from(digests)
      .where(and(eq(digests.businessId, business.id), lte(digests.asOf, weekAgo)))
      .orderBy(desc(digests.asOf), desc(digests.createdAt))
      .limit(1),
    cashSnapshotOnOrBefore(db, business.id, weekAgo),
    db
      .select({ lastSuccessAt: qboConnections.lastSuccessAt })
      .from(qboConnections)
      .where(eq(qboConnections.businessId, business.id)),
    getSyncCoverage({ db, businessId: business.id }),
    db
      .select({ alertBelowCents: businesses.alertBelowCents })
      .from(businesses)
      .where(eq(businesses.id, business.id)),
  ]);
  const runway = computeRunway(ledger, options);
  const thresholdCents = threshold?.alertBelowCents ?? 0;
  const snapshot = buildDigestSnapshot({
    runway,
    actions: topActions(ledger, options, runway, { thresholdCents }),
    syncedAt: conn?.lastSuccessAt ?? null,
    previous: prev ? { id: prev.id, snapshot: parseDigestSnapshot(prev.snapshot) } : null,
    cashWeekAgo,
    gaps: coverage.gaps.map((g) => ({ entity: g.entity, effect: g.effect })),
  });
  const [active] = await db
    .select({ id: scenarios.id, name: scenarios.name, body: scenarios.body })
    .from(scenarios)
    .where(and(eq(scenarios.businessId, business.id), eq(scenarios.active, true)));
  let scenario: TDigestSnapshot["scenario"] = null;
  if (active) {
    const { changes, noLongerApplies } = scenarioChanges(parseScenarioBody(active.body), ledger, asOf);
    const r = computeRunway(ledger, { ...options, changes: [...(options.changes ?? []), ...changes] });
    scenario = {
      id: active.id,
      name: active.name,
      runway: r.runway,
      lowest: r.lowest,
      noLongerApplies: noLongerApplies.length,
    };
  }
  const banks = await getBankSummary({ db, businessId: business.id, now: getClock().now() });
  const bank: TDigestSnapshot["bank"] =
    banks.items.length === 0
      ? null
      : {
          cashCents: banks.bankCashCents,
          asOf: banks.asOf?.toISOString() ?? null,
          fresh: banks.fresh,
          needsAttention: banks.items.filter((i) => i.status !== "active").length,
          compare: banks.compare,
        };
  return { ...snapshot, nothingNeedsMoving: !needsRoom(runway, thresholdCents), scenario, bank };
}

/** Owners and bookkeepers with an email address who have not turned the digest email off. */
export async function digestRecipients(db: DB, businessId: string) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(
      notificationPrefs,
      and(eq(notificationPrefs.businessId, memberships.businessId), eq(notificationPrefs.userId, users.id)),
    )
    .where(
      and(
        eq(memberships.businessId, businessId),
        inArray(memberships.role, ["owner", "bookkeeper"]),
        sql`${users.email} is not null`,
        sql`coalesce(${notificationPrefs.digestEmail}, true)`,
      ),
    )
    .then((rows) => rows.map((r) => ({ ...r, email: r.email! })));
}

export type TCreateDigestResult = { digestId: string; created: boolean; recipients: number };

/**
 * Store a digest and one pending delivery per recipient, and enqueue their sending, in one
 * transaction. A weekly digest exists once per business and local ISO week (a unique key): a
 * second run finds it and creates nothing.
 */
export async function createDigest({
  db,
  business,
  kind,
  now,
  createdBy = null,
  guard,
}: {
  db: DB;
  business: TDigestBusiness;
  kind: "weekly" | "manual";
  now: Date;
  createdBy?: string | null;
  /** Runs first inside the insert's transaction (a lock and a check); throwing aborts it. */
  guard?: (tx: DB) => Promise<void>;
}): Promise<TCreateDigestResult> {
  const isoWeek = isoWeekOf(now, business.timezone);
  const existing = async () => {
    const [row] = await db
      .select({ id: digests.id })
      .from(digests)
      .where(
        and(eq(digests.businessId, business.id), eq(digests.kind, "weekly"), eq(digests.isoWeek, isoWeek)),
      );
    return row;
  };
  if (kind === "weekly") {
    const found = await existing();
    if (found) return { digestId: found.id, created: false, recipients: 0 };
  }
  const asOf = businessDate(now, business.timezone);
  const snapshot = await computeDigestSnapshot({ db, business, asOf });
  const recipients = await digestRecipients(db, business.id);
  const inserted = await db.transaction(async (tx) => {
    await guard?.(tx);
    const [row] = await tx
      .insert(digests)
      .values({
        businessId: business.id,
        kind,
        isoWeek,
        asOf,
        createdAt: now,
        createdBy,
        snapshot: snapshot as unknown as Record<string, unknown>,
      })
      .onConflictDoNothing()
      .returning({ id: digests.id });
    if (!row) return null;
    if (recipients.length > 0) {
      await tx
        .insert(digestDeliveries)
        .values(
          recipients.map((r) => ({
            businessId: business.id,
            digestId: row.id,
            userId: r.userId,
            toAddress: r.email,
          })),
        )
        .onConflictDoNothing();
      await enqueue(tx, {
        id: `digest:deliver:${row.id}`,
        name: "digest/deliver.requested",
        data: { businessId: business.id, digestId: row.id },
      });
    }
    return row;
  });
  if (!inserted) {
    const found = await existing();
    return { digestId: found!.id, created: false, recipients: 0 };
  }
  return { digestId: inserted.id, created: true, recipients: recipients.length };
}

/**
 * Send a digest's pending deliveries: one email per recipient, with a link signed for that
 * digest and recipient and an unsubscribe link. A recipient who lost access meanwhile gets
 * nothing. Failures stay pending with their error and are re-thrown, so the job retries them.
 */
export async function deliverDigest({
  db,
  businessId,
  digestId,
  secret,
  origin,
}: {
  db: DB;
  businessId: string;
  digestId: string;
  secret: string;
  origin: string;
}): Promise<{ sent: number; skipped: number; failed: number }> {
  const [digest] = await db
    .select({
      id: digests.id,
      createdAt: digests.createdAt,
      snapshot: digests.snapshot,
      kind: digests.kind,
      businessName: businesses.name,
      timezone: businesses.timezone,
    })
    .from(digests)
    .innerJoin(businesses, eq(businesses.id, digests.businessId))
    .where(and(eq(digests.id, digestId), eq(digests.businessId, businessId)));
  if (!digest) return { sent: 0, skipped: 0, failed: 0 };
  const pending = await db
    .select()
    .from(digestDeliveries)
    .where(
      and(
        eq(digestDeliveries.businessId, businessId),
        eq(digestDeliveries.digestId, digestId),
        eq(digestDeliveries.status, "pending"),
      ),
    );
  const expires = digestLinkExpiry(digest.createdAt);
  // The business's calendar day, as every date it is shown.
  const expiresOn = formatDayIn(new Date(expires * 1000), digest.timezone);
  let sent = 0;
  let skipped = 0;
  const errors: string[] = [];
  for (const d of pending) {
    const access = (await listAccess(db, d.userId, businessId)).get(businessId);
    if (!access || !["owner", "bookkeeper"].includes(access.role)) {
      await db
        .update(digestDeliveries)
        .set({ status: "failed", error: "The recipient no longer has access to this business." })
        .where(eq(digestDeliveries.id, d.id));
      skipped++;
      continue;
    }
    const openUrl = `${origin}/d/${signLink({ p: "digest", d: digest.id, u: d.userId, e: expires }, secret)}`;
    const unsubscribeUrl = `${origin}/unsubscribe/${signLink({ p: "unsubscribe", b: businessId, u: d.userId, e: unsubscribeLinkExpiry(digest.createdAt) }, secret)}`;
    try {
      const email = await renderDigestEmail({
        businessName: digest.businessName,
        kind: digest.kind,
        snapshot: parseDigestSnapshot(digest.snapshot),
        openUrl,
        unsubscribeUrl,
        expiresOn,
      });
      const { id } = await sendEmail({ db, message: { to: d.toAddress, kind: "digest", ...email } });
      await db
        .update(digestDeliveries)
        .set({ status: "sent", emailId: id, sentAt: new Date(), error: null })
        .where(eq(digestDeliveries.id, d.id));
      sent++;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await db.update(digestDeliveries).set({ error: message }).where(eq(digestDeliveries.id, d.id));
      errors.push(`${d.toAddress}: ${message}`);
    }
  }
  if (errors.length > 0) throw new Error(`Digest email failed for ${errors.join("; ")}`);
  return { sent, skipped, failed: 0 };
}

/**
 * The hourly fan-out: every business with synced data whose local time has passed Monday 08:00
 * and that has no weekly digest for its local ISO week yet — so a digest missed while the app was
 * down still goes out. Event ids carry the week, so enqueueing twice queues once.
 */
export async function enqueueDueDigests(db: DB, now: Date): Promise<number> {
  const rows = await db
    .select({ id: businesses.id, timezone: businesses.timezone })
    .from(businesses)
    .innerJoin(qboConnections, eq(qboConnections.businessId, businesses.id))
    .where(
      and(sql`${qboConnections.status} <> 'disconnected'`, sql`${qboConnections.lastSuccessAt} is not null`),
    );
  if (rows.length === 0) return 0;
  const weekOf = new Map(rows.map((b) => [b.id, isoWeekOf(now, b.timezone)]));
  const done = await db
    .select({ businessId: digests.businessId, isoWeek: digests.isoWeek })
    .from(digests)
    .where(
      and(
        eq(digests.kind, "weekly"),
        inArray(
          digests.businessId,
          rows.map((r) => r.id),
        ),
        inArray(digests.isoWeek, [...new Set(weekOf.values())]),
      ),
    );
  const have = new Set(done.map((d) => `${d.businessId}:${d.isoWeek}`));
  let n = 0;
  for (const b of rows) {
    const week = weekOf.get(b.id)!;
    if (have.has(`${b.id}:${week}`) || !weeklyDigestDue(now, b.timezone)) continue;
    if (
      await enqueue(db, {
        id: `digest:weekly:${b.id}:${week}`,
        name: "digest/weekly.requested",
        data: { businessId: b.id, isoWeek: week },
      })
    )
      n++;
  }
  return n;
}

/** The weekly job for one business: create this week's digest (once) — its emails follow. */
export async function runWeeklyDigest({
  db,
  businessId,
  isoWeek,
  now,
}: {
  db: DB;
  businessId: string;
  isoWeek: string;
  now: Date;
}): Promise<TCreateDigestResult | { skipped: "not_found" | "other_week" }> {
  const [business] = await db.select().from(businesses).where(eq(businesses.id, businessId));
  if (!business) return { skipped: "not_found" };
  // A job that runs late (after the week ended) makes the current week's digest, never a past one.
  if (isoWeekOf(now, business.timezone) !== isoWeek) {
    const current = isoWeekOf(now, business.timezone);
    const [have] = await db
      .select({ id: digests.id })
      .from(digests)
      .where(
        and(eq(digests.businessId, businessId), eq(digests.kind, "weekly"), eq(digests.isoWeek, current)),
      );
    if (have) return { skipped: "other_week" };
  }
  return createDigest({ db, business, kind: "weekly", now });
}

/** Past digests of a business, newest first (the history page). */
export async function listDigests({ db, businessId }: { db: DB; businessId: string }) {
  const rows = await db
    .select({
      id: digests.id,
      kind: digests.kind,
      isoWeek: digests.isoWeek,
      asOf: digests.asOf,
      createdAt: digests.createdAt,
      snapshot: digests.snapshot,
      // Written out: inside a subquery drizzle leaves column names unqualified.
      sent: sql<number>`(select count(*)::int from digest_deliveries dd where dd.digest_id = "digests"."id" and dd.status = 'sent')`,
      pending: sql<number>`(select count(*)::int from digest_deliveries dd where dd.digest_id = "digests"."id" and dd.status = 'pending')`,
    })
    .from(digests)
    .where(eq(digests.businessId, businessId))
    .orderBy(desc(digests.asOf), desc(digests.createdAt))
    .limit(200);
  return rows.map(({ snapshot, ...r }) => {
    const s = parseDigestSnapshot(snapshot);
    return {
      ...r,
      runway: s.runway,
      cashOnHandCents: s.cashOnHandCents,
      homeCurrency: s.homeCurrency,
      forecastVsActual: s.forecastVsActual,
    };
  });
}

/** One stored digest of this business (null: not found — the caller answers 404). */
export async function getStoredDigest({
  db,
  businessId,
  digestId,
}: {
  db: DB;
  businessId: string;
  digestId: string;
}) {
  if (!/^[0-9a-f-]{36}$/i.test(digestId)) return null;
  const [row] = await db
    .select()
    .from(digests)
    .where(and(eq(digests.businessId, businessId), eq(digests.id, digestId)));
  return row ? { ...row, snapshot: parseDigestSnapshot(row.snapshot) } : null;
}

/** A manual digest made less than this long ago blocks another (a double click sends once). */
const MANUAL_GAP_MS = 60_000;

export async function recentManualDigest(db: DB, businessId: string, now: Date) {
  const [row] = await db
    .select({ id: digests.id })
    .from(digests)
    .where(
      and(
        eq(digests.businessId, businessId),
        eq(digests.kind, "manual"),
        sql`${digests.createdAt} > ${new Date(now.getTime() - MANUAL_GAP_MS).toISOString()}::timestamptz`,
      ),
    )
    .limit(1);
  return row ?? null;
}
