// @ts-nocheck
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createBusinessAction, updateBusinessAction } from "@/app/actions/businesses";
import {
  acceptInvitationAction,
  changeMemberRoleAction,
  inviteMemberAction,
  removeMemberAction,
} from "@/app/actions/members";
import { setSessionUserForTests } from "@/server/auth/session";
import { auditLog, businesses, emails, memberships } from "@/server/db/schema";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { addMember, makeBusiness, makeUser, rowCounts } from "../support/factories";

describe(`businesses and members (${testBackend})`, () => {
  let h: TestDatabase;
  beforeAll(async () => {
    h = await useTestDatabase();
  });
  afterEach(() => setSessionUserForTests(undefined));
  afterAll(async () => h?.close());

  const good = { name: "Acme Studio", timezone: "Europe/London", currency: "gbp", fiscalYearStartMonth: "4" };

  it("creating a business makes the creator its owner, with normalized fields and an audit entry", async () => {
    const user = await makeUser(h.db);
    setSessionUserForTests(user.id);
    const result = await createBusinessAction(good);
    expect(result.ok).toBe(true);
    const { businessId, redirectTo } = (
      result as { ok: true; data: { businessId: string; redirectTo: string } }
    ).data;
    expect(redirectTo).toBe(`/b/${businessId}`);
    const [b] = await h.db.select().from(businesses).where(eq(businesses.id, businessId));
    expect(b).toMatchObject({
      name: "Acme Studio",
      timezone: "Europe/London",
      currency: "GBP",
      fiscalYearStartMonth: 4,
    });
    const [m] = await h.db.select().from(memberships).where(eq(memberships.businessId, businessId));
    expect(m).toMatchObject({ userId: user.id, role: "owner" });
    const audit = await h.db.select().from(auditLog).where(eq(auditLog.businessId, businessId));
    expect(audit.map((a) => a.action)).toEqual(["business.created"]);
  });

  it.each([
    ["empty name", { ...good, name: "   " }, "name", "Enter the business name"],
    ["200-character name", { ...good, name: "x".repeat(200) }, "name", "Keep the name under 120 characters"],
    [
      "unknown timezone",
      { ...good, timezone: "Mars/Olympus_Mons" },
      "timezone",
      "Choose a timezone from the list",
    ],
    ["unknown currency", { ...good, currency: "XYZ1" }, "currency", "Choose a currency code like USD"],
    ["month 13", { ...good, fiscalYearStartMonth: "13" }, "fiscalYearStartMonth", "Choose a month"],
  ])("bad input (%s) gets a field error and writes nothing", async (_label, input, field, message) => {
    const user = await makeUser(h.db);
    setSessionUserForTests(user.id);
    const before = await rowCounts(h.db);
    const result = await createBusinessAction(input);
    expect(result).toMatchObject({ ok: false, code: "invalid_input" });
    expect((result as { fieldErrors: Record<string, string[]> }).fieldErrors[field]).toEqual([message]);
    expect(await rowCounts(h.db)).toEqual(before);
  });

  it("a malformed invitation email gets a field error and writes nothing", async () => {
    const owner = await makeUser(h.db);
    const businessId = await makeBusiness(h.db, owner.id);
    setSessionUserForTests(owner.id);
    for (const email of ["not-an-email", "", "a@b", `${"x".repeat(250)}@example.com`]) {
      const before = await rowCounts(h.db);
      const result = await inviteMemberAction({ businessId, email, role: "bookkeeper" });
      expect(result, email).toMatchObject({ ok: false, code: "invalid_input" });
      expect((result as { fieldErrors: Record<string, string[]> }).fieldErrors.email?.length).toBeGreaterThan(
        0,
      );
      expect(await rowCounts(h.db)).toEqual(before);
    }
    const badRole = await inviteMemberAction({ businessId, email: "ok@example.test", role: "admin" });
    expect(badRole).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { role: [expect.any(String)] },
    });
  });

  it("invite → email with a link → the invitee accepts and becomes a bookkeeper", async () => {
    const owner = await makeUser(h.db);
    const businessId = await makeBusiness(h.db, owner.id, { name: "Invite & Co" });
    setSessionUserForTests(owner.id);
    const invited = await inviteMemberAction({
      businessId,
      email: "  Book.Keeper@Example.TEST ",
      role: "bookkeeper",
    });
    expect(invited.ok).toBe(true);
    const [mail] = await h.db.select().from(emails).where(eq(emails.toAddress, "book.keeper@example.test"));
    expect(mail).toMatchObject({
      kind: "invitation",
      status: "outbox",
      subject: "You're invited to Invite & Co on Oodaloo",
    });
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(mail!.text)?.[1];
    expect(mail!.text).toContain(`http://localhost:3000/invite/${token}`);

    // Someone else cannot use it.
    const stranger = await makeUser(h.db);
    setSessionUserForTests(stranger.id);
    expect(await acceptInvitationAction({ token })).toMatchObject({ ok: false, code: "forbidden" });

    const invitee = await makeUser(h.db, { email: "book.keeper@example.test" });
    setSessionUserForTests(invitee.id);
    expect(await acceptInvitationAction({ token })).toMatchObject({
      ok: true,
      data: { businessId, redirectTo: `/b/${businessId}` },
    });
    const [m] = await h.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.businessId, businessId), eq(memberships.userId, invitee.id)));
    expect(m!.role).toBe("bookkeeper");
    // Single use.
    expect(await acceptInvitationAction({ token })).toMatchObject({ ok: false, code: "not_found" });
    // The bookkeeper cannot invite or change settings.
    expect(await inviteMemberAction({ businessId, email: "x@example.test", role: "viewer" })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(
      await updateBusinessAction({
        businessId,
        ...good,
        allowBookkeeperCommit: "on",
        allowAdvisorCommit: "",
      }),
    ).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("inviting an existing member is refused with a field error", async () => {
    const owner = await makeUser(h.db, { email: `owner-${Date.now()}@example.test` });
    const businessId = await makeBusiness(h.db, owner.id);
    setSessionUserForTests(owner.id);
    const result = await inviteMemberAction({ businessId, email: owner.email, role: "viewer" });
    expect(result).toMatchObject({
      ok: false,
      code: "conflict",
      fieldErrors: { email: ["This person is already a member"] },
    });
  });

  it("the last owner can be neither demoted nor removed; with a second owner both work", async () => {
    const owner = await makeUser(h.db);
    const other = await makeUser(h.db);
    const businessId = await makeBusiness(h.db, owner.id);
    setSessionUserForTests(owner.id);
    expect(await changeMemberRoleAction({ businessId, userId: owner.id, role: "viewer" })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect(await removeMemberAction({ businessId, userId: owner.id })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    await addMember(h.db, businessId, other.id, "viewer");
    expect(await changeMemberRoleAction({ businessId, userId: other.id, role: "owner" })).toMatchObject({
      ok: true,
    });
    expect(await changeMemberRoleAction({ businessId, userId: owner.id, role: "bookkeeper" })).toMatchObject({
      ok: true,
    });
    const rows = await h.db.select().from(memberships).where(eq(memberships.businessId, businessId));
    expect(Object.fromEntries(rows.map((r) => [r.userId, r.role]))).toEqual({
      [owner.id]: "bookkeeper",
      [other.id]: "owner",
    });
    // Removal takes effect at once: the removed member's next call is a 404.
    setSessionUserForTests(other.id);
    expect(await removeMemberAction({ businessId, userId: owner.id })).toMatchObject({ ok: true });
    setSessionUserForTests(owner.id);
    expect(await inviteMemberAction({ businessId, email: "y@example.test", role: "viewer" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });
});
