import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { countOf } from "@/lib/format";
import { assertCan, type TBusinessContext } from "../access/business-context";
import { recordAudit } from "../audit";
import { businessDate, type Clock } from "../clock";
import type { DB } from "../db/client";
import { decisions, qboAccounts, qboParties, qboTransactions, vendorPayRules } from "../db/schema";
import { AppError } from "../errors";
import { ZCheckbox } from "../lib/validation";
import { loadRunwayInput } from "../runway/business-runway";
import { addDays } from "../runway/dates";
import { computeRunway } from "../runway/engine";
import { inferMustPay, type TMustPay } from "../runway/must-pay";
import { proposePaymentRun, type TPaymentRun, type TRunLine } from "../runway/payment-run";
import { type TAction, topActions } from "../runway/top-actions";
import type { TSubject } from "../runway/types";
import { decide } from "./decisions";

/**
 * The proposed payment run on the business's own forecast (docs/metrics.md "Payment run"): the
 * bills due in the next `windowDays` (or overdue) split into must-pay — rent, payroll, taxes,
 * loans, inferred from the accounts their lines post to — and flexible, and a committed decision
 * on a bill keeps it where it was committed. The flexible ones are planned against the floor (the
 * alert amount) on the projection without them. Accepting it saves each proposed day as a planned
 * decision (never a commitment, and never over a committed one).
 */
export const ZPaymentRunWindow = z.coerce.number().int().min(14).max(28).default(28);

export type TRunBillLine = TRunLine & {
  subject: TSubject;
  vendorId: string | null;
  /** Set when a person made this vendor flexible although its accounts say must-pay. */
  overrides: TMustPay | null;
};
export type TFixedBill = {
  billId: string;
  subject: TSubject;
  vendorId: string | null;
  amountCents: number;
  date: string;
  why:
    | { kind: "mustPay"; by: "account"; mustPay: TMustPay }
    | { kind: "mustPay"; by: "person" }
    | { kind: "committed" };
};

export type TPaymentRunView = Omit<TPaymentRun, "lines"> & {
  asOf: string;
  lines: TRunBillLine[];
  fixed: TFixedBill[];
  /**
   * Which invoices to chase first (up to three): reminders and promise dates ranked as this
   * week's actions are, by how much each raises the 4-week low (docs/metrics.md "Payment run").
   */
  chase: TAction[];
};

export async function getPaymentRun({
  db,
  ctx,
  clock,
  windowDays = 28,
}: {
  db: DB;
  ctx: TBusinessContext;
  clock: Clock;
  windowDays?: number;
}): Promise<TPaymentRunView> {
  assertCan(ctx, "view");
  const asOf = businessDate(clock.now(), ctx.business.timezone);
  const { ledger, options } = await loadRunwayInput({ db, business: ctx.business, asOf });
  const base = computeRunway(ledger, options);
  const end = addDays(asOf, windowDays - 1);

  const [billRows, accounts, committed, rules] = await Promise.all([
    db
      .select({
        id: qboTransactions.qboId,
        vendorId: qboTransactions.vendorId,
        lines: qboTransactions.lineAccountIds,
      })
      .from(qboTransactions)
      .where(
        and(
          eq(qboTransactions.businessId, ctx.businessId),
          eq(qboTransactions.type, "Bill"),
          eq(qboTransactions.deleted, false),
        ),
      )
      .orderBy(qboTransactions.txnDate, qboTransactions.qboId),
    db
      .select({
        id: qboAccounts.qboId,
        name: qboAccounts.name,
        accountType: qboAccounts.accountType,
        subType: qboAccounts.accountSubType,
      })
      .from(qboAccounts)
      .where(eq(qboAccounts.businessId, ctx.businessId)),
    db
      .select({ targetId: decisions.targetId })
      .from(decisions)
      .where(
        and(
          eq(decisions.businessId, ctx.businessId),
          eq(decisions.kind, "schedule"),
          eq(decisions.status, "committed"),
        ),
      ),
    db
      .select({ vendorId: vendorPayRules.vendorId, mustPay: vendorPayRules.mustPay })
      .from(vendorPayRules)
      .where(eq(vendorPayRules.businessId, ctx.businessId)),
  ]);
  const ruled = new Map(rules.map((r) => [r.vendorId, r.mustPay]));
  const inferred = inferMustPay(
    billRows.map((b) => ({ vendorId: b.vendorId, lineAccountIds: b.lines })),
    accounts,
  );
  const isCommitted = new Set(committed.map((c) => c.targetId));
  const openBill = new Map(ledger.openBills.map((b) => [b.id, b]));

  const fixed: TFixedBill[] = [];
  // Stryker disable next-line ArrayDeclaration: a junk entry has no amount and the planner drops it
  const flexible: { id: string; amountCents: number; dueDate: string; date: string }[] = [];
  const about = new Map<string, { subject: TSubject; vendorId: string | null; overrides: TMustPay | null }>();
  for (const f of base.outflows) {
    if (f.kind !== "bill" || f.date > end) continue;
    // A bill's flow always names its bill, an open one (the engine projects open bills only).
    const bill = openBill.get(f.ref!.id)!;
    const byAccount = f.partyId ? inferred.get(f.partyId) : undefined;
    const rule = f.partyId ? ruled.get(f.partyId) : undefined;
    const why: TFixedBill["why"] | null = isCommitted.has(bill.id)
      ? { kind: "committed" }
      : rule === true
        ? { kind: "mustPay", by: "person" }
        : rule === undefined && byAccount
          ? { kind: "mustPay", by: "account", mustPay: byAccount }
          : null;
    if (why) {
      fixed.push({
        billId: bill.id,
        subject: f.subject,
        vendorId: f.partyId,
        amountCents: f.amountCents,
        date: f.date,
        why,
      });
      continue;
    }
    // Due on its due date; without one, where the forecast places it (its date plus terms).
    flexible.push({ id: bill.id, amountCents: f.amountCents, dueDate: bill.dueDate ?? f.date, date: f.date });
    about.set(bill.id, {
      subject: f.subject,
      vendorId: f.partyId,
      // Stryker disable next-line ConditionalExpression: a flexible vendor without a rule has no must-pay account
      overrides: rule === false ? (byAccount ?? null) : null,
    });
  }

  // The projection without the flexible bills: each one's amount back from its day on.
  // Stryker disable next-line MethodExpression: the planner reads only the window's days
  const spendable = base.days.slice(0, windowDays).map((d) => d.spendableCents);
  for (const b of flexible)
    for (let i = 0; i < spendable.length; i++)
      if (base.days[i]!.date >= b.date) spendable[i]! += b.amountCents;

  const run = proposePaymentRun({
    asOf,
    windowDays,
    floorCents: ctx.business.alertBelowCents,
    spendableCents: spendable,
    bills: flexible,
  });
  return {
    ...run,
    asOf,
    lines: run.lines.map((l) => ({ ...l, ...about.get(l.billId)! })),
    fixed,
    chase: topActions(ledger, options, base, {
      limit: 3,
      thresholdCents: ctx.business.alertBelowCents,
      chaseOnly: true,
    }),
  };
}

/** Save the proposed run as planned decisions: one per bill given a day in the window. */
export async function acceptPaymentRun({
  db,
  ctx,
  clock,
  windowDays = 28,
}: {
  db: DB;
  ctx: TBusinessContext;
  clock: Clock;
  windowDays?: number;
}): Promise<{ planned: number; message: string }> {
  assertCan(ctx, "prepare");
  const run = await getPaymentRun({ db, ctx, clock, windowDays });
  const lines = run.lines.filter((l) => l.payOn !== null);
  if (lines.length === 0)
    throw new AppError("conflict", "The proposed run has no bill to pay in the window.");
  // A planned decision on one of these bills is replaced by the run's day (decide supersedes it).
  // Committed bills are fixed in the run, so none is here; one committed since the proposal is
  // replaced only by someone who may commit (decide() refuses anyone else).
  for (const l of lines)
    await decide({
      db,
      ctx,
      input: { kind: "schedule", targetId: l.billId, date: l.payOn! },
      commit: false,
      clock,
    });
  return {
    planned: lines.length,
    message: `${countOf(lines.length, "bill")} planned as proposed.`,
  };
}

export const ZVendorPayRule = z.object({
  vendorId: z.string().regex(/^\d{1,20}$/, "Unknown vendor"),
  mustPay: ZCheckbox,
});

/** A person's word on a vendor: must be paid on time, or flexible (audited). */
export async function setVendorPayRule({
  db,
  ctx,
  input,
}: {
  db: DB;
  ctx: TBusinessContext;
  input: z.infer<typeof ZVendorPayRule>;
}): Promise<{ message: string }> {
  assertCan(ctx, "prepare");
  const [vendor] = await db
    .select({ name: qboParties.displayName })
    .from(qboParties)
    .where(
      and(
        eq(qboParties.businessId, ctx.businessId),
        eq(qboParties.kind, "vendor"),
        eq(qboParties.qboId, input.vendorId),
      ),
    );
  if (!vendor) throw new AppError("not_found", "Vendor not found");
  await db.transaction(async (tx) => {
    await tx
      .insert(vendorPayRules)
      .values({
        businessId: ctx.businessId,
        vendorId: input.vendorId,
        mustPay: input.mustPay,
        by: ctx.userId,
      })
      .onConflictDoUpdate({
        target: [vendorPayRules.businessId, vendorPayRules.vendorId],
        set: { mustPay: input.mustPay, by: ctx.userId, at: new Date() },
      });
    await recordAudit(tx, {
      businessId: ctx.businessId,
      actorUserId: ctx.userId,
      action: "vendor.payRule",
      detail: { vendorId: input.vendorId, mustPay: input.mustPay },
    });
  });
  return {
    message: input.mustPay
      ? `${vendor.name} is paid on time in every payment run.`
      : `${vendor.name} is flexible in the payment run.`,
  };
}
