import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { assertCan, type TBusinessContext } from "../access/business-context";
import { recordAudit } from "../audit";
import { businessDate, type Clock } from "../clock";
import type { DB } from "../db/client";
import { scenarios } from "../db/schema";
import { AppError } from "../errors";
import { ZIsoDate, ZMoneyText } from "../lib/validation";
import { loadRunwayInput } from "../runway/business-runway";
import { computeRunway } from "../runway/engine";
import { type THypothetical, templateKey } from "../runway/scenario-items";
import type { TLedger, TRunwayResult, TSubject } from "../runway/types";
import {
  decisionKey,
  parseCommitState,
  parseScenarioBody,
  type TCommitState,
  type TScenarioBody,
  type TScenarioDecision,
  ZScenarioBody,
} from "./schema";

/** A document a scenario decision can name: an open bill or invoice. */
export type TWorkspaceDoc = {
  id: string;
  docNumber: string | null;
  txnDate: string | null;
  party: string | null;
  balanceCents: number;
  dueDate: string | null;
};
/** A recurring item a scenario can move: a QuickBooks template or a series found in the bank. */
export type TWorkspaceRecurring = {
  key: string;
  subject: TSubject;
  amountCents: number;
  direction: "in" | "out";
  /** Its next occurrence in the horizon (null: none). */
  next: string | null;
};
export type TWorkspaceScenario = {
  id: string;
  name: string;
  body: TScenarioBody;
  active: boolean;
  commit: TCommitState | null;
  updatedAt: Date;
};
export type TScenarioWorkspace = {
  asOf: string;
  horizonEnd: string;
  currency: string;
  scenarios: TWorkspaceScenario[];
  bills: TWorkspaceDoc[];
  invoices: TWorkspaceDoc[];
  customers: { id: string; name: string }[];
  recurring: TWorkspaceRecurring[];
};

/** The scenarios and everything their editor can name, read from the mirror. */
export async function getScenarioWorkspace({
  db,
  ctx,
  clock,
}: {
  db: DB;
  ctx: TBusinessContext;
  clock: Clock;
}): Promise<TScenarioWorkspace> {
  assertCan(ctx, "view");
  const asOf = businessDate(clock.now(), ctx.business.timezone);
  const [{ ledger, options }, rows] = await Promise.all([
    loadRunwayInput({ db, business: ctx.business, asOf }),
    db
      .select()
      .from(scenarios)
      .where(eq(scenarios.businessId, ctx.businessId))
      .orderBy(asc(scenarios.createdAt), asc(scenarios.name), asc(scenarios.id)),
  ]);
  const base = computeRunway(ledger, options);
  const vendorName = new Map(ledger.vendors.map((v) => [v.id, v.name]));
  const customerName = new Map(ledger.customers.map((c) => [c.id, c.name]));
  const docs = (list: TLedger["openBills"], names: Map<string, string>): TWorkspaceDoc[] =>
    list
      .filter((d) => d.balanceCents > 0)
      .map((d) => ({
        id: d.id,
        docNumber: d.docNumber,
        txnDate: d.txnDate,
        party: d.partyId ? (names.get(d.partyId) ?? null) : null,
        balanceCents: d.balanceCents,
        dueDate: d.dueDate,
      }))
      .sort((a, b) => (a.dueDate ?? "").localeCompare(b.dueDate ?? "") || a.id.localeCompare(b.id));
  return {
    asOf,
    horizonEnd: base.horizonEnd,
    currency: ledger.homeCurrency,
    scenarios: rows.map((r) => ({
      id: r.id,
      name: r.name,
      body: parseScenarioBody(r.body),
      active: r.active,
      commit: parseCommitState(r.commitState),
      updatedAt: r.updatedAt,
    })),
    bills: docs(ledger.openBills, vendorName),
    invoices: docs(ledger.openInvoices, customerName),
    customers: [...ledger.customers].sort((a, b) => a.name.localeCompare(b.name)),
    recurring: recurringOf(base),
  };
}

/** The recurring items of the base projection, templates first, each with its next date. */
export function recurringOf(base: TRunwayResult): TWorkspaceRecurring[] {
  const out = new Map<string, TWorkspaceRecurring>();
  for (const [flows, direction] of [
    [base.outflows, "out"],
    [base.inflows, "in"],
  ] as const)
    for (const f of flows)
      if (f.ref?.type === "RecurringTransaction" && !out.has(templateKey(f.ref.id)))
        out.set(templateKey(f.ref.id), {
          key: templateKey(f.ref.id),
          subject: f.subject,
          amountCents: f.amountCents,
          direction,
          next: f.date,
        });
  for (const s of base.recurringSeries)
    out.set(s.key, {
      key: s.key,
      subject: s.subject,
      amountCents: s.amountCents,
      direction: "out",
      next:
        base.outflows.find(
          (f) =>
            f.basis.kind === "recurringDetected" &&
            f.partyId === s.vendorId &&
            f.basis.dayOfMonth === s.dayOfMonth,
        )?.date ?? null,
    });
  return [...out.values()];
}

// ── editing: one entry at a time, from a form ──

const int = (min: number, max: number, message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^-?\d{1,4}$/, message)
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message));
const percentBp = z
  .string({ error: "Enter a percentage like 7.65" })
  .trim()
  .transform((s) => s.replace(/%$/, "").trim())
  .pipe(z.string().regex(/^\d{1,2}(\.\d{1,2})?$/, "Enter a percentage like 7.65"))
  .transform((s) => {
    const [whole, frac = ""] = s.split(".");
    return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  })
  .pipe(z.number().int().max(5_000, "At most 50%"));
const label = z.string({ error: "Name it" }).trim().min(1, "Name it").max(80, "At most 80 characters");
const docId = z.string().regex(/^\d{1,20}$/, "Pick a document");

/** What the "add to scenario" forms send: text fields, parsed here into an item or a decision. */
export const ZScenarioEntryForm = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("hire"),
    name: label,
    monthly: ZMoneyText({ example: "6500.00" }),
    from: ZIsoDate("Pick the start date"),
    payDay: int(1, 31, "A day from 1 to 31"),
    taxPercent: percentBp,
  }),
  z.object({
    kind: z.literal("loan"),
    name: label,
    amount: ZMoneyText({ example: "50000.00" }),
    on: ZIsoDate("Pick the draw date"),
    repayment: ZMoneyText({ example: "1500.00" }),
    firstRepayment: ZIsoDate("Pick the first repayment date"),
    months: int(1, 360, "From 1 to 360 months"),
  }),
  z.object({
    kind: z.literal("retainer"),
    name: label,
    monthly: ZMoneyText({ example: "4000.00" }),
    from: ZIsoDate("Pick the start date"),
    dayOfMonth: int(1, 31, "A day from 1 to 31"),
  }),
  z.object({
    kind: z.literal("oneOff"),
    name: label,
    direction: z.enum(["in", "out"], { error: "Money in or out?" }),
    amount: ZMoneyText({ example: "2500.00" }),
    on: ZIsoDate("Pick the date"),
  }),
  z.object({
    kind: z.literal("lostClient"),
    customerId: z.string({ error: "Pick the client" }).regex(/^\d{1,20}$/, "Pick the client"),
    from: ZIsoDate("Pick the date the client leaves"),
  }),
  z.object({
    kind: z.literal("move"),
    recurring: z.string({ error: "Pick a recurring item" }).min(1, "Pick a recurring item").max(80),
    from: ZIsoDate("Pick the first date it moves from"),
    shiftDays: int(-27, 60, "From −27 to 60 days").refine((v) => v !== 0, "Move it by at least one day"),
  }),
  z.object({ kind: z.literal("schedule"), targetId: docId, date: ZIsoDate("Pick the payment date") }),
  z.object({ kind: z.literal("promise"), targetId: docId, date: ZIsoDate("Pick the promised date") }),
  z.object({ kind: z.literal("remind"), targetId: docId }),
]);
export type TScenarioEntryForm = z.infer<typeof ZScenarioEntryForm>;

const fieldError = (field: string, message: string) =>
  new AppError("invalid_input", "Please correct the highlighted fields.", { [field]: [message] });

/**
 * Add an item or a decision to a scenario (a decision replaces the scenario's decision of the same
 * kind for the same document). What it names must exist in the mirror now: an open document, a
 * customer, a recurring item of the projection.
 */
export async function addScenarioEntry({
  db,
  ctx,
  clock,
  scenarioId,
  entry,
}: {
  db: DB;
  ctx: TBusinessContext;
  clock: Clock;
  scenarioId: string;
  entry: TScenarioEntryForm;
}): Promise<{ message: string }> {
  assertCan(ctx, "prepare");
  const asOf = businessDate(clock.now(), ctx.business.timezone);
  const { ledger, options } = await loadRunwayInput({ db, business: ctx.business, asOf });
  const id = crypto.randomUUID().slice(0, 8);
  let item: THypothetical | null = null;
  let decision: TScenarioDecision | null = null;
  const openOf = (list: TLedger["openBills"], targetId: string) =>
    list.find((d) => d.id === targetId && d.balanceCents > 0);
  switch (entry.kind) {
    case "hire":
      item = {
        kind: "hire",
        id,
        name: entry.name,
        monthlyCents: entry.monthly,
        from: entry.from,
        payDay: entry.payDay,
        taxBp: entry.taxPercent,
      };
      break;
    case "loan":
      if (entry.firstRepayment < entry.on)
        throw fieldError("firstRepayment", "The first repayment comes after the draw");
      item = {
        kind: "loan",
        id,
        name: entry.name,
        amountCents: entry.amount,
        on: entry.on,
        repaymentCents: entry.repayment,
        firstRepayment: entry.firstRepayment,
        months: entry.months,
      };
      break;
    case "retainer":
      item = {
        kind: "retainer",
        id,
        name: entry.name,
        monthlyCents: entry.monthly,
        from: entry.from,
        dayOfMonth: entry.dayOfMonth,
      };
      break;
    case "oneOff":
      item = {
        kind: "oneOff",
        id,
        name: entry.name,
        amountCents: entry.direction === "in" ? entry.amount : -entry.amount,
        on: entry.on,
      };
      break;
    case "lostClient": {
      const c = ledger.customers.find((x) => x.id === entry.customerId);
      if (!c) throw fieldError("customerId", "Pick a client from the list");
      item = { kind: "lostClient", id, name: c.name, customerId: c.id, from: entry.from };
      break;
    }
    case "move": {
      const r = recurringOf(computeRunway(ledger, options)).find((x) => x.key === entry.recurring);
      if (!r) throw fieldError("recurring", "Pick a recurring item from the list");
      item = {
        kind: "move",
        id,
        name: recurringName(r.subject),
        recurring: r.key,
        from: entry.from,
        shiftDays: entry.shiftDays,
      };
      break;
    }
    case "schedule":
      if (!openOf(ledger.openBills, entry.targetId)) throw fieldError("targetId", "Pick an open bill");
      if (entry.date < asOf) throw fieldError("date", `Pick today (${asOf}) or later`);
      decision = { kind: "schedule", targetId: entry.targetId, date: entry.date };
      break;
    case "promise":
      if (!openOf(ledger.openInvoices, entry.targetId)) throw fieldError("targetId", "Pick an open invoice");
      if (entry.date < asOf) throw fieldError("date", `Pick today (${asOf}) or later`);
      decision = { kind: "promise", targetId: entry.targetId, date: entry.date };
      break;
    case "remind":
      if (!openOf(ledger.openInvoices, entry.targetId)) throw fieldError("targetId", "Pick an open invoice");
      decision = { kind: "remind", targetId: entry.targetId };
      break;
  }
  return updateBody(db, ctx, clock, scenarioId, (body) => {
    if (item) return { ...body, items: [...body.items, item] };
    const key = decisionKey(decision!);
    return { ...body, decisions: [...body.decisions.filter((d) => decisionKey(d) !== key), decision!] };
  });
}

/** The name a moved recurring item is saved under (its party, else its template's name). */
function recurringName(s: TSubject): string {
  if (s.kind === "template") return (s.party ?? s.name ?? "Recurring item").slice(0, 80);
  if (s.kind === "detected")
    return (s.toCard ? "Card payment" : (s.party ?? "Recurring payment")).slice(0, 80);
  return "Recurring item";
}

/** Remove one item (`item:<id>`) or decision (`decision:<kind>:<targetId>`) from a scenario. */
export async function removeScenarioEntry({
  db,
  ctx,
  clock,
  scenarioId,
  entry,
}: {
  db: DB;
  ctx: TBusinessContext;
  clock: Clock;
  scenarioId: string;
  entry: string;
}): Promise<{ message: string }> {
  assertCan(ctx, "prepare");
  return updateBody(db, ctx, clock, scenarioId, (body) => {
    const next = {
      ...body,
      items: body.items.filter((it) => `item:${it.id}` !== entry),
      decisions: body.decisions.filter((d) => `decision:${decisionKey(d)}` !== entry),
    };
    if (next.items.length === body.items.length && next.decisions.length === body.decisions.length)
      throw new AppError("not_found", "That is no longer in the scenario.");
    return next;
  });
}

/** Read, change and write a scenario's body in one transaction (the row locked), audited. */
async function updateBody(
  db: DB,
  ctx: TBusinessContext,
  clock: Clock,
  scenarioId: string,
  change: (body: TScenarioBody) => TScenarioBody,
): Promise<{ message: string }> {
  if (!z.string().uuid().safeParse(scenarioId).success) throw new AppError("not_found", "Scenario not found");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(scenarios)
      .where(and(eq(scenarios.businessId, ctx.businessId), eq(scenarios.id, scenarioId)))
      .for("update");
    if (!row) throw new AppError("not_found", "Scenario not found");
    const parsed = ZScenarioBody.safeParse(change(parseScenarioBody(row.body)));
    if (!parsed.success)
      throw new AppError(
        "invalid_input",
        // Stryker disable next-line StringLiteral: a failed parse always has an issue; the words are a fallback
        parsed.error.issues[0]?.message ?? "That does not fit in a scenario.",
      );
    await tx
      .update(scenarios)
      .set({ body: parsed.data, updatedAt: clock.now() })
      .where(and(eq(scenarios.businessId, ctx.businessId), eq(scenarios.id, scenarioId)));
    await recordAudit(tx, {
      businessId: ctx.businessId,
      actorUserId: ctx.userId,
      action: "scenario.updated",
      detail: {
        scenarioId,
        name: row.name,
        items: parsed.data.items.length,
        decisions: parsed.data.decisions.length,
      },
    });
    return { message: `“${row.name}” updated.` };
  });
}
