// @ts-nocheck
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { countOf, formatMoney } from "@/lib/format";
import { assertCan, type TBusinessContext } from "../access/business-context";
import { recordAudit } from "../audit";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { lockKey } from "../db/concurrency";
import { businesses } from "../db/schema";
import { AppError } from "../errors";
import { ZCheckbox, ZMoneyText } from "../lib/validation";
import { afterPlanChange } from "../portfolio/snapshots";
import { markPortfolioStale } from "../portfolio/stale";
import { createDigest, recentManualDigest } from "./digests";
import { getNotificationPrefs, setNotificationPrefs } from "./signed";

/** The alert threshold form: an amount in the home currency and an optional number of weeks. */
export const ZAlertSettings = z.object({
  alertBelow: ZMoneyText({ example: "5000 or 5000.00", allowNegative: true, positive: false }),
  alertRunwayWeeks: z
    .string()
    .trim()
    .transform((s) => (s === "" ? null : s))
    .pipe(
      z
        .string()
        .regex(/^\d+$/, "Whole weeks only")
        .transform(Number)
        .pipe(z.number().int().min(1, "At least 1 week").max(52, "At most 52 weeks"))
        .nullable(),
    ),
});

/**
 * Set the business's one threshold (design §2), audited, then re-judge the projection at once so
 * the digest shows the alert (or its recovery) without waiting for the next sync.
 */
export async function updateAlertSettings({
  db,
  ctx,
  input,
  clock,
}: {
  db: DB;
  ctx: TBusinessContext;
  input: z.infer<typeof ZAlertSettings>;
  clock: Clock;
}) {
  assertCan(ctx, "sendDigest");
  const alertBelowCents = input.alertBelow;
  await db.transaction(async (tx) => {
    await tx
      .update(businesses)
      .set({ alertBelowCents, alertRunwayWeeks: input.alertRunwayWeeks })
      .where(eq(businesses.id, ctx.businessId));
    await markPortfolioStale(tx, ctx.businessId);
    await recordAudit(tx, {
      businessId: ctx.businessId,
      actorUserId: ctx.userId,
      action: "alerts.threshold_set",
      detail: { alertBelowCents, alertRunwayWeeks: input.alertRunwayWeeks },
    });
  });
  const result = await afterPlanChange({ db, businessId: ctx.businessId, clock });
  return {
    message: `Alerts below ${formatMoney(alertBelowCents, ctx.business.currency)}${input.alertRunwayWeeks ? ` or under ${input.alertRunwayWeeks} weeks of runway` : ""} saved.${result.raised.length ? " The current forecast crosses it: see the alert on the digest." : ""}`,
  };
}

/** "Send digest now": a manual digest to every recipient, stored like the weekly one. */
export async function sendDigestNow({ db, ctx, clock }: { db: DB; ctx: TBusinessContext; clock: Clock }) {
  assertCan(ctx, "sendDigest");
  const now = clock.now();
  const tooSoon = () => new AppError("conflict", "A digest was sent less than a minute ago.");
  if (await recentManualDigest(db, ctx.businessId, now)) throw tooSoon();
  const r = await createDigest({
    db,
    business: ctx.business,
    kind: "manual",
    now,
    createdBy: ctx.userId,
    // Check again under a per-business lock inside the insert's transaction: twenty clicks at
    // once all pass the check above, and only the first may insert.
    guard: async (tx) => {
      await lockKey(tx, `digest-manual:${ctx.businessId}`);
      if (await recentManualDigest(tx, ctx.businessId, now)) throw tooSoon();
    },
  });
  await recordAudit(db, {
    businessId: ctx.businessId,
    actorUserId: ctx.userId,
    action: "digest.sent_now",
    detail: { digestId: r.digestId, recipients: r.recipients },
  });
  return {
    digestId: r.digestId,
    message:
      r.recipients === 0
        ? "Digest saved. Nobody receives digest emails for this business (see notification settings)."
        : `Digest saved and sent to ${countOf(r.recipients, "recipient")}.`,
  };
}

export const ZNotificationPrefs = z.object({
  digestEmail: ZCheckbox,
  alertEmail: ZCheckbox,
});

export async function updateMyNotificationPrefs({
  db,
  ctx,
  input,
  clock,
}: {
  db: DB;
  ctx: TBusinessContext;
  input: z.infer<typeof ZNotificationPrefs>;
  clock: Clock;
}) {
  await setNotificationPrefs(db, ctx.businessId, ctx.userId, input, clock.now());
  return { message: "Email preferences saved." };
}

/** The business's threshold and this member's email preferences (the settings page). */
export async function getDigestSettings({ db, ctx }: { db: DB; ctx: TBusinessContext }) {
  const [b] = await db
    .select({ alertBelowCents: businesses.alertBelowCents, alertRunwayWeeks: businesses.alertRunwayWeeks })
    .from(businesses)
    .where(eq(businesses.id, ctx.businessId));
  return { threshold: b!, prefs: await getNotificationPrefs(db, ctx.businessId, ctx.userId) };
}
