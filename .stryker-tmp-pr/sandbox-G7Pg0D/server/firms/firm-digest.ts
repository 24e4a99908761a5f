// @ts-nocheck
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { countOf, formatMoney, formatRunway } from "@/lib/format";
import type { DB } from "../db/client";
import { firmDigestDeliveries, firmMembers, firms, users } from "../db/schema";
import { isoWeekOf, weeklyDigestDue } from "../digest/week";
import { sendEmail } from "../email/send-email";
import { getFirmPortfolio } from "./get-firm-portfolio";

/**
 * The weekly firm digest (issue #7): one email per advisor and week listing the firm's clients at
 * risk — flagged (reconnect, failing, stale), with an open cash alert, or under 13 weeks of
 * runway — riskiest first, from the portfolio snapshots. Not one email per client. Firms have no
 * timezone of their own: the week and "Monday 08:00" are UTC.
 */
export const FIRM_DIGEST_TZ = "UTC";

export async function runFirmDigests({
  db,
  now,
  origin,
}: {
  db: DB;
  now: Date;
  origin: string;
}): Promise<{ sent: number }> {
  if (!weeklyDigestDue(now, FIRM_DIGEST_TZ)) return { sent: 0 };
  const week = isoWeekOf(now, FIRM_DIGEST_TZ);
  // Members without this week's delivery (pending ones are retried: sent at least once).
  const due = await db
    .select({ firmId: firmMembers.firmId, userId: firmMembers.userId, email: users.email })
    .from(firmMembers)
    .innerJoin(users, eq(users.id, firmMembers.userId))
    .leftJoin(
      firmDigestDeliveries,
      and(
        eq(firmDigestDeliveries.firmId, firmMembers.firmId),
        eq(firmDigestDeliveries.userId, firmMembers.userId),
        eq(firmDigestDeliveries.isoWeek, week),
      ),
    )
    .where(
      sql`${users.email} is not null and (${firmDigestDeliveries.status} is null or ${firmDigestDeliveries.status} = 'pending')`,
    );
  let sent = 0;
  for (const d of due) {
    // Claim: the insert (first time), or a pending row left over 10 minutes by a crashed sender.
    const key = and(
      eq(firmDigestDeliveries.firmId, d.firmId),
      eq(firmDigestDeliveries.isoWeek, week),
      eq(firmDigestDeliveries.userId, d.userId),
    );
    const claimed =
      (
        await db
          .insert(firmDigestDeliveries)
          .values({ firmId: d.firmId, isoWeek: week, userId: d.userId, createdAt: now })
          .onConflictDoNothing()
          .returning({ u: firmDigestDeliveries.userId })
      ).length > 0 ||
      (
        await db
          .update(firmDigestDeliveries)
          .set({ createdAt: now })
          .where(
            and(
              key,
              eq(firmDigestDeliveries.status, "pending"),
              sql`${firmDigestDeliveries.createdAt} < ${new Date(now.getTime() - 10 * 60_000).toISOString()}::timestamptz`,
            ),
          )
          .returning({ u: firmDigestDeliveries.userId })
      ).length > 0;
    if (!claimed) continue;
    const [firm] = await db.select({ name: firms.name }).from(firms).where(eq(firms.id, d.firmId));
    const p = await getFirmPortfolio({ db, userId: d.userId, firmId: d.firmId, now, filter: "all" });
    // A client connected whose first sync has not finished has no figures yet: it is left out
    // of the count and the list (not shown as $0.00 at risk) and named apart.
    const pending = [...p.ranked, ...p.apart].filter((c) => c.firstSyncPending).map((c) => c.name);
    const atRisk = p.ranked.filter(
      (c) =>
        !c.firstSyncPending &&
        (c.flags.length > 0 ||
          (c.snapshot?.openAlerts ?? 0) > 0 ||
          (c.runwayDays !== null && c.runwayDays < 91)),
    );
    const lines = atRisk.map((c) => {
      const s = c.snapshot;
      const why = [
        ...c.flags.map(
          (f) =>
            ({
              reconnect: "reconnect QuickBooks",
              failing: "sync failing",
              stale: "data stale",
              notConnected: "not connected",
              firstSync: "first sync running",
            })[f],
        ),
        ...((s?.openAlerts ?? 0) > 0 ? ["cash alert"] : []),
      ];
      return `- ${c.name}: runway ${s ? formatRunway(s.runway) : "unknown"}${s ? `, spendable ${formatMoney(s.spendableCents, c.currency)}` : ""}${why.length ? ` (${why.join(", ")})` : ""} — ${origin}/b/${c.id}`;
    });
    const text = [
      `${firm!.name}: ${atRisk.length} of ${countOf(p.total - pending.length, "client")} need attention this week (${week}).`,
      "",
      ...(lines.length
        ? lines
        : ["No client is at risk: none flagged, no cash alert, every runway over 13 weeks."]),
      ...(pending.length
        ? ["", `Not included yet — the first sync from QuickBooks has not finished: ${pending.join(", ")}.`]
        : []),
      "",
      `The whole portfolio: ${origin}/firm/${d.firmId}`,
    ].join("\n");
    const { id } = await sendEmail({
      db,
      message: {
        to: d.email!,
        kind: "firm-digest",
        subject: `${firm!.name}: ${countOf(atRisk.length, "client")} at risk — week ${week}`,
        text,
      },
    });
    await db.update(firmDigestDeliveries).set({ status: "sent", emailId: id }).where(key);
    sent++;
  }
  return { sent };
}
