// @ts-nocheck
import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  json,
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
 * QuickBooks connection, token vault, sync state and the ledger mirror.
 * Conventions: money is bigint cents read as a JS number; business dates are `date` (strings);
 * instants are timestamptz. Every table is a tenant table (business_id NOT NULL, indexed),
 * except the per-realm rate budget and the app-wide metered-read counter.
 */

export const connectionStatus = pgEnum("qbo_connection_status", ["active", "needs_reauth", "disconnected"]);

export const qboConnections = pgTable(
  "qbo_connections",
  {
    businessId: businessIdColumn().primaryKey(),
    realmId: text("realm_id").notNull(),
    environment: text("environment").notNull(),
    status: connectionStatus("status").notNull().default("active"),
    companyName: text("company_name"),
    homeCurrency: text("home_currency"),
    connectedBy: text("connected_by").references(() => users.id, { onDelete: "set null" }),
    connectedAt: tz("connected_at").notNull().defaultNow(),
    /** Server time of the last complete CDC window; the next poll starts a few minutes before it. */
    cdcCursor: tz("cdc_cursor"),
    lastFullSyncAt: tz("last_full_sync_at"),
    lastReconciledAt: tz("last_reconciled_at"),
    lastSuccessAt: tz("last_success_at"),
    nextSyncAt: tz("next_sync_at"),
    /**
     * Webhook health (docs/decisions/0011-sync-schedule.md): healthy while every change a poll
     * finds had already been announced; one unannounced change makes it unhealthy (hourly polls)
     * until three clean polls, with webhooks arriving, since `webhookHealthSince`.
     */
    webhookHealth: text("webhook_health").$type<"healthy" | "unhealthy">().notNull().default("unhealthy"),
    webhookHealthSince: tz("webhook_health_since").notNull().defaultNow(),
    cleanPolls: integer("clean_polls").notNull().default(0),
    lastWebhookAt: tz("last_webhook_at"),
    lastError: text("last_error"),
    needsReauthAt: tz("needs_reauth_at"),
    companyInfo: jsonb("company_info").$type<Record<string, unknown>>(),
    preferences: jsonb("preferences").$type<Record<string, unknown>>(),
  },
  // One realm per business, and a realm belongs to one business at a time.
  (t) => [uniqueIndex("qbo_connections_realm_idx").on(t.realmId).where(sql`status <> 'disconnected'`)],
);

/** Tokens encrypted at rest (AES-256-GCM); one row per connection, refreshed under a row lock. */
export const qboTokens = pgTable("qbo_tokens", {
  businessId: businessIdColumn().primaryKey(),
  accessTokenEnc: text("access_token_enc").notNull(),
  refreshTokenEnc: text("refresh_token_enc").notNull(),
  accessExpiresAt: tz("access_expires_at").notNull(),
  refreshExpiresAt: tz("refresh_expires_at").notNull(),
  hardExpiresAt: tz("hard_expires_at"),
  /** Incremented on every rotation; a refresh that lost the race sees a newer version. */
  version: integer("version").notNull().default(1),
  refreshedAt: tz("refreshed_at").notNull().defaultNow(),
});

/** Single-use OAuth `state` nonces bound to the user and business that started the connect. */
export const qboOauthStates = pgTable(
  "qbo_oauth_states",
  {
    nonceHash: text("nonce_hash").primaryKey(),
    businessId: businessIdColumn(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Set when the user confirmed replacing the business's current realm (its mirror is wiped). */
    allowRealmChange: boolean("allow_realm_change").notNull().default(false),
    createdAt: tz("created_at").notNull().defaultNow(),
    expiresAt: tz("expires_at").notNull(),
    usedAt: tz("used_at"),
  },
  (t) => [index("qbo_oauth_states_business_idx").on(t.businessId)],
);

export const entitySyncStatus = pgEnum("qbo_entity_sync_status", ["idle", "running", "failed"]);

/** Per-entity sync state: the full-sync page checkpoint, successes and failures. */
export const qboEntityState = pgTable(
  "qbo_entity_state",
  {
    businessId: businessIdColumn(),
    entity: text("entity").notNull(),
    status: entitySyncStatus("status").notNull().default("idle"),
    /** Next STARTPOSITION of an unfinished full sync (null when complete). */
    fullSyncNextPosition: integer("full_sync_next_position"),
    fullSyncDone: boolean("full_sync_done").notNull().default(false),
    /** When the current full (re-)page began: rows not seen since are gone from QuickBooks. */
    fullSyncStartedAt: tz("full_sync_started_at"),
    records: integer("records").notNull().default(0),
    lastAttemptAt: tz("last_attempt_at"),
    lastSuccessAt: tz("last_success_at"),
    failureStreak: integer("failure_streak").notNull().default(0),
    lastError: text("last_error"),
    /**
     * `unavailable`: this company refused the entity (docs/decisions/0006): the fault that said
     * so is kept, the rest of the sync goes on without it, and it is tried again at `retryAt`.
     */
    availability: text("availability").$type<"available" | "unavailable">().notNull().default("available"),
    unavailableSince: tz("unavailable_since"),
    /** The refusal: HTTP status, QuickBooks fault code and detail, and which call refused. */
    unavailableStatus: integer("unavailable_status"),
    unavailableCode: text("unavailable_code"),
    unavailableDetail: text("unavailable_detail"),
    unavailableVia: text("unavailable_via").$type<"query" | "cdc" | "read">(),
    /** false once CDC refused the entity: it is kept fresh by LastUpdatedTime queries instead. */
    cdcSupported: boolean("cdc_supported").notNull().default(true),
    /** Server time up to which a LastUpdatedTime query covered a CDC-refused entity. */
    queriedThrough: tz("queried_through"),
    /** When to try again: an unavailable entity daily; a CDC-refused one's full re-page daily. */
    retryAt: tz("retry_at"),
  },
  (t) => [primaryKey({ columns: [t.businessId, t.entity] })],
);

export const syncRunStatus = pgEnum("sync_run_status", ["running", "succeeded", "failed"]);

export const syncRuns = pgTable(
  "sync_runs",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    businessId: businessIdColumn(),
    trigger: text("trigger").notNull(), // connect | manual | schedule | webhook | page_view | reconcile
    kind: text("kind").notNull(), // full | cdc
    status: syncRunStatus("status").notNull().default("running"),
    startedAt: tz("started_at").notNull().defaultNow(),
    finishedAt: tz("finished_at"),
    /** { entity, done, total } for the progress bar. */
    progress: jsonb("progress").$type<{ entity?: string; done: number; total: number }>(),
    apiCalls: integer("api_calls").notNull().default(0),
    recordsChanged: integer("records_changed").notNull().default(0),
    error: text("error"),
    /** What a succeeded run could not sync ("completed with gaps"): entity and why. */
    gaps: jsonb("gaps").$type<{ entity: string; reason: "unavailable" | "retrying" }[]>(),
    /** QuickBooks asked to slow down; the run resumes about then. */
    throttledUntil: tz("throttled_until"),
  },
  (t) => [index("sync_runs_business_idx").on(t.businessId, t.startedAt)],
);

/** One sync per realm at a time, across processes: a lease with an expiry. */
export const syncLeases = pgTable("sync_leases", {
  businessId: businessIdColumn().primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: tz("expires_at").notNull(),
});

/** Per-realm rate budget shared by all processes: recent request starts and in-flight leases. */
export const qboRateEvents = pgTable(
  "qbo_rate_events",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    realmId: text("realm_id").notNull(),
    startedAt: tz("started_at").notNull(),
    /** In flight until released or until this lease expires (a killed worker cannot leak it). */
    leaseExpiresAt: tz("lease_expires_at"),
  },
  (t) => [index("qbo_rate_events_realm_idx").on(t.realmId, t.startedAt)],
);

/** Intuit meters read calls per app per month (Builder tier: 500k). */
export const qboMeteredReads = pgTable("qbo_metered_reads", {
  month: text("month").primaryKey(), // YYYY-MM (UTC)
  reads: integer("reads").notNull().default(0),
});

// ── the ledger mirror ──────────────────────────────────────────────────────────────────────

/**
 * Every entity as QBO sent it. Mapping reads from here, so it can be re-run without QBO. The
 * payload is `json`, not `jsonb`: its exact text, and half the write cost of a 50k-entity sync
 * (jsonb rebuilds every object); nothing queries inside it.
 */
export const qboRaw = pgTable(
  "qbo_raw",
  {
    businessId: businessIdColumn(),
    entity: text("entity").notNull(),
    qboId: text("qbo_id").notNull(),
    syncToken: integer("sync_token").notNull(),
    lastUpdatedAt: tz("last_updated_at").notNull(),
    deleted: boolean("deleted").notNull().default(false),
    payload: json("payload").$type<Record<string, unknown>>(),
    syncedAt: tz("synced_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.businessId, t.entity, t.qboId] })],
);

export const qboAccounts = pgTable(
  "qbo_accounts",
  {
    businessId: businessIdColumn(),
    qboId: text("qbo_id").notNull(),
    syncToken: integer("sync_token").notNull(),
    name: text("name").notNull(),
    fullyQualifiedName: text("fully_qualified_name"),
    accountType: text("account_type").notNull(),
    accountSubType: text("account_sub_type"),
    classification: text("classification"),
    currency: text("currency"),
    currentBalanceCents: cents("current_balance_cents").notNull(),
    active: boolean("active").notNull(),
    parentId: text("parent_id"),
    deleted: boolean("deleted").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.businessId, t.qboId] })],
);

/** Customers and vendors. */
export const qboParties = pgTable(
  "qbo_parties",
  {
    businessId: businessIdColumn(),
    kind: text("kind").notNull(), // customer | vendor
    qboId: text("qbo_id").notNull(),
    syncToken: integer("sync_token").notNull(),
    displayName: text("display_name").notNull(),
    email: text("email"),
    balanceCents: cents("balance_cents").notNull(),
    active: boolean("active").notNull(),
    termId: text("term_id"),
    parentId: text("parent_id"),
    currency: text("currency"),
    deleted: boolean("deleted").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.businessId, t.kind, t.qboId] })],
);

export const qboTerms = pgTable(
  "qbo_terms",
  {
    businessId: businessIdColumn(),
    qboId: text("qbo_id").notNull(),
    syncToken: integer("sync_token").notNull(),
    name: text("name").notNull(),
    dueDays: integer("due_days"),
    active: boolean("active").notNull(),
  },
  (t) => [primaryKey({ columns: [t.businessId, t.qboId] })],
);

/**
 * Every transaction type in one typed table. `amountCents` is the document total, positive;
 * `balanceCents` the open amount where QBO keeps one (invoices, bills, credit memos, vendor
 * credits). `accountId` is the bank/card account the money moved through, where there is one.
 */
export const qboTransactions = pgTable(
  "qbo_transactions",
  {
    businessId: businessIdColumn(),
    type: text("type").notNull(),
    qboId: text("qbo_id").notNull(),
    syncToken: integer("sync_token").notNull(),
    docNumber: text("doc_number"),
    txnDate: date("txn_date"),
    dueDate: date("due_date"),
    amountCents: cents("amount_cents").notNull(),
    balanceCents: cents("balance_cents"),
    currency: text("currency"),
    /** Home-currency units per document-currency unit, as text (never a float). */
    exchangeRate: text("exchange_rate"),
    customerId: text("customer_id"),
    vendorId: text("vendor_id"),
    accountId: text("account_id"),
    toAccountId: text("to_account_id"),
    termId: text("term_id"),
    emailStatus: text("email_status"),
    /** Purchase.Credit: a refund onto the card/bank rather than a spend. */
    isCredit: boolean("is_credit").notNull().default(false),
    privateNote: text("private_note"),
    /** Expense-line accounts, for categorization checks. */
    lineAccountIds: jsonb("line_account_ids").$type<string[]>(),
    lastUpdatedAt: tz("last_updated_at").notNull(),
    deleted: boolean("deleted").notNull().default(false),
  },
  // Only the key: every read is by business and type (the key's prefix) or by id. A second index
  // (business, type, due date) served no query and was a third of a full sync's typed-row writes.
  (t) => [primaryKey({ columns: [t.businessId, t.type, t.qboId] })],
);

/** What a payment/bill payment/deposit applied to: from (type,id) → to (type,id), amount. */
export const qboTransactionLinks = pgTable(
  "qbo_transaction_links",
  {
    businessId: businessIdColumn(),
    fromType: text("from_type").notNull(),
    fromId: text("from_id").notNull(),
    lineNo: integer("line_no").notNull(),
    toType: text("to_type").notNull(),
    toId: text("to_id").notNull(),
    amountCents: cents("amount_cents").notNull(),
  },
  // Only the key: links are read by business and source type (the key's prefix); an index by
  // target served no query and doubled the cost of writing links.
  (t) => [primaryKey({ columns: [t.businessId, t.fromType, t.fromId, t.lineNo] })],
);

/** Recurring templates (what QBO will create next). */
export const qboRecurring = pgTable(
  "qbo_recurring",
  {
    businessId: businessIdColumn(),
    qboId: text("qbo_id").notNull(),
    syncToken: integer("sync_token").notNull(),
    txnType: text("txn_type").notNull(),
    name: text("name"),
    active: boolean("active").notNull(),
    intervalType: text("interval_type"),
    numInterval: integer("num_interval"),
    dayOfMonth: integer("day_of_month"),
    nextDate: date("next_date"),
    amountCents: cents("amount_cents"),
    partyId: text("party_id"),
    deleted: boolean("deleted").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.businessId, t.qboId] })],
);

// ── transactional outbox ───────────────────────────────────────────────────────────────────

/**
 * Events written in the same transaction as the change that causes them, then dispatched after
 * commit — to Inngest when a server is configured, or run in-process by the dispatcher (the
 * one-machine mode). The id is deterministic, so an event enqueued twice exists once.
 */
export const outboxEvents = pgTable(
  "outbox_events",
  {
    id: text("id").primaryKey(),
    businessId: businessIdColumn(),
    name: text("name").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
    availableAt: tz("available_at").notNull().defaultNow(),
    lockedUntil: tz("locked_until"),
    attempts: integer("attempts").notNull().default(0),
    processedAt: tz("processed_at"),
    failedAt: tz("failed_at"),
    lastError: text("last_error"),
  },
  (t) => [
    index("outbox_events_business_idx").on(t.businessId),
    index("outbox_events_pending_idx").on(t.processedAt, t.availableAt),
  ],
);

/** Webhook notifications already seen (Intuit delivers at least once): dedupe keys per business. */
export const qboWebhookEvents = pgTable(
  "qbo_webhook_events",
  {
    businessId: businessIdColumn(),
    dedupeKey: text("dedupe_key").notNull(),
    receivedAt: tz("received_at").notNull().defaultNow(),
    /** What was announced (null when the notification did not say): judges webhook health. */
    entity: text("entity"),
    entityId: text("entity_id"),
  },
  (t) => [
    primaryKey({ columns: [t.businessId, t.dedupeKey] }),
    index("qbo_webhook_events_entity_idx").on(t.businessId, t.entity, t.entityId),
  ],
);

/** Differences reconciliation found between the mirror and QuickBooks (and repaired). */
export const qboDrift = pgTable(
  "qbo_drift",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    businessId: businessIdColumn(),
    runId: text("run_id"),
    detectedAt: tz("detected_at").notNull(),
    entity: text("entity").notNull(),
    qboId: text("qbo_id").notNull(),
    /** changed: QuickBooks had a different version; missing_remote: gone from QuickBooks without a tombstone. */
    kind: text("kind").notNull(),
  },
  (t) => [index("qbo_drift_business_idx").on(t.businessId, t.detectedAt)],
);
