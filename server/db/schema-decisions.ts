import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { cents, tz } from "./columns";
import { businessIdColumn, users } from "./schema";

/*
 * The weekly ritual's own records: runway reserves, decisions (with their write-back to
 * QuickBooks) and what the prep tray was told to leave alone. Every table is a tenant table.
 */

export const reserveKind = pgEnum("reserve_kind", ["hold", "setAside", "percentOfInflows"]);

/**
 * Cash earmarked and kept out of spendable (design §2): a hold (an amount until released), a
 * set-aside for a payment on a date (then an outflow), or a percentage of projected inflows.
 */
export const reserves = pgTable(
  "reserves",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    businessId: businessIdColumn(),
    name: text("name").notNull(),
    kind: reserveKind("kind").notNull(),
    amountCents: cents("amount_cents"),
    basisPoints: integer("basis_points"),
    /** hold: released on this date (null: until released by hand). */
    releaseDate: date("release_date"),
    /** setAside: paid out on this date. */
    payDate: date("pay_date"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: tz("created_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
    releasedAt: tz("released_at"),
    releasedBy: text("released_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("reserves_business_idx").on(t.businessId, t.releasedAt)],
);

export const decisionKind = pgEnum("decision_kind", ["schedule", "promise", "reminder", "recordPayment"]);
export const decisionStatus = pgEnum("decision_status", [
  "planned",
  "committed",
  "executed",
  "superseded",
  "expired",
  "failed",
]);

/**
 * A decision about one bill or invoice. `schedule` pays a bill on `date` (earlier or later than
 * expected); `promise` records when a customer promised to pay; `reminder` sends the invoice from
 * QuickBooks; `recordPayment` records a BillPayment in QuickBooks (the money moves elsewhere).
 * Lifecycle: planned → committed → executed, or superseded / expired / failed. A write's
 * `requestId` is stored before the first POST and reused by every retry.
 */
export const decisions = pgTable(
  "decisions",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    businessId: businessIdColumn(),
    kind: decisionKind("kind").notNull(),
    targetType: text("target_type").notNull(), // Bill | Invoice
    targetId: text("target_id").notNull(),
    status: decisionStatus("status").notNull(),
    date: date("date"),
    amountCents: cents("amount_cents"),
    /** recordPayment: the bank or card account QuickBooks records the payment from. */
    accountId: text("account_id"),
    /** How money moves for a payment: recorded in QuickBooks only, for now (later: payment rails). */
    rail: text("rail").notNull().default("qbo_record"),
    requestId: text("request_id"),
    /** The QuickBooks record the write created (a BillPayment id). */
    qboTxnId: text("qbo_txn_id"),
    /** Label, runway before/after, errors and drift, as shown to people. */
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: tz("created_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
    committedBy: text("committed_by").references(() => users.id, { onDelete: "set null" }),
    committedAt: tz("committed_at"),
    executedAt: tz("executed_at"),
    resolvedAt: tz("resolved_at"),
    /** A write in progress: the process holding it until then does the POST; others wait. */
    leaseUntil: tz("lease_until"),
    /**
     * When the write was first sent to QuickBooks (with `requestId`). A retry of a write already
     * sent may find its own effect in QuickBooks (a crash after QuickBooks committed): it then
     * re-sends the same requestid for QuickBooks' original answer instead of refusing.
     */
    firstSentAt: tz("first_sent_at"),
    /** Set when the mirrored record stopped matching an executed decision. */
    driftAt: tz("drift_at"),
  },
  (t) => [
    // One live decision of a kind per document: a new plan replaces the old one.
    uniqueIndex("decisions_live_idx")
      .on(t.businessId, t.kind, t.targetType, t.targetId)
      .where(sql`status in ('planned', 'committed')`),
    uniqueIndex("decisions_request_idx").on(t.businessId, t.requestId),
    index("decisions_business_idx").on(t.businessId, t.status),
  ],
);

/** Prep-tray items someone dismissed (for good) or snoozed (until a date), with who and why. */
export const trayDismissals = pgTable(
  "tray_dismissals",
  {
    businessId: businessIdColumn(),
    itemKey: text("item_key").notNull(),
    until: date("until"),
    reason: text("reason").notNull(),
    by: text("by").references(() => users.id, { onDelete: "set null" }),
    at: tz("at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.businessId, t.itemKey] })],
);

/**
 * A person's word on a vendor for the payment run (issue 17): must be paid on time, or flexible,
 * whatever its accounts suggest (server/runway/must-pay.ts infers it otherwise).
 */
export const vendorPayRules = pgTable(
  "vendor_pay_rules",
  {
    businessId: businessIdColumn(),
    vendorId: text("vendor_id").notNull(),
    mustPay: boolean("must_pay").notNull(),
    by: text("by").references(() => users.id, { onDelete: "set null" }),
    at: tz("at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.businessId, t.vendorId] })],
);

/**
 * A named scenario (issue 17): hypothetical items and decisions applied together, compared with
 * the base and each other. Its body is read back through server/scenarios/schema.ts (versioned).
 */
export const scenarios = pgTable(
  "scenarios",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    businessId: businessIdColumn(),
    name: text("name").notNull(),
    body: jsonb("body").$type<Record<string, unknown>>().notNull(),
    /** The one scenario the digest mentions (at most one per business). */
    active: boolean("active").notNull().default(false),
    /** The last commit's outcome per decision, read back through ZCommitState (versioned). */
    commitState: jsonb("commit_state").$type<Record<string, unknown>>(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: tz("created_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("scenarios_business_idx").on(t.businessId),
    uniqueIndex("scenarios_one_active_idx").on(t.businessId).where(sql`${t.active}`),
  ],
);
