// @ts-nocheck
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { qboRaw, qboTransactions } from "@/server/db/schema";
import { applyEntities } from "@/server/qbo/sync/apply";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser } from "../support/factories";

/**
 * Issue 15: a row is applied only if it is newer. An older SyncToken never overwrites a newer
 * row — not even with a later LastUpdatedTime (a stale webhook's read, a replayed page) — and a
 * tombstone older than the row does not delete it.
 */
describe(`applying QuickBooks rows (${testBackend})`, () => {
  let h: TestDatabase;
  let businessId: string;
  beforeAll(async () => {
    h = await useTestDatabase();
    businessId = await makeBusiness(h.db, (await makeUser(h.db)).id);
  });
  afterAll(async () => {
    await h?.close();
  });
  const bill = (syncToken: string, total: number, at: string) => ({
    Id: "b1",
    SyncToken: syncToken,
    MetaData: { LastUpdatedTime: at },
    TotalAmt: total,
    Balance: total,
    VendorRef: { value: "v1" },
    TxnDate: "2026-11-01",
    DueDate: "2026-12-01",
  });
  const apply = (items: unknown[]) =>
    h.db.transaction((tx) => applyEntities(tx, businessId, "Bill", items, new Date()));
  const row = async () =>
    (
      await h.db
        .select()
        .from(qboTransactions)
        .where(and(eq(qboTransactions.businessId, businessId), eq(qboTransactions.qboId, "b1")))
    )[0]!;

  it("an older SyncToken is ignored, even with a later LastUpdatedTime; a newer one applies", async () => {
    expect(await apply([bill("3", 300, "2026-11-20T10:00:00-08:00")])).toBe(1);
    expect(await row()).toMatchObject({ syncToken: 3, amountCents: 30_000 });
    expect(await apply([bill("2", 200, "2026-11-21T10:00:00-08:00")])).toBe(0);
    expect(await row()).toMatchObject({ syncToken: 3, amountCents: 30_000 });
    // The same version again changes nothing; the next one applies.
    expect(await apply([bill("3", 300, "2026-11-20T10:00:00-08:00")])).toBe(0);
    expect(await apply([bill("4", 400, "2026-11-19T10:00:00-08:00")])).toBe(1);
    expect(await row()).toMatchObject({ syncToken: 4, amountCents: 40_000 });
    // Within one page, the latest LastUpdatedTime of an id wins, whatever the order.
    expect(
      await apply([bill("6", 600, "2026-11-25T10:00:00-08:00"), bill("5", 500, "2026-11-24T10:00:00-08:00")]),
    ).toBe(1);
    expect(await row()).toMatchObject({ syncToken: 6, amountCents: 60_000 });
  });

  it("a tombstone older than the row does not delete it; a newer one does", async () => {
    const tomb = (at: string) => ({ status: "Deleted", Id: "b1", MetaData: { LastUpdatedTime: at } });
    expect(await apply([tomb("2026-11-01T10:00:00-08:00")])).toBe(0);
    expect((await row()).deleted).toBe(false);
    expect(await apply([tomb("2026-11-30T10:00:00-08:00")])).toBe(1);
    expect((await row()).deleted).toBe(true);
    const [raw] = await h.db
      .select()
      .from(qboRaw)
      .where(and(eq(qboRaw.businessId, businessId), eq(qboRaw.qboId, "b1")));
    expect(raw).toMatchObject({ deleted: true, syncToken: 6 });
  });
});
