// @ts-nocheck
import "server-only";
import { and, eq, inArray, isNotNull, lt } from "drizzle-orm";
import { centsToDecimalText } from "@/lib/format";
import type { DB } from "../db/client";
import { decisions, qboTransactions } from "../db/schema";

/**
 * After every sync, decisions meet what QuickBooks now says (design: decisions have a
 * lifecycle). A plan for a bill that got paid (or deleted) in QuickBooks is superseded; a plan
 * or promise whose date has passed expires. An executed write whose QuickBooks record no longer
 * matches — the BillPayment was deleted, voided or changed — is marked as drift, which the prep
 * tray shows; drift clears if the record comes back as written.
 */
export async function resolveDecisions({
  db,
  businessId,
  asOf,
  now,
  syncStartedAt,
}: {
  db: DB;
  businessId: string;
  asOf: string;
  now: Date;
  /** Writes executed after this are not judged yet: this sync may have read QuickBooks before them. */
  syncStartedAt: Date;
}): Promise<{ superseded: number; expired: number; drift: number }> {
  const live = await db
    .select()
    .from(decisions)
    .where(
      and(
        eq(decisions.businessId, businessId),
        inArray(decisions.kind, ["schedule", "promise"]),
        inArray(decisions.status, ["planned", "committed"]),
      ),
    );
  const docs = live.length
    ? await db
        .select({
          type: qboTransactions.type,
          id: qboTransactions.qboId,
          balance: qboTransactions.balanceCents,
          deleted: qboTransactions.deleted,
        })
        .from(qboTransactions)
        .where(
          and(
            eq(qboTransactions.businessId, businessId),
            inArray(qboTransactions.type, ["Bill", "Invoice"]),
            inArray(
              qboTransactions.qboId,
              live.map((d) => d.targetId),
            ),
          ),
        )
    : // Stryker disable next-line ArrayDeclaration: with no live decision nothing reads the documents
      [];
  let superseded = 0;
  let expired = 0;
  for (const d of live) {
    const doc = docs.find((x) => x.type === d.targetType && x.id === d.targetId);
    const closed = !doc || doc.deleted || (doc.balance ?? 0) <= 0;
    let next: { status: "superseded" | "expired"; resolution: string } | null = null;
    if (closed)
      next = {
        status: "superseded",
        resolution:
          !doc || doc.deleted
            ? `${d.targetType} deleted in QuickBooks`
            : d.targetType === "Bill"
              ? "Bill paid in QuickBooks"
              : "Invoice paid",
      };
    else if (d.date && d.date < asOf)
      next = {
        status: "expired",
        resolution: d.kind === "promise" ? "The promised date passed unpaid" : "The planned date passed",
      };
    if (!next) continue;
    await db
      .update(decisions)
      .set({
        status: next.status,
        resolvedAt: now,
        updatedAt: now,
        detail: { ...(d.detail as Record<string, unknown>), resolution: next.resolution },
      })
      .where(and(eq(decisions.businessId, businessId), eq(decisions.id, d.id)));
    if (next.status === "superseded") superseded++;
    else expired++;
  }

  // Executed payments against the mirror.
  const written = await db
    .select()
    .from(decisions)
    .where(
      and(
        eq(decisions.businessId, businessId),
        eq(decisions.kind, "recordPayment"),
        eq(decisions.status, "executed"),
        isNotNull(decisions.qboTxnId),
        lt(decisions.executedAt, syncStartedAt),
      ),
    );
  const payments = written.length
    ? await db
        .select({
          id: qboTransactions.qboId,
          amount: qboTransactions.amountCents,
          deleted: qboTransactions.deleted,
        })
        .from(qboTransactions)
        .where(
          and(
            eq(qboTransactions.businessId, businessId),
            eq(qboTransactions.type, "BillPayment"),
            inArray(
              qboTransactions.qboId,
              written.map((d) => d.qboTxnId!),
            ),
          ),
        )
    : // Stryker disable next-line ArrayDeclaration: with no executed write nothing reads the payments
      [];
  let drift = 0;
  for (const d of written) {
    const p = payments.find((x) => x.id === d.qboTxnId);
    const problem =
      !p || p.deleted
        ? "The payment recorded from Oodaloo was deleted in QuickBooks"
        : p.amount !== d.amountCents
          ? `The payment recorded from Oodaloo was changed in QuickBooks (now ${centsToDecimalText(p.amount)})`
          : null;
    const detail = d.detail as Record<string, unknown>;
    if (problem && (!d.driftAt || detail.drift !== problem)) {
      await db
        .update(decisions)
        .set({ driftAt: now, updatedAt: now, detail: { ...detail, drift: problem } })
        .where(and(eq(decisions.businessId, businessId), eq(decisions.id, d.id)));
      drift++;
    } else if (!problem && d.driftAt) {
      const { drift: _gone, ...rest } = detail;
      await db
        .update(decisions)
        .set({ driftAt: null, updatedAt: now, detail: rest })
        .where(and(eq(decisions.businessId, businessId), eq(decisions.id, d.id)));
    } else if (problem) drift++;
  }
  return { superseded, expired, drift };
}
