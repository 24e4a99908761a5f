import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setSessionUserForTests } from "@/server/auth/session";
import {
  bankItems,
  decisions,
  firmGrants,
  firmMembers,
  invitations,
  reserves,
  scenarios,
} from "@/server/db/schema";
import type { TAction } from "@/server/edge/define-action";
import { newToken } from "@/server/lib/tokens";
import { loadActions } from "../support/actions";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { addMember, makeBusiness, makeFirmWithAdvisor, makeUser, rowCounts } from "../support/factories";

/**
 * Finding 12: bad input is a field error or a 4xx, never a 500, and writes nothing. Every server
 * action (enumerated from app/actions: a new one fails here until it is listed) gets a valid input
 * for the caller's own business; then each field in turn is replaced by every malformed value of
 * its kind. The answer must be `{ ok: false }` with a 4xx code — an invalid_input naming that
 * field — and every table keeps its row count.
 */
type TKind =
  | "text"
  | "money"
  | "signedMoney"
  | "date"
  | "id"
  | "enum"
  | "bool"
  | "email"
  | "month"
  | "weeks"
  | "token"
  | "code";

const anyType = [null, 12345, [], {}, true, "x".repeat(100_000)];
const MALFORMED: Record<TKind, unknown[]> = {
  text: [...anyType, "", "   "],
  money: [...anyType, "99999999999999", "1e308", "12.345", "abc", "", "NaN", "Infinity", "-5", "0"],
  signedMoney: [...anyType, "99999999999999", "-99999999999999", "1e308", "12.345", "abc", "", "NaN"],
  date: [
    ...anyType,
    "2026-12-99",
    "2027-02-30",
    "2026-13-01",
    "26-11-2026",
    "",
    "1900-01-01",
    "2026-11-26T00:00",
  ],
  id: [...anyType, "", "../etc/passwd", "1 OR 1=1", "x".repeat(300)],
  enum: [...anyType, "", "bogus"],
  bool: [null, 12345, [], {}, "maybe", "x".repeat(100_000)],
  email: [...anyType, "", "not-an-email", "a@", `${"x".repeat(300)}@example.test`],
  month: [null, [], {}, true, "", "0", "13", "1.5", "x".repeat(100_000)],
  weeks: [null, 12345, [], {}, true, "0", "53", "1.5", "x".repeat(100_000)],
  token: [...anyType, "", "short"],
  code: [...anyType, "", "x"],
};

type TCase = { fields: Record<string, TKind>; input: () => Record<string, unknown>; as: () => string | null };

describe(`every action refuses malformed input cleanly (${testBackend})`, () => {
  let h: TestDatabase;
  let actions: Map<string, TAction<unknown>>;
  const f = {} as {
    owner: string;
    biz: string;
    member: string;
    invitation: string;
    reserve: string;
    scenario: string;
    bankItem: string;
    decision: string;
    advisor: string;
    firm: string;
    grant: string;
  };
  beforeAll(async () => {
    h = await useTestDatabase();
    f.owner = (await makeUser(h.db)).id;
    f.member = (await makeUser(h.db)).id;
    f.biz = await makeBusiness(h.db, f.owner, { name: "Fuzz Co" });
    await addMember(h.db, f.biz, f.member, "viewer");
    const [inv] = await h.db
      .insert(invitations)
      .values({
        businessId: f.biz,
        email: "pending@example.test",
        role: "viewer",
        tokenHash: newToken().hash,
        expiresAt: new Date(Date.now() + 86_400_000),
      })
      .returning();
    f.invitation = inv!.id;
    const [r] = await h.db
      .insert(reserves)
      .values({ businessId: f.biz, name: "Tax", kind: "hold", amountCents: 100_000 })
      .returning();
    f.reserve = r!.id;
    const [sc] = await h.db
      .insert(scenarios)
      .values({ businessId: f.biz, name: "Plan", body: { v: 1, items: [], decisions: [] } })
      .returning();
    f.scenario = sc!.id;
    f.bankItem = randomUUID();
    await h.db.insert(bankItems).values({
      id: f.bankItem,
      businessId: f.biz,
      itemId: `item-${f.bankItem}`,
      environment: "emulator",
      accessTokenEnc: "v1:not-a-real-token",
    });
    const [d] = await h.db
      .insert(decisions)
      .values({
        businessId: f.biz,
        kind: "schedule",
        targetType: "Bill",
        targetId: "77",
        status: "planned",
        date: "2026-12-20",
      })
      .returning();
    f.decision = d!.id;
    f.advisor = (await makeUser(h.db)).id;
    f.firm = await makeFirmWithAdvisor(h.db, f.advisor, [f.biz]);
    await h.db.update(firmMembers).set({ role: "admin" }).where(eq(firmMembers.userId, f.advisor));
    f.grant = (await h.db.select().from(firmGrants).where(eq(firmGrants.businessId, f.biz)))[0]!.id;
    actions = await loadActions();
  });
  afterEach(() => setSessionUserForTests(undefined));
  afterAll(async () => h?.close());

  const owner = () => f.owner;
  const advisor = () => f.advisor;
  const nobody = () => null;
  const b = (rest: Record<string, unknown>) => () => ({ businessId: f.biz, ...rest });
  const CASES: Record<string, TCase> = {
    updateBusiness: {
      fields: {
        businessId: "id",
        name: "text",
        timezone: "enum",
        currency: "enum",
        fiscalYearStartMonth: "month",
        allowBookkeeperCommit: "bool",
        allowAdvisorCommit: "bool",
      },
      input: b({ name: "Fuzz Co", timezone: "UTC", currency: "USD", fiscalYearStartMonth: "1" }),
      as: owner,
    },
    inviteMember: {
      fields: { email: "email", role: "enum" },
      input: b({ email: "new@example.test", role: "viewer" }),
      as: owner,
    },
    changeMemberRole: {
      fields: { userId: "id", role: "enum" },
      input: () => ({ businessId: f.biz, userId: f.member, role: "bookkeeper" }),
      as: owner,
    },
    removeMember: {
      fields: { userId: "id" },
      input: () => ({ businessId: f.biz, userId: f.member }),
      as: owner,
    },
    revokeInvitation: {
      fields: { invitationId: "id" },
      input: () => ({ businessId: f.biz, invitationId: f.invitation }),
      as: owner,
    },
    connectQuickBooks: { fields: { businessId: "id", replace: "bool" }, input: b({}), as: owner },
    syncNow: { fields: { businessId: "id" }, input: b({}), as: owner },
    disconnectQuickBooks: { fields: { businessId: "id" }, input: b({}), as: owner },
    connectBank: { fields: { businessId: "id", bankItemId: "id" }, input: b({}), as: owner },
    disconnectBank: {
      fields: { bankItemId: "id" },
      input: () => ({ businessId: f.biz, bankItemId: f.bankItem }),
      as: owner,
    },
    refreshBankBalance: { fields: { businessId: "id" }, input: b({}), as: owner },
    mapBankAccount: {
      fields: { bankItemId: "id", accountId: "text", qboAccountId: "text" },
      input: () => ({ businessId: f.biz, bankItemId: f.bankItem, accountId: "acc-1", qboAccountId: "" }),
      as: owner,
    },
    sendDigestNow: { fields: { businessId: "id" }, input: b({}), as: owner },
    updateAlertSettings: {
      fields: { alertBelow: "signedMoney", alertRunwayWeeks: "weeks" },
      input: b({ alertBelow: "5000", alertRunwayWeeks: "4" }),
      as: owner,
    },
    updateNotificationPrefs: {
      fields: { digestEmail: "bool", alertEmail: "bool" },
      input: b({ digestEmail: "on" }),
      as: owner,
    },
    createReserve: {
      fields: { name: "text", kind: "enum", amount: "money", payDate: "date" },
      input: b({ name: "Insurance", kind: "setAside", amount: "3000", payDate: "2026-12-15" }),
      as: owner,
    },
    updateReserve: {
      fields: { reserveId: "id", name: "text", kind: "enum", amount: "money" },
      input: () => ({ businessId: f.biz, reserveId: f.reserve, name: "Tax", kind: "hold", amount: "1200" }),
      as: owner,
    },
    releaseReserve: {
      fields: { reserveId: "id" },
      input: () => ({ businessId: f.biz, reserveId: f.reserve }),
      as: owner,
    },
    tryDecision: {
      fields: { kind: "enum", targetId: "id", date: "date" },
      input: b({ kind: "schedule", targetId: "77", date: "2026-12-20" }),
      as: owner,
    },
    decide: {
      fields: { kind: "enum", targetId: "id", date: "date", commit: "bool" },
      input: b({ kind: "schedule", targetId: "77", date: "2026-12-20", commit: "on" }),
      as: owner,
    },
    commitPlanned: {
      fields: { decisionId: "id" },
      input: () => ({ businessId: f.biz, decisionId: f.decision }),
      as: owner,
    },
    withdrawDecision: {
      fields: { decisionId: "id" },
      input: () => ({ businessId: f.biz, decisionId: f.decision }),
      as: owner,
    },
    recordPayment: {
      fields: { billId: "id", accountId: "id", date: "date", amount: "money" },
      input: b({ billId: "77", accountId: "1", date: "2026-11-20", amount: "10" }),
      as: owner,
    },
    sendReminder: { fields: { invoiceId: "id" }, input: b({ invoiceId: "78" }), as: owner },
    acceptPaymentRun: { fields: { windowDays: "weeks" }, input: b({ windowDays: "28" }), as: owner },
    setVendorPayRule: {
      fields: { vendorId: "id", mustPay: "bool" },
      input: b({ vendorId: "55", mustPay: "on" }),
      as: owner,
    },
    createScenario: { fields: { name: "text" }, input: b({ name: "Hire a designer" }), as: owner },
    deleteScenario: {
      fields: { scenarioId: "id" },
      input: () => ({ businessId: f.biz, scenarioId: f.scenario }),
      as: owner,
    },
    addScenarioEntry: {
      fields: {
        scenarioId: "id",
        kind: "enum",
        name: "text",
        monthly: "money",
        from: "date",
        payDay: "weeks",
        taxPercent: "signedMoney",
      },
      input: () => ({
        businessId: f.biz,
        scenarioId: f.scenario,
        kind: "hire",
        name: "Designer",
        monthly: "6500",
        from: "2026-12-01",
        payDay: "28",
        taxPercent: "7.65",
      }),
      as: owner,
    },
    removeScenarioEntry: {
      fields: { scenarioId: "id", entry: "id" },
      input: () => ({ businessId: f.biz, scenarioId: f.scenario, entry: "item:nothere" }),
      as: owner,
    },
    setActiveScenario: {
      fields: { scenarioId: "id", active: "bool" },
      input: () => ({ businessId: f.biz, scenarioId: f.scenario, active: "on" }),
      as: owner,
    },
    commitScenario: {
      fields: { scenarioId: "id" },
      input: () => ({ businessId: f.biz, scenarioId: f.scenario }),
      as: owner,
    },
    dismissTrayItem: {
      fields: { itemKey: "id", reason: "text", until: "date" },
      input: b({ itemKey: "billNoDueDate:77", reason: "not ours", until: "2026-12-31" }),
      as: owner,
    },
    restoreTrayItem: { fields: { itemKey: "id" }, input: b({ itemKey: "billNoDueDate:77" }), as: owner },
    grantFirmAccess: { fields: { inviteCode: "code" }, input: b({ inviteCode: "NOPE-NOPE" }), as: owner },
    revokeFirmAccess: {
      fields: { grantId: "id" },
      input: () => ({ businessId: f.biz, grantId: f.grant }),
      as: owner,
    },
    createBusiness: {
      fields: { name: "text", timezone: "enum", currency: "enum", fiscalYearStartMonth: "month" },
      input: () => ({ name: "New Co", timezone: "UTC", currency: "USD", fiscalYearStartMonth: "1" }),
      as: owner,
    },
    acceptInvitation: { fields: { token: "token" }, input: () => ({ token: "t".repeat(43) }), as: owner },
    createFirm: { fields: { name: "text" }, input: () => ({ name: "New Firm" }), as: owner },
    acceptClient: {
      fields: { firmId: "id", grantId: "id" },
      input: () => ({ firmId: f.firm, grantId: f.grant }),
      as: advisor,
    },
    inviteToFirm: {
      fields: { firmId: "id", email: "email", role: "enum" },
      input: () => ({ firmId: f.firm, email: "new.advisor@example.test", role: "advisor" }),
      as: advisor,
    },
    removeFirmMember: {
      fields: { firmId: "id", userId: "id" },
      input: () => ({ firmId: f.firm, userId: f.owner }),
      as: advisor,
    },
    withdrawFirmInvitation: {
      fields: { firmId: "id", invitationId: "id" },
      input: () => ({ firmId: f.firm, invitationId: "00000000-0000-4000-8000-000000000000" }),
      as: advisor,
    },
    acceptFirmInvitation: { fields: { token: "token" }, input: () => ({ token: "t".repeat(43) }), as: owner },
    requestMagicLink: {
      fields: { email: "email" },
      input: () => ({ email: "someone@example.test" }),
      as: nobody,
    },
    demoSignIn: { fields: { who: "enum" }, input: () => ({ who: "owner" }), as: nobody },
    unsubscribeFromDigest: {
      fields: { token: "token" },
      input: () => ({ token: "t".repeat(60) }),
      as: nobody,
    },
    signOut: { fields: {}, input: () => ({}), as: owner },
  };

  it("every action is listed here with the kind of each of its fields", () => {
    expect([...actions.keys()].sort()).toEqual(Object.keys(CASES).sort());
  });

  it("each malformed value gets a 4xx or a field error naming the field, and nothing is written", async () => {
    const problems: string[] = [];
    let tried = 0;
    for (const [name, c] of Object.entries(CASES)) {
      const action = actions.get(name)!;
      for (const [field, kind] of Object.entries(c.fields)) {
        for (const value of MALFORMED[kind]) {
          setSessionUserForTests(c.as());
          const input = { ...c.input(), [field]: value };
          const shown = `${name}.${field} = ${JSON.stringify(value)?.slice(0, 40)}`;
          const before = await rowCounts(h.db);
          tried++;
          let result: unknown;
          try {
            result = await action(input);
          } catch (err) {
            problems.push(`${shown}: threw ${(err as Error).message.slice(0, 120)}`);
            continue;
          }
          const r = result as { ok: boolean; code?: string; fieldErrors?: Record<string, string[]> };
          if (r.ok) problems.push(`${shown}: accepted`);
          else if (!["invalid_input", "not_found", "forbidden", "conflict", "unauthorized"].includes(r.code!))
            problems.push(`${shown}: ${r.code}`);
          else if (r.code === "invalid_input" && !r.fieldErrors?.[field])
            problems.push(
              `${shown}: invalid_input without naming ${field} (${JSON.stringify(r.fieldErrors)})`,
            );
          const after = await rowCounts(h.db);
          if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`${shown}: wrote rows`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThan(500);
  }, 300_000);

  it("route handlers: malformed ids, queries and bodies get a 4xx, never a 500, and nothing is written", async () => {
    const before = await rowCounts(h.db);
    const problems: string[] = [];
    const expect4xx = async (what: string, res: Response) => {
      if (res.status < 400 || res.status >= 500) problems.push(`${what}: ${res.status}`);
    };
    setSessionUserForTests(f.owner);
    const status = (await import("@/app/api/b/[businessId]/sync-status/route")).GET;
    const outbox = (await import("@/app/outbox/[emailId]/route")).GET;
    for (const bad of [
      "",
      "x".repeat(5000),
      "../../etc",
      "1 OR 1=1",
      "%00",
      "00000000-0000-0000-0000-000000000000",
    ]) {
      await expect4xx(
        `sync-status ${bad.slice(0, 20)}`,
        await status(new Request("http://localhost/x"), { params: Promise.resolve({ businessId: bad }) }),
      );
      await expect4xx(
        `outbox ${bad.slice(0, 20)}`,
        await outbox(new Request("http://localhost/x"), { params: Promise.resolve({ emailId: bad }) }),
      );
    }
    const callback = (await import("@/app/api/qbo/callback/route")).GET;
    const { NextRequest } = await import("next/server");
    for (const q of [
      "",
      "?state=x",
      "?code=a&state=b&realmId=not-a-realm",
      `?state=${"x".repeat(5000)}&code=y&realmId=1`,
      "?error=access_denied&state=zz",
    ])
      await expect4xx(
        `callback ${q.slice(0, 30)}`,
        await callback(new NextRequest(`http://localhost/api/qbo/callback${q}`)),
      );
    const webhooks = (await import("@/app/api/qbo/webhooks/route")).POST;
    for (const body of ["", "{", "[]", "null", '{"eventNotifications":"x"}', "x".repeat(10_000)])
      await expect4xx(
        `webhook ${body.slice(0, 20)}`,
        await webhooks(
          new Request("http://localhost/api/qbo/webhooks", {
            method: "POST",
            body,
            headers: { "intuit-signature": "bm9wZQ==" },
          }),
        ),
      );
    expect(problems).toEqual([]);
    expect(await rowCounts(h.db)).toEqual(before);
  });
});
