import {
  boolean,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { cents, tz } from "./columns";
import { businessIdColumn, users } from "./schema";

/*
 * The bank rail (Plaid): Items (one bank login shared with a business), their accounts with
 * cached balances, the transaction mirror, Hosted Link sessions, webhook receipts and the
 * per-Item monthly call count. Money is bigint cents with Plaid's sign on transactions
 * (positive = money out); balances as Plaid gives them (credit: the amount owed).
 */

export const bankItemStatus = pgEnum("bank_item_status", ["active", "needs_login", "revoked"]);

export const bankItems = pgTable(
  "bank_items",
  {
    id: text("id").primaryKey(),
    businessId: businessIdColumn(),
    /** Plaid's item_id. */
    itemId: text("item_id").notNull(),
    environment: text("environment").notNull(),
    institutionId: text("institution_id"),
    institutionName: text("institution_name"),
    /** Sealed with the vault (server/lib/vault.ts); never leaves server/. */
    accessTokenEnc: text("access_token_enc").notNull(),
    status: bankItemStatus("status").notNull().default("active"),
    /** Plaid's error_code when the Item is in error (ITEM_LOGIN_REQUIRED, USER_PERMISSION_REVOKED…). */
    errorCode: text("error_code"),
    consentExpiresAt: tz("consent_expires_at"),
    newAccountsAvailable: boolean("new_accounts_available").notNull().default(false),
    /** The final cursor of the last pass applied; null before the first. */
    cursor: text("cursor"),
    lastSyncedAt: tz("last_synced_at"),
    lastSyncError: text("last_sync_error"),
    /** The last real-time balance call (/accounts/balance/get): at most one per 24 hours. */
    balanceRefreshedAt: tz("balance_refreshed_at"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: tz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("bank_items_item_id").on(t.itemId), index("bank_items_business").on(t.businessId)],
);

export const bankAccounts = pgTable(
  "bank_accounts",
  {
    businessId: businessIdColumn(),
    bankItemId: text("bank_item_id")
      .notNull()
      .references(() => bankItems.id, { onDelete: "cascade" }),
    accountId: text("account_id").notNull(),
    name: text("name").notNull(),
    officialName: text("official_name"),
    mask: text("mask"),
    type: text("type").notNull(),
    subtype: text("subtype"),
    currentCents: cents("current_cents"),
    availableCents: cents("available_cents"),
    limitCents: cents("limit_cents"),
    currency: text("currency"),
    /** When these balances were read, and how: "cached" (/accounts/get, sync) or "realtime". */
    balancesAsOf: tz("balances_as_of").notNull(),
    balancesSource: text("balances_source").notNull().default("cached"),
    /** The QuickBooks bank or card account it is, once a person confirmed it. */
    qboAccountId: text("qbo_account_id"),
    mappingConfirmedAt: tz("mapping_confirmed_at"),
    mappingConfirmedBy: text("mapping_confirmed_by").references(() => users.id, { onDelete: "set null" }),
    /** No longer shared by the Item (the user unshared it, or the bank closed it). */
    gone: boolean("gone").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.bankItemId, t.accountId] }),
    index("bank_accounts_business").on(t.businessId),
  ],
);

export const bankTransactions = pgTable(
  "bank_transactions",
  {
    businessId: businessIdColumn(),
    bankItemId: text("bank_item_id")
      .notNull()
      .references(() => bankItems.id, { onDelete: "cascade" }),
    transactionId: text("transaction_id").notNull(),
    accountId: text("account_id").notNull(),
    /** Plaid's sign: positive = money out of the account. */
    amountCents: cents("amount_cents").notNull(),
    currency: text("currency"),
    date: date("date").notNull(),
    authorizedDate: date("authorized_date"),
    name: text("name").notNull(),
    merchantName: text("merchant_name"),
    pending: boolean("pending").notNull(),
    pendingTransactionId: text("pending_transaction_id"),
    category: text("category"),
    checkNumber: text("check_number"),
  },
  (t) => [
    primaryKey({ columns: [t.bankItemId, t.transactionId] }),
    index("bank_transactions_business_date").on(t.businessId, t.date),
  ],
);

export const bankLinkMode = pgEnum("bank_link_mode", ["create", "update"]);
export const bankLinkStatus = pgEnum("bank_link_status", ["open", "success", "exited", "failed"]);

export const bankLinkSessions = pgTable(
  "bank_link_sessions",
  {
    id: text("id").primaryKey(),
    businessId: businessIdColumn(),
    linkToken: text("link_token").notNull(),
    mode: bankLinkMode("mode").notNull(),
    /** Update mode: the Item being repaired. */
    bankItemId: text("bank_item_id").references(() => bankItems.id, { onDelete: "cascade" }),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: bankLinkStatus("status").notNull().default("open"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    createdAt: tz("created_at").notNull().defaultNow(),
    expiresAt: tz("expires_at").notNull(),
    finishedAt: tz("finished_at"),
  },
  (t) => [
    uniqueIndex("bank_link_sessions_token").on(t.linkToken),
    index("bank_link_sessions_business").on(t.businessId, t.createdAt),
  ],
);

/**
 * Verified webhook deliveries, each acted on once: keyed by the SHA-256 of the signed JWT (it
 * covers the body's hash and `iat`), so a replayed delivery is dropped while a new event with the
 * same body (Plaid's SYNC_UPDATES_AVAILABLE is the same text every time) is not.
 */
export const bankWebhookEvents = pgTable(
  "bank_webhook_events",
  {
    businessId: businessIdColumn(),
    deliverySha256: text("delivery_sha256").notNull(),
    webhookType: text("webhook_type").notNull(),
    webhookCode: text("webhook_code").notNull(),
    itemId: text("item_id"),
    receivedAt: tz("received_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.businessId, t.deliverySha256] }),
    index("bank_webhook_events_received").on(t.businessId, t.receivedAt),
  ],
);

/** Every Plaid call a business's Items caused, per Item, month (UTC) and endpoint. */
export const plaidApiCalls = pgTable(
  "plaid_api_calls",
  {
    businessId: businessIdColumn(),
    /** Plaid's item_id; "" for calls made before an Item exists (Link tokens). */
    itemId: text("item_id").notNull(),
    month: text("month").notNull(),
    endpoint: text("endpoint").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.businessId, t.itemId, t.month, t.endpoint] })],
);

/** Plaid calls that belong to no business (webhook verification keys), per month and endpoint. */
export const plaidAppCalls = pgTable(
  "plaid_app_calls",
  {
    month: text("month").notNull(),
    endpoint: text("endpoint").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.month, t.endpoint] })],
);
