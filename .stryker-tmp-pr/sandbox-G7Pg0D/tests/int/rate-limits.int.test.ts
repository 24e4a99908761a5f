// @ts-nocheck
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumeLimit, LIMITS } from "@/server/abuse/rate-limits";
import { getBusinessContext } from "@/server/access/business-context";
import { requestSync } from "@/server/connections/request-sync";
import { openDatabase } from "@/server/db/client";
import { invitations, qboConnections } from "@/server/db/schema";
import { inviteMember } from "@/server/members/invite-member";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser } from "../support/factories";

/**
 * Finding 6: no rate limits (40 sign-in emails to one address in 1.25 s, 25 invitations in 0.7 s,
 * 200 "Sync now" clicks ran 168 syncs). Limits are counted in the database, so they hold under
 * real concurrency (PostgreSQL) and across processes (two database clients).
 */
describe(`rate limits (${testBackend})`, () => {
  let h: TestDatabase;
  const clock = { now: () => new Date() };
  beforeAll(async () => {
    h = await useTestDatabase();
  });
  afterAll(async () => h?.close());

  const settle = async (n: number, fn: (i: number) => Promise<unknown>) => {
    const all = await Promise.allSettled(Array.from({ length: n }, (_, i) => fn(i)));
    const refused = all.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    for (const r of refused) expect(r.reason).toMatchObject({ name: "AppError", code: "rate_limited" });
    return { ok: all.length - refused.length, refused: refused.map((r) => (r.reason as Error).message) };
  };

  it("forty sign-in emails to one address at once: five go, the rest are told when to try again", async () => {
    const address = `burst-${Date.now()}@example.test`;
    const r = await settle(40, () => consumeLimit(h.db, "signInPerAddress", address));
    expect(r.ok).toBe(LIMITS.signInPerAddress.points);
    expect(r.refused[0]).toMatch(/^Too many sign-in emails to this address\. Try again in 1[45] minutes\.$/);
    // The address is the key whatever its case; another address is unaffected.
    await expect(consumeLimit(h.db, "signInPerAddress", address.toUpperCase())).rejects.toMatchObject({
      code: "rate_limited",
    });
    await expect(consumeLimit(h.db, "signInPerAddress", `other-${address}`)).resolves.toBeUndefined();
  });

  it.runIf(testBackend === "postgres")(
    "the count is shared by every process (a second database client)",
    async () => {
      const other = await openDatabase({ url: h.url! });
      try {
        const key = `shared-${Date.now()}@example.test`;
        for (let i = 0; i < 3; i++) await consumeLimit(h.db, "signInPerAddress", key);
        for (let i = 0; i < 2; i++) await consumeLimit(other.db, "signInPerAddress", key);
        await expect(consumeLimit(other.db, "signInPerAddress", key)).rejects.toMatchObject({
          code: "rate_limited",
        });
        await expect(consumeLimit(h.db, "signInPerAddress", key)).rejects.toMatchObject({
          code: "rate_limited",
        });
      } finally {
        await other.close();
      }
    },
  );

  it("twenty-five invitations from one business: twenty go; a fourth to the same address is refused", async () => {
    const owner = (await makeUser(h.db)).id;
    const businessId = await makeBusiness(h.db, owner);
    const ctx = await getBusinessContext({ db: h.db, userId: owner, businessId });
    const invite = (email: string) =>
      inviteMember({
        db: h.db,
        ctx,
        input: { email, role: "viewer" },
        clock,
        appUrl: "http://localhost:3000",
      });
    const same = await settle(4, () => invite("same@example.test"));
    expect(same.ok).toBe(3);
    expect(same.refused[0]).toMatch(/^Too many invitations to this address\./);
    const many = await settle(25, (i) => invite(`person-${i}@example.test`));
    // 4 counted against the business already (3 sent, 1 refused by the address limit after counting).
    expect(many.ok).toBe(LIMITS.invitesPerScope.points - 4);
    const sent = await h.db.select().from(invitations).where(eq(invitations.businessId, businessId));
    expect(sent.length).toBe(3 + many.ok);
  });

  it("'Sync now': three in a minute, then the cooldown", async () => {
    const owner = (await makeUser(h.db)).id;
    const businessId = await makeBusiness(h.db, owner);
    await h.db.insert(qboConnections).values({
      businessId,
      realmId: `realm-${Date.now()}`,
      environment: "emulator",
      connectedAt: new Date(),
    });
    const ctx = await getBusinessContext({ db: h.db, userId: owner, businessId });
    const r = await settle(10, () => requestSync({ db: h.db, ctx }));
    expect(r.ok).toBe(LIMITS.manualSync.points);
    expect(r.refused[0]).toMatch(/^Too many manual syncs\. Try again in 1 minute\.$/);
  });
});
