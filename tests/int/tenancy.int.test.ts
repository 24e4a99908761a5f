import { randomUUID } from "node:crypto";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setSessionUserForTests } from "@/server/auth/session";
import { bankItems, decisions, firmGrants, invitations, reserves, scenarios } from "@/server/db/schema";
import type { TAction } from "@/server/edge/define-action";
import { hashToken, newToken } from "@/server/lib/tokens";
import { loadActions, walk } from "../support/actions";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import {
  addMember,
  makeBusiness,
  makeFirmWithAdvisor,
  makeUser,
  rowCounts,
  rowsOf,
} from "../support/factories";

/**
 * Tenancy, enumerated rather than sampled: every table, every server action and every route
 * handler is listed here. A new one fails this test until it is classified and covered.
 */

const root = path.resolve(__dirname, "../..");

/** Tables without business_id, each with why it is not a tenant table. */
const GLOBAL_TABLES: Record<string, string> = {
  businesses: "the tenant root: its id is the business id",
  users: "people exist across businesses",
  accounts: "Auth.js: per user",
  sessions: "Auth.js: per user",
  verification_tokens: "Auth.js: magic-link tokens, per email",
  firms: "firms span businesses; reached through firm_members",
  firm_members: "per firm",
  firm_invitations: "per firm: invitations into a firm (reached through firm_members' admin role)",
  firm_digest_deliveries: "per firm and member: which weekly firm digests went out",
  job_slots: "in-process cron slots claimed (job id and time): no business data",
  rate_limits: "abuse counters keyed by limit and address, business or IP; read by no page",
  firm_audit_log: "per firm: what its admins did to its team and invitations (read through firm_members)",
  emails: "the email outbox (sign-in links belong to no business); shown only in demo mode",
  qbo_rate_events: "the per-realm QuickBooks rate budget, shared by every process; holds no business data",
  qbo_metered_reads: "the app-wide monthly count of metered QuickBooks reads",
  plaid_app_calls: "the app-wide monthly count of Plaid calls that belong to no business (webhook keys)",
};

/** Route handlers, each either public (with why) or tenant-scoped and exercised below. */
const ROUTES: Record<string, { public: string } | { tenant: true }> = {
  "api/health": { public: "liveness: answers ok and the backend name, no data" },
  "api/auth/[...nextauth]": { public: "Auth.js endpoints: sign-in, callback, session, sign-out" },
  "api/inngest": {
    public: "Inngest's endpoint; requests are signed by Inngest (signing key) and carry ids only",
  },
  "api/qbo/callback": {
    public: "OAuth redirect; the single-use state binds it to the user and business that started it",
  },
  "api/qbo/webhooks": {
    public: "Intuit's webhooks; the body must carry a valid intuit-signature (fails closed)",
  },
  "api/plaid/return": {
    public:
      "Hosted Link's redirect back; finishes only a session the signed-in person started, reading its outcome from Plaid",
  },
  "api/webhooks/plaid": {
    public:
      "Plaid's webhooks; the body must carry a valid ES256 Plaid-Verification JWT over its hash (fails closed)",
  },
  "api/qbo/reconnect": {
    public: "Intuit's Reconnect URL; redirects the signed-in user to a business they may reconnect",
  },
  "api/b/[businessId]/sync-status": { tenant: true },
  "outbox/[emailId]": {
    public: "demo mode only (404 otherwise): one email of the demo outbox, which the outbox page lists",
  },
};

describe(`tenancy (${testBackend})`, () => {
  let h: TestDatabase;
  let actions: Map<string, TAction<unknown>>;
  const f = {} as {
    ownerA: string;
    bookkeeperA: string;
    viewerA: string;
    bizA: string;
    inviteA: string;
    inviteTokenA: string;
    ownerB: string;
    bizB: string;
    advisorA: string;
    advisorOther: string;
    reserveA: string;
    scenarioA: string;
    bankItemA: string;
    decisionA: string;
    firmA: string;
    grantA: string;
  };

  beforeAll(async () => {
    h = await useTestDatabase();
    const db = h.db;
    f.ownerA = (await makeUser(db)).id;
    f.bookkeeperA = (await makeUser(db)).id;
    f.viewerA = (await makeUser(db)).id;
    f.bizA = await makeBusiness(db, f.ownerA, { name: "Alpha" });
    await addMember(db, f.bizA, f.bookkeeperA, "bookkeeper");
    await addMember(db, f.bizA, f.viewerA, "viewer");
    const { token, hash } = newToken();
    const [inv] = await db
      .insert(invitations)
      .values({
        businessId: f.bizA,
        email: "pending@example.test",
        role: "viewer",
        tokenHash: hash,
        expiresAt: new Date(Date.now() + 86_400_000),
      })
      .returning();
    f.inviteA = inv!.id;
    f.inviteTokenA = token;
    f.ownerB = (await makeUser(db)).id;
    f.bizB = await makeBusiness(db, f.ownerB, { name: "Beta" });
    f.advisorA = (await makeUser(db)).id;
    f.firmA = await makeFirmWithAdvisor(db, f.advisorA, [f.bizA]);
    f.grantA = (await db.select().from(firmGrants).where(eq(firmGrants.businessId, f.bizA)))[0]!.id;
    f.advisorOther = (await makeUser(db)).id;
    await makeFirmWithAdvisor(db, f.advisorOther, [f.bizB]);
    const [reserve] = await db
      .insert(reserves)
      .values({ businessId: f.bizA, name: "Tax", kind: "hold", amountCents: 100_000 })
      .returning();
    f.reserveA = reserve!.id;
    const [scenario] = await db
      .insert(scenarios)
      .values({ businessId: f.bizA, name: "Plan", body: { v: 1, items: [], decisions: [] } })
      .returning();
    f.scenarioA = scenario!.id;
    f.bankItemA = randomUUID();
    await db.insert(bankItems).values({
      id: f.bankItemA,
      businessId: f.bizA,
      itemId: `item-${f.bankItemA}`,
      environment: "emulator",
      accessTokenEnc: "v1:not-a-real-token",
    });
    const [decision] = await db
      .insert(decisions)
      .values({
        businessId: f.bizA,
        kind: "schedule",
        targetType: "Bill",
        targetId: "77",
        status: "planned",
        date: "2026-12-20",
      })
      .returning();
    f.decisionA = decision!.id;
    actions = await loadActions();
  });
  afterEach(() => setSessionUserForTests(undefined));
  afterAll(async () => h?.close());

  it("every table is either a tenant table or a documented global one", async () => {
    const tables = rowsOf<{ table_name: string; has_bid: boolean }>(
      await h.db.execute(sql`
        select t.table_name,
               exists (select 1 from information_schema.columns c
                       where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'business_id') as has_bid
        from information_schema.tables t
        where t.table_schema = 'public' and t.table_type = 'BASE TABLE'`),
    );
    for (const t of tables) {
      if (!t.has_bid)
        expect(GLOBAL_TABLES, `table ${t.table_name} has no business_id: classify it`).toHaveProperty(
          t.table_name,
        );
      else expect(GLOBAL_TABLES).not.toHaveProperty(t.table_name);
    }
    expect(tables.filter((t) => t.has_bid).length).toBeGreaterThanOrEqual(4);
  });

  it("every tenant table has business_id NOT NULL and an index that starts with it", async () => {
    const rows = rowsOf<{ table_name: string; is_nullable: string; indexed: boolean }>(
      await h.db.execute(sql`
        select c.table_name, c.is_nullable,
               exists (
                 select 1 from pg_index i
                 join pg_class tc on tc.oid = i.indrelid
                 join pg_namespace ns on ns.oid = tc.relnamespace and ns.nspname = 'public'
                 join pg_attribute a on a.attrelid = tc.oid and a.attnum = i.indkey[0]
                 where tc.relname = c.table_name and a.attname = 'business_id') as indexed
        from information_schema.columns c
        where c.table_schema = 'public' and c.column_name = 'business_id'`),
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual(
      expect.arrayContaining(["audit_log", "firm_grants", "invitations", "memberships"]),
    );
    for (const r of rows) {
      expect(r.is_nullable, `${r.table_name}.business_id`).toBe("NO");
      expect(r.indexed, `${r.table_name} needs an index starting with business_id`).toBe(true);
    }
  });

  it("every route handler is classified", () => {
    const routes = walk(path.join(root, "app"))
      .filter((p) => /\/route\.tsx?$/.test(p))
      .map((p) => path.relative(path.join(root, "app"), path.dirname(p)));
    expect(routes.sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it("tenant route handlers answer 404 to another tenant and 401 signed out", async () => {
    const { GET } = await import("@/app/api/b/[businessId]/sync-status/route");
    const call = () =>
      GET(new Request("http://localhost/x"), { params: Promise.resolve({ businessId: f.bizA }) });
    setSessionUserForTests(f.ownerB);
    expect((await call()).status).toBe(404);
    setSessionUserForTests(f.advisorOther);
    expect((await call()).status).toBe(404);
    setSessionUserForTests(null);
    expect((await call()).status).toBe(401);
    setSessionUserForTests(f.viewerA);
    expect((await call()).status).toBe(200);
  });

  it("the health route answers without any tenant data", async () => {
    const { GET } = await import("@/app/api/health/route");
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: testBackend });
  });

  // A valid-looking input for each business action, aimed at business A.
  const businessInputs: Record<string, () => Record<string, unknown>> = {
    updateBusiness: () => ({
      businessId: f.bizA,
      name: "Hijacked",
      timezone: "UTC",
      currency: "USD",
      fiscalYearStartMonth: 1,
      allowBookkeeperCommit: "on",
    }),
    inviteMember: () => ({ businessId: f.bizA, email: "intruder@example.test", role: "owner" }),
    changeMemberRole: () => ({ businessId: f.bizA, userId: f.bookkeeperA, role: "owner" }),
    removeMember: () => ({ businessId: f.bizA, userId: f.bookkeeperA }),
    revokeInvitation: () => ({ businessId: f.bizA, invitationId: f.inviteA }),
    connectQuickBooks: () => ({ businessId: f.bizA }),
    connectBank: () => ({ businessId: f.bizA, bankItemId: f.bankItemA }),
    disconnectBank: () => ({ businessId: f.bizA, bankItemId: f.bankItemA }),
    refreshBankBalance: () => ({ businessId: f.bizA }),
    mapBankAccount: () => ({
      businessId: f.bizA,
      bankItemId: f.bankItemA,
      accountId: "acc-1",
      qboAccountId: "35",
    }),
    syncNow: () => ({ businessId: f.bizA }),
    disconnectQuickBooks: () => ({ businessId: f.bizA }),
    sendDigestNow: () => ({ businessId: f.bizA }),
    updateAlertSettings: () => ({ businessId: f.bizA, alertBelow: "100000", alertRunwayWeeks: "" }),
    updateNotificationPrefs: () => ({ businessId: f.bizA, digestEmail: "" }),
    createReserve: () => ({ businessId: f.bizA, name: "Grab", kind: "hold", amount: "100" }),
    updateReserve: () => ({
      businessId: f.bizA,
      reserveId: f.reserveA,
      name: "Grab",
      kind: "hold",
      amount: "1",
    }),
    releaseReserve: () => ({ businessId: f.bizA, reserveId: f.reserveA }),
    tryDecision: () => ({ businessId: f.bizA, kind: "schedule", targetId: "77", date: "2026-12-20" }),
    decide: () => ({
      businessId: f.bizA,
      kind: "schedule",
      targetId: "77",
      date: "2026-12-20",
      commit: "on",
    }),
    commitPlanned: () => ({ businessId: f.bizA, decisionId: f.decisionA }),
    withdrawDecision: () => ({ businessId: f.bizA, decisionId: f.decisionA }),
    recordPayment: () => ({
      businessId: f.bizA,
      billId: "77",
      accountId: "1",
      date: "2026-11-20",
      amount: "10",
    }),
    sendReminder: () => ({ businessId: f.bizA, invoiceId: "78" }),
    acceptPaymentRun: () => ({ businessId: f.bizA, windowDays: "28" }),
    setVendorPayRule: () => ({ businessId: f.bizA, vendorId: "55", mustPay: "on" }),
    createScenario: () => ({ businessId: f.bizA, name: "Grab" }),
    deleteScenario: () => ({ businessId: f.bizA, scenarioId: f.scenarioA }),
    addScenarioEntry: () => ({
      businessId: f.bizA,
      scenarioId: f.scenarioA,
      kind: "oneOff",
      name: "Grab",
      direction: "out",
      amount: "100",
      on: "2026-12-20",
    }),
    removeScenarioEntry: () => ({ businessId: f.bizA, scenarioId: f.scenarioA, entry: "item:x" }),
    setActiveScenario: () => ({ businessId: f.bizA, scenarioId: f.scenarioA, active: "on" }),
    commitScenario: () => ({ businessId: f.bizA, scenarioId: f.scenarioA }),
    dismissTrayItem: () => ({ businessId: f.bizA, itemKey: "billNoDueDate:77", reason: "not mine" }),
    restoreTrayItem: () => ({ businessId: f.bizA, itemKey: "billNoDueDate:77" }),
    grantFirmAccess: () => ({ businessId: f.bizA, inviteCode: "NOPE-NOPE" }),
    revokeFirmAccess: () => ({ businessId: f.bizA, grantId: f.grantA }),
  };
  // The same, but from inside the caller's own business B, pointing at A's ids.
  const foreignIdInputs: Record<string, () => Record<string, unknown>> = {
    changeMemberRole: () => ({ businessId: f.bizB, userId: f.bookkeeperA, role: "viewer" }),
    removeMember: () => ({ businessId: f.bizB, userId: f.bookkeeperA }),
    revokeInvitation: () => ({ businessId: f.bizB, invitationId: f.inviteA }),
    updateReserve: () => ({
      businessId: f.bizB,
      reserveId: f.reserveA,
      name: "Mine now",
      kind: "hold",
      amount: "1",
    }),
    releaseReserve: () => ({ businessId: f.bizB, reserveId: f.reserveA }),
    commitPlanned: () => ({ businessId: f.bizB, decisionId: f.decisionA }),
    withdrawDecision: () => ({ businessId: f.bizB, decisionId: f.decisionA }),
    // QuickBooks ids are looked up in the caller's own mirror: business A's bill is not B's.
    tryDecision: () => ({ businessId: f.bizB, kind: "schedule", targetId: "77", date: "2026-12-20" }),
    decide: () => ({
      businessId: f.bizB,
      kind: "schedule",
      targetId: "77",
      date: "2026-12-20",
      commit: "on",
    }),
    recordPayment: () => ({
      businessId: f.bizB,
      billId: "77",
      accountId: "1",
      date: "2026-11-20",
      amount: "10",
    }),
    sendReminder: () => ({ businessId: f.bizB, invoiceId: "78" }),
    // A vendor of business A is not one of B's.
    setVendorPayRule: () => ({ businessId: f.bizB, vendorId: "55", mustPay: "on" }),
    revokeFirmAccess: () => ({ businessId: f.bizB, grantId: f.grantA }),
    // A scenario of business A, named from inside B.
    deleteScenario: () => ({ businessId: f.bizB, scenarioId: f.scenarioA }),
    addScenarioEntry: () => ({
      businessId: f.bizB,
      scenarioId: f.scenarioA,
      kind: "oneOff",
      name: "Grab",
      direction: "out",
      amount: "100",
      on: "2026-12-20",
    }),
    removeScenarioEntry: () => ({ businessId: f.bizB, scenarioId: f.scenarioA, entry: "item:x" }),
    setActiveScenario: () => ({ businessId: f.bizB, scenarioId: f.scenarioA, active: "on" }),
    commitScenario: () => ({ businessId: f.bizB, scenarioId: f.scenarioA }),
    // A bank connection of business A, named from inside B.
    connectBank: () => ({ businessId: f.bizB, bankItemId: f.bankItemA }),
    disconnectBank: () => ({ businessId: f.bizB, bankItemId: f.bankItemA }),
    mapBankAccount: () => ({
      businessId: f.bizB,
      bankItemId: f.bankItemA,
      accountId: "acc-1",
      qboAccountId: "35",
    }),
  };

  it("every business action answers not_found to another tenant and writes nothing", async () => {
    const business = [...actions.values()].filter((a) => a.meta.scope === "business");
    expect(business.length).toBeGreaterThanOrEqual(5);
    for (const action of business) {
      const input = businessInputs[action.meta.name];
      expect(input, `add a cross-tenant input for ${action.meta.name}`).toBeDefined();
      for (const intruder of [f.ownerB, f.advisorOther]) {
        setSessionUserForTests(intruder);
        const before = await rowCounts(h.db);
        const result = await action(input!());
        expect(result, `${action.meta.name} as ${intruder}`).toMatchObject({ ok: false, code: "not_found" });
        expect(await rowCounts(h.db)).toEqual(before);
      }
      // Signed out: refused before anything is read.
      setSessionUserForTests(null);
      expect(await action(input!())).toMatchObject({ ok: false, code: "unauthorized" });
    }
  });

  it("actions re-check every id in their input against the caller's own business", async () => {
    setSessionUserForTests(f.ownerB);
    for (const [name, input] of Object.entries(foreignIdInputs)) {
      const before = await rowCounts(h.db);
      const result = await actions.get(name)!(input());
      expect(result, name).toMatchObject({ ok: false, code: "not_found" });
      expect(await rowCounts(h.db)).toEqual(before);
    }
    // And every business action that takes an id of another row is listed above.
    for (const a of actions.values()) {
      if (a.meta.scope !== "business") continue;
      const keys = Object.keys(businessInputs[a.meta.name]!()).filter(
        (k) => k !== "businessId" && k.endsWith("Id"),
      );
      if (keys.length > 0)
        expect(foreignIdInputs, `${a.meta.name} takes ${keys.join(", ")}`).toHaveProperty(a.meta.name);
    }
  });

  it("roles inside the business are enforced: viewers and bookkeepers cannot manage members", async () => {
    for (const who of [f.viewerA, f.bookkeeperA, f.advisorA]) {
      setSessionUserForTests(who);
      const before = await rowCounts(h.db);
      const result = await actions.get("inviteMember")!(businessInputs.inviteMember!());
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
      expect(await rowCounts(h.db)).toEqual(before);
    }
  });

  it("user actions: another tenant cannot accept an invitation meant for someone else", async () => {
    const user = [...actions.values()].filter((a) => a.meta.scope === "user").map((a) => a.meta.name);
    expect(user.sort()).toEqual([
      "acceptClient",
      "acceptFirmInvitation",
      "acceptInvitation",
      "createBusiness",
      "createFirm",
      "inviteToFirm",
      "removeFirmMember",
      "withdrawFirmInvitation",
    ]); // the create ones take no ids; the firm ones are checked below
    setSessionUserForTests(f.ownerB);
    const before = await rowCounts(h.db);
    const result = await actions.get("acceptInvitation")!({ token: f.inviteTokenA });
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(await rowCounts(h.db)).toEqual(before);
    const [inv] = await h.db
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, hashToken(f.inviteTokenA)));
    expect(inv!.acceptedAt).toBeNull();
  });

  it("firm actions: another firm cannot accept a client's grant, and an advisor is not an admin", async () => {
    // A pending grant of business B to firm A (A's own grant to firm A is live already: one per firm).
    const [pendingGrant] = await h.db
      .insert(firmGrants)
      .values({ businessId: f.bizB, firmId: f.firmA })
      .returning();
    for (const [who, firmId, code] of [
      [f.advisorOther, f.firmA, "not_found"], // not a member of firm A
      [f.ownerB, f.firmA, "not_found"],
      [f.advisorA, f.firmA, "forbidden"], // a member, but an advisor, not its admin
    ] as const) {
      setSessionUserForTests(who);
      const before = await rowCounts(h.db);
      expect(await actions.get("acceptClient")!({ firmId, grantId: pendingGrant!.id })).toMatchObject({
        ok: false,
        code,
      });
      expect(await rowCounts(h.db)).toEqual(before);
    }
    await h.db.delete(firmGrants).where(eq(firmGrants.id, pendingGrant!.id));
    // Inviting into firm A: only its admins (an outsider gets 404, its advisor is refused).
    for (const [who, code] of [
      [f.advisorOther, "not_found"],
      [f.advisorA, "forbidden"],
    ] as const) {
      setSessionUserForTests(who);
      const before = await rowCounts(h.db);
      expect(
        await actions.get("inviteToFirm")!({ firmId: f.firmA, email: "mole@example.test", role: "admin" }),
      ).toMatchObject({ ok: false, code });
      // Nor remove the firm's people, nor withdraw its invitations.
      expect(await actions.get("removeFirmMember")!({ firmId: f.firmA, userId: f.advisorA })).toMatchObject({
        ok: false,
        code,
      });
      expect(
        await actions.get("withdrawFirmInvitation")!({
          firmId: f.firmA,
          invitationId: "00000000-0000-4000-8000-000000000000",
        }),
      ).toMatchObject({ ok: false, code });
      expect(await rowCounts(h.db)).toEqual(before);
    }
  });

  it("public actions are exactly the sign-in ones and the signed unsubscribe, each with a reason", async () => {
    const pub = [...actions.values()].filter((a) => a.meta.scope === "public");
    expect(pub.map((a) => a.meta.name).sort()).toEqual([
      "demoSignIn",
      "requestMagicLink",
      "signOut",
      "unsubscribeFromDigest",
    ]);
    for (const a of pub) expect(a.meta.scope === "public" && a.meta.why.length).toBeGreaterThan(10);
    // Without a valid signature the unsubscribe action changes nothing.
    const before = await rowCounts(h.db);
    const forged = Buffer.from(JSON.stringify({ p: "unsubscribe", b: f.bizA, u: f.ownerA })).toString(
      "base64url",
    );
    for (const token of [`${forged}.AAAA`, `${forged}.${"A".repeat(43)}`, "not-a-token-at-all"])
      expect(await actions.get("unsubscribeFromDigest")!({ token })).toMatchObject({ ok: false });
    expect(await rowCounts(h.db)).toEqual(before);
  });
});
