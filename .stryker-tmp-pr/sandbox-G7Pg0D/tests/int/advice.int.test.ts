// @ts-nocheck
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncConnection } from "@/server/qbo/sync/sync-connection";
import { loadRunwayInput } from "@/server/runway/business-runway";
import { computeRunway } from "@/server/runway/engine";
import { type TAction, topActions } from "@/server/runway/top-actions";
import { demoCompany } from "../../qbo-emulator/src/demo-companies";
import { type TestDatabase, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser } from "../support/factories";
import { connectToEmulator } from "../support/qbo";
import { oracleRunway, type TExport, type TOracleChange } from "../support/runway-oracle";

/**
 * This week's actions for every company the demo seeds (16), synced from the emulator over HTTP,
 * against the oracle (runway-oracle.ts imports nothing of the engine): it tries each eligible
 * action itself and knows which one should come first.
 */
const today = "2026-03-16";
const DEMO_SEED_COMPANIES = 16; // scripts/demo.mjs seeds this many
/**
 * None of the demo companies is under water within 4 weeks; two that are, with overdue invoices:
 * Northwind overdrawn (checking −$26,000 beside its other accounts' $30,000), and the last demo
 * agency in trouble with $20,000 in checking.
 */
const UNDER_WATER = [
  { ...demoCompany(0), name: "Northwind, overdrawn", checkingCents: -26_000_00 },
  { ...demoCompany(14), name: "Agency 14, nearly empty", checkingCents: 20_000_00 },
];

describe("advice for the demo companies", () => {
  let h: TestDatabase;
  const synced: { businessId: string; exp: TExport; company: ReturnType<typeof demoCompany> }[] = [];
  beforeAll(async () => {
    h = await useTestDatabase();
    const owner = await makeUser(h.db);
    const companies = [
      ...Array.from({ length: DEMO_SEED_COMPANIES }, (_, i) => demoCompany(i)),
      ...UNDER_WATER,
    ];
    for (const [i, company] of companies.entries()) {
      const businessId = await makeBusiness(h.db, owner.id, { timezone: "America/Los_Angeles" });
      const qbo = await connectToEmulator(h.db, businessId, {
        ...company,
        today,
        realmId: `93414700000${String(i).padStart(5, "0")}`,
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
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  it("advice: each demo company's top action is the eligible one with the largest rise in its 4-week low (oracle)", async () => {
    const DAY = 86_400_000;
    const plus = (d: string, n: number) =>
      new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
    const seen = { neverUnder: 0, underWater: 0, advised: 0 };
    for (const s of synced) {
      const { ledger, options } = await loadRunwayInput({
        db: h.db,
        business: { id: s.businessId, currency: "USD" },
        asOf: today,
      });
      const actions = topActions(ledger, options, computeRunway(ledger, options), { thresholdCents: 0 });
      // The oracle's own reading of the rules (docs/metrics.md, "This week's actions").
      const o = oracleRunway(s.exp, today);
      const low4 = (days: { spendableCents: number }[]) =>
        Math.min(o.cash, ...days.slice(0, 28).map((d) => d.spendableCents));
      const lowAll = (days: { spendableCents: number }[]) =>
        Math.min(o.cash, ...days.map((d) => d.spendableCents));
      const neverUnder = o.cash >= 0 && o.days.every((d) => d.spendableCents >= 0);
      const underWater = low4(o.days) < 0;
      type TCandidate = { kind: TAction["kind"]; id: string; tier: number; change: TOracleChange };
      const candidates: TCandidate[] = [
        ...(neverUnder ? [] : o.bills)
          .filter((b) => b.cents > 0 && b.date <= plus(today, 13))
          .map((b) => ({
            kind: "delayBill" as const,
            id: b.id!,
            tier: !underWater ? 0 : b.overdue ? 2 : 1,
            change: { delayBill: b.id!, date: plus(b.date, 14) },
          })),
        ...o.invoices
          .filter(
            (i) =>
              i.overdue && i.cents > 0 && plus(today, Math.min(Math.max(i.overdue.late, 5), 30)) < i.date,
          )
          .map((i) => ({ kind: "remindInvoice" as const, id: i.id!, tier: 0, change: { remind: i.id! } })),
        ...o.atRiskIds.map((id) => ({
          kind: "chaseInvoice" as const,
          id,
          tier: 0,
          change: { promise: id, date: plus(today, 14) },
        })),
      ];
      const tried = candidates.map((c) => {
        const after = oracleRunway(s.exp, today, [c.change]).days;
        const recovered = after
          .slice(0, 28)
          .reduce((sum, d, i) => sum + d.spendableCents - o.days[i]!.spendableCents, 0);
        const gain = low4(after) - low4(o.days);
        return { ...c, gain, helps: gain > 0 || recovered > 0 || lowAll(after) > lowAll(o.days) };
      });
      const helpful = tried.filter((c) => c.helps);
      const label = `${s.company.name ?? s.company.seed} (${s.company.profile})`;
      if (neverUnder) {
        seen.neverUnder++;
        expect(
          actions.filter((a) => a.kind === "delayBill"),
          label,
        ).toEqual([]);
      }
      if (underWater && o.invoices.some((i) => i.overdue)) {
        seen.underWater++;
        expect(actions.length, `${label}: under water with overdue invoices`).toBeGreaterThan(0);
      }
      if (helpful.length === 0) {
        expect(actions, label).toEqual([]);
        continue;
      }
      seen.advised++;
      const tier = Math.min(...helpful.map((c) => c.tier));
      const best = Math.max(...helpful.filter((c) => c.tier === tier).map((c) => c.gain));
      const top = tried.find((c) => c.kind === actions[0]?.kind && c.id === actions[0]?.ref.id);
      expect(top, `${label}: the top action is one the oracle would try`).toBeDefined();
      expect([top!.tier, top!.gain], label).toEqual([tier, best]);
      expect(actions[0]!.impact.low4Weeks.deltaCents, label).toBe(best);
      expect(actions.length, label).toBe(Math.min(3, helpful.length));
    }
    // The rules were each exercised, not passed by default.
    expect(seen.neverUnder).toBeGreaterThan(0);
    expect(seen.underWater).toBe(UNDER_WATER.length);
    expect(seen.advised).toBeGreaterThan(0);
  });
});
