// @ts-nocheck
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { removeFirmMemberAction, withdrawFirmInvitationAction } from "@/app/actions/firms";
import { getBusinessContext } from "@/server/access/business-context";
import { setSessionUserForTests } from "@/server/auth/session";
import { emails, firmAuditLog, firmInvitations, firmMembers } from "@/server/db/schema";
import { acceptFirmInvitation, inviteToFirm } from "@/server/firms/invitations";
import { getFirmTeam } from "@/server/firms/team";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeFirmWithAdvisor, makeUser } from "../support/factories";

/**
 * Finding 8: advisors could not be removed from a firm and pending firm invitations could not be
 * withdrawn, so a departed advisor kept access to every client. Firm admins do both, effective on
 * the next request, audited on the firm.
 */
describe(`a firm's team (${testBackend})`, () => {
  let h: TestDatabase;
  const clock = { now: () => new Date() };
  const f = {} as { admin: string; advisor: string; client: string; firm: string; owner: string };
  beforeAll(async () => {
    h = await useTestDatabase();
    f.owner = (await makeUser(h.db)).id;
    f.client = await makeBusiness(h.db, f.owner);
    f.advisor = (await makeUser(h.db)).id;
    f.firm = await makeFirmWithAdvisor(h.db, f.advisor, [f.client]);
    f.admin = (await makeUser(h.db, { email: `admin-${Date.now()}@example.test` })).id;
    await h.db.insert(firmMembers).values({ firmId: f.firm, userId: f.admin, role: "admin" });
  });
  afterEach(() => setSessionUserForTests(undefined));
  afterAll(async () => h?.close());

  const audit = async (action: string) =>
    h.db
      .select()
      .from(firmAuditLog)
      .where(and(eq(firmAuditLog.firmId, f.firm), eq(firmAuditLog.action, action)));

  it("an admin removes an advisor: the advisor's next request opens none of the firm's clients", async () => {
    expect((await getBusinessContext({ db: h.db, userId: f.advisor, businessId: f.client })).firmId).toBe(
      f.firm,
    );
    setSessionUserForTests(f.admin);
    expect(await removeFirmMemberAction({ firmId: f.firm, userId: f.advisor })).toMatchObject({ ok: true });
    await expect(
      getBusinessContext({ db: h.db, userId: f.advisor, businessId: f.client }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    expect(
      (await getFirmTeam({ db: h.db, userId: f.admin, firmId: f.firm }))!.members.map((m) => m.userId),
    ).toEqual([f.admin]);
    expect(await audit("firm.member_removed")).toMatchObject([
      { actorUserId: f.admin, detail: { userId: f.advisor, role: "advisor" } },
    ]);
  });

  it("the last admin cannot be removed, and an advisor cannot remove anyone", async () => {
    setSessionUserForTests(f.admin);
    // An admin may not remove themself while they are the only one (the page offers no button).
    expect(await removeFirmMemberAction({ firmId: f.firm, userId: f.admin })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    const advisor = (await makeUser(h.db)).id;
    await h.db.insert(firmMembers).values({ firmId: f.firm, userId: advisor, role: "advisor" });
    setSessionUserForTests(advisor);
    expect(await removeFirmMemberAction({ firmId: f.firm, userId: f.admin })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
  });

  it("an admin withdraws a pending invitation: its link no longer works", async () => {
    await inviteToFirm({
      db: h.db,
      userId: f.admin,
      firmId: f.firm,
      input: { email: "leaver@example.test", role: "advisor" },
      clock,
      appUrl: "http://localhost:3000",
    });
    const team = await getFirmTeam({ db: h.db, userId: f.admin, firmId: f.firm });
    const inv = team!.invitations.find((i) => i.email === "leaver@example.test")!;
    setSessionUserForTests(f.admin);
    expect(await withdrawFirmInvitationAction({ firmId: f.firm, invitationId: inv.id })).toMatchObject({
      ok: true,
    });
    const [row] = await h.db.select().from(firmInvitations).where(eq(firmInvitations.id, inv.id));
    expect(row!.revokedAt).not.toBeNull();
    expect(await audit("firm.invitation_withdrawn")).toHaveLength(1);
    // Withdrawn twice: nothing to withdraw.
    expect(await withdrawFirmInvitationAction({ firmId: f.firm, invitationId: inv.id })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    // The invitee follows the emailed link (the demo outbox keeps it): refused.
    const [mail] = await h.db.select().from(emails).where(eq(emails.toAddress, "leaver@example.test"));
    const token = /\/firm-invite\/([A-Za-z0-9_-]+)/.exec(mail!.text)![1]!;
    const invitee = (await makeUser(h.db, { email: "leaver@example.test" })).id;
    await expect(acceptFirmInvitation({ db: h.db, userId: invitee, token, clock })).rejects.toMatchObject({
      name: "AppError",
    });
    expect(
      await h.db
        .select()
        .from(firmMembers)
        .where(and(eq(firmMembers.firmId, f.firm), eq(firmMembers.userId, invitee))),
    ).toEqual([]);
  });
});
