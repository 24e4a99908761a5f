import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/*
 * Conventions (docs/decisions/0002-tenancy.md):
 * - Every tenant table has `business_id NOT NULL` and an index that starts with it.
 * - Ids are random UUIDs in text columns, so a URL never reveals how many businesses exist.
 * - Instants are timestamptz; business dates (later: ledger) are `date`.
 * - Money (later: ledger) is bigint cents, read as a JS number ({ mode: "number" }).
 */

const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());
const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

/**
 * The tenant key every tenant table carries (NOT NULL; rows go with their business). A function
 * declaration, so schema-qbo.ts can use it despite the import cycle through `export *`.
 */
export function businessIdColumn() {
  return text("business_id")
    .notNull()
    .references(() => businesses.id, { onDelete: "cascade" });
}

// ── Auth.js tables (shape required by @auth/drizzle-adapter) ─────────────────────────────────

export const users = pgTable("users", {
  id: id(),
  name: text("name"),
  email: text("email").unique(),
  emailVerified: timestamp("email_verified", { withTimezone: true, mode: "date" }),
  image: text("image"),
  createdAt: createdAt(),
  /**
   * Sessions are JWTs (Auth.js refuses database sessions beside the demo's Credentials sign-in);
   * each carries the version it was issued under, and a session of an older version is refused.
   * Signing out bumps it: every copy of every session cookie of this user ends at once.
   */
  sessionVersion: integer("session_version").notNull().default(1),
});

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.providerAccountId] }),
    index("accounts_user_idx").on(t.userId),
  ],
);

export const sessions = pgTable("sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// ── Tenancy ───────────────────────────────────────────────────────────────────────────────────

export const memberRole = pgEnum("member_role", ["owner", "bookkeeper", "viewer"]);
export const firmRole = pgEnum("firm_role", ["admin", "advisor"]);

export const businesses = pgTable("businesses", {
  id: id(),
  name: text("name").notNull(),
  timezone: text("timezone").notNull(),
  currency: text("currency").notNull(),
  /** 1 = January. */
  fiscalYearStartMonth: integer("fiscal_year_start_month").notNull().default(1),
  /** The design's "if the owner allows" switches for committing decisions. */
  allowBookkeeperCommit: boolean("allow_bookkeeper_commit").notNull().default(false),
  allowAdvisorCommit: boolean("allow_advisor_commit").notNull().default(false),
  /**
   * The one threshold model (design §2): alert when projected spendable dips below this amount
   * inside the horizon, or when runway falls under `alertRunwayWeeks` (null: no runway rule).
   */
  alertBelowCents: bigint("alert_below_cents", { mode: "number" }).notNull().default(0),
  alertRunwayWeeks: integer("alert_runway_weeks"),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  "memberships",
  {
    businessId: businessIdColumn(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: memberRole("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.businessId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    businessId: businessIdColumn(),
    email: text("email").notNull(),
    role: memberRole("role").notNull(),
    /** sha256 of the token in the emailed link; the token itself is never stored. */
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true, mode: "date" }),
    acceptedBy: text("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    index("invitations_business_idx").on(t.businessId, t.email),
    // One pending invitation per address and business: concurrent invitations cannot leave two.
    uniqueIndex("invitations_pending_idx")
      .on(t.businessId, t.email)
      .where(sql`accepted_at is null and revoked_at is null`),
  ],
);

export const firms = pgTable("firms", {
  id: id(),
  name: text("name").notNull(),
  inviteCode: text("invite_code").notNull().unique(),
  createdAt: createdAt(),
});

export const firmMembers = pgTable(
  "firm_members",
  {
    firmId: text("firm_id")
      .notNull()
      .references(() => firms.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: firmRole("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.userId] }), index("firm_members_user_idx").on(t.userId)],
);

/**
 * The weekly firm digest: one email per firm member and ISO week (the primary key), written
 * `pending` before it is sent and `sent` after, so a crash resends rather than loses it.
 */
export const firmDigestDeliveries = pgTable(
  "firm_digest_deliveries",
  {
    firmId: text("firm_id")
      .notNull()
      .references(() => firms.id, { onDelete: "cascade" }),
    isoWeek: text("iso_week").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status").notNull().default("pending"),
    emailId: text("email_id"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.isoWeek, t.userId] })],
);

/** An invitation to join a firm (as admin or advisor), by emailed link; the token is stored hashed. */
export const firmInvitations = pgTable(
  "firm_invitations",
  {
    id: id(),
    firmId: text("firm_id")
      .notNull()
      .references(() => firms.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: firmRole("role").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true, mode: "date" }),
    acceptedBy: text("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    index("firm_invitations_firm_idx").on(t.firmId, t.email),
    uniqueIndex("firm_invitations_pending_idx")
      .on(t.firmId, t.email)
      .where(sql`accepted_at is null and revoked_at is null`),
  ],
);

/**
 * A business lets a firm's advisors in: the owner grants it by the firm's invite code, the firm
 * accepts (until then it is pending and opens nothing). Revoked grants stay for the audit trail.
 */
export const firmGrants = pgTable(
  "firm_grants",
  {
    id: id(),
    businessId: businessIdColumn(),
    firmId: text("firm_id")
      .notNull()
      .references(() => firms.id, { onDelete: "cascade" }),
    grantedBy: text("granted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true, mode: "date" }),
    acceptedBy: text("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    revokedBy: text("revoked_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("firm_grants_business_idx").on(t.businessId),
    index("firm_grants_firm_idx").on(t.firmId),
    // One live (pending or accepted) grant per business and firm.
    uniqueIndex("firm_grants_live_idx").on(t.businessId, t.firmId).where(sql`revoked_at is null`),
  ],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    businessId: businessIdColumn(),
    actorUserId: text("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    at: createdAt(),
  },
  (t) => [index("audit_log_business_idx").on(t.businessId, t.at)],
);

/** What a firm's admins did to the firm itself (its team and invitations); per firm. */
export const firmAuditLog = pgTable(
  "firm_audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    firmId: text("firm_id")
      .notNull()
      .references(() => firms.id, { onDelete: "cascade" }),
    actorUserId: text("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    at: createdAt(),
  },
  (t) => [index("firm_audit_log_firm_idx").on(t.firmId, t.at)],
);

/**
 * In-process cron slots claimed (server/jobs/registry.ts): one row per job and slot, so a cron
 * runs once per slot however many processes tick. Old rows are pruned as new slots are claimed.
 */
export const jobSlots = pgTable(
  "job_slots",
  {
    jobId: text("job_id").notNull(),
    slot: timestamp("slot", { withTimezone: true, mode: "date" }).notNull(),
    claimedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.slot] }), index("job_slots_claimed_idx").on(t.claimedAt)],
);

/**
 * Rate-limit counters (rate-limiter-flexible's Drizzle store: key, points, expire), shared by every
 * process through the database. Keys name the limit and what it counts (an address, a business,
 * an IP), never a secret.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull(),
  expire: timestamp("expire", { withTimezone: true, mode: "date" }),
});

// ── Email (magic links, invitations, later digests) ───────────────────────────────────────────

export const emailStatus = pgEnum("email_status", ["outbox", "sent", "failed"]);

/**
 * Every email the app produced. Without SMTP (demo mode) they stay here as `outbox` and the
 * demo-only /outbox page shows them; with SMTP they are sent and kept as `sent` or `failed`.
 * Not a tenant table: sign-in links belong to no business.
 */
export const emails = pgTable(
  "emails",
  {
    id: id(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    kind: text("kind").notNull(),
    status: emailStatus("status").notNull(),
    error: text("error"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("emails_to_idx").on(t.toAddress, t.createdAt)],
);
export * from "./schema-bank";
export * from "./schema-decisions";
export * from "./schema-digest";
export * from "./schema-qbo";
