// @ts-nocheck
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncConnection } from "@/server/qbo/sync/sync-connection";
import { getRunway } from "@/server/runway/get-runway";
import { DEMO_COMPANIES } from "../../qbo-emulator/src/demo-companies";
import { type TestDatabase, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser } from "../support/factories";
import { connectToEmulator } from "../support/qbo";
import { oracleRunway, type TExport } from "../support/runway-oracle";

/**
 * The runway of the demo companies, synced from the emulator over HTTP, against an oracle that
 * recomputes it from the emulator's export without importing server/runway or the mappers.
 */
const today = "2026-03-16";

describe("runway of the demo companies", () => {
  let h: TestDatabase;
  const synced: { businessId: string; exp: TExport; company: (typeof DEMO_COMPANIES)[number] }[] = [];
  beforeAll(async () => {
    h = await useTestDatabase();
    const owner = await makeUser(h.db);
    for (const [i, company] of DEMO_COMPANIES.entries()) {
      const businessId = await makeBusiness(h.db, owner.id, { timezone: "America/Los_Angeles" });
      const qbo = await connectToEmulator(h.db, businessId, {
        ...company,
        today,
        realmId: `93414500000${String(i).padStart(5, "0")}`,
      });
      const r = await syncConnection({
        db: h.db,
        businessId,
        client: qbo.client(),
        clock: qbo.clock,
        trigger: "connect",
      });
      expect(r.status).toBe("succeeded");
      const exp = (await qbo.admin(`companies/${qbo.realmId}/export`)) as unknown as TExport;
      synced.push({ businessId, exp, company });
      await qbo.emu.stop();
    }
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const runwayOf = (i: number) =>
    getRunway({
      db: h.db,
      ctx: {
        businessId: synced[i]!.businessId,
        business: { id: synced[i]!.businessId, timezone: "America/Los_Angeles", currency: "USD" } as never,
      },
      asOf: today,
    });

  it("Northwind Creative's figures equal the oracle's, day by day", async () => {
    const r = await runwayOf(0);
    const o = oracleRunway(synced[0]!.exp, today);
    expect(r.cashOnHandCents).toBe(o.cash);
    expect(r.burn.totalCents).toBe(o.baseline);
    expect(r.trailingNetOutCents).toBe(o.netOut);
    expect(r.atRiskAr.reduce((s, a) => s + a.cents, 0)).toBe(o.atRisk);
    expect(r.days.map((d) => [d.date, d.spendableCents])).toEqual(
      o.days.map((d) => [d.date, d.spendableCents]),
    );
    expect(Object.fromEntries(Object.entries(r.arAging).map(([k, v]) => [k, v.cents]))).toEqual(o.ar);
    expect(Object.fromEntries(Object.entries(r.apAging).map(([k, v]) => [k, v.cents]))).toEqual(o.ap);
    expect(r.runway).toMatchObject(o.runway);
    // …and those figures are specific: a guard against the oracle and the engine both drifting.
    expect(r.cashOnHandCents).toBe(172_000_00);
    // 91 + ⌊day-90 spendable × 28 ÷ its fall over days 63–90⌋ (the trailing rate gave 184)
    expect(r.runway).toEqual({ kind: "days", days: 207, date: "2026-10-09", beyondHorizon: true });
    expect(r.lowest).toEqual({ date: "2026-06-02", spendableCents: 90_388_24 });
    expect(r.issues.billsWithoutDueDate).toHaveLength(1);
  });

  it("every demo company equals the oracle, and between them they produce each runway state", async () => {
    const kinds: string[] = [];
    for (const [i, s] of synced.entries()) {
      const r = await runwayOf(i);
      const o = oracleRunway(s.exp, today);
      expect(
        r.days.map((d) => d.spendableCents),
        s.company.profile,
      ).toEqual(o.days.map((d) => d.spendableCents));
      if (r.runway.kind !== "insufficientData") expect(r.runway).toMatchObject(o.runway);
      kinds.push(r.runway.kind);
    }
    expect(kinds).toEqual(["days", "notBurning", "days", "insufficientData"]);
    const young = await runwayOf(3);
    expect(young.runway).toMatchObject({ kind: "insufficientData", reason: "shortHistory" });
  });
});
