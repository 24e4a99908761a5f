// @ts-nocheck
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "@/server/abuse/rate-limits";
import { getBusinessContext } from "@/server/access/business-context";
import { firmGrants, firmInvitations, firmMembers, firms, invitations } from "@/server/db/schema";
import { digests } from "@/server/db/schema-digest";
import { sendDigestNow } from "@/server/digest/manage";
import { acceptClient, grantFirmAccess, revokeFirmAccess } from "@/server/firms/access";
import { inviteToFirm } from "@/server/firms/invitations";
import { inviteMember } from "@/server/members/invite-member";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser } from "../support/factories";

/**
 * Finding 5: check-then-act races. On PostgreSQL these run with real concurrency (a pool of
 * connections, twenty requests at once); on PGlite (one connection) they pass by serializing,
 * which is why CI runs this file on both. Each answer is a success or a clean AppError, never a
 * driver error, and the database keeps the one-of rule.
 */
describe(`concurrent requests keep their rules (${testBackend})`, () => {
  let h: TestDatabase;
  const clock = { now: () => new Date("2026-11-26T15:00:00Z") };
  beforeAll(async () => {
    h = await useTestDatabase();
  });
  afterAll(async () => h?.close());

  const settle = async <T>(n: number, fn: (i: number) => Promise<T>) => {
    const all = await Promise.allSettled(Array.from({ length: n }, (_, i) => fn(i)));
    const failed = all
      .filter((r): r is PromiseRejectedResult => r.status === "rejected")
      .map((r) => r.reason);
    for (const err of failed) expect(err, String(err)).toMatchObject({ name: "AppError" });
    return { ok: all.length - failed.length, failed: failed as { code: string; message: string }[] };
  };

  it("finding 5: twenty 'Send digest now' at once store one digest; the rest are told one was just sent", async () => {
    const owner = (await makeUser(h.db)).id;
    const businessId = await makeBusiness(h.db, owner);
    const ctx = await getBusinessContext({ db: h.db, userId: owner, businessId });
    const r = await settle(20, () => sendDigestNow({ db: h.db, ctx, clock }));
    expect(r.ok).toBe(1);
    expect(new Set(r.failed.map((e) => e.message))).toEqual(
      new Set(["A digest was sent less than a minute ago."]),
    );
    const rows = await h.db.select().from(digests).where(eq(digests.businessId, businessId));
    expect(rows).toHaveLength(1);
  });

  it("finding 5: eight grants to one firm at once leave one live grant; revoking it ends the firm's access", async () => {
    const owner = (await makeUser(h.db)).id;
    const admin = (await makeUser(h.db)).id;
    const businessId = await makeBusiness(h.db, owner);
    const [firm] = await h.db
      .insert(firms)
      .values({ name: "Race CPAs", inviteCode: `RACE-${Date.now()}` })
      .returning();
    await h.db.insert(firmMembers).values({ firmId: firm!.id, userId: admin, role: "admin" });
    const ctx = await getBusinessContext({ db: h.db, userId: owner, businessId });
    const r = await settle(8, () =>
      grantFirmAccess({ db: h.db, ctx, input: { inviteCode: firm!.inviteCode }, clock }),
    );
    expect(r.ok).toBe(1);
    for (const e of r.failed) expect(e.code).toBe("conflict");
    const live = await h.db
      .select()
      .from(firmGrants)
      .where(and(eq(firmGrants.businessId, businessId), isNull(firmGrants.revokedAt)));
    expect(live).toHaveLength(1);
    await acceptClient({ db: h.db, userId: admin, firmId: firm!.id, grantId: live[0]!.id, clock });
    expect((await getBusinessContext({ db: h.db, userId: admin, businessId })).firmId).toBe(firm!.id);
    await revokeFirmAccess({ db: h.db, ctx, grantId: live[0]!.id, clock });
    await expect(getBusinessContext({ db: h.db, userId: admin, businessId })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("finding 5: ten invitations to one address at once leave one valid invitation (business and firm)", async () => {
    const owner = (await makeUser(h.db)).id;
    const businessId = await makeBusiness(h.db, owner);
    const ctx = await getBusinessContext({ db: h.db, userId: owner, businessId });
    const r = await settle(10, () =>
      inviteMember({
        db: h.db,
        ctx,
        input: { email: "new.hire@example.test", role: "viewer" },
        clock,
        appUrl: "http://localhost:3000",
      }),
    );
    // The per-address limit lets three through (finding 6); the point here is what they leave.
    expect(r.ok).toBe(LIMITS.invitesPerAddress.points);
    const pending = await h.db
      .select()
      .from(invitations)
      .where(
        and(
          eq(invitations.businessId, businessId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );
    expect(pending).toHaveLength(1);

    const admin = (await makeUser(h.db)).id;
    const [firm] = await h.db
      .insert(firms)
      .values({ name: "Invite CPAs", inviteCode: `INV-${Date.now()}` })
      .returning();
    await h.db.insert(firmMembers).values({ firmId: firm!.id, userId: admin, role: "admin" });
    const f = await settle(10, () =>
      inviteToFirm({
        db: h.db,
        userId: admin,
        firmId: firm!.id,
        input: { email: "advisor@example.test", role: "advisor" },
        clock,
        appUrl: "http://localhost:3000",
      }),
    );
    expect(f.ok).toBe(LIMITS.invitesPerAddress.points);
    const firmPending = await h.db
      .select()
      .from(firmInvitations)
      .where(
        and(
          eq(firmInvitations.firmId, firm!.id),
          isNull(firmInvitations.acceptedAt),
          isNull(firmInvitations.revokedAt),
        ),
      );
    expect(firmPending).toHaveLength(1);
  });
});
