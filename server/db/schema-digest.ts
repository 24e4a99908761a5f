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
import { businessIdColumn, emails, users } from "./schema";

/*
 * Cash snapshots, stored digests with their deliveries, notification preferences and projection
 * alerts. Every table is a tenant table. The guarantees the design puts in the database live
 * here as unique keys: one weekly digest per business and ISO week, one email per digest and
 * recipient, one open alert per business and threshold kind.
 */

/**
 * Cash on hand as each sync left it, one row per business date (the day's last sync wins), so past
 * cash — "since last week", forecast versus actual — is read, not guessed.
 */
export const cashSnapshots = pgTable(
  "cash_snapshots",
  {
    businessId: businessIdColumn(),
    /** The business date (its timezone) the snapshot belongs to. */
    date: date("date").notNull(),
    cashCents: cents("cash_cents").notNull(),
    takenAt: tz("taken_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.businessId, t.date] })],
);

export const digestKind = pgEnum("digest_kind", ["weekly", "manual"]);

/** A digest as it was sent: its figures and projection are kept, never recomputed. */
export const digests = pgTable(
  "digests",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    businessId: businessIdColumn(),
    kind: digestKind("kind").notNull(),
    /** The business's local ISO week, e.g. 2026-W48. */
    isoWeek: text("iso_week").notNull(),
    asOf: date("as_of").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    /** TDigestSnapshot (server/digest/snapshot.ts). */
    snapshot: jsonb("snapshot").$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    uniqueIndex("digests_weekly_idx").on(t.businessId, t.isoWeek).where(sql`kind = 'weekly'`),
    index("digests_business_idx").on(t.businessId, t.asOf),
  ],
);

export const deliveryStatus = pgEnum("delivery_status", ["pending", "sent", "failed"]);

/** One email per digest and recipient (a unique key), created with the digest, sent after commit. */
export const digestDeliveries = pgTable(
  "digest_deliveries",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    businessId: businessIdColumn(),
    digestId: text("digest_id")
      .notNull()
      .references(() => digests.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    toAddress: text("to_address").notNull(),
    status: deliveryStatus("status").notNull().default("pending"),
    emailId: text("email_id").references(() => emails.id, { onDelete: "set null" }),
    error: text("error"),
    createdAt: tz("created_at").notNull().defaultNow(),
    sentAt: tz("sent_at"),
  },
  (t) => [
    uniqueIndex("digest_deliveries_recipient_idx").on(t.digestId, t.userId),
    index("digest_deliveries_business_idx").on(t.businessId, t.status),
  ],
);

/** What a member wants by email from one business. No row = the defaults (both on). */
export const notificationPrefs = pgTable(
  "notification_prefs",
  {
    businessId: businessIdColumn(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    digestEmail: boolean("digest_email").notNull().default(true),
    alertEmail: boolean("alert_email").notNull().default(true),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.businessId, t.userId] })],
);

export const alertKind = pgEnum("alert_kind", ["balance", "runway"]);

/**
 * A projection crossing the business's threshold. At most one open alert per kind (a partial
 * unique key): the same crossing recomputed raises nothing; recovery closes it and re-arms.
 */
export const runwayAlerts = pgTable(
  "runway_alerts",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    businessId: businessIdColumn(),
    kind: alertKind("kind").notNull(),
    raisedAt: tz("raised_at").notNull(),
    /** The projection's asOf when it was raised. */
    asOf: date("as_of").notNull(),
    /** The first projected date past the threshold. */
    crossingDate: date("crossing_date").notNull(),
    /** Projected spendable on the crossing date. */
    amountCents: cents("amount_cents").notNull(),
    /** TAlertDetail: the threshold, lowest point and the two biggest drivers. */
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull(),
    notifiedAt: tz("notified_at"),
    recoveredAt: tz("recovered_at"),
  },
  (t) => [
    uniqueIndex("runway_alerts_open_idx").on(t.businessId, t.kind).where(sql`recovered_at is null`),
    index("runway_alerts_business_idx").on(t.businessId, t.raisedAt),
  ],
);

/**
 * One row per business: what the advisor portfolio shows, computed after each sync, decision,
 * reserve or threshold change and nightly (runway decays with time) — never per page view.
 */
export const portfolioSnapshots = pgTable(
  "portfolio_snapshots",
  {
    businessId: businessIdColumn().primaryKey(),
    asOf: date("as_of").notNull(),
    computedAt: tz("computed_at").notNull(),
    /** TRunway as the engine returned it. */
    runway: jsonb("runway").$type<Record<string, unknown>>().notNull(),
    /** days | notBurning | insufficientData (for ranking and filters). */
    state: text("state").notNull(),
    runwayDays: integer("runway_days"),
    /** Runway days a week ago (from the latest digest at least a week old), when both are days. */
    runwayDaysWeekAgo: integer("runway_days_week_ago"),
    cashCents: cents("cash_cents").notNull(),
    spendableCents: cents("spendable_cents").notNull(),
    lowestCents: cents("lowest_cents").notNull(),
    lowestDate: date("lowest_date").notNull(),
    overdueArCents: cents("overdue_ar_cents").notNull(),
    billsDue7dCents: cents("bills_due_7d_cents").notNull(),
    billsDue7dCount: integer("bills_due_7d_count").notNull(),
    trayCount: integer("tray_count").notNull(),
    /** active | needs_reauth | disconnected | none */
    connection: text("connection").notNull(),
    lastSuccessAt: tz("last_success_at"),
    syncFailing: boolean("sync_failing").notNull(),
    openAlerts: integer("open_alerts").notNull(),
    currency: text("currency").notNull(),
    /** The bank (issue 18): money in the bank, bank − books over matched accounts, when read. */
    bankCashCents: cents("bank_cash_cents"),
    bankGapCents: cents("bank_gap_cents"),
    bankAsOf: tz("bank_as_of"),
    /** none | fresh | stale | needs_login */
    bankState: text("bank_state").notNull().default("none"),
    /**
     * Staleness without clocks: every change the owner would see bumps `changedSeq` in its own
     * transaction (markPortfolioStale); a refresh records the `changedSeq` it started from as
     * `computedSeq`. The row is stale while changedSeq > computedSeq, and is recomputed before
     * the portfolio reads it.
     */
    changedSeq: integer("changed_seq").notNull().default(0),
    computedSeq: integer("computed_seq").notNull().default(0),
  },
  (t) => [index("portfolio_snapshots_state_idx").on(t.businessId, t.state)],
);
