// @ts-nocheck
import "server-only";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { describeAlert } from "@/lib/alert-words";
import { businessDate } from "../clock";
import type { DB } from "../db/client";
import { businesses, memberships, notificationPrefs, runwayAlerts, users } from "../db/schema";
import { sendEmail } from "../email/send-email";
import { enqueue } from "../jobs/outbox";
import { loadRunwayInput } from "../runway/business-runway";
import { computeRunway } from "../runway/engine";
import type { TRunwayResult } from "../runway/types";
import { ALERT_DETAIL_VERSION, parseAlertDetail, type TAlertDetail } from "./alert-detail";
import { detectCrossings, type TThreshold } from "./detect";

/**
 * Compare the projection with the business's threshold and keep alerts in step: a new crossing
 * raises one alert (the partial unique key makes a recomputed crossing a no-op, even from two
 * processes at once) and queues the owners' email in the same transaction; a projection back on
 * the right side closes the open alert, which re-arms the next crossing.
 */
export async function evaluateAlerts({
  db,
  businessId,
  now,
  runway,
}: {
  db: DB;
  businessId: string;
  now: Date;
  /** The projection to judge; computed from the mirror when omitted. */
  runway?: TRunwayResult;
}): Promise<{ raised: string[]; recovered: string[]; runway: TRunwayResult | null }> {
  const [b] = await db.select().from(businesses).where(eq(businesses.id, businessId));
  if (!b) return { raised: [], recovered: [], runway: null };
  const asOf = businessDate(now, b.timezone);
  let r = runway;
  if (!r) {
    const { ledger, options } = await loadRunwayInput({ db, business: b, asOf });
    r = computeRunway(ledger, options);
  }
  const threshold: TThreshold = { belowCents: b.alertBelowCents, runwayWeeks: b.alertRunwayWeeks };
  const crossings = new Map(detectCrossings(r, threshold).map((c) => [c.kind, c]));
  const rows = await db
    .select({ id: runwayAlerts.id, kind: runwayAlerts.kind, detail: runwayAlerts.detail })
    .from(runwayAlerts)
    .where(and(eq(runwayAlerts.businessId, businessId), isNull(runwayAlerts.recoveredAt)));
  const raised: string[] = [];
  const recovered: string[] = [];
  // An alert judged against another threshold than today's is re-judged: closed, and raised
  // again below if the projection crosses the new one (its one-a-day email rule still holds).
  const judged = (a: (typeof rows)[number]) => {
    const t = parseAlertDetail(a.detail).threshold;
    return a.kind === "balance"
      ? t.belowCents === threshold.belowCents
      : t.runwayWeeks === threshold.runwayWeeks;
  };
  const open: typeof rows = [];
  for (const a of rows) {
    if (judged(a) || r.runway.kind === "insufficientData") {
      open.push(a);
      continue;
    }
    await db
      .update(runwayAlerts)
      .set({ recoveredAt: now })
      .where(and(eq(runwayAlerts.id, a.id), eq(runwayAlerts.businessId, businessId)));
    recovered.push(a.id);
  }
  // Not enough data is no recovery: an alert stays open until a projection says otherwise.
  if (r.runway.kind !== "insufficientData") {
    for (const a of open) {
      if (crossings.has(a.kind)) continue;
      await db
        .update(runwayAlerts)
        .set({ recoveredAt: now })
        .where(and(eq(runwayAlerts.id, a.id), eq(runwayAlerts.businessId, businessId)));
      recovered.push(a.id);
    }
  }
  for (const c of crossings.values()) {
    if (open.some((a) => a.kind === c.kind)) continue;
    const id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(runwayAlerts)
        .values({
          businessId,
          kind: c.kind,
          raisedAt: now,
          asOf,
          crossingDate: c.crossingDate,
          amountCents: c.amountCents,
          detail: {
            v: ALERT_DETAIL_VERSION,
            lowest: c.lowest,
            threshold: c.threshold,
            drivers: c.drivers,
          } satisfies TAlertDetail,
        })
        .onConflictDoNothing()
        .returning({ id: runwayAlerts.id });
      if (!row) return null;
      await enqueue(tx, {
        id: `alert:${row.id}`,
        name: "alert/raised",
        data: { businessId, alertId: row.id },
      });
      return row.id;
    });
    if (id) raised.push(id);
  }
  return { raised, recovered, runway: r };
}

/** The open alerts of a business (shown on its digest page). */
export async function listOpenAlerts({ db, businessId }: { db: DB; businessId: string }) {
  const rows = await db
    .select()
    .from(runwayAlerts)
    .where(and(eq(runwayAlerts.businessId, businessId), isNull(runwayAlerts.recoveredAt)))
    .orderBy(desc(runwayAlerts.raisedAt));
  return rows.map((r) => ({ ...r, detail: parseAlertDetail(r.detail) }));
}

/** One alert email per business and kind in this window, however often alerts are re-raised. */
export const ALERT_EMAIL_GAP_MS = 24 * 3_600_000;

/** Email the owners (who have not turned alert emails off) about one alert, once. */
export async function notifyAlert({
  db,
  businessId,
  alertId,
  origin,
  now = new Date(),
}: {
  db: DB;
  businessId: string;
  alertId: string;
  origin: string;
  /** The app clock's now (the one-email-a-day window is measured on it). */
  now?: Date;
}): Promise<{ sent: number }> {
  const [a] = await db
    .select({ alert: runwayAlerts, businessName: businesses.name, currency: businesses.currency })
    .from(runwayAlerts)
    .innerJoin(businesses, eq(businesses.id, runwayAlerts.businessId))
    .where(and(eq(runwayAlerts.id, alertId), eq(runwayAlerts.businessId, businessId)));
  if (!a || a.alert.notifiedAt) return { sent: 0 };
  // At most one alert email per business and kind per day (finding 6: toggling a threshold sent
  // the owner five in 15 s). The alert itself is still raised and shown; only the email waits.
  const [recent] = await db
    .select({ id: runwayAlerts.id })
    .from(runwayAlerts)
    .where(
      and(
        eq(runwayAlerts.businessId, businessId),
        eq(runwayAlerts.kind, a.alert.kind),
        gt(runwayAlerts.notifiedAt, new Date(now.getTime() - ALERT_EMAIL_GAP_MS)),
        // Only alerts whose email really went out start the window.
        sql`coalesce((${runwayAlerts.detail}->>'emailSuppressed')::boolean, false) = false`,
      ),
    )
    .limit(1);
  if (recent) {
    await db
      .update(runwayAlerts)
      .set({ notifiedAt: now, detail: sql`${runwayAlerts.detail} || '{"emailSuppressed": true}'::jsonb` })
      .where(and(eq(runwayAlerts.id, alertId), eq(runwayAlerts.businessId, businessId)));
    return { sent: 0 };
  }
  const owners = await db
    .select({ email: users.email, wantsEmail: sql<boolean>`coalesce(${notificationPrefs.alertEmail}, true)` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(
      notificationPrefs,
      and(eq(notificationPrefs.businessId, memberships.businessId), eq(notificationPrefs.userId, users.id)),
    )
    .where(and(eq(memberships.businessId, businessId), eq(memberships.role, "owner")));
  const { title, lines } = describeAlert(
    { ...a.alert, detail: parseAlertDetail(a.alert.detail) },
    a.currency,
  );
  const link = `${origin}/b/${businessId}`;
  let sent = 0;
  for (const o of owners) {
    if (!o.email || !o.wantsEmail) continue;
    await sendEmail({
      db,
      message: {
        to: o.email,
        kind: "alert",
        subject: `${a.businessName}: ${title}`,
        text: [`${title}.`, "", ...lines, "", `Open ${a.businessName} in Oodaloo: ${link}`].join("\n"),
      },
    });
    sent++;
  }
  await db
    .update(runwayAlerts)
    .set({ notifiedAt: now })
    .where(and(eq(runwayAlerts.id, alertId), eq(runwayAlerts.businessId, businessId)));
  return { sent };
}
