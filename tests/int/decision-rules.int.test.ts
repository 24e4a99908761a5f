import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBusinessContext } from "@/server/access/business-context";
import { type Clock, setClockForProcess } from "@/server/clock";
import {
  auditLog,
  businesses,
  decisions,
  outboxEvents,
  portfolioSnapshots,
  qboParties,
  qboTransactions,
} from "@/server/db/schema";
import {
  commitPlanned,
  decide,
  getConsole,
  type TDecisionInput,
  tryDecision,
  withdrawDecision,
  ZDecisionInput,
} from "@/server/decisions/decisions";
import { resolveDecisions } from "@/server/decisions/lifecycle";
import { resetEnvForTests } from "@/server/env";
import { runSyncForBusiness } from "@/server/jobs/run-sync";
import { refreshPortfolioSnapshot } from "@/server/portfolio/snapshots";
import { forgetLedger } from "@/server/runway/business-runway";
import { getRunway } from "@/server/runway/get-runway";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { addMember, makeBusiness, makeUser } from "../support/factories";
import { connectToEmulator, testKey } from "../support/qbo";
import { refusal } from "../support/refusal";

/*
 * The decision console's rules, one by one, on a small company (three months of history) so
 * each test is quick: which dates a decision may take, what a plan, a commit, a repeat, a
 * replacement and a withdrawal record and say, who may do each, what the console lists and in
 * which order, and how a sync resolves decisions against what QuickBooks now says.
 * (tests/int/decisions.int.test.ts covers the same on the demo-sized company, end to end.)
 */
const NOW = Date.parse("2026-11-26T18:00:00Z");
const TODAY = "2026-11-26";

describe(`decision rules (${testBackend})`, () => {
  let h: TestDatabase;
  let qbo: Awaited<ReturnType<typeof connectToEmulator>>;
  const f = {} as {
    owner: string;
    bookkeeper: string;
    viewer: string;
    biz: string;
    vendorId: string;
    vendorName: string;
    customerId: string;
    customerName: string;
  };
  const saved = { ...process.env };
  const clock: Clock & { at: number } = { at: NOW, now: () => new Date(clock.at) };
  const ctxOf = (userId: string) => getBusinessContext({ db: h.db, userId, businessId: f.biz });
  const sync = async () => {
    const r = await runSyncForBusiness({ db: h.db, businessId: f.biz, trigger: "manual" });
    expect(r.status).toBe("succeeded");
  };
  const mutate = async <T = { Id: string }>(body: Record<string, unknown>) =>
    ((await qbo.admin(`companies/${qbo.realmId}/mutations`, body)) as { result: T }).result;
  const bills: Record<string, string> = {};
  const invoices: Record<string, string> = {};
  const as = async (who: "owner" | "bookkeeper" | "viewer") => ctxOf(f[who]);
  const plan = async (input: TDecisionInput, commit = false, who: "owner" | "bookkeeper" = "owner") =>
    decide({ db: h.db, ctx: await as(who), input, commit, clock });
  const audits = async (action: string) =>
    (
      await h.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.businessId, f.biz), eq(auditLog.action, action)))
    ).map((a) => ({ actor: a.actorUserId, ...a.detail }));
  const decisionOf = async (id: string) => {
    const [d] = await h.db.select().from(decisions).where(eq(decisions.id, id));
    return d!;
  };

  beforeAll(async () => {
    h = await useTestDatabase();
    f.owner = (await makeUser(h.db)).id;
    f.bookkeeper = (await makeUser(h.db)).id;
    f.viewer = (await makeUser(h.db)).id;
    f.biz = await makeBusiness(h.db, f.owner, { name: "Small Co", timezone: "America/Los_Angeles" });
    await addMember(h.db, f.biz, f.bookkeeper, "bookkeeper");
    await addMember(h.db, f.biz, f.viewer, "viewer");
    qbo = await connectToEmulator(h.db, f.biz, { seed: 43, months: 3, today: TODAY, startMs: NOW });
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
    const vendor = e.entities.Vendor!.find((v) => v.Active !== false)!;
    f.vendorId = String(vendor.Id);
    f.vendorName = String(vendor.DisplayName);
    const customer = e.entities.Customer!.find((c) => c.Active !== false)!;
    f.customerId = String(customer.Id);
    f.customerName = String(customer.DisplayName);
    // Bills due in the forecast, each for one test; two due the same day to pin the order.
    for (const [key, due, cents] of [
      ["plan", "2026-12-10", 210_000],
      ["roles", "2026-12-11", 220_000],
      ["withdraw", "2026-12-12", 230_000],
      ["paid", "2026-12-14", 240_000],
      ["deleted", "2026-12-15", 250_000],
      ["sameDayA", "2026-12-20", 100_000],
      ["sameDayB", "2026-12-20", 300_000],
      ["expire", "2026-12-21", 260_000],
      ["stale", "2026-12-22", 270_000],
      ["orphan", "2026-12-23", 280_000],
      ["second", "2026-12-24", 290_000],
      ["drift2", "2026-12-25", 300_000],
    ] as const)
      bills[key] = (
        await mutate({
          op: "createBill",
          vendorId: f.vendorId,
          txnDate: "2026-11-20",
          dueDate: due,
          amountCents: cents,
        })
      ).Id;
    // Overdue invoices: two equally late (the larger first), one less late; one not yet due.
    for (const [key, due, cents] of [
      ["lateSmall", "2026-10-01", 70_000],
      ["lateLarge", "2026-10-01", 90_000],
      ["lessLate", "2026-11-16", 95_000],
      ["notDue", "2026-12-30", 80_000],
      ["promise", "2026-11-01", 60_000],
      ["promisePaid", "2026-11-02", 61_000],
      ["dueToday", TODAY, 85_000],
      ["orphanInv", "2026-11-03", 62_000],
    ] as const)
      invoices[key] = (
        await mutate({
          op: "createInvoice",
          customerId: f.customerId,
          txnDate: "2026-09-15",
          dueDate: due,
          amountCents: cents,
          docNumber: `R-${key}`,
        })
      ).Id;
    await sync();
  }, 120_000);
  afterAll(async () => {
    process.env = saved;
    resetEnvForTests();
    setClockForProcess(undefined);
    await qbo?.emu.stop();
    await h?.close();
  });

  it("the decision form: a promise or a schedule, QuickBooks' digits as the document, a real day", () => {
    expect(ZDecisionInput.parse({ kind: "schedule", targetId: "12", date: TODAY })).toEqual({
      kind: "schedule",
      targetId: "12",
      date: TODAY,
    });
    const errs = (input: Record<string, unknown>) => {
      const r = ZDecisionInput.safeParse(input);
      return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
    };
    for (const bad of ["12a", "a12", "", "1".repeat(21)])
      expect(errs({ kind: "promise", targetId: bad, date: TODAY })).toEqual({ targetId: "Unknown document" });
    expect(errs({ kind: "promise", targetId: "1".repeat(20), date: TODAY })).toEqual({});
    expect(Object.keys(errs({ kind: "pay", targetId: "1", date: TODAY }))).toEqual(["kind"]);
    expect(errs({ kind: "promise", targetId: "1", date: "2026-13-01" })).toEqual({ date: "Pick a date" });
  });

  it("a decision's date runs from today to the forecast's last day; other documents are refused by name", async () => {
    const owner = await as("owner");
    const c = await getConsole({ db: h.db, ctx: owner, clock });
    expect(c.asOf).toBe(TODAY);
    const window = `Pick a date from today (${TODAY}) to the end of the forecast (${c.horizonEnd}).`;
    const tryIt = (input: TDecisionInput) => tryDecision({ db: h.db, ctx: owner, input, clock });
    const day = (iso: string, n: number) =>
      new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);
    for (const date of [day(TODAY, -1), day(c.horizonEnd, 1)])
      expect(await refusal(tryIt({ kind: "schedule", targetId: bills.plan!, date }))).toEqual({
        code: "invalid_input",
        message: "Please correct the highlighted fields.",
        fields: { date: [window] },
      });
    for (const date of [TODAY, c.horizonEnd]) {
      const t = await tryIt({ kind: "schedule", targetId: bills.plan!, date });
      expect(t.change).toEqual({ kind: "payBill", billId: bills.plan, date });
      expect(t.onDate?.date).toBe(date);
    }
    const p = await tryIt({ kind: "promise", targetId: invoices.promise!, date: TODAY });
    expect(p.change).toEqual({ kind: "promise", invoiceId: invoices.promise, date: TODAY });
    // A bill id asked as an invoice (and the reverse), and ids the business does not have.
    expect(await refusal(tryIt({ kind: "promise", targetId: bills.plan!, date: TODAY }))).toEqual({
      code: "not_found",
      message: "Invoice not found",
      fields: undefined,
    });
    expect(await refusal(tryIt({ kind: "schedule", targetId: invoices.promise!, date: TODAY }))).toEqual({
      code: "not_found",
      message: "Bill not found",
      fields: undefined,
    });
    expect(await refusal(tryIt({ kind: "schedule", targetId: "99999999", date: TODAY }))).toMatchObject({
      code: "not_found",
    });
    expect(
      await refusal(
        tryDecision({
          db: h.db,
          ctx: await as("viewer"),
          input: { kind: "schedule", targetId: bills.plan!, date: TODAY },
          clock,
        }),
      ),
    ).toMatchObject({ code: "forbidden" });
  });

  it("plan, repeat, commit, repeat: each recorded once, worded with the document and its party, audited with runway before and after", async () => {
    const input = { kind: "schedule" as const, targetId: bills.plan!, date: "2026-12-24" };
    const label = `pay bill of Nov 20, 2026 (${f.vendorName}) on 2026-12-24`;
    const planned = await plan(input);
    expect(planned).toMatchObject({ status: "planned", message: `Saved as a plan: ${label}.` });
    const row = await decisionOf(planned.decisionId);
    expect(row).toMatchObject({
      kind: "schedule",
      targetType: "Bill",
      targetId: bills.plan,
      status: "planned",
      date: "2026-12-24",
      amountCents: 210_000,
      createdBy: f.owner,
      committedBy: null,
      committedAt: null,
    });
    expect(row.detail).toMatchObject({ label, impact: { before: planned.impact.before } });
    expect((row.detail as { impact: Record<string, unknown> }).impact.path).toBeUndefined();
    expect(await audits("decision.planned")).toContainEqual({
      actor: f.owner,
      decisionId: planned.decisionId,
      kind: "schedule",
      target: `Bill ${bills.plan}`,
      label,
      date: "2026-12-24",
      runwayBefore: planned.impact.before,
      runwayAfter: planned.impact.after,
      lowestBefore: planned.impact.lowestBefore,
      lowestAfter: planned.impact.lowestAfter,
    });
    // Saving the same plan again is the same plan.
    const again = await plan(input);
    expect(again).toMatchObject({
      decisionId: planned.decisionId,
      message: `Already saved as a plan: ${label}.`,
    });
    // Committing it: a new committed decision replaces the plan (not an audit of superseding a commitment).
    const committed = await commitPlanned({
      db: h.db,
      ctx: await as("owner"),
      decisionId: planned.decisionId,
      clock,
    });
    expect(committed).toMatchObject({ status: "committed", message: `Committed: ${label}.` });
    expect(await decisionOf(planned.decisionId)).toMatchObject({ status: "superseded" });
    expect(await decisionOf(committed.decisionId)).toMatchObject({
      status: "committed",
      committedBy: f.owner,
      committedAt: new Date(NOW),
    });
    expect(await audits("decision.superseded")).toEqual([]);
    expect(await plan(input, true)).toMatchObject({
      decisionId: committed.decisionId,
      message: `Already committed: ${label}.`,
    });
    expect(
      await refusal(
        commitPlanned({ db: h.db, ctx: await as("owner"), decisionId: committed.decisionId, clock }),
      ),
    ).toEqual({ code: "conflict", message: "This decision is already committed.", fields: undefined });
    // The committed plan moves the forecast: the bill is expected on its new date.
    const runway = await getRunway({ db: h.db, ctx: await as("owner") });
    expect(runway.outflows.find((x) => x.ref?.id === bills.plan)?.date).toBe("2026-12-24");

    // A different date replaces the commitment, audited as superseded with what replaced it.
    const moved = await plan({ ...input, date: "2026-12-28" }, true);
    expect(await decisionOf(committed.decisionId)).toMatchObject({ status: "superseded" });
    expect(await audits("decision.superseded")).toEqual([
      { actor: f.owner, decisionId: committed.decisionId, replacedBy: moved.decisionId, label },
    ]);
    // A promise is worded with the customer.
    const promised = await plan({ kind: "promise", targetId: invoices.promise!, date: "2026-12-05" });
    expect(promised.message).toBe(
      `Saved as a plan: ${f.customerName} promised invoice R-promise for 2026-12-05.`,
    );
    expect(await decisionOf(promised.decisionId)).toMatchObject({
      targetType: "Invoice",
      amountCents: 60_000,
    });
  });

  it("roles: a viewer decides nothing; a bookkeeper plans, but neither commits nor replaces a commitment", async () => {
    const input = { kind: "schedule" as const, targetId: bills.roles!, date: "2026-12-18" };
    expect(
      await refusal(plan(input, false, "bookkeeper").then(() => plan(input, true, "bookkeeper"))),
    ).toMatchObject({
      code: "forbidden",
    });
    const [p] = await h.db
      .select()
      .from(decisions)
      .where(and(eq(decisions.targetId, bills.roles!), eq(decisions.status, "planned")));
    expect(p).toMatchObject({ createdBy: f.bookkeeper });
    expect(
      await refusal(commitPlanned({ db: h.db, ctx: await as("bookkeeper"), decisionId: p!.id, clock })),
    ).toMatchObject({ code: "forbidden" });
    await expect(
      decide({ db: h.db, ctx: await as("viewer"), input, commit: false, clock }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const owner = await plan(input, true);
    expect(await refusal(plan({ ...input, date: "2026-12-19" }, false, "bookkeeper"))).toEqual({
      code: "forbidden",
      message: "This replaces a committed decision; only someone who may commit can change it.",
      fields: undefined,
    });
    expect(await decisionOf(owner.decisionId)).toMatchObject({ status: "committed" });
    // When the owner lets bookkeepers commit, they may.
    await h.db.update(businesses).set({ allowBookkeeperCommit: true }).where(eq(businesses.id, f.biz));
    try {
      const bk = await plan({ ...input, date: "2026-12-19" }, true, "bookkeeper");
      expect(await decisionOf(bk.decisionId)).toMatchObject({
        status: "committed",
        committedBy: f.bookkeeper,
      });
    } finally {
      await h.db.update(businesses).set({ allowBookkeeperCommit: false }).where(eq(businesses.id, f.biz));
    }
  });

  it("withdrawing: a plan by whoever may plan, a commitment only by whoever may commit; a resolved one no longer changes", async () => {
    const input = { kind: "schedule" as const, targetId: bills.withdraw!, date: "2026-12-16" };
    const p = await plan(input, false, "bookkeeper");
    expect(
      await withdrawDecision({ db: h.db, ctx: await as("bookkeeper"), decisionId: p.decisionId, clock }),
    ).toEqual({ message: "Decision withdrawn." });
    const gone = await decisionOf(p.decisionId);
    expect(gone).toMatchObject({ status: "superseded", resolvedAt: new Date(NOW) });
    expect(gone.detail).toMatchObject({
      withdrawnBy: f.bookkeeper,
      label: expect.stringContaining("pay bill"),
    });
    expect(await audits("decision.withdrawn")).toContainEqual({
      actor: f.bookkeeper,
      decisionId: p.decisionId,
      label: gone.detail.label,
    });
    expect(
      await refusal(withdrawDecision({ db: h.db, ctx: await as("owner"), decisionId: p.decisionId, clock })),
    ).toEqual({
      code: "conflict",
      message: "This decision is superseded; it can no longer change.",
      fields: undefined,
    });
    const c = await plan(input, true);
    expect(
      await refusal(
        withdrawDecision({ db: h.db, ctx: await as("bookkeeper"), decisionId: c.decisionId, clock }),
      ),
    ).toMatchObject({ code: "forbidden" });
    const before = await getRunway({ db: h.db, ctx: await as("owner") });
    expect(before.outflows.find((x) => x.ref?.id === bills.withdraw)?.date).toBe("2026-12-16");
    await withdrawDecision({ db: h.db, ctx: await as("owner"), decisionId: c.decisionId, clock });
    const after = await getRunway({ db: h.db, ctx: await as("owner") });
    expect(after.outflows.find((x) => x.ref?.id === bills.withdraw)?.date).toBe("2026-12-12");
    for (const id of ["not-a-uuid", crypto.randomUUID()])
      expect(
        await refusal(withdrawDecision({ db: h.db, ctx: await as("owner"), decisionId: id, clock })),
      ).toEqual({
        code: "not_found",
        message: "Decision not found",
        fields: undefined,
      });
  });

  it("the console lists bills by expected date (larger first on a day), overdue invoices most overdue first (larger first), and bank and card accounts", async () => {
    const c = await getConsole({ db: h.db, ctx: await as("owner"), clock });
    const runway = await getRunway({ db: h.db, ctx: await as("owner") });
    const mine = c.bills.filter((b) => Object.values(bills).includes(b.id));
    const a = mine.find((b) => b.id === bills.sameDayA)!;
    const b = mine.find((x) => x.id === bills.sameDayB)!;
    expect(mine.indexOf(b)).toBe(mine.indexOf(a) - 1);
    for (let i = 1; i < c.bills.length; i++) {
      const [x, y] = [c.bills[i - 1]!, c.bills[i]!];
      expect(
        x.expectedDate < y.expectedDate ||
          (x.expectedDate === y.expectedDate && x.amountCents >= y.amountCents),
      ).toBe(true);
    }
    expect(a).toMatchObject({
      docNumber: null,
      vendorName: f.vendorName,
      amountCents: 100_000,
      document: null,
      dueDate: "2026-12-20",
      txnDate: "2026-11-20",
      expectedDate: runway.outflows.find((x) => x.ref?.id === bills.sameDayA)!.date,
      decision: null,
    });
    const pattern = runway.vendorPatterns.find((v) => v.vendorId === f.vendorId);
    expect(a.pattern).toEqual(
      pattern ? { medianDaysLate: pattern.medianDaysLate, sample: pattern.sample } : null,
    );

    const inv = c.invoices.filter((i) => Object.values(invoices).includes(i.id)).map((i) => i.id);
    // Not yet due and not at risk: not listed. The rest most overdue first, the larger first on a tie.
    expect(inv).not.toContain(invoices.notDue);
    expect(inv.indexOf(invoices.lateLarge!)).toBe(inv.indexOf(invoices.lateSmall!) - 1);
    expect(inv.indexOf(invoices.lessLate!)).toBeGreaterThan(inv.indexOf(invoices.lateSmall!));
    const late = c.invoices.find((i) => i.id === invoices.lateLarge)!;
    expect(late).toMatchObject({
      docNumber: "R-lateLarge",
      txnDate: "2026-09-15",
      customerName: f.customerName,
      amountCents: 90_000,
      document: null,
      dueDate: "2026-10-01",
      daysOverdue: 56,
      expectedDate: runway.inflows.find((x) => x.ref?.id === invoices.lateLarge)!.date,
    });
    expect(c.invoices.find((i) => i.id === invoices.lessLate)!.daysOverdue).toBe(10);
    for (let i = 1; i < c.invoices.length; i++)
      expect(c.invoices[i - 1]!.daysOverdue).toBeGreaterThanOrEqual(c.invoices[i]!.daysOverdue);
    expect(c.accounts.length).toBeGreaterThan(1);
    expect(c.accounts.every((x) => x.type === "Bank" || x.type === "Credit Card")).toBe(true);
    const sorted = [...c.accounts].sort(
      (x, y) => x.type.localeCompare(y.type) || x.name.localeCompare(y.name),
    );
    expect(c.accounts).toEqual(sorted);
    expect(c.accounts.map((x) => x.type)).toContain("Credit Card");
    // A promise on an invoice not yet due lists it (to be withdrawn from here).
    clock.at = NOW + 1_000; // the latest change, listed first among the recent ones
    const p = await plan({ kind: "promise", targetId: invoices.notDue!, date: "2027-01-05" }).finally(() => {
      clock.at = NOW;
    });
    const c2 = await getConsole({ db: h.db, ctx: await as("owner"), clock });
    expect(c2.invoices.find((i) => i.id === invoices.notDue)).toMatchObject({
      daysOverdue: 0,
      decision: { id: p.decisionId, kind: "promise", status: "planned", date: "2027-01-05" },
    });
    expect(c2.recent[0]).toMatchObject({ id: p.decisionId });
    expect(c2.recent.length).toBeLessThanOrEqual(30);
  });

  it("a commitment, its replacement and its withdrawal mark the advisor's row stale and queue its refresh; a plan does not", async () => {
    await refreshPortfolioSnapshot({ db: h.db, businessId: f.biz, clock });
    const seq = async () =>
      (
        await h.db
          .select({ s: portfolioSnapshots.changedSeq })
          .from(portfolioSnapshots)
          .where(eq(portfolioSnapshots.businessId, f.biz))
      )[0]!.s;
    const queued = async () =>
      (
        await h.db
          .select({ id: outboxEvents.id })
          .from(outboxEvents)
          .where(
            and(eq(outboxEvents.businessId, f.biz), eq(outboxEvents.name, "portfolio/refresh.requested")),
          )
      ).length;
    await h.db.delete(outboxEvents).where(eq(outboxEvents.businessId, f.biz));
    const input = { kind: "schedule" as const, targetId: bills.stale!, date: "2026-12-22" };
    const start = await seq();
    const p = await plan(input);
    expect([await seq(), await queued()]).toEqual([start, 0]);
    await withdrawDecision({ db: h.db, ctx: await as("owner"), decisionId: p.decisionId, clock });
    expect([await seq(), await queued()]).toEqual([start, 0]);
    const c = await plan(input, true);
    expect([await seq(), await queued()]).toEqual([start + 1, 1]);
    // Replacing the commitment with a plan changes what was committed.
    clock.at = NOW + 10_000; // another refresh bucket
    const replaced = await plan({ ...input, date: "2026-12-23" }).finally(() => {
      clock.at = NOW;
    });
    expect(await seq()).toBe(start + 2);
    expect(await decisionOf(c.decisionId)).toMatchObject({ status: "superseded" });
    await withdrawDecision({ db: h.db, ctx: await as("owner"), decisionId: replaced.decisionId, clock });
    expect(await seq()).toBe(start + 2);
    const again = await plan(input, true);
    clock.at = NOW + 20_000;
    await withdrawDecision({ db: h.db, ctx: await as("owner"), decisionId: again.decisionId, clock }).finally(
      () => {
        clock.at = NOW;
      },
    );
    expect([await seq(), await queued()]).toEqual([start + 4, 3]);
  });

  it("each console line carries what the page shows: the party's email, QuickBooks' email status, habit, basis and credit", async () => {
    const owner = await as("owner");
    const c = await getConsole({ db: h.db, ctx: owner, clock });
    const runway = await getRunway({ db: h.db, ctx: owner });
    const [customer] = await h.db
      .select()
      .from(qboParties)
      .where(
        and(
          eq(qboParties.businessId, f.biz),
          eq(qboParties.kind, "customer"),
          eq(qboParties.qboId, f.customerId),
        ),
      );
    const inv = c.invoices.find((i) => i.id === invoices.lateSmall)!;
    const [mirror] = await h.db
      .select({ emailStatus: qboTransactions.emailStatus })
      .from(qboTransactions)
      .where(
        and(
          eq(qboTransactions.businessId, f.biz),
          eq(qboTransactions.type, "Invoice"),
          eq(qboTransactions.qboId, invoices.lateSmall!),
        ),
      );
    const habit = runway.habits.find((x) => x.customerId === f.customerId);
    expect(inv).toMatchObject({
      customerEmail: customer!.email,
      emailStatus: mirror!.emailStatus,
      habit: habit ? { medianDaysLate: habit.medianDaysLate, sample: habit.sample } : null,
      atRisk: runway.atRiskAr.find((a) => a.invoiceId === invoices.lateSmall)?.why ?? null,
      amountCents: 70_000,
    });
    expect(inv.customerEmail).toBeTruthy();
    for (const b of c.bills) {
      const flow = runway.outflows.find((o) => o.kind === "bill" && o.ref?.id === b.id)!;
      expect([b.basis, b.creditAppliedCents, b.amountCents]).toEqual([
        flow.basis,
        flow.creditAppliedCents ?? null,
        flow.amountCents,
      ]);
    }
    expect(c).toMatchObject({ asOf: TODAY, currency: "USD", runway: runway.runway, lowest: runway.lowest });
  });

  describe("after a sync, decisions meet what QuickBooks says", () => {
    const resolve = (asOf: string, syncStartedAt = new Date(NOW + 60_000)) =>
      resolveDecisions({ db: h.db, businessId: f.biz, asOf, now: new Date(NOW + 120_000), syncStartedAt });

    it("a plan whose document was paid or deleted is superseded, saying which; one whose date passed expires; today's does not", async () => {
      const paid = await plan({ kind: "schedule", targetId: bills.paid!, date: "2026-12-20" }, true);
      const deleted = await plan({ kind: "schedule", targetId: bills.deleted!, date: "2026-12-20" });
      const expire = await plan({ kind: "schedule", targetId: bills.expire!, date: "2026-11-27" });
      const today = await plan({ kind: "schedule", targetId: bills.sameDayA!, date: "2026-11-28" });
      const promise = await plan({ kind: "promise", targetId: invoices.lessLate!, date: "2026-11-27" });
      const promisePaid = await plan({
        kind: "promise",
        targetId: invoices.promisePaid!,
        date: "2026-12-02",
      });
      await mutate({ op: "createBillPayment", billId: bills.paid });
      await mutate({ op: "deleteBill", id: bills.deleted });
      await mutate({ op: "createPayment", invoiceId: invoices.promisePaid, amountCents: 61_000 });
      await sync(); // resolves as of today: nothing has expired yet
      expect((await decisionOf(expire.decisionId)).status).toBe("planned");
      expect(await decisionOf(paid.decisionId)).toMatchObject({
        status: "superseded",
        detail: expect.objectContaining({ resolution: "Bill paid in QuickBooks" }),
      });
      expect((await decisionOf(deleted.decisionId)).detail).toMatchObject({
        resolution: "Bill deleted in QuickBooks",
      });
      expect((await decisionOf(promisePaid.decisionId)).detail).toMatchObject({ resolution: "Invoice paid" });
      // Two days on: the Nov 27 plan and promise have expired, the Nov 28 one is today's.
      expect(await resolve("2026-11-28")).toEqual({ superseded: 0, expired: 2, drift: 0 });
      expect(await decisionOf(expire.decisionId)).toMatchObject({
        status: "expired",
        resolvedAt: new Date(NOW + 120_000),
        detail: expect.objectContaining({ resolution: "The planned date passed" }),
      });
      expect((await decisionOf(promise.decisionId)).detail).toMatchObject({
        resolution: "The promised date passed unpaid",
      });
      expect((await decisionOf(today.decisionId)).status).toBe("planned");
      expect(await resolve("2026-11-28")).toEqual({ superseded: 0, expired: 0, drift: 0 });
      // A document the mirror does not hold at all (gone before this business first synced it).
      const ghosts = await h.db
        .insert(decisions)
        .values(
          (["Bill", "Invoice"] as const).map((targetType) => ({
            businessId: f.biz,
            kind: targetType === "Bill" ? ("schedule" as const) : ("promise" as const),
            targetType,
            targetId: "99999999",
            status: "planned" as const,
            date: "2026-12-20",
            createdBy: f.owner,
            detail: { label: "ghost" },
          })),
        )
        .returning();
      expect(await resolve("2026-11-28")).toEqual({ superseded: 2, expired: 0, drift: 0 });
      expect((await decisionOf(ghosts[0]!.id)).detail).toEqual({
        label: "ghost",
        resolution: "Bill deleted in QuickBooks",
      });
      expect((await decisionOf(ghosts[1]!.id)).detail).toEqual({
        label: "ghost",
        resolution: "Invoice deleted in QuickBooks",
      });
    });

    it("an executed payment deleted or changed in QuickBooks is drift, saying how; it clears when the record is back as written", async () => {
      const bp = await mutate<{ Id: string }>({
        op: "createBillPayment",
        billId: bills.sameDayB,
        amountCents: 12_345,
      });
      await sync();
      const [d] = await h.db
        .insert(decisions)
        .values({
          businessId: f.biz,
          kind: "recordPayment",
          targetType: "Bill",
          targetId: bills.sameDayB!,
          status: "executed",
          amountCents: 12_345,
          qboTxnId: bp.Id,
          requestId: crypto.randomUUID(),
          executedAt: new Date(NOW - 60_000),
          createdBy: f.owner,
          detail: { label: "record payment" },
        })
        .returning();
      expect(await resolve(TODAY)).toEqual({ superseded: 0, expired: 0, drift: 0 });
      // Not judged by a sync that started before the write.
      await h.db.update(decisions).set({ amountCents: 99 }).where(eq(decisions.id, d!.id));
      expect(await resolve(TODAY, new Date(NOW - 120_000))).toMatchObject({ drift: 0 });
      expect((await decisionOf(d!.id)).driftAt).toBeNull();
      expect(await resolve(TODAY)).toMatchObject({ drift: 1 });
      expect(await decisionOf(d!.id)).toMatchObject({
        driftAt: new Date(NOW + 120_000),
        detail: {
          label: "record payment",
          drift: "The payment recorded from Oodaloo was changed in QuickBooks (now 123.45)",
        },
      });
      // Still drifting: counted, not re-stamped.
      expect(await resolve(TODAY)).toMatchObject({ drift: 1 });
      // As written again: cleared.
      await h.db.update(decisions).set({ amountCents: 12_345 }).where(eq(decisions.id, d!.id));
      expect(await resolve(TODAY)).toMatchObject({ drift: 0 });
      expect(await decisionOf(d!.id)).toMatchObject({ driftAt: null, detail: { label: "record payment" } });
      await mutate({ op: "deleteBillPayment", id: bp.Id });
      await sync();
      expect(await decisionOf(d!.id)).toMatchObject({
        detail: {
          label: "record payment",
          drift: "The payment recorded from Oodaloo was deleted in QuickBooks",
        },
      });
      expect((await decisionOf(d!.id)).driftAt).not.toBeNull();
    });
  });

  describe("more rules, after the sync above", () => {
    it("a document no longer open is refused by name; a try and a decide see the plan already committed and the date asked", async () => {
      const owner = await as("owner");
      const tryIt = (input: TDecisionInput) => tryDecision({ db: h.db, ctx: owner, input, clock });
      expect(await refusal(tryIt({ kind: "schedule", targetId: bills.paid!, date: "2026-12-20" }))).toEqual({
        code: "conflict",
        message: "This bill is no longer open in QuickBooks (paid or deleted since). Refresh the list.",
        fields: undefined,
      });
      expect(
        await refusal(tryIt({ kind: "promise", targetId: invoices.promisePaid!, date: "2026-12-20" })),
      ).toEqual({
        code: "conflict",
        message: "This invoice is no longer open in QuickBooks (paid or deleted since). Refresh the list.",
        fields: undefined,
      });
      // With a commitment on one bill, a try and a commit on another give the same impact.
      await plan({ kind: "schedule", targetId: bills.orphan!, date: "2027-01-10" }, true);
      const input = { kind: "schedule" as const, targetId: bills.second!, date: "2027-01-12" };
      const t = await tryIt(input);
      expect(t.pathChanged).toBe(true);
      expect(t.onDate?.date).toBe("2027-01-12");
      const c = await plan(input, true);
      expect(c.impact.after).toEqual(t.after);
      expect(c.impact.path).toEqual(t.path);
      expect(c.impact.onDate).toEqual(t.onDate);
      expect(
        (await audits("decision.committed")).map((a) => (a as { decisionId?: string }).decisionId),
      ).toContain(c.decisionId);
    });

    it("an invoice due today is not overdue; it is listed only when at risk", async () => {
      const owner = await as("owner");
      const c = await getConsole({ db: h.db, ctx: owner, clock });
      const runway = await getRunway({ db: h.db, ctx: owner });
      const listed = c.invoices.find((i) => i.id === invoices.dueToday);
      const atRisk = runway.atRiskAr.some((a) => a.invoiceId === invoices.dueToday);
      expect(Boolean(listed)).toBe(atRisk);
      if (listed) expect(listed.daysOverdue).toBe(0);
    });

    it("a document whose party the mirror does not know is worded with 'a vendor' or 'a customer'", async () => {
      const set = async (type: "Bill" | "Invoice", id: string, col: "vendorId" | "customerId") => {
        await h.db
          .update(qboTransactions)
          .set({ [col]: "99999999" })
          .where(
            and(
              eq(qboTransactions.businessId, f.biz),
              eq(qboTransactions.type, type),
              eq(qboTransactions.qboId, id),
            ),
          );
      };
      await set("Bill", bills.drift2!, "vendorId");
      await set("Invoice", invoices.orphanInv!, "customerId");
      forgetLedger(f.biz);
      const b = await plan({ kind: "schedule", targetId: bills.drift2!, date: "2027-01-14" });
      expect(b.message).toBe("Saved as a plan: pay bill of Nov 20, 2026 (a vendor) on 2027-01-14.");
      const i = await plan({ kind: "promise", targetId: invoices.orphanInv!, date: "2027-01-15" });
      expect(i.message).toBe("Saved as a plan: a customer promised invoice R-orphanInv for 2027-01-15.");
    });

    it("drift is stamped when first seen and again only when what is wrong changes", async () => {
      const bp = await mutate<{ Id: string }>({
        op: "createBillPayment",
        billId: bills.second,
        amountCents: 5_000,
      });
      await sync();
      const [d] = await h.db
        .insert(decisions)
        .values({
          businessId: f.biz,
          kind: "recordPayment",
          targetType: "Bill",
          targetId: bills.second!,
          status: "executed",
          amountCents: 4_000,
          qboTxnId: bp.Id,
          requestId: crypto.randomUUID(),
          executedAt: new Date(NOW - 60_000),
          createdBy: f.owner,
          detail: { label: "record payment" },
        })
        .returning();
      const at = (ms: number) =>
        resolveDecisions({
          db: h.db,
          businessId: f.biz,
          asOf: TODAY,
          now: new Date(ms),
          syncStartedAt: new Date(NOW),
        });
      await at(NOW + 1_000);
      expect((await decisionOf(d!.id)).driftAt).toEqual(new Date(NOW + 1_000));
      await at(NOW + 2_000);
      expect((await decisionOf(d!.id)).driftAt).toEqual(new Date(NOW + 1_000));
      // QuickBooks' payment now reads $30.00 (the mirror as a sync would leave it): a new problem, stamped anew.
      await h.db
        .update(qboTransactions)
        .set({ amountCents: 3_000 })
        .where(
          and(
            eq(qboTransactions.businessId, f.biz),
            eq(qboTransactions.type, "BillPayment"),
            eq(qboTransactions.qboId, bp.Id),
          ),
        );
      await at(NOW + 3_000);
      expect(await decisionOf(d!.id)).toMatchObject({
        driftAt: new Date(NOW + 3_000),
        detail: { drift: "The payment recorded from Oodaloo was changed in QuickBooks (now 30.00)" },
      });
    });
  });
});
