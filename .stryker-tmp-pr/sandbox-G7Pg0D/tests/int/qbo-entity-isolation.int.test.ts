// @ts-nocheck
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBusinessContext } from "@/server/access/business-context";
import { completeConnect } from "@/server/connections/complete-connect";
import { getConnectionStatus } from "@/server/connections/get-connection-status";
import { getSyncCoverage } from "@/server/connections/get-sync-coverage";
import { startConnect } from "@/server/connections/start-connect";
import { qboConnections, qboEntityState, qboRaw } from "@/server/db/schema";
import { QboClient } from "@/server/qbo/client";
import { syncConnection } from "@/server/qbo/sync/sync-connection";
import { storeTokens } from "@/server/qbo/tokens";
import { trayCount } from "@/server/tray/get-tray";
import { QboEmulator } from "../../qbo-emulator/src/server";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser } from "../support/factories";
import { ORACLE_TRANSACTION_ENTITIES } from "../support/oracle";
import { emulatorConfig, testKey } from "../support/qbo";

/**
 * Per-entity isolation against a company that refuses entities, as an independent QuickBooks
 * server did. The oracle is the emulator's export (ids and SyncTokens per entity) compared with
 * the raw mirror — nothing of our mappers or of the coverage rule is used to compute it.
 */
type TRefuse = { query?: string[]; cdc?: string[] };
type Exported = { entities: Record<string, { Id: string; SyncToken: string }[]> };

// Every entity the product mirrors, from the oracle's own list (never from the mappers).
const ALL = ["Account", "Term", "Customer", "Vendor", ...ORACLE_TRANSACTION_ENTITIES, "RecurringTransaction"];
const OPTIONAL = ALL.filter((e) => !["Account", "Invoice", "Bill", "Payment", "BillPayment"].includes(e));

describe(`sync isolation per entity (${testBackend})`, () => {
  let h: TestDatabase;
  let emu: QboEmulator;
  let base: string;
  let owner: string;
  let seed = 300;
  const clock = { now: () => new Date(emu.clock.now()) };
  beforeAll(async () => {
    h = await useTestDatabase();
    owner = (await makeUser(h.db)).id;
    emu = new QboEmulator({ limits: { perSecond: 10_000, perMinute: 1_000_000 } });
    base = await emu.start();
  });
  afterAll(async () => {
    await emu?.stop();
    await h?.close();
  });

  const admin = async (p: string, body?: unknown) => {
    const res = await fetch(`${base}/__admin/${p}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as Record<string, unknown>;
  };

  /** A new business connected to a new emulator company that refuses `refuse`. */
  async function company(refuse: TRefuse, sleep: (ms: number) => Promise<void> = async () => {}) {
    seed++;
    const realmId = `91303500000${seed}`;
    await admin("companies", { seed, realmId, today: "2026-11-26", months: 4, refuse });
    const businessId = await makeBusiness(h.db, owner);
    const tokens = (await admin(`companies/${realmId}/tokens`, {})) as never;
    await storeTokens(h.db, businessId, tokens, testKey, clock.now());
    await h.db
      .insert(qboConnections)
      .values({ businessId, realmId, environment: "emulator", connectedAt: clock.now() });
    const client = new QboClient({
      db: h.db,
      businessId,
      realmId,
      config: emulatorConfig(base),
      key: testKey,
      clock,
      backoffMs: 1,
      sleep,
    });
    const calls = async () =>
      ((await admin("counters")).realms as Record<string, { total?: number }>)[realmId]?.total ?? 0;
    const sync = () => syncConnection({ db: h.db, businessId, client, clock, trigger: "manual" });
    return { realmId, businessId, client, calls, sync };
  }

  /** Mirror (live raw rows: id and SyncToken per entity) equals the export for `entities`. */
  async function expectMirrorEquals(realmId: string, businessId: string, entities: string[]) {
    const exp = (await admin(`companies/${realmId}/export`)) as unknown as Exported;
    const raw = await h.db
      .select({ entity: qboRaw.entity, id: qboRaw.qboId, st: qboRaw.syncToken })
      .from(qboRaw)
      .where(and(eq(qboRaw.businessId, businessId), eq(qboRaw.deleted, false)));
    let compared = 0;
    for (const e of entities) {
      const ours = raw
        .filter((r) => r.entity === e)
        .map((r) => `${r.id}:${r.st}`)
        .sort();
      const theirs = (exp.entities[e] ?? []).map((x) => `${x.Id}:${x.SyncToken}`).sort();
      expect(ours, e).toEqual(theirs);
      compared += theirs.length;
    }
    expect(compared).toBeGreaterThan(100);
  }

  async function stateOf(businessId: string, entity: string) {
    const [st] = await h.db
      .select()
      .from(qboEntityState)
      .where(and(eq(qboEntityState.businessId, businessId), eq(qboEntityState.entity, entity)));
    return st;
  }

  it("the case seen: RecurringTransaction and CreditCardPayment refused by query, CreditCardPayment by CDC — the first sync completes with gaps, the next day's retry picks them up", async () => {
    const c = await company({
      query: ["RecurringTransaction", "CreditCardPayment"],
      cdc: ["CreditCardPayment"],
    });
    const first = await c.sync();
    expect(first).toMatchObject({
      status: "succeeded",
      kind: "full",
      gaps: [
        { entity: "CreditCardPayment", reason: "unavailable" },
        { entity: "RecurringTransaction", reason: "unavailable" },
      ],
    });
    const refused = ["RecurringTransaction", "CreditCardPayment"];
    await expectMirrorEquals(
      c.realmId,
      c.businessId,
      ALL.filter((e) => !refused.includes(e)),
    );
    expect(await stateOf(c.businessId, "CreditCardPayment")).toMatchObject({
      availability: "unavailable",
      unavailableStatus: 400,
      unavailableCode: "4000",
      unavailableVia: "query",
    });
    const coverage = await getSyncCoverage({ db: h.db, businessId: c.businessId });
    expect(coverage).toMatchObject({ state: "ready", burnIncomplete: false });
    expect(coverage.gaps.map((g) => [g.entity, g.effect])).toEqual([
      ["CreditCardPayment", "leftOut"],
      ["RecurringTransaction", "leftOut"],
    ]);

    // A poll with nothing new costs one call: the refused entities are not asked for again.
    const before = await c.calls();
    expect(await c.sync()).toMatchObject({ status: "succeeded", kind: "cdc", recordsChanged: 0 });
    expect((await c.calls()) - before).toBe(1);

    // The company serves them again; a day later the retry brings them in.
    await admin(`companies/${c.realmId}/refuse`, { query: [], cdc: [] });
    expect((await c.sync()).status).toBe("succeeded");
    expect(await stateOf(c.businessId, "CreditCardPayment")).toMatchObject({ availability: "unavailable" });
    await admin("clock", { advanceMs: 25 * 3_600_000 });
    expect(await c.sync()).toMatchObject({ status: "succeeded", kind: "cdc", gaps: [] });
    await expectMirrorEquals(c.realmId, c.businessId, ALL);
    expect(await stateOf(c.businessId, "RecurringTransaction")).toMatchObject({
      availability: "available",
      unavailableCode: null,
    });
    expect((await getSyncCoverage({ db: h.db, businessId: c.businessId })).gaps).toEqual([]);
  });

  // Every optional entity, refused by query only, by CDC only, and by both.
  const MODES = ["query", "cdc", "both"] as const;
  const CASES = OPTIONAL.flatMap((entity) => MODES.map((mode) => [entity, mode] as const));
  it.each(CASES)(
    "%s refused (%s): the sync completes, the rest is mirrored, a quiet poll costs one call, the next day's retry brings it in",
    async (entity, mode) => {
      const refuse: TRefuse = {
        query: mode === "cdc" ? [] : [entity],
        cdc: mode === "query" ? [] : [entity],
      };
      const c = await company(refuse);
      const queriesServe = mode === "cdc";
      const first = await c.sync();
      expect(first).toMatchObject({
        status: "succeeded",
        kind: "full",
        gaps: queriesServe ? [] : [{ entity, reason: "unavailable" }],
      });
      await expectMirrorEquals(c.realmId, c.businessId, queriesServe ? ALL : ALL.filter((e) => e !== entity));
      // The first poll meets the CDC refusal (if any) and settles how the entity is kept fresh.
      expect(await c.sync()).toMatchObject({ status: "succeeded", kind: "cdc" });
      const before = await c.calls();
      expect(await c.sync()).toMatchObject({ status: "succeeded", kind: "cdc", recordsChanged: 0 });
      expect((await c.calls()) - before).toBe(1);
      const coverage = await getSyncCoverage({ db: h.db, businessId: c.businessId });
      expect(coverage.state).toBe("ready");
      expect(coverage.gaps.map((g) => g.entity)).toEqual(queriesServe ? [] : [entity]);
      expect(coverage.burnIncomplete).toBe(!queriesServe && entity === "Purchase");
      // QuickBooks serves it again: a day later the retry brings it in, and the gap closes.
      await admin(`companies/${c.realmId}/refuse`, { query: [], cdc: [] });
      await admin("clock", { advanceMs: 25 * 3_600_000 });
      expect(await c.sync()).toMatchObject({ status: "succeeded", gaps: [] });
      await expectMirrorEquals(c.realmId, c.businessId, ALL);
      expect(await stateOf(c.businessId, entity)).toMatchObject({ availability: "available" });
      expect((await getSyncCoverage({ db: h.db, businessId: c.businessId })).gaps).toEqual([]);
    },
  );

  // What the runway cannot do without: each refused in turn gives the explicit blocked state.
  it.each(["Account", "Invoice", "Bill", "Payment", "BillPayment"])(
    "%s refused: the runway cannot do without it — an explicit blocked state naming it",
    async (entity) => {
      const c = await company({ query: [entity], cdc: [entity] });
      expect(await c.sync()).toMatchObject({ status: "succeeded", gaps: [{ entity }] });
      const coverage = await getSyncCoverage({ db: h.db, businessId: c.businessId });
      expect(coverage.state).toBe("blocked");
      expect(coverage.gaps).toMatchObject([{ entity, effect: "required" }]);
      expect(coverage.gaps[0]!.detail).toContain("QueryParserError");
      // The tray page shows the blocked state, so its badge (and the portfolio) count nothing.
      const ctx = await getBusinessContext({ db: h.db, userId: owner, businessId: c.businessId });
      expect(await trayCount({ db: h.db, ctx, clock })).toBe(0);
    },
  );

  it("an entity CDC refuses but queries serve is located by bisection and kept fresh by LastUpdatedTime queries", async () => {
    const c = await company({ cdc: ["CreditCardPayment", "Transfer"] });
    expect(await c.sync()).toMatchObject({ status: "succeeded", kind: "full", gaps: [] });
    // The first poll finds both refusals, then queries them for the window.
    expect(await c.sync()).toMatchObject({ status: "succeeded", kind: "cdc", gaps: [] });
    for (const e of ["CreditCardPayment", "Transfer"])
      expect(await stateOf(c.businessId, e)).toMatchObject({
        availability: "available",
        cdcSupported: false,
        unavailableCode: "4001",
      });
    expect(await stateOf(c.businessId, "Bill")).toMatchObject({ cdcSupported: true });
    // Nothing new: one CDC call.
    let before = await c.calls();
    await c.sync();
    expect((await c.calls()) - before).toBe(1);
    // A change elsewhere: the CDC call, one query per CDC-refused entity, and the recurring
    // templates' refresh that follows any poll with changes.
    const exp = (await admin(`companies/${c.realmId}/export`)) as unknown as Exported;
    await admin(`companies/${c.realmId}/mutations`, {
      op: "createBill",
      vendorId: exp.entities.Vendor![0]!.Id,
      amountCents: 12_345,
    });
    before = await c.calls();
    expect(await c.sync()).toMatchObject({ status: "succeeded", kind: "cdc" });
    expect((await c.calls()) - before).toBe(4);
    await expectMirrorEquals(c.realmId, c.businessId, ALL);
  });

  it("a 403 on one entity while others are served sets it aside; a failure of CompanyInfo fails the run", async () => {
    const c = await company({});
    await admin("faults", {
      rules: [
        {
          id: "deny-deposits",
          realmId: c.realmId,
          pathIncludes: "/query",
          action: { kind: "status", status: 403 },
          nth: [1],
        },
      ],
    });
    // The first query of the run is an entity page; QuickBooks serves the rest.
    const r = await c.sync();
    await admin("faults", { rules: [] });
    expect(r.status).toBe("succeeded");
    if (r.status !== "succeeded") return;
    expect(r.gaps).toHaveLength(1);
    expect(await stateOf(c.businessId, r.gaps[0]!.entity)).toMatchObject({ unavailableStatus: 403 });

    const d = await company({});
    await admin("faults", {
      rules: [
        {
          id: "no-company",
          realmId: d.realmId,
          pathIncludes: "/companyinfo/",
          action: { kind: "status", status: 403 },
        },
      ],
    });
    const failed = await d.sync();
    await admin("faults", { rules: [] });
    expect(failed.status).toBe("failed");
    expect(await getSyncCoverage({ db: h.db, businessId: d.businessId })).toMatchObject({ state: "failed" });
  });

  it("an entity whose requests keep failing transiently keeps its checkpoint; the others sync, and the next run completes it", async () => {
    const c = await company({});
    await admin("faults", {
      rules: [
        {
          id: "deposits-down",
          realmId: c.realmId,
          queryIncludes: "FROM Deposit",
          action: { kind: "status", status: 503 },
        },
      ],
    });
    const r = await c.sync();
    const counters = (await admin("counters")).faults as Record<string, { injected: number }>;
    await admin("faults", { rules: [] });
    // The fault really fired (on every attempt the client made), and only Deposit waits.
    expect(counters["deposits-down"]!.injected).toBeGreaterThan(1);
    expect(r).toMatchObject({
      status: "succeeded",
      kind: "full",
      gaps: [{ entity: "Deposit", reason: "retrying" }],
    });
    await expectMirrorEquals(
      c.realmId,
      c.businessId,
      ALL.filter((e) => e !== "Deposit"),
    );
    expect(await stateOf(c.businessId, "Deposit")).toMatchObject({
      availability: "available",
      status: "failed",
      fullSyncDone: false,
      failureStreak: 1,
    });
    const [conn] = await h.db
      .select()
      .from(qboConnections)
      .where(eq(qboConnections.businessId, c.businessId));
    expect(conn!.nextSyncAt!.getTime() - clock.now().getTime()).toBeLessThanOrEqual(5 * 60_000);
    // QuickBooks recovers: the next run pages Deposit from its checkpoint and the gap closes.
    expect(await c.sync()).toMatchObject({ status: "succeeded", kind: "full", gaps: [] });
    await expectMirrorEquals(c.realmId, c.businessId, ALL);
  });

  /** The owner reconnects the same company through the authorize flow. */
  async function reconnect(c: { businessId: string; realmId: string }) {
    const redirect = "http://localhost:3000/api/qbo/callback";
    const config = emulatorConfig(base);
    const ctx = await getBusinessContext({ db: h.db, userId: owner, businessId: c.businessId });
    const { authorizeUrl } = await startConnect({ db: h.db, ctx, config, redirectUri: redirect, clock });
    const state = new URL(authorizeUrl).searchParams.get("state")!;
    const res = await fetch(`${base}/connect/oauth2/decide`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        redirect_uri: redirect,
        state,
        realmId: c.realmId,
        decision: "approve",
      }).toString(),
    });
    const callbackUrl = res.headers.get("location")!;
    const q = new URL(callbackUrl).searchParams;
    expect(
      await completeConnect({
        db: h.db,
        userId: owner,
        query: { state: q.get("state")!, code: q.get("code")!, realmId: q.get("realmId")! },
        config,
        redirectUri: redirect,
        callbackUrl,
        key: testKey,
        clock,
        canManage: async () => true,
      }),
    ).toMatchObject({ outcome: "connected", realmChanged: false });
  }

  it("reconnecting asks again at once: a set-aside entity is retried by the next sync, without waiting a day", async () => {
    const c = await company({ query: ["Transfer"], cdc: ["Transfer"] });
    expect(await c.sync()).toMatchObject({ gaps: [{ entity: "Transfer", reason: "unavailable" }] });
    await admin(`companies/${c.realmId}/refuse`, {});
    await reconnect(c);
    expect(await c.sync()).toMatchObject({ status: "succeeded", kind: "cdc", gaps: [] });
    await expectMirrorEquals(c.realmId, c.businessId, ALL);
  });

  it("reconnecting asks CDC again for an entity it refused: once CDC serves it, it is polled by CDC, not queried", async () => {
    const c = await company({ cdc: ["Transfer"] });
    await c.sync();
    await c.sync(); // the first poll finds the refusal
    expect(await stateOf(c.businessId, "Transfer")).toMatchObject({ cdcSupported: false });
    await admin(`companies/${c.realmId}/refuse`, {});
    await reconnect(c);
    expect(await stateOf(c.businessId, "Transfer")).toMatchObject({ cdcSupported: true });
    expect(await c.sync()).toMatchObject({ status: "succeeded", kind: "cdc", gaps: [] });
    expect(await stateOf(c.businessId, "Transfer")).toMatchObject({
      availability: "available",
      cdcSupported: true,
      unavailableCode: null,
    });
    // Polled by CDC alone again: a change elsewhere costs the CDC call and the templates' refresh,
    // with no LastUpdatedTime query for Transfer.
    const exp = (await admin(`companies/${c.realmId}/export`)) as unknown as Exported;
    await admin(`companies/${c.realmId}/mutations`, {
      op: "createBill",
      vendorId: exp.entities.Vendor![0]!.Id,
      amountCents: 4_321,
    });
    const before = await c.calls();
    expect(await c.sync()).toMatchObject({ status: "succeeded", kind: "cdc" });
    expect((await c.calls()) - before).toBe(2);
    await expectMirrorEquals(c.realmId, c.businessId, ALL);
  });

  it("while QuickBooks throttles a sync, the status says when it resumes, and the counts of finished entities are already shown", async () => {
    // What the Connections page's poll would show at each wait of the client (the rate-slot
    // waits and the throttle wait all go through the injected sleep).
    let seen: Awaited<ReturnType<typeof getConnectionStatus>> | undefined;
    let waited = 0;
    let c!: Awaited<ReturnType<typeof company>>;
    c = await company({}, async (ms) => {
      waited += ms;
      const ctx = await getBusinessContext({ db: h.db, userId: owner, businessId: c.businessId });
      const s = await getConnectionStatus({ db: h.db, ctx });
      if (!seen && s.connected && s.runs.some((x) => x.status === "running" && x.throttledUntil)) {
        seen = s;
      }
    });
    await admin("faults", {
      rules: [
        {
          id: "slow-down",
          realmId: c.realmId,
          queryIncludes: "FROM Purchase",
          action: { kind: "status", status: 429 },
          nth: [1],
        },
      ],
    });
    const r = await c.sync();
    const counters = (await admin("counters")).faults as Record<string, { injected: number }>;
    await admin("faults", { rules: [] });
    expect(counters["slow-down"]!.injected).toBe(1);
    expect(r).toMatchObject({ status: "succeeded", gaps: [] });
    // The client waited (through the injected sleep) and, while it waited, the run said so.
    expect(waited).toBeGreaterThanOrEqual(emulatorConfig(base).throttleWaitMs);
    if (!seen?.connected) throw new Error("no status during the wait said the sync was throttled");
    const running = seen.runs.find((x) => x.status === "running");
    expect(running?.throttledUntil).not.toBeNull();
    // A resume time at least one throttle wait after the run began (not compared with the moment
    // the status was read: on a loaded machine that read can land after a 20 ms wait has ended).
    expect(new Date(running!.throttledUntil!).getTime()).toBeGreaterThanOrEqual(
      new Date(running!.startedAt).getTime() + emulatorConfig(base).throttleWaitMs,
    );
    const exp = (await admin(`companies/${c.realmId}/export`)) as unknown as Exported;
    const account = seen.entities.find((e) => e.entity === "Account");
    expect(account).toMatchObject({ fullSyncDone: true, records: exp.entities.Account!.length });
    expect(seen.entities.find((e) => e.entity === "Purchase")).toMatchObject({ fullSyncDone: false });
    // Once it finished, the throttle notice is gone from the run.
    const ctx = await getBusinessContext({ db: h.db, userId: owner, businessId: c.businessId });
    const after = await getConnectionStatus({ db: h.db, ctx });
    if (!after.connected) throw new Error("not connected");
    expect(after.runs[0]).toMatchObject({ status: "succeeded", throttledUntil: null });
  });
});
