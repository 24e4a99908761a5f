import { z } from "zod";
import { ZStoredSubject } from "../runway/subject-schema";

/**
 * A stored digest (`digests.snapshot`), read back through this schema: stored digests are
 * rendered as they were, never recomputed, so a digest from an older version must still read.
 * Version 1 lacks `nothingNeedsMoving`, `withoutDueDate` and `gaps`, and its actions' impacts
 * lack the 4-week low, the threshold days and the path (all optional here), and word why an
 * invoice is at risk (`reason`); version 2 (issue 16) has them, keeps that reason as data
 * (`atRisk`), and has actions of kind `remindInvoice`. Version 3 keeps what each action, move
 * and left-out item is as data (`subject`, typed moves and left-out items) where versions 1–2
 * stored English; their words read back as `legacy` items and are shown as stored. Version 4
 * (issue 17) adds the active scenario (`scenario`), its runway beside the plan's; version 5
 * (issue 18) adds the bank's cash beside the books' (`bank`).
 */
export const DIGEST_SNAPSHOT_VERSION = 5;

const int = z.number().int();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ZLow = z.object({ date, spendableCents: int });

export const ZRunway = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("days"), days: int, date, beyondHorizon: z.boolean() }),
  z.object({ kind: z.literal("notBurning") }),
  z.object({
    kind: z.literal("insufficientData"),
    reason: z.enum(["noBankAccount", "shortHistory"]),
    // Version 2 keeps the facts; version 1 stored the sentence instead (`message`).
    firstActivityDate: date.nullable().optional(),
    windowDays: int.optional(),
    message: z.string().optional(),
  }),
]);

const ZImpact = z.object({
  before: ZRunway,
  after: ZRunway,
  runwayDeltaDays: int.nullable(),
  summary: z.enum(["moreDays", "fewerDays", "sameRunway", "same", "nowNotBurning", "nowBurning", "unknown"]),
  pathChanged: z.boolean().optional(),
  lowestBefore: ZLow,
  lowestAfter: ZLow,
  lowestDeltaCents: int,
  low4Weeks: z.object({ before: ZLow, after: ZLow, deltaCents: int }).optional(),
  daysBelowThreshold: z.object({ thresholdCents: int, before: int, after: int }).optional(),
  onDate: z.object({ date, beforeCents: int, afterCents: int }).nullable().optional(),
  path: z.array(z.object({ date, beforeCents: int, afterCents: int })).optional(),
});

const ZChange = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("payBill"), billId: z.string(), date }),
  z.object({ kind: z.literal("promise"), invoiceId: z.string(), date }),
  z.object({ kind: z.literal("remind"), invoiceId: z.string(), date }),
]);

const ZAction = z.object({
  kind: z.enum(["delayBill", "remindInvoice", "chaseInvoice"]),
  ref: z.object({ type: z.enum(["Bill", "Invoice"]), id: z.string() }),
  /** What the action is about (version 3). */
  subject: ZStoredSubject.optional(),
  /** The same, as words: how versions 1–2 stored it. */
  label: z.string().optional(),
  amountCents: int,
  date,
  fromDate: date.nullable(),
  /** Why a chased invoice is at risk, as data (version 2). */
  atRisk: z
    .discriminatedUnion("kind", [
      z.object({ kind: z.literal("pastDue"), days: int }),
      z.object({ kind: z.literal("noRecentPayment"), days: int }),
    ])
    .nullable()
    .optional(),
  /** The same, as words: how version 1 stored it. */
  reason: z.string().nullable().optional(),
  overdueDays: int.optional(),
  habit: z.object({ medianDaysLate: int, sample: int }).nullable().optional(),
  change: ZChange,
  impact: ZImpact,
});
export const ZStoredAction = ZAction.transform(({ label, subject, ...a }) => ({
  ...a,
  subject: subject ?? { kind: "legacy" as const, text: label ?? "" },
}));
export type TStoredAction = z.infer<typeof ZStoredAction>;

const ZBucket = z.object({ cents: int, count: int });
const ZAging = z.object({
  current: ZBucket,
  "1-30": ZBucket,
  "31-60": ZBucket,
  "61-90": ZBucket,
  "91+": ZBucket,
});

const ZDay = z.object({
  date,
  cashCents: int,
  spendableCents: int,
  inflowCents: int,
  /** Bills, recurring outflows and baseline burn. */
  outflowCents: int,
  /**
   * What moves cash that day (at most MAX_MOVES; `more` counts the rest): a flow in or out, or
   * the baseline burn. Versions 1–2 stored each as words, "+N more" included.
   */
  moves: z.array(
    z.union([
      z.string().transform((text) => ({ kind: "legacy" as const, text })),
      z.object({ kind: z.enum(["in", "out"]), amountCents: int, subject: ZStoredSubject }),
      z.object({ kind: z.literal("burn"), amountCents: int }),
    ]),
  ),
  more: int.default(0),
});

const ZSinceLastWeek = z.object({
  /** The date compared with. */
  since: date,
  /** From the cash snapshot of that date (or the latest before it); null without one. */
  cashThenCents: int.nullable(),
  cashDeltaCents: int.nullable(),
  /** From the digest of that date; null without one. */
  runwayThen: ZRunway.nullable(),
  runwayDeltaDays: int.nullable(),
  arDeltaCents: int.nullable(),
  apDeltaCents: int.nullable(),
});

const ZForecastVsActual = z.object({
  previousDigestId: z.string(),
  previousAsOf: date,
  /** The date whose opening cash was projected: this digest's asOf. */
  date,
  /** Projected cash in the bank at the end of the day before `date`, by the previous digest. */
  projectedCents: int,
  /** Cash on hand at this digest (the latest sync). */
  actualCents: int,
  /** actual − projected. */
  errorCents: int,
  /** |error| / max(|actual|, $1), in basis points. */
  errorBp: int,
});

export const ZDigestSnapshot = z.object({
  version: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  asOf: date,
  horizonEnd: date,
  homeCurrency: z.string(),
  syncedAt: z.string().nullable(),
  runway: ZRunway,
  cashOnHandCents: int,
  bankAccountCount: int,
  reservedCents: int,
  spendableCents: int,
  lowest: ZLow,
  days: z.array(ZDay),
  actions: z.array(ZStoredAction),
  /** Spendable stays above the alert threshold for 13 weeks: no delay is advised (version 2). */
  nothingNeedsMoving: z.boolean().optional(),
  arAging: ZAging,
  apAging: ZAging,
  /** Open documents without a due date, aged at the date the forecast uses (version 2). */
  withoutDueDate: z
    .object({ ar: z.object({ cents: int, count: int }), ap: z.object({ cents: int, count: int }) })
    .optional(),
  arOpenCents: int,
  apOpenCents: int,
  /** What the forecast leaves out or places by rule (version 3 as data; before, as words). */
  leftOut: z.array(
    z.union([
      z.string().transform((text) => ({ kind: "legacy" as const, text })),
      z.object({ kind: z.literal("billsWithoutDueDate"), count: int }),
      z.object({ kind: z.literal("unconverted"), count: int }),
      z.object({ kind: z.literal("atRisk"), count: int, cents: int }),
    ]),
  ),
  /** Entities the QuickBooks company refused; `burn` means the runway is flagged "burn incomplete". */
  gaps: z.array(z.object({ entity: z.string(), effect: z.enum(["required", "burn", "leftOut"]) })).optional(),
  sinceLastWeek: ZSinceLastWeek.nullable(),
  forecastVsActual: ZForecastVsActual.nullable(),
  /** Every forecast-vs-actual pair so far, this one included (running accuracy). */
  accuracy: z.object({ pairs: int, sumErrorBp: int }).nullable(),
  /**
   * The scenario the owner asked the digest to mention (version 4; absent before, null: none):
   * its runway and lowest point with its changes on top of the plan above, and how many of its
   * decisions no longer apply.
   */
  scenario: z
    .object({
      id: z.string(),
      name: z.string(),
      runway: ZRunway,
      lowest: ZLow,
      noLongerApplies: int,
    })
    .nullable()
    .optional(),
  /**
   * What the connected banks say (version 5; absent before, null: no bank connected): money in
   * the bank accounts, when it was read, whether every bank is fresh, how many need their
   * person, and — over the bank accounts a person matched to QuickBooks — bank beside book.
   */
  bank: z
    .object({
      cashCents: int.nullable(),
      asOf: z.string().nullable(),
      fresh: z.boolean(),
      needsAttention: int,
      compare: z.object({ bankCents: int, bookCents: int, accounts: int }).nullable(),
    })
    .nullable()
    .optional(),
});

export type TDigestSnapshot = z.infer<typeof ZDigestSnapshot>;
export type TDigestDay = z.infer<typeof ZDay>;
export type TDigestMove = TDigestDay["moves"][number];
export type TLeftOut = TDigestSnapshot["leftOut"][number];
export type TSinceLastWeek = z.infer<typeof ZSinceLastWeek>;
export type TForecastVsActual = z.infer<typeof ZForecastVsActual>;

/** A stored snapshot, checked. Throws on a row that is not a digest of a known version. */
export function parseDigestSnapshot(raw: unknown): TDigestSnapshot {
  return ZDigestSnapshot.parse(raw);
}
