// @ts-nocheck
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBusinessContext, listAccess } from "@/server/access/business-context";
import { fixedClock } from "@/server/clock";
import { auditLog, emails, firmMembers, firms } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import {
  acceptClient,
  createFirm,
  firmAdminView,
  grantFirmAccess,
  revokeFirmAccess,
} from "@/server/firms/access";
import { getFirmPortfolio } from "@/server/firms/get-firm-portfolio";
import { acceptFirmInvitation, inviteToFirm, viewFirmInvitation } from "@/server/firms/invitations";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser } from "../support/factories";

/** Firms and client access: create, grant by code, accept, revoke — each audited, each at once. */
describe(`firms and client access (${testBackend})`, () => {
  let h: TestDatabase;
  const clock = fixedClock("2026-11-26T12:00:00Z");
  const f = {} as { owner: string; admin: string; advisor: string; biz: string; firm: string; code: string };
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error("expected a refusal");
      },
      (e) => {
        if (!(e instanceof AppError)) throw e;
        return { code: e.code, fields: e.fieldErrors };
      },
    );

  beforeAll(async () => {
    h = await useTestDatabase();
    f.owner = (await makeUser(h.db)).id;
    f.admin = (await makeUser(h.db)).id;
    f.advisor = (await makeUser(h.db)).id;
    f.biz = await makeBusiness(h.db, f.owner, { name: "Harbor Studio" });
    const { firmId } = await createFirm({ db: h.db, userId: f.admin, input: { name: "Ledger & Co" } });
    f.firm = firmId;
    await h.db.insert(firmMembers).values({ firmId, userId: f.advisor, role: "advisor" });
    f.code = (await h.db.select().from(firms).where(eq(firms.id, firmId)))[0]!.inviteCode;
  });
  afterAll(async () => h?.close());

  const owner = () => getBusinessContext({ db: h.db, userId: f.owner, businessId: f.biz });
  const reaches = async (userId: string) => (await listAccess(h.db, userId, f.biz)).has(f.biz);

  it("a firm gets a readable invite code; a grant by that code waits for the firm's admin", async () => {
    expect(f.code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(
      await refusal(
        grantFirmAccess({ db: h.db, ctx: await owner(), input: { inviteCode: "ZZZZ-ZZZZ" }, clock }),
      ),
    ).toMatchObject({
      code: "invalid_input",
      fields: { inviteCode: [expect.stringContaining("No firm has this code")] },
    });
    await grantFirmAccess({ db: h.db, ctx: await owner(), input: { inviteCode: f.code }, clock });
    expect(
      await refusal(grantFirmAccess({ db: h.db, ctx: await owner(), input: { inviteCode: f.code }, clock })),
    ).toMatchObject({
      code: "conflict",
    });
    // Pending: nobody in the firm reaches the business yet.
    expect(await reaches(f.advisor)).toBe(false);
    expect(
      (await getFirmPortfolio({ db: h.db, userId: f.advisor, firmId: f.firm, now: clock.now() })).total,
    ).toBe(0);
    const view = await firmAdminView({ db: h.db, userId: f.admin, firmId: f.firm });
    expect(view!.pending.map((p) => p.businessName)).toEqual(["Harbor Studio"]);
    expect(await firmAdminView({ db: h.db, userId: f.advisor, firmId: f.firm })).toBeNull(); // advisors are not admins
  });

  it("the firm's admin accepts; advisors then work in the business with the advisor role", async () => {
    const view = await firmAdminView({ db: h.db, userId: f.admin, firmId: f.firm });
    expect(
      await refusal(
        acceptClient({ db: h.db, userId: f.advisor, firmId: f.firm, grantId: view!.pending[0]!.id, clock }),
      ),
    ).toMatchObject({
      code: "forbidden",
    });
    await acceptClient({ db: h.db, userId: f.admin, firmId: f.firm, grantId: view!.pending[0]!.id, clock });
    expect(await reaches(f.advisor)).toBe(true);
    const ctx = await getBusinessContext({ db: h.db, userId: f.advisor, businessId: f.biz });
    expect(ctx).toMatchObject({ role: "advisor", firmId: f.firm });
    const p = await getFirmPortfolio({ db: h.db, userId: f.advisor, firmId: f.firm, now: clock.now() });
    expect([...p.ranked, ...p.apart].map((c) => c.name)).toEqual(["Harbor Studio"]);
  });

  it("the admin invites an advisor by email; only that address can join", async () => {
    const invitee = await makeUser(h.db);
    const other = await makeUser(h.db);
    await inviteToFirm({
      db: h.db,
      userId: f.admin,
      firmId: f.firm,
      input: { email: invitee.email!, role: "advisor" },
      clock,
      appUrl: "http://localhost:3000",
    });
    const [mail] = await h.db.select().from(emails).where(eq(emails.toAddress, invitee.email!));
    const token = /\/firm-invite\/([\w-]+)/.exec(mail!.text)![1]!;
    expect(await viewFirmInvitation({ db: h.db, token, clock })).toMatchObject({
      state: "valid",
      firmName: "Ledger & Co",
    });
    expect(await refusal(acceptFirmInvitation({ db: h.db, userId: other.id, token, clock }))).toMatchObject({
      code: "forbidden",
    });
    expect(await acceptFirmInvitation({ db: h.db, userId: invitee.id, token, clock })).toMatchObject({
      firmId: f.firm,
    });
    expect(await reaches(invitee.id)).toBe(true); // the firm's client, through the accepted grant
    expect(await refusal(acceptFirmInvitation({ db: h.db, userId: invitee.id, token, clock }))).toMatchObject(
      {
        code: "not_found",
      },
    ); // single use
  });

  it("the owner revokes: the firm loses the business at once; every step is in the business's audit log", async () => {
    const [grant] = (await firmAdminView({ db: h.db, userId: f.admin, firmId: f.firm }))!.pending;
    expect(grant).toBeUndefined();
    const { listFirmGrants } = await import("@/server/firms/access");
    const [g] = await listFirmGrants({ db: h.db, ctx: await owner() });
    await revokeFirmAccess({ db: h.db, ctx: await owner(), grantId: g!.id, clock });
    expect(await reaches(f.advisor)).toBe(false);
    expect(await reaches(f.admin)).toBe(false);
    expect(
      (await getFirmPortfolio({ db: h.db, userId: f.advisor, firmId: f.firm, now: clock.now() })).total,
    ).toBe(0);
    expect(
      await refusal(revokeFirmAccess({ db: h.db, ctx: await owner(), grantId: g!.id, clock })),
    ).toMatchObject({
      code: "not_found",
    });
    const audit = await h.db
      .select({ action: auditLog.action, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.businessId, f.biz)));
    expect(audit.map((a) => [a.action, a.actor])).toEqual(
      expect.arrayContaining([
        ["firm.access_granted", f.owner],
        ["firm.access_accepted", f.admin],
        ["firm.access_revoked", f.owner],
      ]),
    );
  });
});
