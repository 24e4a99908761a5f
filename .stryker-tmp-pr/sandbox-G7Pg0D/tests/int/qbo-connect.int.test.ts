// @ts-nocheck
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBusinessContext } from "@/server/access/business-context";
import { completeConnect } from "@/server/connections/complete-connect";
import { startConnect } from "@/server/connections/start-connect";
import { qboConnections, qboOauthStates, qboTokens } from "@/server/db/schema";
import { syncConnection } from "@/server/qbo/sync/sync-connection";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser, rowCounts } from "../support/factories";
import { connectToEmulator, testKey } from "../support/qbo";

const REDIRECT = "http://localhost:3000/api/qbo/callback";

describe(`connecting QuickBooks (${testBackend})`, () => {
  let h: TestDatabase;
  let qbo: Awaited<ReturnType<typeof connectToEmulator>>;
  let owner: string;
  let businessId: string;
  beforeAll(async () => {
    h = await useTestDatabase();
    owner = (await makeUser(h.db)).id;
    businessId = await makeBusiness(h.db, owner);
    qbo = await connectToEmulator(h.db, businessId, { seed: 61, realmId: "9130350000000061" });
    qbo.emu.createCompany({ seed: 62, realmId: "9130350000000062", today: "2026-11-26", name: "Second Co" });
    qbo.emu.createCompany({
      seed: 63,
      realmId: "9130350000000063",
      today: "2026-11-26",
      name: "Attacker Co",
    });
    qbo.emu.createCompany({ seed: 64, realmId: "9130350000000064", today: "2026-11-26", name: "Victim Co" });
  });
  afterAll(async () => {
    await qbo?.emu.stop();
    await h?.close();
  });

  /** Walk the authorization-code flow as a browser would, ending at our callback URL. */
  async function authorize(userId: string, bizId: string, realmId: string, allowRealmChange = false) {
    const ctx = await getBusinessContext({ db: h.db, userId, businessId: bizId });
    const { authorizeUrl } = await startConnect({
      db: h.db,
      ctx,
      config: qbo.config,
      redirectUri: REDIRECT,
      clock: qbo.clock,
      allowRealmChange,
    });
    const state = new URL(authorizeUrl).searchParams.get("state")!;
    const res = await fetch(`${qbo.base}/connect/oauth2/decide`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ redirect_uri: REDIRECT, state, realmId, decision: "approve" }).toString(),
    });
    const callbackUrl = res.headers.get("location")!;
    const q = new URL(callbackUrl).searchParams;
    return {
      callbackUrl,
      query: {
        state: q.get("state")!,
        code: q.get("code") ?? undefined,
        realmId: q.get("realmId") ?? undefined,
      },
    };
  }
  const complete = (userId: string, a: Awaited<ReturnType<typeof authorize>>) =>
    completeConnect({
      db: h.db,
      userId,
      query: a.query,
      config: qbo.config,
      redirectUri: REDIRECT,
      callbackUrl: a.callbackUrl,
      key: testKey,
      clock: qbo.clock,
      canManage: async () => true,
    });

  it("reconnecting after needs_reauth keeps the cursor and checkpoints: the next sync resumes with CDC", async () => {
    await syncConnection({
      db: h.db,
      businessId,
      client: qbo.client(),
      clock: qbo.clock,
      trigger: "connect",
    });
    const [before] = await h.db
      .select()
      .from(qboConnections)
      .where(eq(qboConnections.businessId, businessId));
    await h.db
      .update(qboConnections)
      .set({ status: "needs_reauth" })
      .where(eq(qboConnections.businessId, businessId));
    const oldTokens = (await h.db.select().from(qboTokens).where(eq(qboTokens.businessId, businessId)))[0]!;

    const result = await complete(owner, await authorize(owner, businessId, qbo.realmId));
    expect(result).toEqual({ businessId, outcome: "connected", realmChanged: false });
    const [after] = await h.db.select().from(qboConnections).where(eq(qboConnections.businessId, businessId));
    expect(after).toMatchObject({ status: "active", needsReauthAt: null, connectedBy: owner });
    expect(after!.cdcCursor).toEqual(before!.cdcCursor);
    const newTokens = (await h.db.select().from(qboTokens).where(eq(qboTokens.businessId, businessId)))[0]!;
    expect(newTokens.refreshTokenEnc).not.toBe(oldTokens.refreshTokenEnc);
    const resumed = await syncConnection({
      db: h.db,
      businessId,
      client: qbo.client(),
      clock: qbo.clock,
      trigger: "manual",
    });
    expect(resumed).toMatchObject({ status: "succeeded", kind: "cdc", apiCalls: 1 });
  });

  it("the state is single-use and bound to the user who started it", async () => {
    const a = await authorize(owner, businessId, qbo.realmId);
    const stranger = (await makeUser(h.db)).id;
    await expect(complete(stranger, a)).rejects.toMatchObject({ code: "not_found" });
    await complete(owner, a);
    await expect(complete(owner, a)).rejects.toMatchObject({ code: "not_found" });
    const states = await h.db.select().from(qboOauthStates).where(eq(qboOauthStates.businessId, businessId));
    expect(states.every((s) => s.usedAt !== null)).toBe(true);
  });

  it("a realm another business uses is refused, and nothing is written", async () => {
    const other = await makeBusiness(h.db, owner);
    const a = await authorize(owner, other, qbo.realmId);
    const before = await rowCounts(h.db);
    const result = await complete(owner, a);
    expect(result).toMatchObject({
      outcome: "refused",
      message: expect.stringMatching(/already connected to another business/),
    });
    const after = await rowCounts(h.db);
    expect(after.qbo_connections).toBe(before.qbo_connections);
    expect(after.qbo_tokens).toBe(before.qbo_tokens);
  });

  it("switching a business to a different realm needs the user's confirmation, which wipes the old mirror", async () => {
    const refused = await complete(owner, await authorize(owner, businessId, "9130350000000062"));
    expect(refused).toMatchObject({
      outcome: "refused",
      message: expect.stringMatching(/different QuickBooks company/),
    });
    const [still] = await h.db.select().from(qboConnections).where(eq(qboConnections.businessId, businessId));
    expect(still!.realmId).toBe(qbo.realmId);

    const confirmed = await complete(owner, await authorize(owner, businessId, "9130350000000062", true));
    expect(confirmed).toEqual({ businessId, outcome: "connected", realmChanged: true });
    const counts = await rowCounts(h.db);
    expect(counts.qbo_transactions).toBe(0); // the old company's mirror is gone
    const [conn] = await h.db.select().from(qboConnections).where(eq(qboConnections.businessId, businessId));
    expect(conn).toMatchObject({ realmId: "9130350000000062", cdcCursor: null });
    const first = await syncConnection({
      db: h.db,
      businessId,
      client: qbo.client({ realmId: "9130350000000062" }),
      clock: qbo.clock,
      trigger: "connect",
    });
    expect(first).toMatchObject({ status: "succeeded", kind: "full" });
  });

  it("a forged realmId in the callback is refused: the grant is revoked at QuickBooks and nothing is stored", async () => {
    const attacker = (await makeUser(h.db)).id;
    const attackerBiz = await makeBusiness(h.db, attacker);
    // The attacker approves their own company, then edits the redirect to name the victim's.
    const a = await authorize(attacker, attackerBiz, "9130350000000063");
    const forgedUrl = new URL(a.callbackUrl);
    forgedUrl.searchParams.set("realmId", "9130350000000064");
    const before = await rowCounts(h.db);
    const result = await complete(attacker, {
      callbackUrl: forgedUrl.toString(),
      query: { ...a.query, realmId: "9130350000000064" },
    });
    expect(result).toMatchObject({
      outcome: "refused",
      message: expect.stringMatching(/did not confirm access/),
    });
    const after = await rowCounts(h.db);
    expect(after.qbo_connections).toBe(before.qbo_connections);
    expect(after.qbo_tokens).toBe(before.qbo_tokens);
    expect(after.outbox_events).toBe(before.outbox_events);
    // The grant issued for the attacker's own company was revoked.
    const grants = qbo.emu.oauth.grantsOf("9130350000000063");
    expect(grants.length).toBe(1);
    expect(grants[0]!.revoked).toBe(true);
    // The victim's company can still be connected by whoever owns it.
    const victim = (await makeUser(h.db)).id;
    const victimBiz = await makeBusiness(h.db, victim);
    expect(await complete(victim, await authorize(victim, victimBiz, "9130350000000064"))).toMatchObject({
      outcome: "connected",
    });
  });

  it("finding 12: a bad authorization code with a valid state is a clear refusal, not a 500, and nothing is stored", async () => {
    const user = (await makeUser(h.db)).id;
    const biz = await makeBusiness(h.db, user);
    qbo.emu.createCompany({ seed: 65, realmId: "9130350000000065", today: "2026-11-26", name: "Fresh Co" });
    const a = await authorize(user, biz, "9130350000000065");
    const bad = new URL(a.callbackUrl);
    bad.searchParams.set("code", "not-a-code-quickbooks-issued");
    const before = await rowCounts(h.db);
    expect(
      await complete(user, {
        callbackUrl: bad.toString(),
        query: { ...a.query, code: "not-a-code-quickbooks-issued" },
      }),
    ).toMatchObject({
      outcome: "refused",
      message: expect.stringMatching(/did not accept this authorization/),
    });
    const after = await rowCounts(h.db);
    expect(after.qbo_connections).toBe(before.qbo_connections);
    expect(after.qbo_tokens).toBe(before.qbo_tokens);
  });
});
