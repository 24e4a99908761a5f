import { z } from "zod";
import { MAX_FORM_CENTS, ZIsoDate } from "../lib/validation";
import type { THypothetical } from "../runway/scenario-items";

/**
 * A scenario as stored (`scenarios.body`), read back through this schema: its hypothetical items
 * and its decisions (pay a bill on a date, a promise date on an invoice). Version 1.
 */
export const SCENARIO_BODY_VERSION = 1;

const id = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "Unknown item");
const name = z.string().trim().min(1, "Name it").max(80, "At most 80 characters");
const cents = z.number().int().min(1, "More than zero").max(MAX_FORM_CENTS, "That amount is too large");
const day = z.number().int().min(1, "A day from 1 to 31").max(31, "A day from 1 to 31");
const docId = z.string().regex(/^\d{1,20}$/, "Unknown document");

export const ZHypothetical = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("hire"),
    id,
    name,
    monthlyCents: cents,
    from: ZIsoDate("Pick the start date"),
    payDay: day,
    taxBp: z.number().int().min(0).max(5_000, "At most 50%"),
  }),
  z.object({
    kind: z.literal("loan"),
    id,
    name,
    amountCents: cents,
    on: ZIsoDate("Pick the draw date"),
    repaymentCents: cents,
    firstRepayment: ZIsoDate("Pick the first repayment date"),
    months: z.number().int().min(1).max(360),
  }),
  z.object({
    kind: z.literal("retainer"),
    id,
    name,
    monthlyCents: cents,
    from: ZIsoDate("Pick the start date"),
    dayOfMonth: day,
  }),
  z.object({
    kind: z.literal("oneOff"),
    id,
    name,
    amountCents: z
      .number()
      .int()
      .min(-MAX_FORM_CENTS, "That amount is too large")
      .max(MAX_FORM_CENTS, "That amount is too large")
      .refine((v) => v !== 0, "Not zero"),
    on: ZIsoDate("Pick the date"),
  }),
  z.object({
    kind: z.literal("lostClient"),
    id,
    name,
    customerId: docId,
    from: ZIsoDate("Pick the date the client leaves"),
  }),
  z.object({
    kind: z.literal("move"),
    id,
    name,
    recurring: z.string().regex(/^(template|vendor|card):[A-Za-z0-9_:-]{1,60}$/, "Pick a recurring item"),
    from: ZIsoDate("Pick the first date it moves from"),
    shiftDays: z
      .number()
      .int("Whole days")
      .min(-27, "At most 27 days earlier")
      .max(60, "At most 60 days later")
      .refine((v) => v !== 0, "Move it by at least one day"),
  }),
]) satisfies z.ZodType<THypothetical>;

/**
 * A scenario's decisions: pay (or delay) a bill on a date, a customer's promise date, or a
 * reminder sent from QuickBooks when the scenario is committed (in the comparison it goes out
 * today). At most one decision per document and kind.
 */
export const ZScenarioDecision = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("schedule"), targetId: docId, date: ZIsoDate("Pick the payment date") }),
  z.object({ kind: z.literal("promise"), targetId: docId, date: ZIsoDate("Pick the promised date") }),
  z.object({ kind: z.literal("remind"), targetId: docId }),
]);
export type TScenarioDecision = z.infer<typeof ZScenarioDecision>;

/** One key per document and kind: what a commit's outcome is filed under. */
export function decisionKey(d: { kind: string; targetId: string }): string {
  return `${d.kind}:${d.targetId}`;
}

export const ZScenarioBody = z.object({
  v: z.literal(SCENARIO_BODY_VERSION),
  items: z
    .array(ZHypothetical)
    .max(20, "At most 20 items")
    .refine((xs) => new Set(xs.map((x) => x.id)).size === xs.length, "Each item once"),
  decisions: z
    .array(ZScenarioDecision)
    .max(50, "At most 50 decisions")
    .refine(
      (xs) => new Set(xs.map(decisionKey)).size === xs.length,
      "At most one decision of each kind per document",
    ),
});
export type TScenarioBody = z.infer<typeof ZScenarioBody>;

export function parseScenarioBody(raw: unknown): TScenarioBody {
  return ZScenarioBody.parse(raw);
}

/**
 * A scenario's last commit (`scenarios.commit_state`), version 1: each decision's outcome by its
 * key. "committed" is done (a retry skips it); "failed" is retried by the next commit;
 * "noLongerApplies" is a decision whose document was paid or voided, or whose date has passed.
 */
export const COMMIT_STATE_VERSION = 1;
export const ZCommitOutcome = z.object({
  key: z.string(),
  /** The decision's date when it was committed (null: a reminder). */
  date: z.string().nullable(),
  status: z.enum(["committed", "failed", "noLongerApplies"]),
  decisionId: z.string().nullable(),
  /** The QuickBooks requestid of a write (a reminder); null for a commitment kept in Oodaloo. */
  requestId: z.string().nullable(),
  message: z.string(),
});
export type TCommitOutcome = z.infer<typeof ZCommitOutcome>;
export const ZCommitState = z.object({
  v: z.literal(COMMIT_STATE_VERSION),
  at: z.string(),
  outcomes: z.array(ZCommitOutcome),
});
export type TCommitState = z.infer<typeof ZCommitState>;

export function parseCommitState(raw: unknown): TCommitState | null {
  return raw == null ? null : ZCommitState.parse(raw);
}
