import { and, eq, gt, inArray, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideAction } from "@/app/actions/decisions";
import { getBusinessContext } from "@/server/access/business-context";
import { setSessionUserForTests } from "@/server/auth/session";
import { type Clock, setClockForProcess } from "@/server/clock";
import { auditLog, businesses, decisions, qboTransactions } from "@/server/db/schema";
import {
  commitPlanned,
  decide,
  getConsole,
  tryDecision,
  withdrawDecision,
} from "@/server/decisions/decisions";
import { writeClient } from "@/server/decisions/qbo-client";
import { recordBillPayment, sendInvoiceReminder } from "@/server/decisions/write-back";
import { getLiveDigest } from "@/server/digest/get-live-digest";
import { resetEnvForTests } from "@/server/env";
import { runSyncForBusiness } from "@/server/jobs/run-sync";
import { createReserve, releaseReserve } from "@/server/reserve/reserves";
import { addDays } from "@/server/runway/dates";
import { computeRunway } from "@/server/runway/engine";
import { getRunway } from "@/server/runway/get-runway";
import { loadLedger } from "@/server/runway/load-ledger";
import { getTray } from "@/server/tray/get-tray";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { addMember, makeBusiness, makeUser } from "../support/factories";
import { connectToEmulator, testKey } from "../support/qbo";
import { refusal } from "../support/refusal";
import type { TExport } from "../support/runway-oracle";

/*
 * The decision console, reserves and write-back on a real database and the QBO emulator. The
 * expected runway figures come from the engine run directly on the mirror (the unit tests pin
 * the engine itself to hand computations); what is under test here is that decisions and
 * reserves reach every projection, and that writes happen exactly once.
 */
const NOW = Date.parse("2026-11-26T15:00:00Z");

describe(`decisions, reserves and write-back (${testBackend})`, () => {
  let h: TestDatabase;
  let qbo: Awaited<ReturnType<typeof connectToEmulator>>;
  const f = {} as { owner: string; bookkeeper: string; viewer: string; biz: string };
  const saved = { ...process.env };
  const clock: Clock & { at: number } = { at: NOW, now: () => new Date(clock.at) };
  const ctxOf = (userId: string) => getBusinessContext({ db: h.db, userId, businessId: f.biz });
  const sync = async () => {
    const r = await runSyncForBusiness({ db: h.db, businessId: f.biz, trigger: "manual" });
    expect(r.status).toBe("succeeded");
  };
  const mutate = (body: Record<string, unknown>) => qbo.admin(`companies/${qbo.realmId}/mutations`, body);
  const exp = async () => (await qbo.admin(`companies/${qbo.realmId}/export`)) as unknown as TExport;

  beforeAll(async () => {
    h = await useTestDatabase();
    f.owner = (await makeUser(h.db)).id;
    f.bookkeeper = (await makeUser(h.db)).id;
    f.viewer = (await makeUser(h.db)).id;
    f.biz = await makeBusiness(h.db, f.owner, {
      name: "Northwind Creative",
      timezone: "America/Los_Angeles",
    });
    await addMember(h.db, f.biz, f.bookkeeper, "bookkeeper");
    await addMember(h.db, f.biz, f.viewer, "viewer");
    qbo = await connectToEmulator(h.db, f.biz, { seed: 7, today: "2026-11-26", startMs: NOW });
    Object.assign(process.env, {
      QBO_BASE_URL: qbo.base,
      TOKEN_ENCRYPTION_KEY: testKey,
      QBO_THROTTLE_WAIT_MS: "20",
    });
    resetEnvForTests();
    setClockForProcess(clock);
    await sync();
  }, 120_000);
  afterAll(async () => {
    process.env = saved;
    resetEnvForTests();
    setClockForProcess(undefined);
    await qbo?.emu.stop();
    await h?.close();
  });

  /** The engine on the mirror, with only the given changes (no plan): the reference figures. */
  const engine = async (changes: Parameters<typeof computeRunway>[1]["changes"] = []) =>
    computeRunway(
      await loadLedger({ db: h.db, businessId: f.biz, homeCurrency: "USD", asOf: "2026-11-26" }),
      {
        asOf: "2026-11-26",
        changes,
      },
    );

  it("a try answers the engine's what-if; committing moves the projection and the digest by exactly that", async () => {
    const owner = await ctxOf(f.owner);
    const c = await getConsole({ db: h.db, ctx: owner, clock });
    // The bill expected soonest after today that is worth moving: delay it two weeks.
    const bill = c.bills.find((b) => b.expectedDate > "2026-11-26" && b.amountCents > 100_000)!;
    expect(bill).toBeDefined();
    const date = addDays(bill.expectedDate, 14);
    const tried = await tryDecision({
      db: h.db,
      ctx: owner,
      input: { kind: "schedule", targetId: bill.id, date },
      clock,
    });
    const base = await engine();
    const moved = await engine([{ kind: "payBill", billId: bill.id, date }]);
    expect(tried.before).toEqual(base.runway);
    expect(tried.after).toEqual(moved.runway);
    expect(tried.lowestAfter).toEqual(moved.lowest);
    expect(tried.lowestDeltaCents).toBe(moved.lowest.spendableCents - base.lowest.spendableCents);

    await decide({
      db: h.db,
      ctx: owner,
      input: { kind: "schedule", targetId: bill.id, date },
      commit: true,
      clock,
    });
    expect((await getRunway({ db: h.db, ctx: owner })).runway).toEqual(moved.runway);
    const digest = await getLiveDigest({ db: h.db, ctx: owner, asOf: "2026-11-26" });
    expect(digest.runway).toEqual(moved.runway);
    expect(digest.lowest).toEqual(moved.lowest);
    // Audited with who, what and runway before/after.
    const [audit] = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.businessId, f.biz), eq(auditLog.action, "decision.committed")));
    expect(audit).toMatchObject({ actorUserId: f.owner });
    expect(audit!.detail).toMatchObject({ runwayBefore: base.runway, runwayAfter: moved.runway, date });
  });

  it("issue 16: each bill shows how the business pays its vendor, as the QuickBooks export says", async () => {
    const c = await getConsole({ db: h.db, ctx: await ctxOf(f.owner), clock });
    const e = await exp();
    // From the export alone: each paid bill's due date and its latest linked BillPayment.
    const ref = (x: unknown) => (x as { value?: string } | undefined)?.value ?? null;
    const paidOn = new Map<string, string>();
    for (const p of e.entities.BillPayment ?? [])
      for (const l of p.Line ?? [])
        for (const t of l.LinkedTxn ?? [])
          if (t.TxnType === "Bill" && (paidOn.get(t.TxnId) ?? "") < p.TxnDate) paidOn.set(t.TxnId, p.TxnDate);
    const byVendor = new Map<string, { paid: string; late: number; id: number }[]>();
    for (const b of e.entities.Bill ?? []) {
      if (b.Balance !== 0 || !paidOn.has(b.Id) || !b.DueDate) continue;
      const v = ref(b.VendorRef)!;
      const late = Math.round((Date.parse(paidOn.get(b.Id)!) - Date.parse(b.DueDate)) / 86_400_000);
      byVendor.set(v, [...(byVendor.get(v) ?? []), { paid: paidOn.get(b.Id)!, late, id: Number(b.Id) }]);
    }
    const withPattern = c.bills.filter((b) => b.pattern);
    expect(withPattern.length).toBeGreaterThan(0);
    for (const b of c.bills) {
      const vendor = (e.entities.Bill ?? []).find((x) => x.Id === b.id);
      const list = byVendor.get(ref(vendor?.VendorRef) ?? "");
      if (!list) {
        expect(b.pattern, `bill ${b.id}`).toBeNull();
        continue;
      }
      const six = list
        .sort((x, y) => (x.paid === y.paid ? y.id - x.id : x.paid < y.paid ? 1 : -1))
        .slice(0, 6)
        .map((x) => x.late)
        .sort((x, y) => x - y);
      const m = six.length >> 1;
      const median = six.length % 2 ? six[m]! : Math.floor((six[m - 1]! + six[m]!) / 2);
      expect(b.pattern, `bill ${b.id}`).toEqual({ medianDaysLate: median, sample: six.length });
    }
  });

  it("roles: viewers cannot try; bookkeepers plan, and commit only when the owner allows", async () => {
    const c = await getConsole({ db: h.db, ctx: await ctxOf(f.owner), clock });
    const bill = c.bills.find((b) => !b.decision)!;
    const input = { kind: "schedule" as const, targetId: bill.id, date: addDays(bill.expectedDate, 7) };
    expect(await refusal(tryDecision({ db: h.db, ctx: await ctxOf(f.viewer), input, clock }))).toMatchObject({
      code: "forbidden",
    });
    const bk = await ctxOf(f.bookkeeper);
    expect(await refusal(decide({ db: h.db, ctx: bk, input, commit: true, clock }))).toMatchObject({
      code: "forbidden",
    });
    const plan = await decide({ db: h.db, ctx: bk, input, commit: false, clock });
    expect(plan.status).toBe("planned");
    // A plan does not move the projection; committing it does.
    const before = await getRunway({ db: h.db, ctx: bk });
    expect(
      await refusal(commitPlanned({ db: h.db, ctx: bk, decisionId: plan.decisionId, clock })),
    ).toMatchObject({
      code: "forbidden",
    });
    await h.db.update(businesses).set({ allowBookkeeperCommit: true }).where(eq(businesses.id, f.biz));
    await commitPlanned({ db: h.db, ctx: await ctxOf(f.bookkeeper), decisionId: plan.decisionId, clock });
    const after = await getRunway({ db: h.db, ctx: bk });
    const expected = await engine(
      (
        await h.db
          .select()
          .from(decisions)
          .where(and(eq(decisions.businessId, f.biz), eq(decisions.status, "committed")))
      ).map((d) => ({ kind: "payBill" as const, billId: d.targetId, date: d.date! })),
    );
    expect(after.runway).toEqual(expected.runway);
    expect(after.lowest).toEqual(expected.lowest);
    expect(before.lowest).not.toEqual(undefined);
    await h.db.update(businesses).set({ allowBookkeeperCommit: false }).where(eq(businesses.id, f.biz));
  });

  it("the decide form: commit='false' (or absent) saves a plan, 'on' commits — a bookkeeper's 'false' is not a commit", async () => {
    const c = await getConsole({ db: h.db, ctx: await ctxOf(f.owner), clock });
    // The last two undecided bills: the tests below take the first ones.
    const [bill, other] = c.bills.filter((b) => !b.decision).slice(-2);
    const form = (b: typeof bill) => ({
      businessId: f.biz,
      kind: "schedule",
      targetId: b!.id,
      date: addDays(b!.expectedDate, 5),
    });
    setSessionUserForTests(f.bookkeeper);
    try {
      const asFalse = await decideAction({ ...form(bill), commit: "false" });
      expect(asFalse).toMatchObject({ ok: true, data: { status: "planned" } });
      expect(await decideAction({ ...form(other) })).toMatchObject({ ok: true, data: { status: "planned" } });
      // "on" asks to commit, which this bookkeeper may not.
      expect(await decideAction({ ...form(other), commit: "on" })).toMatchObject({
        ok: false,
        code: "forbidden",
      });
      expect(await decideAction({ ...form(other), commit: "sure" })).toMatchObject({
        ok: false,
        code: "invalid_input",
        fieldErrors: { commit: ["Tick or untick this box"] },
      });
    } finally {
      setSessionUserForTests(undefined);
    }
    const mine = await h.db
      .select()
      .from(decisions)
      .where(and(eq(decisions.businessId, f.biz), eq(decisions.createdBy, f.bookkeeper)));
    expect(
      mine
        .filter((d) => d.targetId === bill!.id || d.targetId === other!.id)
        .map((d) => d.status)
        .sort(),
    ).toEqual(["planned", "planned"]);
  });

  it("bad input gets a clear message and writes nothing", async () => {
    const owner = await ctxOf(f.owner);
    const c = await getConsole({ db: h.db, ctx: owner, clock });
    const bill = c.bills[0]!;
    const count = async () =>
      (await h.db.select().from(decisions).where(eq(decisions.businessId, f.biz))).length;
    const n = await count();
    for (const date of ["2026-11-25", addDays(c.horizonEnd, 1)])
      expect(
        await refusal(
          decide({
            db: h.db,
            ctx: owner,
            input: { kind: "schedule", targetId: bill.id, date },
            commit: true,
            clock,
          }),
        ),
      ).toMatchObject({
        code: "invalid_input",
        fields: { date: [expect.stringContaining("Pick a date from today")] },
      });
    expect(
      await refusal(
        tryDecision({
          db: h.db,
          ctx: owner,
          input: { kind: "schedule", targetId: "999999", date: "2026-12-01" },
          clock,
        }),
      ),
    ).toMatchObject({ code: "not_found" });
    const client = () => writeClient({ db: h.db, ctx: owner, clock });
    const bank = c.accounts.find((a) => a.type === "Bank")!;
    const pay = (over: Record<string, unknown>) =>
      refusal(
        recordBillPayment({
          db: h.db,
          ctx: owner,
          input: {
            billId: bill.id,
            accountId: bank.id,
            date: "2026-11-26",
            amount: bill.amountCents,
            ...over,
          } as never,
          clock,
          client,
        }),
      );
    expect(await pay({ amount: bill.amountCents + 1 })).toMatchObject({
      code: "invalid_input",
      fields: { amount: expect.any(Array) },
    });
    expect(await pay({ date: "2026-11-27" })).toMatchObject({
      code: "invalid_input",
      fields: { date: expect.any(Array) },
    });
    expect(await pay({ date: "2020-01-01" })).toMatchObject({
      code: "invalid_input",
      fields: { date: expect.any(Array) },
    });
    expect(await pay({ accountId: "999999" })).toMatchObject({
      code: "invalid_input",
      fields: { accountId: expect.any(Array) },
    });
    expect(await count()).toBe(n);
  });

  it("a bill paid in QuickBooks meanwhile: the write is refused, and the sync supersedes its plan", async () => {
    const owner = await ctxOf(f.owner);
    const c = await getConsole({ db: h.db, ctx: owner, clock });
    const bill = c.bills.find((b) => b.decision?.status === "committed")!;
    const bank = c.accounts.find((a) => a.type === "Bank")!;
    await mutate({ op: "createBillPayment", billId: bill.id }); // paid in QuickBooks, not synced yet
    const before = (await exp()).entities.BillPayment!.length;
    expect(
      await refusal(
        recordBillPayment({
          db: h.db,
          ctx: owner,
          input: { billId: bill.id, accountId: bank.id, date: "2026-11-26", amount: bill.amountCents },
          clock,
          client: () => writeClient({ db: h.db, ctx: owner, clock }),
        }),
      ),
    ).toMatchObject({ code: "conflict", message: expect.stringContaining("paid or changed in QuickBooks") });
    expect((await exp()).entities.BillPayment!.length).toBe(before); // nothing written
    await sync();
    const [d] = await h.db
      .select()
      .from(decisions)
      .where(
        and(
          eq(decisions.businessId, f.biz),
          eq(decisions.targetId, bill.id),
          eq(decisions.kind, "schedule"),
          isNotNull(decisions.committedAt),
        ),
      );
    expect(d).toMatchObject({ status: "superseded" });
    expect(d!.detail).toMatchObject({ resolution: "Bill paid in QuickBooks" });
  });

  it("exactly once: QuickBooks commits then drops the connection, and the record action is fired twice at once", async () => {
    const owner = await ctxOf(f.owner);
    const c = await getConsole({ db: h.db, ctx: owner, clock });
    const bill = c.bills.find((b) => !b.decision)!;
    const bank = c.accounts.find((a) => a.type === "Bank")!;
    await qbo.admin("faults", {
      rules: [
        {
          id: "drop-bp",
          method: "POST",
          pathIncludes: "/billpayment",
          action: { kind: "dropAfterCommit" },
          count: 1,
        },
      ],
    });
    const input = { billId: bill.id, accountId: bank.id, date: "2026-11-26", amount: bill.amountCents };
    const client = () => writeClient({ db: h.db, ctx: owner, clock });
    const [a, b] = await Promise.all([
      recordBillPayment({ db: h.db, ctx: owner, input, clock, client }),
      recordBillPayment({ db: h.db, ctx: owner, input, clock, client }),
    ]);
    const faults = (await qbo.admin("faults")) as { rules: Record<string, { injected: number }> };
    expect(faults.rules["drop-bp"]!.injected).toBe(1); // the drop really happened
    await qbo.admin("faults", { rules: [] });
    expect(a.decisionId).toBe(b.decisionId);
    expect(a.requestId).toBe(b.requestId);
    const payments = (await exp()).entities.BillPayment!.filter((p) =>
      (p.Line as { LinkedTxn: { TxnId: string }[] }[]).some((l) =>
        l.LinkedTxn.some((x) => x.TxnId === bill.id),
      ),
    );
    expect(payments).toHaveLength(1);
    const rows = await h.db
      .select()
      .from(decisions)
      .where(
        and(
          eq(decisions.businessId, f.biz),
          eq(decisions.kind, "recordPayment"),
          eq(decisions.targetId, bill.id),
        ),
      );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "executed", requestId: a.requestId, qboTxnId: payments[0]!.Id });
    // A third click, after it is done, records nothing new.
    const c3 = await recordBillPayment({ db: h.db, ctx: owner, input, clock, client });
    expect(c3.decisionId).toBe(a.decisionId);
    await sync();
    const [mirrored] = await h.db
      .select()
      .from(qboTransactions)
      .where(
        and(
          eq(qboTransactions.businessId, f.biz),
          eq(qboTransactions.type, "Bill"),
          eq(qboTransactions.qboId, bill.id),
        ),
      );
    expect(mirrored!.balanceCents).toBe(0);

    // Drift: the payment is deleted in QuickBooks; the next sync flags it and the tray shows it.
    await mutate({ op: "deleteBillPayment", id: payments[0]!.Id });
    clock.at += 60_000;
    await sync();
    const [drifted] = await h.db.select().from(decisions).where(eq(decisions.id, a.decisionId));
    expect(drifted!.driftAt).not.toBeNull();
    const tray = await getTray({ db: h.db, ctx: owner, clock });
    expect(tray.items.filter((i) => i.rule === "writeDrift")).toEqual([
      expect.objectContaining({
        key: `drift:${a.decisionId}`,
        severity: "high",
        title: expect.stringContaining("deleted in QuickBooks"),
      }),
    ]);
  });

  it("a reminder is sent once through QuickBooks, and moves no cash", async () => {
    const owner = await ctxOf(f.owner);
    // An overdue invoice nobody reminded, to a paying customer with an email address: made in
    // QuickBooks (due Sep 20, before any habit could bring it past today) and synced.
    const first = await getConsole({ db: h.db, ctx: owner, clock });
    const start = await getRunway({ db: h.db, ctx: owner });
    const paying = first.invoices.find(
      (i) => i.customerEmail && start.inflows.some((x) => x.ref?.id === i.id && x.partyId),
    )!;
    const customerId = start.inflows.find((x) => x.ref?.id === paying.id)!.partyId;
    const made = (await mutate({
      op: "createInvoice",
      customerId,
      dueDate: "2026-09-20",
      txnDate: "2026-09-01",
      amountCents: 123_400,
    })) as { result: { Id: string } };
    await sync();
    const c = await getConsole({ db: h.db, ctx: owner, clock });
    const before = await getRunway({ db: h.db, ctx: owner });
    const inv = c.invoices.find((i) => i.id === made.result.Id)!;
    expect(inv.customerEmail).toBeTruthy();
    const client = () => writeClient({ db: h.db, ctx: owner, clock });
    const [x, y] = await Promise.all([
      sendInvoiceReminder({ db: h.db, ctx: owner, invoiceId: inv.id, clock, client }),
      sendInvoiceReminder({ db: h.db, ctx: owner, invoiceId: inv.id, clock, client }),
    ]);
    expect(x.requestId).toBe(y.requestId);
    const sent = (
      qbo.emu as unknown as { companies: Map<string, { sentInvoiceEmails: { invoiceId: string }[] }> }
    ).companies
      .get(qbo.realmId)!
      .sentInvoiceEmails.filter((e) => e.invoiceId === inv.id);
    expect(sent).toHaveLength(1);
    // No cash moved, but the forecast now expects the invoice after the reminder (issue 16): the
    // decision keeps the business day it went out, and the invoice's basis says so.
    const after = await getRunway({ db: h.db, ctx: owner });
    expect(after.cashOnHandCents).toBe(before.cashOnHandCents);
    const [reminder] = await h.db
      .select({ date: decisions.date, status: decisions.status })
      .from(decisions)
      .where(
        and(eq(decisions.businessId, f.biz), eq(decisions.kind, "reminder"), eq(decisions.targetId, inv.id)),
      );
    expect(reminder).toEqual({ status: "executed", date: "2026-11-26" });
    const was = before.inflows.find((x) => x.ref?.id === inv.id);
    const now = after.inflows.find((x) => x.ref?.id === inv.id);
    expect(was?.basis).toEqual({ kind: "overdueUnreminded", days: 30 });
    expect(now?.basis).toMatchObject({ kind: "reminded", on: "2026-11-26" });
    // Today + the customer's habit, kept between 5 and 30 days.
    const late = before.habits.find((x) => x.customerId === customerId)?.medianDaysLate ?? 0;
    const days = Math.min(Math.max(late, 5), 30);
    const landing = new Date(Date.parse("2026-11-26T00:00:00Z") + days * 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect([now!.date, was!.date]).toEqual([landing, "2026-12-26"]);
    const noEmail = c.invoices.find((i) => !i.customerEmail);
    if (noEmail)
      expect(
        await refusal(sendInvoiceReminder({ db: h.db, ctx: owner, invoiceId: noEmail.id, clock, client })),
      ).toMatchObject({
        code: "conflict",
        message: expect.stringContaining("no email address"),
      });
  });

  it("reserves: a hold, a set-aside and a percentage are kept out of spendable; releasing gives it back", async () => {
    const owner = await ctxOf(f.owner);
    const base = await getRunway({ db: h.db, ctx: owner });
    const hold = await createReserve({
      db: h.db,
      ctx: owner,
      input: { name: "Tax", kind: "hold", amount: "12,500.50" },
      clock,
    });
    const r1 = await getRunway({ db: h.db, ctx: owner });
    expect(r1.reservedCents).toBe(1_250_050);
    expect(r1.spendableCents).toBe(base.spendableCents - 1_250_050);
    expect(r1.cashOnHandCents).toBe(base.cashOnHandCents);
    await createReserve({
      db: h.db,
      ctx: owner,
      input: { name: "Insurance", kind: "setAside", amount: "3000", payDate: "2026-12-15" },
      clock,
    });
    const r2 = await getRunway({ db: h.db, ctx: owner });
    expect(r2.reservedCents).toBe(1_250_050 + 300_000);
    // On its date the set-aside leaves cash and the reserve together.
    const dec15 = r2.days.find((d) => d.date === "2026-12-15")!;
    const dec14 = r2.days.find((d) => d.date === "2026-12-14")!;
    expect(dec14.reservedCents - dec15.reservedCents).toBe(300_000);
    await releaseReserve({ db: h.db, ctx: owner, reserveId: hold.reserveId, clock });
    expect((await getRunway({ db: h.db, ctx: owner })).reservedCents).toBe(300_000);
    // Bad input: field errors, nothing written.
    for (const input of [
      { name: "x", kind: "percentOfInflows", percent: "0" },
      { name: "x", kind: "hold", amount: "-5" },
      { name: "x", kind: "setAside", amount: "10", payDate: "2026-11-01" },
      { name: "", kind: "hold", amount: "10" },
    ])
      expect(
        await refusal(createReserve({ db: h.db, ctx: owner, input: input as never, clock })),
      ).toMatchObject({
        code: "invalid_input",
      });
    expect(
      await refusal(
        createReserve({
          db: h.db,
          ctx: await ctxOf(f.viewer),
          input: { name: "v", kind: "hold", amount: "1" },
          clock,
        }),
      ),
    ).toMatchObject({
      code: "forbidden",
    });
  });

  it("finding 1: saving a plan over the owner's committed decision needs the right to commit, and replacing it is audited", async () => {
    const owner = await ctxOf(f.owner);
    const c = await getConsole({ db: h.db, ctx: owner, clock });
    const bill = c.bills.filter((b) => !b.decision).at(-3)!;
    const input = { kind: "schedule" as const, targetId: bill.id, date: addDays(bill.expectedDate, 3) };
    const committed = await decide({ db: h.db, ctx: owner, input, commit: true, clock });
    const bk = await ctxOf(f.bookkeeper);
    const later = { ...input, date: addDays(bill.expectedDate, 20) };
    expect(await refusal(decide({ db: h.db, ctx: bk, input: later, commit: false, clock }))).toMatchObject({
      code: "forbidden",
      message: "This replaces a committed decision; only someone who may commit can change it.",
    });
    const live = async () =>
      h.db
        .select()
        .from(decisions)
        .where(
          and(
            eq(decisions.businessId, f.biz),
            eq(decisions.targetId, bill.id),
            inArray(decisions.status, ["planned", "committed"]),
          ),
        );
    expect(await live()).toMatchObject([{ id: committed.decisionId, status: "committed" }]);
    // Allowed to commit, the bookkeeper may replace it: the replacement is audited.
    await h.db.update(businesses).set({ allowBookkeeperCommit: true }).where(eq(businesses.id, f.biz));
    try {
      const plan = await decide({
        db: h.db,
        ctx: await ctxOf(f.bookkeeper),
        input: later,
        commit: false,
        clock,
      });
      expect(await live()).toMatchObject([{ id: plan.decisionId, status: "planned" }]);
      const audit = await h.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.businessId, f.biz), eq(auditLog.action, "decision.superseded")));
      expect(audit.map((a) => a.detail)).toContainEqual(
        expect.objectContaining({ decisionId: committed.decisionId, replacedBy: plan.decisionId }),
      );
    } finally {
      await h.db.update(businesses).set({ allowBookkeeperCommit: false }).where(eq(businesses.id, f.biz));
    }
  });

  it("finding 14: a double click on Commit records the decision once; 20 at once give one live decision and no 500", async () => {
    const owner = await ctxOf(f.owner);
    const c = await getConsole({ db: h.db, ctx: owner, clock });
    const [bill, other] = c.bills.filter((b) => !b.decision).slice(-5, -3);
    const input = { kind: "schedule" as const, targetId: bill!.id, date: addDays(bill!.expectedDate, 4) };
    // Rows recorded from here on (earlier tests may have left superseded ones).
    const since = new Date(clock.at);
    clock.at += 1_000;
    const first = await decide({ db: h.db, ctx: owner, input, commit: true, clock });
    const again = await decide({ db: h.db, ctx: owner, input, commit: true, clock });
    expect(again.decisionId).toBe(first.decisionId);
    expect(again.message).toMatch(/^Already committed: /);
    const rows = async (id: string) =>
      h.db
        .select()
        .from(decisions)
        .where(
          and(eq(decisions.businessId, f.biz), eq(decisions.targetId, id), gt(decisions.createdAt, since)),
        );
    expect(await rows(bill!.id)).toHaveLength(1);

    // Twenty at once (on PostgreSQL, really at once): the same decision twenty times is one row;
    // twenty different dates leave one live decision and every other answer is a conflict.
    const same = { ...input, targetId: other!.id, date: addDays(other!.expectedDate, 2) };
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => decide({ db: h.db, ctx: owner, input: same, commit: true, clock })),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await rows(other!.id)).toHaveLength(1);
    const dates = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        decide({
          db: h.db,
          ctx: owner,
          input: { ...same, date: addDays(other!.expectedDate, 3 + i) },
          commit: true,
          clock,
        }),
      ),
    );
    for (const r of dates)
      if (r.status === "rejected") expect(r.reason).toMatchObject({ name: "AppError", code: "conflict" });
    const live = (await rows(other!.id)).filter((d) => d.status === "committed" || d.status === "planned");
    expect(live).toHaveLength(1);
  });

  it("finding 14: a committed promise on an at-risk invoice stays in the chase list and can be withdrawn", async () => {
    const owner = await ctxOf(f.owner);
    const c = await getConsole({ db: h.db, ctx: owner, clock });
    const invoice =
      c.invoices.find((i) => i.atRisk && !i.decision && i.daysOverdue === 0) ??
      c.invoices.find((i) => i.atRisk && !i.decision);
    expect(invoice, "an at-risk invoice in the test company").toBeDefined();
    const promised = await decide({
      db: h.db,
      ctx: owner,
      input: { kind: "promise", targetId: invoice!.id, date: addDays(c.asOf, 10) },
      commit: true,
      clock,
    });
    const after = await getConsole({ db: h.db, ctx: owner, clock });
    expect(after.invoices.find((i) => i.id === invoice!.id)?.decision).toMatchObject({
      id: promised.decisionId,
      status: "committed",
    });
    await withdrawDecision({ db: h.db, ctx: owner, decisionId: promised.decisionId, clock });
    const [row] = await h.db.select().from(decisions).where(eq(decisions.id, promised.decisionId));
    expect(row!.status).toBe("superseded");
  });
});
