// @ts-nocheck
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBusinessContext } from "@/server/access/business-context";
import { fixedClock } from "@/server/clock";
import { emails, portfolioSnapshots, qboAccounts, qboConnections, users } from "@/server/db/schema";
import { updateAlertSettings } from "@/server/digest/manage";
import { runFirmDigests } from "@/server/firms/firm-digest";
import { getFirmPortfolio } from "@/server/firms/get-firm-portfolio";
import { refreshPortfolioSnapshot } from "@/server/portfolio/snapshots";
import { syncConnection } from "@/server/qbo/sync/sync-connection";
import { createReserve, releaseReserve } from "@/server/reserve/reserves";
import { forgetLedger } from "@/server/runway/business-runway";
import { getRunway } from "@/server/runway/get-runway";
import { demoCompany } from "../../qbo-emulator/src/demo-companies";
import { QboEmulator } from "../../qbo-emulator/src/server";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeFirmWithAdvisor, makeUser } from "../support/factories";
import { connectToEmulator } from "../support/qbo";
import { oracleRunway, type TExport } from "../support/runway-oracle";

/*
 * The advisor portfolio's ranking against an independent computation from the emulator's
 * exported states (runway-oracle.ts imports nothing of the engine): seven demo companies of
 * every profile, synced over HTTP, one of them needing a reconnect.
 */
const today = "2026-03-16";
const clock = fixedClock("2026-03-16T20:00:00Z");

/** The oracle's runway state: too little history (under 90 days) or no bank account apart. */
function oracleState(exp: TExport): { state: string; days: number | null } {
  const dates = Object.values(exp.entities)
    .flat()
    .map((r) => r.TxnDate as string | undefined)
    .filter((d): d is string => typeof d === "string")
    .sort();
  const banks = (exp.entities.Account ?? []).filter((a) => a.AccountType === "Bank" && a.Active);
  const first = dates[0];
  if (banks.length === 0 || !first || Date.parse(first) > Date.parse(today) - 90 * 86_400_000)
    return { state: "insufficientData", days: null };
  const r = oracleRunway(exp, today).runway as { kind: string; days?: number };
  return { state: r.kind, days: r.days ?? null };
}

describe(`advisor portfolio (${testBackend})`, () => {
  let h: TestDatabase;
  let advisor: string;
  let firmId: string;
  let ownerId: string;
  const clients: { businessId: string; name: string; exp: TExport }[] = [];

  beforeAll(async () => {
    h = await useTestDatabase();
    const owner = await makeUser(h.db);
    ownerId = owner.id;
    // Seven demo companies: every profile, with distinct runways (two "trouble" agencies share one).
    for (const i of [0, 1, 2, 3, 4, 6, 9]) {
      const company = demoCompany(i);
      const name = company.name ?? `Client ${i}`;
      const businessId = await makeBusiness(h.db, owner.id, { name, timezone: "America/Los_Angeles" });
      const qbo = await connectToEmulator(h.db, businessId, {
        ...company,
        name,
        today,
        realmId: `9341460000${String(i).padStart(6, "0")}`,
      });
      const r = await syncConnection({
        db: h.db,
        businessId,
        client: qbo.client(),
        clock: qbo.clock,
        trigger: "connect",
      });
      expect(r.status).toBe("succeeded");
      clients.push({
        businessId,
        name,
        exp: (await qbo.admin(`companies/${qbo.realmId}/export`)) as unknown as TExport,
      });
      await qbo.emu.stop();
    }
    // One client lost its QuickBooks authorization: flagged, whatever its runway.
    await h.db
      .update(qboConnections)
      .set({ status: "needs_reauth" })
      .where(eq(qboConnections.businessId, clients[4]!.businessId));
    for (const c of clients) await refreshPortfolioSnapshot({ db: h.db, businessId: c.businessId, clock });
    advisor = (await makeUser(h.db)).id;
    firmId = await makeFirmWithAdvisor(
      h.db,
      advisor,
      clients.map((c) => c.businessId),
    );
  }, 240_000);
  afterAll(async () => h?.close());

  it("ranks flagged first, then runway ascending, then not burning; too little data apart — as the oracle says", async () => {
    const oracle = clients.map((c, i) => ({ ...c, ...oracleState(c.exp), flagged: i === 4 }));
    // The demo clients cover every state, with distinct runways.
    expect(new Set(oracle.map((o) => o.state))).toEqual(new Set(["days", "notBurning", "insufficientData"]));
    const days = oracle.filter((o) => o.state === "days").map((o) => o.days);
    expect(new Set(days).size).toBe(days.length);
    const group = (o: (typeof oracle)[number]) =>
      o.flagged ? 0 : o.state === "days" ? 1 : o.state === "notBurning" ? 2 : 3;
    const expected = [...oracle].sort(
      (a, b) =>
        group(a) - group(b) ||
        (a.days ?? Number.MAX_SAFE_INTEGER) - (b.days ?? Number.MAX_SAFE_INTEGER) ||
        a.name.localeCompare(b.name),
    );
    const p = await getFirmPortfolio({ db: h.db, userId: advisor, firmId, now: clock.now() });
    expect(p.ranked.map((c) => c.name)).toEqual(expected.filter((o) => group(o) < 3).map((o) => o.name));
    expect(p.apart.map((c) => c.name)).toEqual(expected.filter((o) => group(o) === 3).map((o) => o.name));
    // Each row's runway is the oracle's.
    for (const row of [...p.ranked, ...p.apart]) {
      const o = oracle.find((x) => x.businessId === row.id)!;
      expect([row.state, row.runwayDays], row.name).toEqual([o.state, o.days]);
    }
    expect(p.ranked[0]!.flags).toEqual(["reconnect"]);
  });

  it("filters and search narrow the list; the rows come from stored snapshots, not a recomputation", async () => {
    const flagged = await getFirmPortfolio({
      db: h.db,
      userId: advisor,
      firmId,
      now: clock.now(),
      filter: "flagged",
    });
    expect(flagged.ranked.map((c) => c.id)).toEqual([clients[4]!.businessId]);
    const search = await getFirmPortfolio({
      db: h.db,
      userId: advisor,
      firmId,
      now: clock.now(),
      q: "northwind",
    });
    expect(search.ranked.map((c) => c.name)).toEqual(["Northwind Creative"]);
    // Change the mirror behind the snapshot's back: the portfolio still shows the snapshot…
    const target = clients[0]!.businessId;
    const before = (
      await getFirmPortfolio({ db: h.db, userId: advisor, firmId, now: clock.now() })
    ).ranked.find((c) => c.id === target)!;
    await h.db.update(qboAccounts).set({ active: false }).where(eq(qboAccounts.businessId, target));
    const still = (
      await getFirmPortfolio({ db: h.db, userId: advisor, firmId, now: clock.now() })
    ).ranked.find((c) => c.id === target)!;
    expect(still.snapshot!.cashCents).toBe(before.snapshot!.cashCents);
    // …until it is refreshed (as after a sync): no bank account, too little data.
    forgetLedger(target); // the mirror changed outside a sync run, which the ledger cache keys on
    await refreshPortfolioSnapshot({ db: h.db, businessId: target, clock });
    const after = await getFirmPortfolio({ db: h.db, userId: advisor, firmId, now: clock.now() });
    expect(after.apart.map((c) => c.id)).toContain(target);
  });

  it("the demo firm's thirteen clients span every runway state, with distinct runways (oracle)", async () => {
    // The demo business's company and the twelve after it (scripts/demo.mjs seeds sixteen).
    const emu = new QboEmulator({});
    const found: { state: string; days: number | null }[] = [];
    for (let i = 0; i <= 12; i++) {
      const c = emu.createCompany({
        ...demoCompany(i),
        today,
        realmId: `99000000${String(i).padStart(4, "0")}`,
      });
      found.push(oracleState(emu.exportCompany(c.realmId) as unknown as TExport));
    }
    expect(new Set(found.map((f) => f.state))).toEqual(new Set(["days", "notBurning", "insufficientData"]));
    const days = found.filter((f) => f.state === "days").map((f) => f.days);
    expect(days.length).toBeGreaterThanOrEqual(5);
    expect(new Set(days).size).toBe(days.length);
  });

  it("one weekly firm digest per advisor lists the clients at risk, riskiest first, once", async () => {
    // Monday 2026-03-16 20:00 UTC: this week's firm digest is due.
    for (let run = 0; run < 2; run++)
      await runFirmDigests({ db: h.db, now: clock.now(), origin: "http://localhost:3000" });
    const mails = await h.db.select().from(emails).where(eq(emails.kind, "firm-digest"));
    expect(mails).toHaveLength(1);
    const text = mails[0]!.text;
    // At risk: the client needing a reconnect (flagged) and the one under 13 weeks (45 days);
    // the healthy ones, not burning or far out, are not listed.
    const listed = [...text.matchAll(/^- (.+?): /gm)].map((m) => m[1]);
    expect(listed).toEqual(["Client 4", "Client 2"]);
    expect(text).toContain("reconnect QuickBooks");
    expect(mails[0]!.subject).toMatch(/: 2 clients at risk — week 2026-W12$/);
  });

  it("issue 16: the firm email leaves out a client whose first sync has not finished, and names it", async () => {
    // Connected to QuickBooks, never synced: its snapshot has no figures worth an alert.
    const owner = await makeUser(h.db);
    const fresh = await makeBusiness(h.db, owner.id, { name: "Just Connected LLC" });
    const qbo = await connectToEmulator(h.db, fresh, {
      ...demoCompany(0),
      today,
      realmId: "9341469999000001",
    });
    await qbo.emu.stop();
    await refreshPortfolioSnapshot({ db: h.db, businessId: fresh, clock });
    const second = (await makeUser(h.db)).id;
    await makeFirmWithAdvisor(h.db, second, [clients[2]!.businessId, fresh]);
    await runFirmDigests({ db: h.db, now: clock.now(), origin: "http://localhost:3000" });
    const [user] = await h.db.select({ email: users.email }).from(users).where(eq(users.id, second));
    const [mail] = await h.db.select().from(emails).where(eq(emails.toAddress, user!.email!));
    // One client counted (the synced one, at 45 days), the new one named apart, never "$0.00".
    expect(mail!.text).toMatch(/: 1 of 1 client need attention this week/);
    expect([...mail!.text.matchAll(/^- (.+?): /gm)].map((m) => m[1])).toEqual(["Client 2"]);
    expect(mail!.text).toContain(
      "Not included yet — the first sync from QuickBooks has not finished: Just Connected LLC.",
    );
    expect(mail!.subject).toMatch(/: 1 client at risk — /);
  });

  it("issue 16: each change the owner sees marks the advisor's row stale at once, and the portfolio recomputes it before reading", async () => {
    const target = clients[1]!.businessId;
    const ctx = await getBusinessContext({ db: h.db, userId: ownerId, businessId: target });
    const row = async () =>
      (await h.db.select().from(portfolioSnapshots).where(eq(portfolioSnapshots.businessId, target)))[0]!;
    const advisorSees = async () =>
      (await getFirmPortfolio({ db: h.db, userId: advisor, firmId, now: clock.now() })).ranked
        .concat((await getFirmPortfolio({ db: h.db, userId: advisor, firmId, now: clock.now() })).apart)
        .find((c) => c.id === target)!;
    const ownerSees = async () => (await getRunway({ db: h.db, ctx, asOf: today })).spendableCents;
    // Settled: not stale, and the advisor sees what the owner sees.
    expect((await row()).changedSeq).toBe((await row()).computedSeq);
    expect((await advisorSees()).snapshot!.spendableCents).toBe(await ownerSees());
    // A reserve: the row is stale as soon as the owner's change returns (its refresh is only
    // queued: no dispatcher runs here), and the next read recomputes it.
    const { reserveId } = await createReserve({
      db: h.db,
      ctx,
      input: { name: "Payroll cushion", kind: "hold", amount: "10000" },
      clock,
    });
    expect((await row()).changedSeq).toBeGreaterThan((await row()).computedSeq);
    const spendable = await ownerSees();
    expect((await advisorSees()).snapshot!.spendableCents).toBe(spendable);
    expect((await row()).changedSeq).toBe((await row()).computedSeq);
    // Releasing it, and a threshold change: the same.
    await releaseReserve({ db: h.db, ctx, reserveId, clock });
    expect((await row()).changedSeq).toBeGreaterThan((await row()).computedSeq);
    expect((await advisorSees()).snapshot!.spendableCents).toBe(spendable + 1_000_000);
    await updateAlertSettings({
      db: h.db,
      ctx,
      input: { alertBelow: 5_000_00, alertRunwayWeeks: null },
      clock,
    });
    expect((await row()).changedSeq).toBeGreaterThan((await row()).computedSeq);
    await advisorSees();
    expect((await row()).changedSeq).toBe((await row()).computedSeq);
    // Over the per-read budget, a stale row is shown as it was and says it is updating.
    await createReserve({ db: h.db, ctx, input: { name: "Later", kind: "hold", amount: "1" }, clock });
    const capped = await getFirmPortfolio({
      db: h.db,
      userId: advisor,
      firmId,
      now: clock.now(),
      maxRefresh: 0,
    });
    const shown = [...capped.ranked, ...capped.apart].find((c) => c.id === target)!;
    expect(shown.refreshing).toBe(true);
    expect(shown.snapshot!.spendableCents).toBe(spendable + 1_000_000);
    expect((await row()).changedSeq).toBeGreaterThan((await row()).computedSeq);
    expect([...capped.ranked, ...capped.apart].filter((c) => c.refreshing).map((c) => c.id)).toEqual([
      target,
    ]);
  });

  it("another firm's advisor reaches none of it", async () => {
    const stranger = (await makeUser(h.db)).id;
    const otherFirm = await makeFirmWithAdvisor(h.db, stranger, []);
    const mine = await getFirmPortfolio({ db: h.db, userId: stranger, firmId: otherFirm, now: clock.now() });
    expect(mine.total).toBe(0);
    await expect(
      getFirmPortfolio({ db: h.db, userId: stranger, firmId, now: clock.now() }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
