// @ts-nocheck
import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { docName } from "@/lib/format";
import { assertCan, canDo, type TBusinessContext } from "../access/business-context";
import { recordAudit } from "../audit";
import { businessDate, type Clock } from "../clock";
import type { DB } from "../db/client";
import { isUniqueViolation } from "../db/concurrency";
import { decisions, qboAccounts, qboParties, qboTransactions } from "../db/schema";
import { AppError } from "../errors";
import { ZIsoDate } from "../lib/validation";
import { afterPlanChange } from "../portfolio/snapshots";
import { markPortfolioStale } from "../portfolio/stale";
import { loadRunwayInput } from "../runway/business-runway";
import { toHomeCents } from "../runway/currency";
import { compareRunways, computeRunway, habitLookup, type TImpact, whatIf } from "../runway/engine";
import type {
  TAtRiskWhy,
  TBasis,
  TChange,
  TFlow,
  TLedger,
  TRunwayOptions,
  TRunwayResult,
} from "../runway/types";

/**
 * The decision console: open bills in the horizon and invoices to chase, each tried with the
 * runway engine's what-if on the server, then planned or committed. Committed decisions join
 * every projection (server/runway/business-runway.ts); each one is audited with the runway before
 * and after. Writes to QuickBooks live in write-back.ts.
 */

export const ZDecisionInput = z.object({
  kind: z.enum(["schedule", "promise"]),
  targetId: z.string().regex(/^\d{1,20}$/, "Unknown document"),
  date: ZIsoDate(),
});
export type TDecisionInput = z.infer<typeof ZDecisionInput>;

// The base projection of a ledger and plan is the same for every try: computed once.
const baseCache = new WeakMap<TLedger, Map<string, TRunwayResult>>();
function baseRunway(ledger: TLedger, options: TRunwayOptions): TRunwayResult {
  let m = baseCache.get(ledger);
  // Stryker disable next-line ConditionalExpression: a cache — a fresh map each time computes the same result
  if (!m) {
    m = new Map();
    baseCache.set(ledger, m);
  }
  const key = JSON.stringify(options);
  let r = m.get(key);
  // Stryker disable next-line ConditionalExpression: a cache — computing again gives the same result
  if (!r) {
    r = computeRunway(ledger, options);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the cache's size cap bounds memory only; no result depends on it
    if (m.size > 20) m.clear();
    m.set(key, r);
  }
  return r;
}

async function context(db: DB, ctx: TBusinessContext, clock: Clock) {
  const asOf = businessDate(clock.now(), ctx.business.timezone);
  const { ledger, options } = await loadRunwayInput({ db, business: ctx.business, asOf });
  return { asOf, ledger, options, base: baseRunway(ledger, options) };
}

/** A document the ledger does not hold open: 404 when the business has no such document at all. */
async function notOpen(db: DB, ctx: TBusinessContext, input: TDecisionInput): Promise<never> {
  const type = input.kind === "schedule" ? "Bill" : "Invoice";
  const [row] = await db
    .select({ id: qboTransactions.qboId })
    .from(qboTransactions)
    .where(
      and(
        eq(qboTransactions.businessId, ctx.businessId),
        eq(qboTransactions.type, type),
        eq(qboTransactions.qboId, input.targetId),
      ),
    );
  if (!row) throw new AppError("not_found", `${type} not found`);
  throw new AppError(
    "conflict",
    `This ${type.toLowerCase()} is no longer open in QuickBooks (paid or deleted since). Refresh the list.`,
  );
}

/** Checks a decision against the ledger: the date inside today…horizon; null when the document is not open. */
function validate(input: TDecisionInput, ledger: TLedger, base: TRunwayResult): TChange | null {
  const field = (message: string) =>
    new AppError("invalid_input", "Please correct the highlighted fields.", { date: [message] });
  if (input.date < base.asOf || input.date > base.horizonEnd)
    throw field(`Pick a date from today (${base.asOf}) to the end of the forecast (${base.horizonEnd}).`);
  if (input.kind === "schedule") {
    const bill = ledger.openBills.find((b) => b.id === input.targetId);
    return bill ? { kind: "payBill", billId: bill.id, date: input.date } : null;
  }
  const invoice = ledger.openInvoices.find((i) => i.id === input.targetId);
  return invoice ? { kind: "promise", invoiceId: invoice.id, date: input.date } : null;
}

export type TTryResult = TImpact & { change: TChange };

/** "What if": the runway impact of one decision on top of what is already committed. */
export async function tryDecision({
  db,
  ctx,
  input,
  clock,
}: {
  db: DB;
  ctx: TBusinessContext;
  input: TDecisionInput;
  clock: Clock;
}): Promise<TTryResult> {
  assertCan(ctx, "prepare");
  const { ledger, options, base } = await context(db, ctx, clock);
  const change = validate(input, ledger, base) ?? (await notOpen(db, ctx, input));
  const seen = { thresholdCents: ctx.business.alertBelowCents, date: input.date };
  return { ...whatIf(ledger, options, [change], base, seen), change };
}

/**
 * Save a decision as a plan (prepare) or commit it (commit: owners, or others when allowed). A
 * new decision replaces the live one of the same kind for the same document, in one transaction
 * (a unique key allows one live decision per document and kind). Audited with runway before/after.
 */
export async function decide({
  db,
  ctx,
  input,
  commit,
  clock,
}: {
  db: DB;
  ctx: TBusinessContext;
  input: TDecisionInput;
  commit: boolean;
  clock: Clock;
}) {
  assertCan(ctx, commit ? "commit" : "prepare");
  const now = clock.now();
  const { ledger, options, base } = await context(db, ctx, clock);
  const change = validate(input, ledger, base) ?? (await notOpen(db, ctx, input));
  // The projection with this decision is the plan's next projection (a later change for the same
  // document wins over the one it replaces): kept to judge alerts without computing it twice.
  const next = computeRunway(ledger, { ...options, changes: [...(options.changes ?? []), change] });
  const impact = compareRunways(base, next, {
    thresholdCents: ctx.business.alertBelowCents,
    date: input.date,
  });
  const label = labelOf(input, ledger);
  const status = commit ? "committed" : "planned";
  const targetType = input.kind === "schedule" ? "Bill" : "Invoice";
  const sameDocument = and(
    eq(decisions.businessId, ctx.businessId),
    eq(decisions.kind, input.kind),
    eq(decisions.targetType, targetType),
    eq(decisions.targetId, input.targetId),
    inArray(decisions.status, ["planned", "committed"]),
  );
  /** The live decision already says this (a double click, or a retry): nothing new is recorded. */
  const unchanged = (live: { id: string; status: string; date: string | null } | undefined) =>
    live && live.status === status && live.date === input.date ? live.id : null;
  let outcome: { id: string; repeated: boolean; replacedCommitment?: boolean };
  try {
    outcome = await db.transaction(async (tx) => {
      const [live] = await tx.select().from(decisions).where(sameDocument).for("update");
      const same = unchanged(live);
      if (same) return { id: same, repeated: true };
      // Replacing a committed decision is changing what was committed: it needs the right to
      // commit, whatever the new one is (a plan would otherwise undo the owner's commitment).
      if (live?.status === "committed" && !canDo(ctx, "commit"))
        throw new AppError(
          "forbidden",
          "This replaces a committed decision; only someone who may commit can change it.",
        );
      if (live)
        await tx
          .update(decisions)
          .set({ status: "superseded", resolvedAt: now, updatedAt: now })
          .where(and(eq(decisions.businessId, ctx.businessId), eq(decisions.id, live.id)));
      const [row] = await tx
        .insert(decisions)
        .values({
          businessId: ctx.businessId,
          kind: input.kind,
          targetType,
          targetId: input.targetId,
          status,
          date: input.date,
          amountCents: label.amountCents,
          // Stored without the day-by-day paths (the log shows runway before → after).
          detail: { label: label.text, impact: { ...impact, path: undefined } },
          createdBy: ctx.userId,
          createdAt: now,
          updatedAt: now,
          ...(commit ? { committedBy: ctx.userId, committedAt: now } : {}),
        })
        .returning({ id: decisions.id });
      // The plan changed (a commitment made or replaced): the advisor's row with it.
      if (commit || live?.status === "committed") await markPortfolioStale(tx, ctx.businessId);
      if (live?.status === "committed")
        await recordAudit(tx, {
          businessId: ctx.businessId,
          actorUserId: ctx.userId,
          action: "decision.superseded",
          detail: {
            decisionId: live.id,
            replacedBy: row!.id,
            label: (live.detail as { label?: string }).label,
          },
        });
      await recordAudit(tx, {
        businessId: ctx.businessId,
        actorUserId: ctx.userId,
        action: commit ? "decision.committed" : "decision.planned",
        detail: {
          decisionId: row!.id,
          kind: input.kind,
          target: `${targetType} ${input.targetId}`,
          label: label.text,
          date: input.date,
          runwayBefore: impact.before,
          runwayAfter: impact.after,
          lowestBefore: impact.lowestBefore,
          lowestAfter: impact.lowestAfter,
        },
      });
      return { id: row!.id, repeated: false, replacedCommitment: live?.status === "committed" };
    });
  } catch (err) {
    // Another request made the live decision between our read and our insert (one live decision
    // per document and kind): the same decision is a repeat, anything else a conflict.
    if (!isUniqueViolation(err)) throw err;
    const [live] = await db.select().from(decisions).where(sameDocument);
    const same = unchanged(live);
    if (!same)
      throw new AppError("conflict", "Someone changed this decision at the same moment. Reload to see it.");
    outcome = { id: same, repeated: true };
  }
  const id = outcome.id;
  if (outcome.repeated)
    return {
      decisionId: id,
      status,
      impact,
      message: commit ? `Already committed: ${label.text}.` : `Already saved as a plan: ${label.text}.`,
    };
  // The projection changed: with this commitment, or without the commitment a plan replaced.
  if (commit) await afterPlanChange({ db, businessId: ctx.businessId, clock, runway: next });
  else if (outcome.replacedCommitment) await afterPlanChange({ db, businessId: ctx.businessId, clock });
  return {
    decisionId: id,
    status,
    impact,
    message: commit ? `Committed: ${label.text}.` : `Saved as a plan: ${label.text}.`,
  };
}

function labelOf(input: TDecisionInput, ledger: TLedger): { text: string; amountCents: number } {
  if (input.kind === "schedule") {
    const b = ledger.openBills.find((x) => x.id === input.targetId)!;
    const vendor = ledger.vendors.find((v) => v.id === b.partyId)?.name ?? "a vendor";
    return {
      text: `pay ${docName("bill", b.docNumber, b.txnDate)} (${vendor}) on ${input.date}`,
      amountCents: b.balanceCents,
    };
  }
  const i = ledger.openInvoices.find((x) => x.id === input.targetId)!;
  const customer = ledger.customers.find((c) => c.id === i.partyId)?.name ?? "a customer";
  return {
    text: `${customer} promised ${docName("invoice", i.docNumber, i.txnDate)} for ${input.date}`,
    amountCents: i.balanceCents,
  };
}

/** Commit a planned decision (owners, or others when the owner allows). */
export async function commitPlanned({
  db,
  ctx,
  decisionId,
  clock,
}: {
  db: DB;
  ctx: TBusinessContext;
  decisionId: string;
  clock: Clock;
}) {
  assertCan(ctx, "commit");
  const d = await liveDecision(db, ctx, decisionId);
  if (d.status !== "planned") throw new AppError("conflict", "This decision is already committed.");
  return decide({
    db,
    ctx,
    input: { kind: d.kind as "schedule" | "promise", targetId: d.targetId, date: d.date! },
    commit: true,
    clock,
  });
}

/** Withdraw a planned or committed decision: it stops moving the forecast. */
export async function withdrawDecision({
  db,
  ctx,
  decisionId,
  clock,
}: {
  db: DB;
  ctx: TBusinessContext;
  decisionId: string;
  clock: Clock;
}) {
  const d = await liveDecision(db, ctx, decisionId);
  assertCan(ctx, d.status === "committed" ? "commit" : "prepare");
  const now = clock.now();
  await db.transaction(async (tx) => {
    await tx
      .update(decisions)
      .set({
        status: "superseded",
        resolvedAt: now,
        updatedAt: now,
        detail: { ...d.detail, withdrawnBy: ctx.userId },
      })
      .where(and(eq(decisions.businessId, ctx.businessId), eq(decisions.id, d.id)));
    await recordAudit(tx, {
      businessId: ctx.businessId,
      actorUserId: ctx.userId,
      action: "decision.withdrawn",
      detail: { decisionId: d.id, label: d.detail.label },
    });
    if (d.status === "committed") await markPortfolioStale(tx, ctx.businessId);
  });
  if (d.status === "committed") await afterPlanChange({ db, businessId: ctx.businessId, clock });
  return { message: "Decision withdrawn." };
}

async function liveDecision(db: DB, ctx: TBusinessContext, decisionId: string) {
  const [d] = z.string().uuid().safeParse(decisionId).success
    ? await db
        .select()
        .from(decisions)
        .where(and(eq(decisions.businessId, ctx.businessId), eq(decisions.id, decisionId)))
    : [];
  if (!d) throw new AppError("not_found", "Decision not found");
  if (d.status !== "planned" && d.status !== "committed")
    throw new AppError("conflict", `This decision is ${d.status}; it can no longer change.`);
  return d as typeof d & { detail: Record<string, unknown> };
}

// ── the console's lists ────────────────────────────────────────────────────────────────────

export type TConsoleBill = {
  id: string;
  /** QuickBooks' number (null: none; the page names it by its date). */
  docNumber: string | null;
  vendorName: string | null;
  /** Home currency (the forecast's amount). */
  amountCents: number;
  /** Set when the bill is in another currency: its open amount in that currency. */
  document: { cents: number; currency: string } | null;
  dueDate: string | null;
  txnDate: string | null;
  expectedDate: string;
  basis: TBasis;
  creditAppliedCents: number | null;
  /** How the business has paid this vendor (null: no paid bill yet). */
  pattern: { medianDaysLate: number; sample: number } | null;
  decision: { id: string; kind: string; status: string; date: string | null } | null;
};
export type TConsoleInvoice = {
  id: string;
  docNumber: string | null;
  txnDate: string | null;
  customerName: string | null;
  customerEmail: string | null;
  /** Home currency, at the invoice's exchange rate; null when it has no usable rate. */
  amountCents: number | null;
  /** Set when the invoice is in another currency: its open amount in that currency. */
  document: { cents: number; currency: string } | null;
  /** The customer's payment habit over its last paid invoices (null: none paid yet). */
  habit: { medianDaysLate: number; sample: number } | null;
  dueDate: string | null;
  daysOverdue: number;
  expectedDate: string | null;
  atRisk: TAtRiskWhy | null;
  emailStatus: string | null;
  decision: { id: string; kind: string; status: string; date: string | null } | null;
};

/** Everything the decision console shows, read from the mirror and the plan. */
export async function getConsole({ db, ctx, clock }: { db: DB; ctx: TBusinessContext; clock: Clock }) {
  const { asOf, ledger, base } = await context(db, ctx, clock);
  const live = await db
    .select()
    .from(decisions)
    .where(
      and(eq(decisions.businessId, ctx.businessId), inArray(decisions.status, ["planned", "committed"])),
    );
  const liveOf = (type: string, id: string) => {
    const d = live.find((x) => x.targetType === type && x.targetId === id);
    return d ? { id: d.id, kind: d.kind, status: d.status, date: d.date } : null;
  };
  const vendorName = new Map(ledger.vendors.map((v) => [v.id, v.name]));
  const customerName = new Map(ledger.customers.map((c) => [c.id, c.name]));
  /** A document in another currency: its own open amount and currency, shown beside the home amount. */
  const foreign = (d: { balanceCents: number; currency: string | null }) =>
    d.currency && d.currency !== ledger.homeCurrency ? { cents: d.balanceCents, currency: d.currency } : null;
  const habitOf = habitLookup(base.habits);
  const patternOf = new Map(
    base.vendorPatterns.map((v) => [v.vendorId, { medianDaysLate: v.medianDaysLate, sample: v.sample }]),
  );
  const billFlows = new Map<string, TFlow>();
  for (const f of base.outflows) if (f.kind === "bill" && f.ref) billFlows.set(f.ref.id, f);
  const bills: TConsoleBill[] = ledger.openBills
    .map((b) => ({ b, f: billFlows.get(b.id) }))
    .filter((x): x is { b: (typeof ledger.openBills)[number]; f: TFlow } => Boolean(x.f))
    .map(({ b, f }) => ({
      id: b.id,
      docNumber: b.docNumber,
      vendorName: b.partyId ? (vendorName.get(b.partyId) ?? null) : null,
      amountCents: f.amountCents,
      document: foreign(b),
      dueDate: b.dueDate,
      txnDate: b.txnDate,
      expectedDate: f.date,
      basis: f.basis,
      creditAppliedCents: f.creditAppliedCents ?? null,
      pattern: (b.partyId && patternOf.get(b.partyId)) || null,
      decision: liveOf("Bill", b.id),
    }))
    .sort((a, c) => a.expectedDate.localeCompare(c.expectedDate) || c.amountCents - a.amountCents);

  const inflowOf = new Map<string, TFlow>();
  for (const f of base.inflows) if (f.kind === "invoice" && f.ref) inflowOf.set(f.ref.id, f);
  const atRisk = new Map(base.atRiskAr.map((a) => [a.invoiceId, a.why]));
  const extra = await db
    .select({ id: qboTransactions.qboId, emailStatus: qboTransactions.emailStatus })
    .from(qboTransactions)
    .where(
      and(
        eq(qboTransactions.businessId, ctx.businessId),
        eq(qboTransactions.type, "Invoice"),
        eq(qboTransactions.deleted, false),
        sql`${qboTransactions.balanceCents} > 0`,
      ),
    );
  const emailStatus = new Map(extra.map((e) => [e.id, e.emailStatus]));
  const emails = await db
    .select({ id: qboParties.qboId, email: qboParties.email })
    .from(qboParties)
    .where(and(eq(qboParties.businessId, ctx.businessId), eq(qboParties.kind, "customer")));
  const emailOf = new Map(emails.map((e) => [e.id, e.email]));
  const invoices: TConsoleInvoice[] = ledger.openInvoices
    // Overdue, at risk, or with a live decision (a committed promise takes an invoice off the
    // at-risk list, and it must stay here to be withdrawn).
    .filter(
      (i) => (i.dueDate ?? i.txnDate ?? asOf) < asOf || atRisk.has(i.id) || liveOf("Invoice", i.id) !== null,
    )
    .map((i) => ({
      id: i.id,
      docNumber: i.docNumber,
      txnDate: i.txnDate,
      customerName: i.partyId ? (customerName.get(i.partyId) ?? null) : null,
      customerEmail: i.partyId ? (emailOf.get(i.partyId) ?? null) : null,
      // In the business's home currency, at the invoice's own rate (null: no usable rate).
      amountCents: toHomeCents(i.balanceCents, i.currency, i.exchangeRate, ledger.homeCurrency),
      document: foreign(i),
      habit: habitOf(i.partyId),
      dueDate: i.dueDate,
      daysOverdue:
        i.dueDate && i.dueDate < asOf
          ? Math.round((Date.parse(asOf) - Date.parse(i.dueDate)) / 86_400_000)
          : 0,
      expectedDate: inflowOf.get(i.id)?.date ?? null,
      atRisk: atRisk.get(i.id) ?? null,
      emailStatus: emailStatus.get(i.id) ?? null,
      decision: liveOf("Invoice", i.id),
    }))
    .sort((a, c) => c.daysOverdue - a.daysOverdue || (c.amountCents ?? 0) - (a.amountCents ?? 0));

  const accounts = (
    await db
      .select({ id: qboAccounts.qboId, name: qboAccounts.name, type: qboAccounts.accountType })
      .from(qboAccounts)
      .where(
        and(
          eq(qboAccounts.businessId, ctx.businessId),
          eq(qboAccounts.active, true),
          eq(qboAccounts.deleted, false),
          inArray(qboAccounts.accountType, ["Bank", "Credit Card"]),
        ),
      )
  ).sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));

  const recent = await db
    .select()
    .from(decisions)
    .where(eq(decisions.businessId, ctx.businessId))
    .orderBy(desc(decisions.updatedAt))
    .limit(30);
  return {
    asOf,
    horizonEnd: base.horizonEnd,
    runway: base.runway,
    lowest: base.lowest,
    currency: ctx.business.currency,
    bills,
    invoices,
    accounts,
    recent,
  };
}
