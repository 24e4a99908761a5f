// @ts-nocheck
import "server-only";
import { and, eq, gt, gte, inArray, isNotNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import { assertCan, type TBusinessContext } from "../access/business-context";
import { recordAudit } from "../audit";
import { businessDate, type Clock } from "../clock";
import { getSyncCoverage } from "../connections/get-sync-coverage";
import type { DB } from "../db/client";
import {
  decisions,
  qboAccounts,
  qboConnections,
  qboEntityState,
  qboParties,
  qboTransactions,
  trayDismissals,
} from "../db/schema";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { fieldErrorsOf, ZIsoDate } from "../lib/validation";
import { qboRecordUrl } from "../qbo/links";
import { loadLedgerCached } from "../runway/business-runway";
import { addDays } from "../runway/dates";
import { computeHabits } from "../runway/engine";
import { type TTrayInput, type TTrayItem, trayItems } from "./rules";

/** Read what the tray's rules look at, for one business, from the mirror and the decisions. */
export async function loadTrayInput({
  db,
  business,
  now,
}: {
  db: DB;
  business: { id: string; timezone: string; currency: string };
  now: Date;
}): Promise<TTrayInput> {
  const id = business.id;
  const asOf = businessDate(now, business.timezone);
  const t = qboTransactions;
  const live = and(eq(t.businessId, id), eq(t.deleted, false));
  const [bills, invoices, parties, credits, purchases, uncategorized, reminded, conn, failing, drift] =
    await Promise.all([
      db
        .select({
          id: t.qboId,
          docNumber: t.docNumber,
          vendorId: t.vendorId,
          txnDate: t.txnDate,
          dueDate: t.dueDate,
          amountCents: t.amountCents,
          balanceCents: t.balanceCents,
        })
        .from(t)
        .where(and(live, eq(t.type, "Bill"), or(gt(t.balanceCents, 0), gte(t.txnDate, addDays(asOf, -400))))),
      db
        .select({
          id: t.qboId,
          docNumber: t.docNumber,
          customerId: t.customerId,
          txnDate: t.txnDate,
          dueDate: t.dueDate,
          balanceCents: t.balanceCents,
          emailStatus: t.emailStatus,
        })
        .from(t)
        .where(and(live, eq(t.type, "Invoice"), gt(t.balanceCents, 0))),
      db
        .select({
          kind: qboParties.kind,
          id: qboParties.qboId,
          name: qboParties.displayName,
          email: qboParties.email,
          termId: qboParties.termId,
        })
        .from(qboParties)
        .where(
          and(eq(qboParties.businessId, id), eq(qboParties.deleted, false), eq(qboParties.active, true)),
        ),
      db
        .select({
          type: t.type,
          id: t.qboId,
          customerId: t.customerId,
          vendorId: t.vendorId,
          cents: t.balanceCents,
        })
        .from(t)
        .where(and(live, inArray(t.type, ["Payment", "CreditMemo", "VendorCredit"]), gt(t.balanceCents, 0))),
      db
        .select({
          id: t.qboId,
          date: t.txnDate,
          amountCents: t.amountCents,
          lineAccountIds: t.lineAccountIds,
        })
        .from(t)
        .where(and(live, eq(t.type, "Purchase"), gte(t.txnDate, addDays(asOf, -90)))),
      db
        .select({ id: qboAccounts.qboId })
        .from(qboAccounts)
        .where(
          and(
            eq(qboAccounts.businessId, id),
            eq(qboAccounts.deleted, false),
            or(
              sql`${qboAccounts.name} ilike 'Uncategorized%'`,
              sql`${qboAccounts.name} ilike 'Ask My Accountant%'`,
            ),
          ),
        ),
      db
        .select({ id: decisions.targetId })
        .from(decisions)
        .where(
          and(eq(decisions.businessId, id), eq(decisions.kind, "reminder"), eq(decisions.status, "executed")),
        ),
      db
        .select({ status: qboConnections.status, lastSuccessAt: qboConnections.lastSuccessAt })
        .from(qboConnections)
        .where(eq(qboConnections.businessId, id)),
      db
        .select({
          entity: qboEntityState.entity,
          streak: qboEntityState.failureStreak,
          error: qboEntityState.lastError,
        })
        .from(qboEntityState)
        .where(and(eq(qboEntityState.businessId, id), gt(qboEntityState.failureStreak, 0))),
      db
        .select()
        .from(decisions)
        .where(
          and(eq(decisions.businessId, id), eq(decisions.status, "executed"), isNotNull(decisions.driftAt)),
        ),
    ]);
  return {
    asOf,
    now,
    currency: business.currency,
    bills: bills.map((b) => ({ ...b, balanceCents: b.balanceCents ?? 0 })),
    openInvoices: invoices.map((i) => ({ ...i, balanceCents: i.balanceCents ?? 0 })),
    customers: parties
      .filter((p) => p.kind === "customer")
      .map((p) => ({ id: p.id, name: p.name, email: p.email })),
    vendors: parties
      .filter((p) => p.kind === "vendor")
      .map((p) => ({ id: p.id, name: p.name, termId: p.termId })),
    credits: credits.map((c) => ({
      type: c.type as "Payment" | "CreditMemo" | "VendorCredit",
      id: c.id,
      partyId: c.type === "VendorCredit" ? c.vendorId : c.customerId,
      cents: c.cents ?? 0,
    })),
    purchases: purchases
      .filter((p) => p.date)
      .map((p) => ({
        id: p.id,
        date: p.date!,
        amountCents: p.amountCents,
        lineAccountIds: p.lineAccountIds ?? [],
      })),
    uncategorizedAccountIds: uncategorized.map((a) => a.id),
    remindedInvoiceIds: reminded.map((r) => r.id),
    habits: computeHabits(
      await loadLedgerCached({ db, business: { id, currency: business.currency }, asOf }),
    ).map(({ customerId, medianDaysLate, sample }) => ({ customerId, medianDaysLate, sample })),
    sync: {
      status: conn[0]?.status ?? null,
      lastSuccessAt: conn[0]?.lastSuccessAt ?? null,
      failing: failing.map((f) => ({ entity: f.entity, streak: f.streak, error: f.error })),
    },
    drift: drift.map((d) => ({
      decisionId: d.id,
      label: String((d.detail as { label?: string }).label ?? "a write"),
      problem: String((d.detail as { drift?: string }).drift ?? "Changed in QuickBooks"),
      billId: d.targetId,
    })),
  };
}

export type TTrayView = TTrayItem & { href: string; external: boolean };

/**
 * The tray as a person sees it: every rule's items minus what was dismissed (for good) or snoozed
 * (until a date that has not come), each with a working link to its fix.
 */
export async function getTray({
  db,
  ctx,
  clock,
}: {
  db: DB;
  ctx: Pick<TBusinessContext, "businessId" | "business">;
  clock: Clock;
}) {
  const now = clock.now();
  const input = await loadTrayInput({ db, business: ctx.business, now });
  const all = trayItems(input, ctx.businessId);
  const hidden = await db.select().from(trayDismissals).where(eq(trayDismissals.businessId, ctx.businessId));
  const muted = new Map(hidden.filter((h) => !h.until || h.until > input.asOf).map((h) => [h.itemKey, h]));
  const [conn] = await db
    .select({ realmId: qboConnections.realmId })
    .from(qboConnections)
    .where(eq(qboConnections.businessId, ctx.businessId));
  const config = getEnv().qbo ?? null;
  const view = (i: TTrayItem): TTrayView =>
    i.fix.kind === "app"
      ? { ...i, href: i.fix.href, external: false }
      : {
          ...i,
          href: qboRecordUrl(
            config,
            conn?.realmId ?? null,
            i.fix.entity === "expense" ? "expense" : i.fix.entity,
            i.fix.id,
          ),
          external: true,
        };
  return {
    items: all.filter((i) => !muted.has(i.key)).map(view),
    muted: all
      .filter((i) => muted.has(i.key))
      .map((i) => ({ ...view(i), mutedUntil: muted.get(i.key)!.until, reason: muted.get(i.key)!.reason })),
  };
}

/** How many tray items need attention (the navigation's count). */
export async function trayCount({
  db,
  ctx,
  clock,
}: {
  db: DB;
  ctx: Pick<TBusinessContext, "businessId" | "business">;
  clock: Clock;
}) {
  // Where the tray page shows no items (QuickBooks did not share what the figures need, or no
  // sync finished yet), the badge and the portfolio count none either.
  if ((await getSyncCoverage({ db, businessId: ctx.businessId })).state !== "ready") return 0;
  return (await getTray({ db, ctx, clock })).items.length;
}

export const ZDismiss = z.object({
  itemKey: z.string().min(3).max(200),
  reason: z.string().trim().min(3, "Say why (a few words), so others know").max(300),
  until: z
    .string()
    .trim()
    .optional()
    .transform((s) => (s ? s : undefined))
    .pipe(ZIsoDate().optional()),
});

/** Dismiss (no date) or snooze (until a date) a tray item; recorded with who and why. */
export async function dismissTrayItem({
  db,
  ctx,
  input: raw,
  clock,
}: {
  db: DB;
  ctx: TBusinessContext;
  input: z.infer<typeof ZDismiss>;
  clock: Clock;
}) {
  assertCan(ctx, "prepare");
  const parsed = ZDismiss.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "Please correct the highlighted fields.",
      fieldErrorsOf(parsed.error),
    );
  const input = parsed.data;
  const now = clock.now();
  const today = businessDate(now, ctx.business.timezone);
  if (input.until && (input.until <= today || input.until > addDays(today, 366)))
    throw new AppError("invalid_input", "Please correct the highlighted fields.", {
      until: ["Snooze until a date after today, within a year"],
    });
  const { items } = await getTray({ db, ctx, clock });
  if (!items.some((i) => i.key === input.itemKey))
    throw new AppError("not_found", "This item is no longer in the tray.");
  await db.transaction(async (tx) => {
    await tx
      .insert(trayDismissals)
      .values({
        businessId: ctx.businessId,
        itemKey: input.itemKey,
        until: input.until ?? null,
        reason: input.reason,
        by: ctx.userId,
        at: now,
      })
      .onConflictDoUpdate({
        target: [trayDismissals.businessId, trayDismissals.itemKey],
        set: { until: input.until ?? null, reason: input.reason, by: ctx.userId, at: now },
      });
    await recordAudit(tx, {
      businessId: ctx.businessId,
      actorUserId: ctx.userId,
      action: input.until ? "tray.snoozed" : "tray.dismissed",
      detail: { itemKey: input.itemKey, reason: input.reason, until: input.until ?? null },
    });
  });
  return { message: input.until ? `Snoozed until ${input.until}.` : "Dismissed." };
}

/** Bring a dismissed or snoozed item back. */
export async function restoreTrayItem({
  db,
  ctx,
  itemKey,
}: {
  db: DB;
  ctx: TBusinessContext;
  itemKey: string;
}) {
  assertCan(ctx, "prepare");
  const rows = await db
    .delete(trayDismissals)
    .where(and(eq(trayDismissals.businessId, ctx.businessId), eq(trayDismissals.itemKey, itemKey)))
    .returning({ key: trayDismissals.itemKey });
  if (rows.length === 0) throw new AppError("not_found", "Nothing to restore.");
  await recordAudit(db, {
    businessId: ctx.businessId,
    actorUserId: ctx.userId,
    action: "tray.restored",
    detail: { itemKey },
  });
  return { message: "Back in the tray." };
}
