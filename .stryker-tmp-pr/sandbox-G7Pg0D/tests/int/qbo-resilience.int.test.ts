// @ts-nocheck
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/server/db/client";
import { qboConnections, qboTokens, qboTransactions } from "@/server/db/schema";
import { acquireRateSlot } from "@/server/qbo/rate-budget";
import { syncConnection, syncTestHooks } from "@/server/qbo/sync/sync-connection";
import { getAccessToken } from "@/server/qbo/tokens";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser, rowsOf } from "../support/factories";
import { ORACLE_TRANSACTION_ENTITIES } from "../support/oracle";
import { connectToEmulator, testKey } from "../support/qbo";

type Counters = {
  realms: Record<string, Record<string, number>>;
  faults: Record<string, { injected: number }>;
  tokenRefreshes: number;
};
type Exported = {
  entities: Record<string, { Id: string; SyncToken: string; TotalAmt?: number; Amount?: number }[]>;
};
const TXN = ORACLE_TRANSACTION_ENTITIES;

/** The mirror's live transactions equal the emulator's (ids, SyncTokens, amounts), no duplicates. */
async function expectEqual(db: TestDatabase["db"], businessId: string, exp: Exported) {
  const rows = await db.select().from(qboTransactions).where(eq(qboTransactions.businessId, businessId));
  const live = rows.filter((r) => !r.deleted);
  const expected = TXN.flatMap((t) =>
    (exp.entities[t] ?? []).map(
      (e) =>
        `${t}:${e.Id}:${e.SyncToken}:${t === "Transfer" || t === "CreditCardPayment" ? e.Amount : e.TotalAmt}`,
    ),
  ).sort();
  expect(live.map((r) => `${r.type}:${r.qboId}:${r.syncToken}:${r.amountCents}`).sort()).toEqual(expected);
  const dupes = rowsOf<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from (select type, qbo_id from qbo_transactions where business_id = ${businessId} group by 1, 2 having count(*) > 1) d`,
    ),
  );
  expect(Number(dupes[0]!.n)).toBe(0);
}

describe(`QBO sync under faults (${testBackend})`, () => {
  let h: TestDatabase;
  let businessId: string;
  let qbo: Awaited<ReturnType<typeof connectToEmulator>>;
  beforeAll(async () => {
    h = await useTestDatabase();
    businessId = await makeBusiness(h.db, (await makeUser(h.db)).id);
    qbo = await connectToEmulator(h.db, businessId, { seed: 31 });
  });
  afterEach(async () => {
    syncTestHooks.crashAt = undefined;
    await qbo.admin("faults", undefined, "DELETE");
  });
  afterAll(async () => {
    await qbo?.emu.stop();
    await h?.close();
  });
  const counters = async () => (await qbo.admin("counters")) as unknown as Counters;
  const exportNow = async () => (await qbo.admin(`companies/${qbo.realmId}/export`)) as unknown as Exported;
  const sync = (trigger: "manual" | "schedule" = "manual") =>
    syncConnection({ db: h.db, businessId, client: qbo.client(), clock: qbo.clock, trigger });

  it("a full sync through a 429 storm, 503s, dropped connections, slow answers and an access token expiring mid-sync ends equal", async () => {
    await qbo.admin("faults", {
      rules: [
        {
          id: "storm",
          realmId: qbo.realmId,
          target: "data",
          action: { kind: "status", status: 429 },
          nth: [3, 4, 5, 6],
        },
        {
          id: "unavailable",
          realmId: qbo.realmId,
          target: "data",
          action: { kind: "status", status: 503 },
          probability: 0.15,
          seed: 7,
        },
        { id: "dropped", realmId: qbo.realmId, target: "data", action: { kind: "drop" }, nth: [9, 14] },
        {
          id: "slow",
          realmId: qbo.realmId,
          target: "data",
          action: { kind: "latency", ms: 150 },
          nth: [2, 10],
        },
        { id: "expire", realmId: qbo.realmId, target: "data", action: { kind: "expireToken" }, nth: [12] },
      ],
    });
    const refreshesBefore = (await counters()).tokenRefreshes;
    const result = await sync();
    expect(result).toMatchObject({ status: "succeeded", kind: "full" });
    const c = await counters();
    expect(c.faults.storm!.injected).toBe(4);
    expect(c.faults.dropped!.injected).toBe(2);
    expect(c.faults.slow!.injected).toBe(2);
    expect(c.faults.expire!.injected).toBe(1);
    expect(c.faults.unavailable!.injected).toBeGreaterThan(0);
    expect(c.tokenRefreshes).toBe(refreshesBefore + 1); // the 401 forced exactly one refresh
    await expectEqual(h.db, businessId, await exportNow());
  });

  it("crashes after a fetch or after a commit lose nothing: the next sync resumes and ends equal", async () => {
    const exp = await exportNow();
    const vendor = (await qbo.admin(`companies/${qbo.realmId}/export`)) as unknown as {
      entities: { Vendor: { Id: string }[] };
    };
    for (let i = 0; i < 3; i++) {
      await qbo.admin(`companies/${qbo.realmId}/mutations`, {
        op: "createBill",
        vendorId: vendor.entities.Vendor[i]!.Id,
        amountCents: 1_000 + i,
      });
    }
    const cursorOf = async () =>
      (await h.db.select().from(qboConnections).where(eq(qboConnections.businessId, businessId)))[0]!
        .cdcCursor;
    const cursorBefore = await cursorOf();
    for (const point of ["after-fetch", "after-commit"] as const) {
      syncTestHooks.crashAt = (p) => {
        if (p === point) throw new Error(`injected crash ${point}`);
      };
      await expect(sync()).rejects.toThrow(`injected crash ${point}`);
      syncTestHooks.crashAt = undefined;
      // The checkpoint never runs ahead of committed data: the cursor has not moved.
      expect(await cursorOf()).toEqual(cursorBefore);
    }
    expect(await sync()).toMatchObject({ status: "succeeded" });
    expect((await cursorOf())!.getTime()).toBeGreaterThan(cursorBefore!.getTime());
    await expectEqual(h.db, businessId, await exportNow());
    expect((await exportNow()).entities.Bill!.length).toBe(exp.entities.Bill!.length + 3);
  });

  it("a revoked refresh token marks the connection needs_reauth and stops its syncs", async () => {
    const other = await makeBusiness(h.db, (await makeUser(h.db)).id);
    const q2 = await connectToEmulator(h.db, other, { seed: 32, realmId: "9130350000000032" });
    try {
      await q2.admin(`companies/${q2.realmId}/revoke`, {});
      await q2.admin(`companies/${q2.realmId}/expire-tokens`, {});
      const result = await syncConnection({
        db: h.db,
        businessId: other,
        client: q2.client(),
        clock: q2.clock,
        trigger: "schedule",
      });
      expect(result).toMatchObject({ status: "failed", cause: "reauth" });
      const [conn] = await h.db.select().from(qboConnections).where(eq(qboConnections.businessId, other));
      expect(conn!.status).toBe("needs_reauth");
      const again = await syncConnection({
        db: h.db,
        businessId: other,
        client: q2.client(),
        clock: q2.clock,
        trigger: "schedule",
      });
      expect(again).toEqual({ status: "skipped", reason: "needs_reauth" });
    } finally {
      await q2.emu.stop();
    }
  });

  it("a killed worker's rate-budget slots come back when their lease expires", async () => {
    const limits = { perMinute: 1000, perSecond: 1000, inFlight: 2, leaseMs: 300 };
    // Two slots taken and never released (the worker died).
    await acquireRateSlot({ db: h.db, realmId: "realm-x", limits });
    await acquireRateSlot({ db: h.db, realmId: "realm-x", limits });
    const waits: number[] = [];
    const third = await acquireRateSlot({
      db: h.db,
      realmId: "realm-x",
      limits,
      sleep: async (ms) => {
        waits.push(ms);
        await new Promise((r) => setTimeout(r, ms));
      },
    });
    expect(third).toEqual(expect.any(String));
    expect(waits.length).toBeGreaterThan(0); // it had to wait: both slots were held
    // …until a dead worker's lease lapsed (they were never released): the new slot is live and at
    // least one of the old ones has expired on its own.
    const leases = rowsOf<{ id: string; live: boolean }>(
      await h.db.execute(
        sql`select id, lease_expires_at > clock_timestamp() as live from qbo_rate_events where realm_id = 'realm-x'`,
      ),
    );
    expect(leases.find((l) => l.id === third)!.live).toBe(true);
    expect(leases.filter((l) => l.id !== third && !l.live).length).toBeGreaterThanOrEqual(1);
  });

  it.runIf(testBackend === "postgres")(
    "two processes refreshing at once make one refresh call and both get the new token",
    async () => {
      // A second connection pool stands in for a second process.
      const other = await openDatabase({ url: h.url!, migrate: false });
      try {
        await h.db
          .update(qboTokens)
          .set({ accessExpiresAt: new Date(Date.now() - 1000) })
          .where(eq(qboTokens.businessId, businessId));
        const before = (await counters()).tokenRefreshes;
        const deps = { businessId, config: qbo.config, key: testKey, clock: qbo.clock };
        const [a, b] = await Promise.all([
          getAccessToken({ db: h.db, ...deps }),
          getAccessToken({ db: other.db, ...deps }),
        ]);
        expect(a).toBe(b);
        expect((await counters()).tokenRefreshes).toBe(before + 1);
        const [row] = await h.db.select().from(qboTokens).where(eq(qboTokens.businessId, businessId));
        expect(row!.accessExpiresAt.getTime()).toBeGreaterThan(Date.now());
      } finally {
        await other.close();
      }
    },
  );
});
