import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { assertCan, type TBusinessContext } from "../access/business-context";
import { recordAudit } from "../audit";
import { businessDate, type Clock } from "../clock";
import type { DB } from "../db/client";
import { scenarios } from "../db/schema";
import { decide } from "../decisions/decisions";
import { sendInvoiceReminder } from "../decisions/write-back";
import { AppError } from "../errors";
import type { QboClient } from "../qbo/client";
import { loadRunwayInput } from "../runway/business-runway";
import type { TLedger } from "../runway/types";
import { scenarioChanges } from "./apply";
import {
  COMMIT_STATE_VERSION,
  decisionKey,
  parseCommitState,
  parseScenarioBody,
  type TCommitOutcome,
  type TScenarioDecision,
} from "./schema";

/**
 * Commit a scenario (issue 17): only its decisions, each on its own — a pay date or promise date
 * becomes a committed decision, a reminder is sent from QuickBooks with its own requestid. One
 * failing leaves the others as they are; its outcome is kept, and committing again retries only
 * what failed (what was committed with the same date is never done twice). Decisions whose
 * document was paid or voided, or whose date has passed, are marked "no longer applies".
 * Hypothetical items are never committed: they are not in QuickBooks.
 */
export async function commitScenario({
  db,
  ctx,
  clock,
  scenarioId,
  client,
  waitMs,
}: {
  db: DB;
  ctx: TBusinessContext;
  clock: Clock;
  scenarioId: string;
  /** Made only when a decision writes to QuickBooks (a reminder). */
  client: () => Promise<QboClient>;
  waitMs?: number;
}): Promise<{ outcomes: (TCommitOutcome & { decision: TScenarioDecision })[]; message: string }> {
  assertCan(ctx, "commit");
  const row = await scenarioRow(db, ctx, scenarioId);
  const body = parseScenarioBody(row.body);
  // Stryker disable next-line ArrayDeclaration: a junk entry of no outcome's key matches no decision
  const prior = new Map((parseCommitState(row.commitState)?.outcomes ?? []).map((o) => [o.key, o]));
  const asOf = businessDate(clock.now(), ctx.business.timezone);
  const { ledger } = await loadRunwayInput({ db, business: ctx.business, asOf });
  const gone = new Set(scenarioChanges(body, ledger, asOf).noLongerApplies.map(decisionKey));
  let qbo: Promise<QboClient> | null = null;
  const once = () => {
    qbo ??= client();
    return qbo;
  };

  const outcomes: (TCommitOutcome & { decision: TScenarioDecision })[] = [];
  for (const d of body.decisions) {
    const key = decisionKey(d);
    const date = d.kind === "remind" ? null : d.date;
    const before = prior.get(key);
    if (before?.status === "committed" && before.date === date) {
      outcomes.push({ ...before, decision: d });
      continue;
    }
    if (gone.has(key)) {
      outcomes.push({
        key,
        date,
        status: "noLongerApplies",
        decisionId: null,
        requestId: null,
        message: ledgerClosed(d, ledger)
          ? "No longer applies: the document was paid or voided since."
          : "No longer applies: its date has passed.",
        decision: d,
      });
      continue;
    }
    try {
      if (d.kind === "remind") {
        const r = await sendInvoiceReminder({ db, ctx, invoiceId: d.targetId, clock, client: once, waitMs });
        outcomes.push({
          key,
          date,
          status: "committed",
          decisionId: r.decisionId,
          requestId: r.requestId,
          message: r.message,
          decision: d,
        });
      } else {
        const r = await decide({
          db,
          ctx,
          input: { kind: d.kind, targetId: d.targetId, date: d.date },
          commit: true,
          clock,
        });
        outcomes.push({
          key,
          date,
          status: "committed",
          decisionId: r.decisionId,
          requestId: null,
          message: r.message,
          decision: d,
        });
      }
    } catch (err) {
      // Stryker disable next-line ConditionalExpression: the writes and decide() answer every failure as an AppError; anything else is a bug, not an outcome
      if (!(err instanceof AppError)) throw err;
      outcomes.push({
        key,
        date,
        status: "failed",
        decisionId: null,
        requestId: null,
        message: err.message,
        decision: d,
      });
    }
  }

  const count = (s: TCommitOutcome["status"]) => outcomes.filter((o) => o.status === s).length;
  await db.transaction(async (tx) => {
    await tx
      .update(scenarios)
      .set({
        commitState: {
          v: COMMIT_STATE_VERSION,
          at: clock.now().toISOString(),
          outcomes: outcomes.map(({ decision: _, ...o }) => o),
        },
      })
      .where(and(eq(scenarios.businessId, ctx.businessId), eq(scenarios.id, scenarioId)));
    await recordAudit(tx, {
      businessId: ctx.businessId,
      actorUserId: ctx.userId,
      action: "scenario.committed",
      detail: {
        scenarioId,
        name: row.name,
        committed: count("committed"),
        failed: count("failed"),
        noLongerApplies: count("noLongerApplies"),
      },
    });
  });
  const failed = count("failed");
  const message =
    body.decisions.length === 0
      ? `“${row.name}” has no decisions to commit; its hypothetical items stay a plan.`
      : failed > 0
        ? `${count("committed")} of ${body.decisions.length} committed; ${failed} failed — fix or try again.`
        : `“${row.name}”: ${count("committed")} of ${body.decisions.length} committed.`;
  return { outcomes, message };
}

/** Whether a decision's document is closed in the ledger (paid or voided), not merely past its date. */
function ledgerClosed(d: TScenarioDecision, ledger: TLedger): boolean {
  const open = d.kind === "schedule" ? ledger.openBills : ledger.openInvoices;
  return !open.some((x) => x.id === d.targetId && x.balanceCents > 0);
}

/**
 * Make a scenario the one the digest mentions, or stop mentioning it. At most one per business:
 * making one active makes any other inactive, in the same transaction.
 */
export async function setActiveScenario({
  db,
  ctx,
  scenarioId,
  active,
}: {
  db: DB;
  ctx: TBusinessContext;
  scenarioId: string;
  active: boolean;
}): Promise<{ message: string }> {
  assertCan(ctx, "prepare");
  const row = await scenarioRow(db, ctx, scenarioId);
  await db.transaction(async (tx) => {
    if (active)
      await tx
        .update(scenarios)
        .set({ active: false })
        .where(and(eq(scenarios.businessId, ctx.businessId), eq(scenarios.active, true)));
    await tx
      .update(scenarios)
      .set({ active })
      .where(and(eq(scenarios.businessId, ctx.businessId), eq(scenarios.id, scenarioId)));
    await recordAudit(tx, {
      businessId: ctx.businessId,
      actorUserId: ctx.userId,
      action: active ? "scenario.activated" : "scenario.deactivated",
      detail: { scenarioId, name: row.name },
    });
  });
  return {
    message: active
      ? `The digest now mentions “${row.name}”.`
      : `The digest no longer mentions “${row.name}”.`,
  };
}

async function scenarioRow(db: DB, ctx: TBusinessContext, scenarioId: string) {
  if (!z.string().uuid().safeParse(scenarioId).success) throw new AppError("not_found", "Scenario not found");
  const [row] = await db
    .select()
    .from(scenarios)
    .where(and(eq(scenarios.businessId, ctx.businessId), eq(scenarios.id, scenarioId)));
  if (!row) throw new AppError("not_found", "Scenario not found");
  return row;
}
