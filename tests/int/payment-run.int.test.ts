import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBusinessContext } from "@/server/access/business-context";
import { type Clock, setClockForProcess } from "@/server/clock";
import {
  auditLog,
  businesses,
  decisions,
  qboParties,
  qboRecurring,
  vendorPayRules,
} from "@/server/db/schema";
import { decide } from "@/server/decisions/decisions";
import {
  acceptPaymentRun,
  getPaymentRun,
  setVendorPayRule,
  ZPaymentRunWindow,
  ZVendorPayRule,
} from "@/server/decisions/payment-run";
import { resetEnvForTests } from "@/server/env";
import { runSyncForBusiness } from "@/server/jobs/run-sync";
import { forgetLedger } from "@/server/runway/business-runway";
import { getRunway } from "@/server/runway/get-runway";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { addMember, makeBusiness, makeUser } from "../support/factories";
import { bruteForceLateness } from "../support/payment-run-oracle";
import { connectToEmulator, testKey } from "../support/qbo";

/*
 * The proposed payment run on a business's own forecast (issue 17): rent, payroll, tax and loan
 * bills are fixed (inferred from the accounts they post to), committed decisions stay where they
 * are, and the flexible bills are planned against the alert amount on the projection without
 * them — its total lateness equal to a brute force over the same figures. Accepting it saves
 * planned decisions, once.
 */
const NOW = Date.parse("2026-11-26T18:00:00Z");
const TODAY = "2026-11-26";
const day = (n: number) => new Date(Date.parse(TODAY) + n * 86_400_000).toISOString().slice(0, 10);

describe(`proposed payment run (${testBackend})`, () => {
  let h: TestDatabase;
  let qbo: Awaited<ReturnType<typeof connectToEmulator>>;
  const f = {} as {
    owner: string;
    viewer: string;
    biz: string;
    vendorId: string;
    rentVendorId: string;
    ordinary: string;
  };
  const saved = { ...process.env };
  const clock: Clock = { now: () => new Date(NOW) };
  const ctxOf = (userId: string) => getBusinessContext({ db: h.db, userId, businessId: f.biz });
  const mutate = async (body: Record<string, unknown>) =>
    ((await qbo.admin(`companies/${qbo.realmId}/mutations`, body)) as { result: { Id: string } }).result;
  const bills: Record<string, string> = {};

  beforeAll(async () => {
    h = await useTestDatabase();
    f.owner = (await makeUser(h.db)).id;
    f.viewer = (await makeUser(h.db)).id;
    f.biz = await makeBusiness(h.db, f.owner, { name: "Small Co", timezone: "America/Los_Angeles" });
    await addMember(h.db, f.biz, f.viewer, "viewer");
    qbo = await connectToEmulator(h.db, f.biz, { seed: 57, months: 3, today: TODAY, startMs: NOW });
    Object.assign(process.env, {
      QBO_BASE_URL: qbo.base,
      TOKEN_ENCRYPTION_KEY: testKey,
      QBO_THROTTLE_WAIT_MS: "20",
    });
    resetEnvForTests();
    setClockForProcess(clock);
    const e = (await qbo.admin(`companies/${qbo.realmId}/export`)) as {
      entities: Record<string, Record<string, unknown>[]>;
    };
    const rent = e.entities.Account!.find((a) => a.AccountSubType === "RentOrLeaseOfBuildings")!;
    // Vendors none of whose bills post to a must-pay account (rent, payroll, taxes, loans).
    const mustPayAccounts = new Set(
      e.entities
        .Account!.filter((a) =>
          ["RentOrLeaseOfBuildings", "PayrollExpenses", "TaxesPaid", "InterestPaid"].includes(
            String(a.AccountSubType),
          ),
        )
        .map((a) => String(a.Id)),
    );
    const postsToMustPay = new Set(
      e.entities
        .Bill!.filter((b) =>
          (b.Line as { AccountBasedExpenseLineDetail?: { AccountRef?: { value?: string } } }[]).some((l) =>
            mustPayAccounts.has(String(l.AccountBasedExpenseLineDetail?.AccountRef?.value)),
          ),
        )
        .map((b) => String((b.VendorRef as { value: string }).value)),
    );
    const vendors = e.entities.Vendor!.filter((v) => v.Active !== false && !postsToMustPay.has(String(v.Id)));
    f.vendorId = String(vendors[0]!.Id);
    f.rentVendorId = String(vendors[1]!.Id);
    // Flexible bills post to an ordinary expense account (a bill's default is the first expense account).
    const ordinary = String(
      e.entities.Account!.find((a) => a.AccountType === "Expense" && !mustPayAccounts.has(String(a.Id)))!.Id,
    );
    f.ordinary = ordinary;
    for (const [key, due, cents, vendorId, accountId] of [
      ["a", day(2), 400_000, f.vendorId, ordinary],
      ["b", day(3), 300_000, f.vendorId, ordinary],
      ["c", day(-5), 250_000, f.vendorId, ordinary],
      ["rent", day(4), 500_000, f.rentVendorId, String(rent.Id)],
      ["committed", day(5), 100_000, f.vendorId, ordinary],
      ["later", day(40), 100_000, f.vendorId, ordinary],
    ] as const)
      bills[key] = (
        await mutate({
          op: "createBill",
          vendorId,
          txnDate: day(-20),
          dueDate: due,
          amountCents: cents,
          accountId,
        })
      ).Id;
    const r = await runSyncForBusiness({ db: h.db, businessId: f.biz, trigger: "manual" });
    expect(r.status).toBe("succeeded");
    const owner = await ctxOf(f.owner);
    await decide({
      db: h.db,
      ctx: owner,
      input: { kind: "schedule", targetId: bills.committed!, date: day(6) },
      commit: true,
      clock,
    });
  }, 120_000);
  afterAll(async () => {
    process.env = saved;
    resetEnvForTests();
    setClockForProcess(undefined);
    await qbo?.emu.stop();
    await h?.close();
  });

  const setFloor = async (cents: number) => {
    await h.db.update(businesses).set({ alertBelowCents: cents }).where(eq(businesses.id, f.biz));
    forgetLedger(f.biz);
  };

  it("rent is fixed (from its account), a committed bill stays committed, bills after the window are not in it", async () => {
    await setFloor(0);
    const run = await getPaymentRun({ db: h.db, ctx: await ctxOf(f.viewer), clock, windowDays: 28 });
    expect(run.asOf).toBe(TODAY);
    expect(run.windowEnd).toBe(day(27));
    const fixed = new Map(run.fixed.map((x) => [x.billId, x]));
    expect(fixed.get(bills.rent!)?.why).toEqual({
      kind: "mustPay",
      by: "account",
      mustPay: { kind: "rent", accountId: expect.any(String), accountName: expect.any(String) },
    });
    expect(fixed.get(bills.committed!)).toMatchObject({ why: { kind: "committed" }, date: day(6) });
    const ids = run.lines.map((l) => l.billId);
    expect(ids).toEqual(expect.arrayContaining([bills.a, bills.b, bills.c]));
    expect(ids).not.toContain(bills.rent);
    expect(ids).not.toContain(bills.committed);
    expect(ids).not.toContain(bills.later);
    const a = run.lines.find((l) => l.billId === bills.a)!;
    expect(a).toMatchObject({
      amountCents: 400_000,
      dueDate: day(2),
      vendorId: f.vendorId,
      subject: { kind: "document", type: "Bill" },
    });
  });

  it("a person's word on a vendor wins over its accounts, both ways, audited; an unknown vendor or a viewer is refused", async () => {
    const owner = await ctxOf(f.owner);
    const rule = (vendorId: string, mustPay: boolean, ctx = owner) =>
      setVendorPayRule({ db: h.db, ctx, input: { vendorId, mustPay } });
    const nameOf = async (id: string) =>
      (
        await h.db
          .select({ n: qboParties.displayName })
          .from(qboParties)
          .where(
            and(eq(qboParties.businessId, f.biz), eq(qboParties.kind, "vendor"), eq(qboParties.qboId, id)),
          )
      )[0]!.n;
    expect((await rule(f.rentVendorId, false)).message).toBe(
      `${await nameOf(f.rentVendorId)} is flexible in the payment run.`,
    );
    expect((await rule(f.vendorId, true)).message).toBe(
      `${await nameOf(f.vendorId)} is paid on time in every payment run.`,
    );
    const run = await getPaymentRun({ db: h.db, ctx: owner, clock });
    const rent = run.lines.find((l) => l.billId === bills.rent);
    expect(rent).toMatchObject({ overrides: { kind: "rent" }, vendorId: f.rentVendorId });
    const fixed = new Map(run.fixed.map((x) => [x.billId, x.why]));
    for (const k of ["a", "b", "c"]) expect(fixed.get(bills[k]!)).toEqual({ kind: "mustPay", by: "person" });
    expect(fixed.get(bills.committed!)).toEqual({ kind: "committed" });
    await expect(rule("99999999", true)).rejects.toMatchObject({ code: "not_found" });
    await expect(rule(f.vendorId, false, await ctxOf(f.viewer))).rejects.toMatchObject({ code: "forbidden" });
    const audits = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.businessId, f.biz), eq(auditLog.action, "vendor.payRule")));
    expect(audits.map((a) => a.detail)).toEqual([
      { vendorId: f.rentVendorId, mustPay: false },
      { vendorId: f.vendorId, mustPay: true },
    ]);
    // Back as the accounts say (flexible again, and rent must-pay again) for the tests after.
    await rule(f.vendorId, false);
    await h.db.delete(vendorPayRules).where(eq(vendorPayRules.businessId, f.biz));
    const back = await getPaymentRun({ db: h.db, ctx: owner, clock });
    expect(back.lines.find((l) => l.billId === bills.a)).toMatchObject({ overrides: null });
    expect(back.fixed.find((x) => x.billId === bills.rent)?.why).toMatchObject({
      kind: "mustPay",
      by: "account",
    });
  });

  it("against a floor that binds: never under it, and as little lateness as a brute force finds", async () => {
    const owner = await ctxOf(f.owner);
    const runway = await getRunway({ db: h.db, ctx: owner });
    // Spendable without the flexible bills, as the oracle sees it: the forecast plus each of them back.
    const loose = await getPaymentRun({ db: h.db, ctx: owner, clock });
    const flex = loose.lines;
    const without = runway.days.slice(0, 28).map((d) => {
      let v = d.spendableCents;
      for (const l of flex) {
        const placed = runway.outflows.find((o) => o.ref?.id === l.billId)!.date;
        if (placed <= d.date) v += l.amountCents;
      }
      return v;
    });
    // A floor just under the lowest close without them, less half of what they total: some must wait.
    const total = flex.reduce((s, l) => s + l.amountCents, 0);
    const floor = Math.min(...without) - Math.round(total / 2);
    await setFloor(floor);
    const run = await getPaymentRun({ db: h.db, ctx: await ctxOf(f.owner), clock });
    expect(run.floorCents).toBe(floor);
    expect(run.shortfall).toBeNull();
    expect(run.lowest.spendableCents).toBeGreaterThanOrEqual(floor);
    expect(run.lines.some((l) => l.why === "heldForCash" || l.why === "afterWindow")).toBe(true);
    const oracle = bruteForceLateness({
      spendableCents: without,
      floorCents: floor,
      bills: flex.map((l) => ({
        amountCents: l.amountCents,
        due: Math.round((Date.parse(l.dueDate) - Date.parse(TODAY)) / 86_400_000),
      })),
    });
    expect(run.totalLatenessCentDays).toBe(oracle.lateness);
  });

  it("which invoices to chase first: reminders and promise dates only, never a delay, best 4-week gain first", async () => {
    const e = (await qbo.admin(`companies/${qbo.realmId}/export`)) as {
      entities: Record<string, Record<string, unknown>[]>;
    };
    const customers = e.entities.Customer!.filter((c) => c.Active !== false).slice(0, 2);
    const made: string[] = [];
    for (const [i, c] of customers.entries())
      made.push(
        (
          await mutate({
            op: "createInvoice",
            customerId: String(c.Id),
            txnDate: day(-70),
            dueDate: day(-40 - i),
            amountCents: 400_000 * (i + 1),
          })
        ).Id,
      );
    expect((await runSyncForBusiness({ db: h.db, businessId: f.biz, trigger: "manual" })).status).toBe(
      "succeeded",
    );
    // A floor far above every day: delays would be advice on the digest, but never in this list.
    await setFloor(1_000_000_000);
    const run = await getPaymentRun({ db: h.db, ctx: await ctxOf(f.owner), clock });
    expect(run.chase.length).toBeGreaterThan(0);
    expect(run.chase.length).toBeLessThanOrEqual(3);
    expect(run.chase.every((a) => a.kind !== "delayBill")).toBe(true);
    for (const a of run.chase) expect(a.impact.low4Weeks.deltaCents).toBeGreaterThanOrEqual(0);
    const gains = run.chase.map((a) => a.impact.low4Weeks.deltaCents);
    expect(gains).toEqual([...gains].sort((x, y) => y - x));
    // The larger of the two overdue invoices is among them, and each names its document.
    expect(run.chase.map((a) => a.ref.id)).toContain(made[1]);
    await setFloor(0);
  });

  it("accepting saves each proposed day as a planned decision, once; a viewer cannot; a floor nothing can keep is said with its shortfall", async () => {
    const owner = await ctxOf(f.owner);
    const run = await getPaymentRun({ db: h.db, ctx: owner, clock });
    const paid = run.lines.filter((l) => l.payOn);
    await expect(acceptPaymentRun({ db: h.db, ctx: await ctxOf(f.viewer), clock })).rejects.toMatchObject({
      code: "forbidden",
    });
    const r = await acceptPaymentRun({ db: h.db, ctx: owner, clock });
    expect(r.planned).toBe(paid.length);
    expect(r.message).toBe(`${paid.length === 1 ? "1 bill" : `${paid.length} bills`} planned as proposed.`);
    const planned = await h.db
      .select()
      .from(decisions)
      .where(
        and(eq(decisions.businessId, f.biz), eq(decisions.kind, "schedule"), eq(decisions.status, "planned")),
      );
    expect(planned.map((d) => [d.targetId, d.date]).sort()).toEqual(
      paid.map((l) => [l.billId, l.payOn]).sort(),
    );
    // Again: the same plans, not new ones.
    await acceptPaymentRun({ db: h.db, ctx: owner, clock });
    const again = await h.db
      .select()
      .from(decisions)
      .where(
        and(eq(decisions.businessId, f.biz), eq(decisions.kind, "schedule"), eq(decisions.status, "planned")),
      );
    expect(again.map((d) => d.id).sort()).toEqual(planned.map((d) => d.id).sort());
    // The committed decision was never touched.
    const [c] = await h.db
      .select()
      .from(decisions)
      .where(and(eq(decisions.targetId, bills.committed!), eq(decisions.status, "committed")));
    expect(c).toMatchObject({ date: day(6) });
    // A floor nothing can keep: the shortfall is said, and the run keeps the lowest floor it can.
    await setFloor(1_000_000_000_00);
    const short = await getPaymentRun({ db: h.db, ctx: await ctxOf(f.owner), clock });
    expect(short.shortfall).toMatchObject({ cents: expect.any(Number) });
    expect(short.shortfall!.cents).toBeGreaterThan(0);
    expect(short.lowest.spendableCents).toBeGreaterThanOrEqual(short.floorCents - short.shortfall!.cents);
    await setFloor(0);
  });

  it("the window's edges: a bill due on its last day is in, the next day's is not; an overdue bill keeps its due date; only bills are lines", async () => {
    const owner = await ctxOf(f.owner);
    const before = await getPaymentRun({ db: h.db, ctx: owner, clock });
    const vendorId = before.lines.find((l) => l.vendorId)!.vendorId!;
    const bill = async (due: number, cents: number) =>
      (
        await mutate({
          op: "createBill",
          vendorId,
          txnDate: day(-20),
          dueDate: day(due),
          amountCents: cents,
          accountId: f.ordinary,
        })
      ).Id;
    const [last, after, late] = [await bill(13, 12_300), await bill(14, 12_400), await bill(-6, 12_500)];
    // The same edges for bills the run does not move (a vendor paid on time by a person's word).
    const fixedVendor = [f.vendorId, f.rentVendorId].find((v) => v !== vendorId)!;
    await setVendorPayRule({ db: h.db, ctx: owner, input: { vendorId: fixedVendor, mustPay: true } });
    const fixedBill = async (due: number) =>
      (
        await mutate({
          op: "createBill",
          vendorId: fixedVendor,
          txnDate: day(-20),
          dueDate: day(due),
          amountCents: 9_900 + due,
          accountId: f.ordinary,
        })
      ).Id;
    const [fixedLast, fixedAfter] = [await fixedBill(13), await fixedBill(14)];
    expect((await runSyncForBusiness({ db: h.db, businessId: f.biz, trigger: "manual" })).status).toBe(
      "succeeded",
    );
    // A QuickBooks template whose id is the same as a bill's (ids are per entity in QuickBooks):
    // its outflow is not that bill.
    await h.db.insert(qboRecurring).values({
      businessId: f.biz,
      qboId: last,
      syncToken: 0,
      txnType: "Bill",
      name: "Same id",
      active: true,
      intervalType: "Monthly",
      numInterval: 1,
      dayOfMonth: Number(day(2).slice(8)),
      nextDate: day(2),
      amountCents: 777_700,
      partyId: vendorId,
    });
    forgetLedger(f.biz);
    const ids = (r: Awaited<ReturnType<typeof getPaymentRun>>) => [
      ...r.lines.map((l) => l.billId),
      ...r.fixed.map((x) => x.billId),
    ];
    const two = await getPaymentRun({ db: h.db, ctx: owner, clock, windowDays: 14 });
    expect(two.windowEnd).toBe(day(13));
    expect(ids(two)).toContain(last);
    expect(ids(two)).not.toContain(after);
    expect(two.fixed.map((x) => x.billId)).toContain(fixedLast);
    expect(two.fixed.map((x) => x.billId)).not.toContain(fixedAfter);
    const four = await getPaymentRun({ db: h.db, ctx: owner, clock, windowDays: 28 });
    expect(ids(four)).toContain(after);
    expect(ids(four).filter((id) => id === last)).toHaveLength(1);
    expect(four.lines.find((l) => l.billId === last)?.amountCents ?? 12_300).toBe(12_300);
    expect([...four.lines, ...four.fixed].every((x) => x.amountCents !== 777_700)).toBe(true);
    expect(four.lines.find((l) => l.billId === late)?.dueDate).toBe(day(-6));
    for (const r of [two, four]) {
      for (const id of ids(r)) expect(id).toMatch(/^\d+$/);
      for (const x of r.fixed) expect(x.date <= r.windowEnd).toBe(true);
    }
    await h.db
      .delete(qboRecurring)
      .where(and(eq(qboRecurring.businessId, f.biz), eq(qboRecurring.qboId, last)));
    forgetLedger(f.biz);
    // The window is two to four weeks.
    expect(ZPaymentRunWindow.parse(undefined)).toBe(28);
    expect([13, 14, 28, 29, "20"].map((v) => ZPaymentRunWindow.safeParse(v).success)).toEqual([
      false,
      true,
      true,
      false,
      true,
    ]);
    expect(
      ["12", "12a", "a12", "", "1".repeat(21), "1".repeat(20)].map(
        (v) => ZVendorPayRule.safeParse({ vendorId: v }).success,
      ),
    ).toEqual([true, false, false, false, false, true]);
    expect(ZVendorPayRule.safeParse({ vendorId: "x" }).error!.issues[0]!.message).toBe("Unknown vendor");
    await expect(
      setVendorPayRule({ db: h.db, ctx: owner, input: { vendorId: "999999", mustPay: true } }),
    ).rejects.toMatchObject({ code: "not_found", message: "Vendor not found" });
  });

  it("accepting a run with nothing to pay in the window is refused, saying so", async () => {
    const owner = await ctxOf(f.owner);
    const run = await getPaymentRun({ db: h.db, ctx: owner, clock });
    for (const v of new Set(run.lines.map((l) => l.vendorId).filter((x): x is string => Boolean(x))))
      await setVendorPayRule({ db: h.db, ctx: owner, input: { vendorId: v, mustPay: true } });
    expect((await getPaymentRun({ db: h.db, ctx: owner, clock })).lines).toEqual([]);
    await expect(acceptPaymentRun({ db: h.db, ctx: owner, clock })).rejects.toMatchObject({
      code: "conflict",
      message: "The proposed run has no bill to pay in the window.",
    });
    await h.db.delete(vendorPayRules).where(eq(vendorPayRules.businessId, f.biz));
  });
});
