import "server-only";
import { and, desc, eq, gt, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { centsToDecimalText, docName } from "@/lib/format";
import { assertCan, type TBusinessContext } from "../access/business-context";
import { recordAudit } from "../audit";
import { businessDate, type Clock } from "../clock";
import type { DB } from "../db/client";
import { decisions, qboAccounts, qboParties, qboTransactions } from "../db/schema";
import { AppError } from "../errors";
import { enqueue } from "../jobs/outbox";
import { centsToQboAmount, toCents } from "../lib/money";
import { ZIsoDate, ZMoneyText } from "../lib/validation";
import { markPortfolioStale } from "../portfolio/stale";
import type { QboClient } from "../qbo/client";
import { QboError } from "../qbo/errors";

/**
 * Writes to QuickBooks that QuickBooks can honestly do: record a BillPayment (QuickBooks records
 * it; the money moves through the bank, not through us) and send an invoice reminder. Each write
 * is a decision row whose `requestId` is stored before the first POST; every retry, double click
 * or second process reuses it, so QuickBooks applies the write once. One process at a time holds
 * a short lease to do the POST; the others wait for its outcome. The document is re-read from
 * QuickBooks just before writing: a bill paid or changed there meanwhile is refused, not written.
 * After a write a sync re-reads QuickBooks, and every sync checks executed writes for drift.
 */

const LEASE_MS = 30_000;
const WAIT_MS = 20_000;

export const ZRecordPayment = z.object({
  billId: z.string().regex(/^\d{1,20}$/, "Unknown bill"),
  accountId: z.string().regex(/^\d{1,20}$/, "Choose the account the bill was paid from"),
  date: ZIsoDate("Pick the payment date"),
  amount: ZMoneyText({ example: "1250.00", allowNegative: true }),
});
export type TRecordPayment = z.infer<typeof ZRecordPayment>;

type TWriteResult = { decisionId: string; requestId: string; qboTxnId: string | null; message: string };

const fieldError = (field: string, message: string) =>
  new AppError("invalid_input", "Please correct the highlighted fields.", { [field]: [message] });

/** Record a payment of an open bill in QuickBooks (a BillPayment), exactly once. */
export async function recordBillPayment({
  db,
  ctx,
  input,
  clock,
  client,
  waitMs = WAIT_MS,
  beforeMoneyWrite,
}: {
  db: DB;
  ctx: TBusinessContext;
  input: TRecordPayment;
  clock: Clock;
  /** Made only once the input is valid (a bad request never needs QuickBooks). */
  client: () => Promise<QboClient>;
  /** How long to wait for another process's attempt at this write before answering "in progress". */
  waitMs?: number;
  /**
   * Just before money is written (a valid input, the write claimed): the bank's real-time balance
   * is read, within its once-a-day allowance. It never blocks the write.
   */
  beforeMoneyWrite?: () => Promise<unknown>;
}): Promise<TWriteResult> {
  assertCan(ctx, "commit");
  const now = clock.now();
  const today = businessDate(now, ctx.business.timezone);
  const [bill] = await db
    .select()
    .from(qboTransactions)
    .where(
      and(
        eq(qboTransactions.businessId, ctx.businessId),
        eq(qboTransactions.type, "Bill"),
        eq(qboTransactions.qboId, input.billId),
        eq(qboTransactions.deleted, false),
      ),
    );
  if (!bill) throw new AppError("not_found", "Bill not found");
  const [account] = await db
    .select()
    .from(qboAccounts)
    .where(
      and(
        eq(qboAccounts.businessId, ctx.businessId),
        eq(qboAccounts.qboId, input.accountId),
        eq(qboAccounts.deleted, false),
        eq(qboAccounts.active, true),
      ),
    );
  if (!account || !["Bank", "Credit Card"].includes(account.accountType))
    throw fieldError("accountId", "Choose an active bank or credit card account");
  if (bill.txnDate && input.date < bill.txnDate)
    throw fieldError("date", `The payment cannot be dated before the bill (${bill.txnDate})`);
  if (input.date > today) throw fieldError("date", `The payment cannot be dated after today (${today})`);

  // A double click that arrives after the first click finished: the same payment, not a second.
  const done = await recentlyExecuted(db, ctx.businessId, "recordPayment", input.billId, now, [
    eq(decisions.amountCents, input.amount),
    eq(decisions.accountId, input.accountId),
    eq(decisions.date, input.date),
  ]);
  if (done) return resultOf(done, "This payment was already recorded in QuickBooks.");

  if ((bill.balanceCents ?? 0) <= 0) throw new AppError("conflict", "This bill is already paid.");
  if (input.amount > (bill.balanceCents ?? 0))
    throw fieldError(
      "amount",
      `At most the open balance (${centsToDecimalText(bill.balanceCents!)}); this bill is ${centsToDecimalText(bill.balanceCents ?? 0)} open.`,
    );

  // The decision and its requestid exist before any POST; a concurrent call finds this row.
  const decision = await claimWrite(db, {
    businessId: ctx.businessId,
    kind: "recordPayment",
    targetType: "Bill",
    targetId: input.billId,
    date: input.date,
    amountCents: input.amount,
    accountId: input.accountId,
    rail: "qbo_record",
    detail: {
      label: `record payment of ${docName("bill", bill.docNumber, bill.txnDate)} from ${account.name}`,
    },
    userId: ctx.userId,
    now,
  });
  if (
    decision.amountCents !== input.amount ||
    decision.accountId !== input.accountId ||
    decision.date !== input.date
  )
    throw new AppError(
      "conflict",
      "Another payment of this bill is being recorded right now with different details. Wait a moment and refresh.",
    );

  return withLease(db, ctx, decision.id, clock, waitMs, async () => {
    await beforeMoneyWrite?.().catch(() => undefined);
    // Re-read the bill from QuickBooks just before writing.
    const qbo = await client();
    const fresh = (await qbo.read("bill", input.billId)).Bill as Record<string, unknown> | undefined;
    const balance = toCents(fresh?.Balance) ?? 0;
    // A retry of a payment already sent, finding the bill lower by exactly this payment: that is
    // our own write, committed before its answer was lost. Send it again with the same
    // requestid; QuickBooks answers with the payment it made instead of making another.
    const ourOwn =
      (await wasSent(db, ctx, decision.id)) && balance === (bill.balanceCents ?? 0) - input.amount;
    if (!ourOwn && (!fresh || String(fresh.SyncToken) !== String(bill.syncToken))) {
      if (balance < input.amount || !fresh)
        return fail(
          db,
          ctx,
          decision.id,
          now,
          "The bill was paid or changed in QuickBooks since the last sync; nothing was recorded. Sync, then try again.",
        );
      // Changed (e.g. a memo) but still open for this amount: proceed on QuickBooks' current version.
    }
    if (!ourOwn && balance < input.amount)
      return fail(
        db,
        ctx,
        decision.id,
        now,
        `The bill was paid or changed in QuickBooks since the last sync: it shows ${centsToDecimalText(balance)} open now; nothing was recorded.`,
      );
    const payType = account.accountType === "Bank" ? "Check" : "CreditCard";
    const body = {
      VendorRef: { value: bill.vendorId },
      PayType: payType,
      ...(payType === "Check"
        ? { CheckPayment: { BankAccountRef: { value: account.qboId } } }
        : { CreditCardPayment: { CCAccountRef: { value: account.qboId } } }),
      TotalAmt: centsToQboAmount(input.amount),
      TxnDate: input.date,
      PrivateNote: "Recorded from Oodaloo",
      Line: [
        { Amount: centsToQboAmount(input.amount), LinkedTxn: [{ TxnId: input.billId, TxnType: "Bill" }] },
      ],
    };
    await markSent(db, ctx, decision.id, now);
    const res = await qbo.post("billpayment", body, decision.requestId!);
    const bp = res.BillPayment as { Id?: string } | undefined;
    return succeed(db, ctx, decision.id, now, bp?.Id ?? null, "Payment recorded in QuickBooks.");
  });
}

/** Send an open invoice to the customer from QuickBooks (its reminder), exactly once. */
export async function sendInvoiceReminder({
  db,
  ctx,
  invoiceId,
  clock,
  client,
  waitMs = WAIT_MS,
}: {
  db: DB;
  ctx: TBusinessContext;
  invoiceId: string;
  clock: Clock;
  /** Made only once the input is valid (a bad request never needs QuickBooks). */
  client: () => Promise<QboClient>;
  /** How long to wait for another process's attempt at this write before answering "in progress". */
  waitMs?: number;
}): Promise<TWriteResult> {
  assertCan(ctx, "commit");
  const now = clock.now();
  if (!/^\d{1,20}$/.test(invoiceId)) throw new AppError("not_found", "Invoice not found");
  const [inv] = await db
    .select({ t: qboTransactions, email: qboParties.email, customer: qboParties.displayName })
    .from(qboTransactions)
    .leftJoin(
      qboParties,
      and(
        eq(qboParties.businessId, qboTransactions.businessId),
        eq(qboParties.kind, "customer"),
        eq(qboParties.qboId, qboTransactions.customerId),
      ),
    )
    .where(
      and(
        eq(qboTransactions.businessId, ctx.businessId),
        eq(qboTransactions.type, "Invoice"),
        eq(qboTransactions.qboId, invoiceId),
        eq(qboTransactions.deleted, false),
      ),
    );
  if (!inv) throw new AppError("not_found", "Invoice not found");
  if ((inv.t.balanceCents ?? 0) <= 0) throw new AppError("conflict", "This invoice is already paid.");
  if (!inv.email)
    throw new AppError(
      "conflict",
      `${inv.customer ?? "This customer"} has no email address in QuickBooks; add one there, then send the reminder.`,
    );
  // A second click after the first finished: the same reminder, not another email.
  const sent = await recentlyExecuted(db, ctx.businessId, "reminder", invoiceId, now);
  if (sent) return resultOf(sent, "A reminder was sent for this invoice a few minutes ago.");
  const decision = await claimWrite(db, {
    businessId: ctx.businessId,
    kind: "reminder",
    targetType: "Invoice",
    targetId: invoiceId,
    // The business day it went out: the forecast expects the invoice the customer's habit after it.
    date: businessDate(now, ctx.business.timezone),
    rail: "qbo_send",
    detail: { label: `reminder for ${docName("invoice", inv.t.docNumber, inv.t.txnDate)} to ${inv.email}` },
    userId: ctx.userId,
    now,
  });
  return withLease(db, ctx, decision.id, clock, waitMs, async () => {
    await markSent(db, ctx, decision.id, now);
    await (await client()).post(`invoice/${invoiceId}/send`, undefined, decision.requestId!, {
      sendTo: inv.email!,
    });
    return succeed(db, ctx, decision.id, now, null, `Reminder sent to ${inv.email} from QuickBooks.`);
  });
}

/** Whether an earlier attempt of this write already sent it to QuickBooks. */
async function wasSent(db: DB, ctx: TBusinessContext, decisionId: string): Promise<boolean> {
  const [d] = await db
    .select({ at: decisions.firstSentAt })
    .from(decisions)
    .where(and(eq(decisions.businessId, ctx.businessId), eq(decisions.id, decisionId)));
  return d?.at != null;
}

/** Recorded before each POST (the first one's time is kept): a later retry knows it was sent. */
async function markSent(db: DB, ctx: TBusinessContext, decisionId: string, now: Date) {
  await db
    .update(decisions)
    .set({ firstSentAt: sql`coalesce(${decisions.firstSentAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(decisions.businessId, ctx.businessId), eq(decisions.id, decisionId)));
}

/** How long a finished write still answers a repeated click with itself instead of a new write. */
const REPEAT_WINDOW_MS = 10 * 60_000;

/** The same write, executed moments ago (a double click that arrived after the first finished). */
async function recentlyExecuted(
  db: DB,
  businessId: string,
  kind: "recordPayment" | "reminder",
  targetId: string,
  now: Date,
  same: SQL[] = [],
) {
  const [d] = await db
    .select()
    .from(decisions)
    .where(
      and(
        eq(decisions.businessId, businessId),
        eq(decisions.kind, kind),
        eq(decisions.targetId, targetId),
        eq(decisions.status, "executed"),
        gt(decisions.executedAt, new Date(now.getTime() - REPEAT_WINDOW_MS)),
        ...same,
      ),
    )
    .orderBy(desc(decisions.executedAt))
    .limit(1);
  return d ?? null;
}

/**
 * The write's decision row with its requestid, stored before any POST: inserted now, or — when a
 * concurrent call got there first (one live write per document and kind) — the one it inserted.
 */
async function claimWrite(
  db: DB,
  w: {
    businessId: string;
    kind: "recordPayment" | "reminder";
    targetType: "Bill" | "Invoice";
    targetId: string;
    date?: string;
    amountCents?: number;
    accountId?: string;
    rail: string;
    detail: Record<string, unknown>;
    userId: string;
    now: Date;
  },
) {
  const { userId, now, ...row } = w;
  const [inserted] = await db
    .insert(decisions)
    .values({
      ...row,
      status: "committed",
      requestId: crypto.randomUUID(),
      createdBy: userId,
      committedBy: userId,
      createdAt: now,
      committedAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  return inserted ?? (await liveWrite(db, w.businessId, w.kind, w.targetId));
}

async function liveWrite(db: DB, businessId: string, kind: "recordPayment" | "reminder", targetId: string) {
  const [d] = await db
    .select()
    .from(decisions)
    .where(
      and(
        eq(decisions.businessId, businessId),
        eq(decisions.kind, kind),
        eq(decisions.targetId, targetId),
        sql`${decisions.status} in ('planned', 'committed')`,
      ),
    );
  if (!d) throw new AppError("conflict", "The write finished meanwhile; refresh to see it.");
  return d;
}

/**
 * Run `write` while holding the decision's lease. Whoever does not get the lease waits for the
 * holder's outcome (executed or failed) and returns it. A holder that crashed loses the lease
 * after LEASE_MS; the next attempt writes again with the same requestid, which QuickBooks
 * answers with the first write's result.
 */
async function withLease(
  db: DB,
  ctx: TBusinessContext,
  decisionId: string,
  clock: Clock,
  waitMs: number,
  write: () => Promise<TWriteResult>,
): Promise<TWriteResult> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const [got] = await db
      .update(decisions)
      .set({ leaseUntil: sql`clock_timestamp() + ${LEASE_MS} * interval '1 millisecond'` })
      .where(
        and(
          eq(decisions.businessId, ctx.businessId),
          eq(decisions.id, decisionId),
          eq(decisions.status, "committed"),
          sql`(${decisions.leaseUntil} is null or ${decisions.leaseUntil} < clock_timestamp())`,
        ),
      )
      .returning({ id: decisions.id });
    if (got) {
      try {
        return await write();
      } catch (err) {
        if (err instanceof AppError) throw err; // already decided (refused, failed) with its message
        // A permanent QuickBooks refusal fails the decision; anything else keeps it committed
        // (with the same requestid) so the next attempt finishes the same write.
        if (err instanceof QboError && (err.kind === "permanent" || err.kind === "stale"))
          return fail(db, ctx, decisionId, clock.now(), `QuickBooks refused: ${err.message}`);
        await db
          .update(decisions)
          .set({
            leaseUntil: null,
            detail: sql`${decisions.detail} || ${JSON.stringify({ lastError: String(err instanceof Error ? err.message : err) })}::jsonb`,
          })
          .where(and(eq(decisions.businessId, ctx.businessId), eq(decisions.id, decisionId)));
        throw new AppError(
          "upstream",
          "QuickBooks did not answer; nothing is lost — try again and the same write is completed, never doubled.",
        );
      }
    }
    const [d] = await db
      .select()
      .from(decisions)
      .where(and(eq(decisions.businessId, ctx.businessId), eq(decisions.id, decisionId)));
    if (d && d.status === "executed") return resultOf(d, "Already done.");
    if (d && d.status === "failed")
      throw new AppError("conflict", String(d.detail.error ?? "The write failed."));
    // Stryker disable next-line EqualityOperator: > and >= differ only at one millisecond of a wall clock
    if (Date.now() > deadline)
      throw new AppError(
        "upstream",
        "The write is still in progress; refresh in a moment to see its outcome.",
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

function resultOf(d: typeof decisions.$inferSelect, message: string): TWriteResult {
  return { decisionId: d.id, requestId: d.requestId!, qboTxnId: d.qboTxnId, message };
}

async function succeed(
  db: DB,
  ctx: TBusinessContext,
  decisionId: string,
  now: Date,
  qboTxnId: string | null,
  message: string,
): Promise<TWriteResult> {
  const row = await db.transaction(async (tx) => {
    const [d] = await tx
      .update(decisions)
      .set({ status: "executed", qboTxnId, executedAt: now, updatedAt: now, leaseUntil: null })
      .where(and(eq(decisions.businessId, ctx.businessId), eq(decisions.id, decisionId)))
      .returning();
    // An executed reminder moves the forecast (the invoice lands after it): the advisor's row too.
    await markPortfolioStale(tx, ctx.businessId);
    await recordAudit(tx, {
      businessId: ctx.businessId,
      actorUserId: ctx.userId,
      action: `decision.executed`,
      detail: { decisionId, kind: d!.kind, label: d!.detail.label, requestId: d!.requestId, qboTxnId },
    });
    // Re-read QuickBooks after the write (the sync also checks executed writes for drift).
    await enqueue(tx, {
      id: `sync:after-write:${decisionId}`,
      name: "qbo/sync.requested",
      data: { businessId: ctx.businessId, trigger: "manual" },
    });
    return d!;
  });
  return resultOf(row, message);
}

async function fail(
  db: DB,
  ctx: TBusinessContext,
  decisionId: string,
  now: Date,
  error: string,
): Promise<never> {
  await db
    .update(decisions)
    .set({
      status: "failed",
      resolvedAt: now,
      updatedAt: now,
      leaseUntil: null,
      detail: sql`${decisions.detail} || ${JSON.stringify({ error })}::jsonb`,
    })
    .where(and(eq(decisions.businessId, ctx.businessId), eq(decisions.id, decisionId)));
  throw new AppError("conflict", error);
}
