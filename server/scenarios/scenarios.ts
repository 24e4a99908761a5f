import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { assertCan, type TBusinessContext } from "../access/business-context";
import { recordAudit } from "../audit";
import { businessDate, type Clock } from "../clock";
import type { DB } from "../db/client";
import { scenarios } from "../db/schema";
import { AppError } from "../errors";
import { loadRunwayInput } from "../runway/business-runway";
import { computeRunway, NEAR_TERM_DAYS, type TLow } from "../runway/engine";
import type { TRunway, TRunwayResult } from "../runway/types";
import { scenarioChanges } from "./apply";
import { parseScenarioBody, type TScenarioBody, type TScenarioDecision, ZScenarioBody } from "./schema";

/**
 * Named scenarios (issue 17): a saved set of hypothetical items and decisions, applied together on
 * top of the plan (committed decisions and reserves), compared with the base and with each other.
 * The base never includes a scenario. Owners and advisors see the same scenarios.
 */
export const MAX_COMPARED = 3;

export const ZSaveScenario = z.object({
  scenarioId: z.string().uuid().optional(),
  name: z.string().trim().min(1, "Name the scenario").max(80, "At most 80 characters"),
  body: ZScenarioBody,
});

export type TScenarioSummary = { id: string; name: string; body: TScenarioBody; updatedAt: Date };

export async function listScenarios({
  db,
  ctx,
}: {
  db: DB;
  ctx: TBusinessContext;
}): Promise<TScenarioSummary[]> {
  assertCan(ctx, "view");
  const rows = await db
    .select()
    .from(scenarios)
    .where(eq(scenarios.businessId, ctx.businessId))
    .orderBy(asc(scenarios.createdAt), asc(scenarios.name), asc(scenarios.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    body: parseScenarioBody(r.body),
    updatedAt: r.updatedAt,
  }));
}

/** Create a scenario, or replace one's name and body (audited). */
export async function saveScenario({
  db,
  ctx,
  input,
  clock,
}: {
  db: DB;
  ctx: TBusinessContext;
  input: z.infer<typeof ZSaveScenario>;
  clock: Clock;
}): Promise<{ scenarioId: string; message: string }> {
  assertCan(ctx, "prepare");
  const now = clock.now();
  return db.transaction(async (tx) => {
    let id = input.scenarioId;
    if (id) {
      const [row] = await tx
        .update(scenarios)
        .set({ name: input.name, body: input.body, updatedAt: now })
        .where(and(eq(scenarios.businessId, ctx.businessId), eq(scenarios.id, id)))
        .returning({ id: scenarios.id });
      if (!row) throw new AppError("not_found", "Scenario not found");
    } else {
      const [row] = await tx
        .insert(scenarios)
        .values({
          businessId: ctx.businessId,
          name: input.name,
          body: input.body,
          createdBy: ctx.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: scenarios.id });
      id = row!.id;
    }
    await recordAudit(tx, {
      businessId: ctx.businessId,
      actorUserId: ctx.userId,
      action: input.scenarioId ? "scenario.updated" : "scenario.created",
      detail: {
        scenarioId: id,
        name: input.name,
        items: input.body.items.length,
        decisions: input.body.decisions.length,
      },
    });
    return { scenarioId: id, message: `Scenario “${input.name}” saved.` };
  });
}

export async function deleteScenario({
  db,
  ctx,
  scenarioId,
}: {
  db: DB;
  ctx: TBusinessContext;
  scenarioId: string;
}): Promise<{ message: string }> {
  assertCan(ctx, "prepare");
  if (!z.string().uuid().safeParse(scenarioId).success) throw new AppError("not_found", "Scenario not found");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(scenarios)
      .where(and(eq(scenarios.businessId, ctx.businessId), eq(scenarios.id, scenarioId)))
      .returning({ name: scenarios.name });
    if (!row) throw new AppError("not_found", "Scenario not found");
    await recordAudit(tx, {
      businessId: ctx.businessId,
      actorUserId: ctx.userId,
      action: "scenario.deleted",
      detail: { scenarioId, name: row.name },
    });
    return { message: `Scenario “${row.name}” deleted.` };
  });
}

export type TProjectionSummary = {
  runway: TRunway;
  lowest: TLow;
  /** The low point over the next 4 weeks (days 0–27, opening spendable included). */
  low4Weeks: TLow;
  /** Projected spendable at each day's close, day 0 first. */
  path: { date: string; spendableCents: number }[];
};

export type TComparedScenario = TProjectionSummary & {
  id: string;
  name: string;
  /** The scenario the digest mentions. */
  active: boolean;
  /** Decisions whose document is no longer open (paid or voided since): left out of the scenario. */
  noLongerApplies: TScenarioDecision[];
};

/** The base and up to MAX_COMPARED scenarios, each with its runway, 4- and 13-week lows and path. */
export async function compareScenarios({
  db,
  ctx,
  clock,
  scenarioIds,
}: {
  db: DB;
  ctx: TBusinessContext;
  clock: Clock;
  scenarioIds: string[];
}): Promise<{ asOf: string; base: TProjectionSummary; scenarios: TComparedScenario[] }> {
  assertCan(ctx, "view");
  const ids = [...new Set(scenarioIds)];
  if (ids.length > MAX_COMPARED)
    throw new AppError("invalid_input", `Compare at most ${MAX_COMPARED} scenarios with the base.`);
  if (!ids.every((x) => z.string().uuid().safeParse(x).success))
    throw new AppError("not_found", "Scenario not found");
  const rows = ids.length
    ? await db
        .select()
        .from(scenarios)
        .where(and(eq(scenarios.businessId, ctx.businessId), inArray(scenarios.id, ids)))
    : [];
  if (rows.length !== ids.length) throw new AppError("not_found", "Scenario not found");
  const asOf = businessDate(clock.now(), ctx.business.timezone);
  const { ledger, options } = await loadRunwayInput({ db, business: ctx.business, asOf });
  const base = computeRunway(ledger, options);
  return {
    asOf,
    base: summary(base),
    scenarios: ids.map((id) => {
      const row = rows.find((r) => r.id === id)!;
      const { changes, noLongerApplies } = scenarioChanges(parseScenarioBody(row.body), ledger, asOf);
      // Stryker disable next-line ArrayDeclaration: the plan always has a list of changes (loadRunwayInput)
      const r = computeRunway(ledger, { ...options, changes: [...(options.changes ?? []), ...changes] });
      return { id, name: row.name, active: row.active, ...summary(r), noLongerApplies };
    }),
  };
}

function summary(r: TRunwayResult): TProjectionSummary {
  const opening = { date: r.asOf, spendableCents: r.spendableCents };
  let low4Weeks: TLow = opening;
  for (const d of r.days.slice(0, NEAR_TERM_DAYS))
    if (d.spendableCents < low4Weeks.spendableCents)
      low4Weeks = { date: d.date, spendableCents: d.spendableCents };
  return {
    runway: r.runway,
    lowest: r.lowest,
    low4Weeks,
    path: r.days.map((d) => ({ date: d.date, spendableCents: d.spendableCents })),
  };
}
