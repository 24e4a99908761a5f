import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getBusinessContext } from "@/server/access/business-context";
import { type Clock, setClockForProcess } from "@/server/clock";
import {
  auditLog,
  decisions,
  outboxEvents,
  qboAccounts,
  qboParties,
  qboTransactions,
} from "@/server/db/schema";
import { recordBillPayment, sendInvoiceReminder, ZRecordPayment } from "@/server/decisions/write-back";
import { resetEnvForTests } from "@/server/env";
import { runSyncForBusiness } from "@/server/jobs/run-sync";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { addMember, makeBusiness, makeUser } from "../support/factories";
import { connectToEmulator, testKey } from "../support/qbo";
import { refusal } from "../support/refusal";

/*
 * Write-back to QuickBooks, guard by guard, on a small company (three months of history) so each
 * test is quick: every refusal is made before QuickBooks is asked and says exactly what to fix;
 * every write sends QuickBooks the body it records, once, under the decision's one requestid; a
 * lost answer, a transient outage and a permanent refusal each leave the decision where the next
 * attempt can honestly continue. (tests/int/decisions.int.test.ts covers the console around it.)
 */
// 05:00 UTC on Nov 27 is still Nov 26 in Los Angeles, the business's timezone.
const NOW = Date.parse("2026-11-27T05:00:00Z");
const TODAY = "2026-11-26";

describe(`write-back to QuickBooks, guard by guard (${testBackend})`, () => {
  let h: TestDatabase;
  let qbo: Awaited<ReturnType<typeof connectToEmulator>>;
  const f = {} as { owner: string; viewer: string; biz: string; vendorId: string; customerId: string };
  const saved = { ...process.env };
  const clock: Clock & { at: number } = { at: NOW, now: () => new Date(clock.at) };
  const ctxOf = (userId: string) => getBusinessContext({ db: h.db, userId, businessId: f.biz });
  const sync = async () => {
    const r = await runSyncForBusiness({ db: h.db, businessId: f.biz, trigger: "manual" });
    expect(r.status).toBe("succeeded");
  };
  const mutate = async <T = { Id: string }>(body: Record<string, unknown>) =>
    ((await qbo.admin(`companies/${qbo.realmId}/mutations`, body)) as { result: T }).result;
  const exp = async () =>
    (await qbo.admin(`companies/${qbo.realmId}/export`)) as unknown as {
      entities: Record<string, Record<string, unknown>[]>;
      sentInvoiceEmails: { invoiceId: string; to: string }[];
    };
  const paymentsOf = async (billId: string) =>
    (await exp()).entities.BillPayment!.filter((p) =>
      (p.Line as { LinkedTxn: { TxnId: string }[] }[]).some((l) =>
        l.LinkedTxn.some((x) => x.TxnId === billId),
      ),
    );
  const faults = (rules: unknown[]) => qbo.admin("faults", { rules });
  /** The real client (with the tests' short back-off), counting how often QuickBooks was needed. */
  const counted = () => {
    const c = {
      calls: 0,
      make: async () => {
        c.calls++;
        return qbo.client();
      },
    };
    return c;
  };
  const account = async (type: string) => {
    const [a] = await h.db
      .select()
      .from(qboAccounts)
      .where(
        and(
          eq(qboAccounts.businessId, f.biz),
          eq(qboAccounts.accountType, type),
          eq(qboAccounts.active, true),
        ),
      );
    return a!;
  };
  const mirrored = async (type: "Bill" | "Invoice", id: string) => {
    const [t] = await h.db
      .select()
      .from(qboTransactions)
      .where(
        and(
          eq(qboTransactions.businessId, f.biz),
          eq(qboTransactions.type, type),
          eq(qboTransactions.qboId, id),
        ),
      );
    return t!;
  };
  const decisionOf = async (id: string) => {
    const [d] = await h.db.select().from(decisions).where(eq(decisions.id, id));
    return d!;
  };
  /** Bills made in QuickBooks for one test each, synced once. */
  const bills: Record<string, string> = {};
  const invoices: Record<string, string> = {};
  const pay = async (
    billKey: string,
    o: Partial<{ amount: number; date: string; accountId: string; waitMs: number }> = {},
    client = counted(),
  ) => {
    const bill = await mirrored("Bill", bills[billKey]!);
    return recordBillPayment({
      db: h.db,
      ctx: await ctxOf(f.owner),
      input: {
        billId: bill.qboId,
        accountId: o.accountId ?? (await account("Bank")).qboId,
        date: o.date ?? TODAY,
        amount: o.amount ?? bill.balanceCents!,
      },
      clock,
      client: client.make,
      waitMs: o.waitMs,
      beforeMoneyWrite: async () => {
        bankReads++;
        // A failing bank rail never stops the payment.
        throw new Error("the bank is down");
      },
    });
  };
  /** Real-time bank balance reads asked for just before money was written (issue 18). */
  let bankReads = 0;

  beforeAll(async () => {
    h = await useTestDatabase();
    f.owner = (await makeUser(h.db)).id;
    f.viewer = (await makeUser(h.db)).id;
    f.biz = await makeBusiness(h.db, f.owner, { name: "Small Co", timezone: "America/Los_Angeles" });
    await addMember(h.db, f.biz, f.viewer, "viewer");
    qbo = await connectToEmulator(h.db, f.biz, { seed: 31, months: 3, today: TODAY, startMs: NOW });
    Object.assign(process.env, {
      QBO_BASE_URL: qbo.base,
      TOKEN_ENCRYPTION_KEY: testKey,
      QBO_THROTTLE_WAIT_MS: "20",
    });
    resetEnvForTests();
    setClockForProcess(clock);
    const e = await exp();
    f.vendorId = String(e.entities.Vendor!.find((v) => v.Active !== false)!.Id);
    const customer = e.entities.Customer!.find(
      (c) => c.Active !== false && (c.PrimaryEmailAddr as { Address?: string } | undefined)?.Address,
    )!;
    f.customerId = String(customer.Id);
    for (const [i, key] of [
      "guards",
      "paid",
      "check",
      "card",
      "memo",
      "lowered",
      "lost",
      "outage",
      "refused",
      "stale",
      "busy",
      "waitDone",
      "waitFailed",
      "waitBare",
      "waitLong",
    ].entries())
      bills[key] = (
        await mutate({
          op: "createBill",
          vendorId: f.vendorId,
          txnDate: "2026-11-10",
          dueDate: "2026-12-10",
          amountCents: 100_000 + i * 1_111,
        })
      ).Id;
    await mutate({ op: "createBillPayment", billId: bills.paid });
    for (const [i, key] of ["remind", "paid", "gone", "noEmail", "noCustomer"].entries())
      invoices[key] = (
        await mutate({
          op: "createInvoice",
          customerId: f.customerId,
          txnDate: "2026-10-01",
          dueDate: "2026-10-31",
          amountCents: 50_000 + i * 1_000,
          docNumber: `W-${i + 1}`,
        })
      ).Id;
    await mutate({ op: "createPayment", invoiceId: invoices.paid, amountCents: 51_000 });
    await sync();
  }, 120_000);
  afterEach(async () => {
    await faults([]);
    clock.at = NOW;
  });
  afterAll(async () => {
    process.env = saved;
    resetEnvForTests();
    setClockForProcess(undefined);
    await qbo?.emu.stop();
    await h?.close();
  });

  it("the payment form: ids are QuickBooks' digits only, the date a real day, the amount exact text above zero", () => {
    const ok = { billId: "12", accountId: "3", date: "2026-11-26", amount: "1,250.05" };
    expect(ZRecordPayment.parse(ok)).toEqual({ ...ok, amount: 125_005 });
    const errs = (input: Record<string, unknown>) => {
      const r = ZRecordPayment.safeParse(input);
      return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
    };
    for (const bad of ["12a", "a12", "", "1".repeat(21), "-1"])
      expect(errs({ ...ok, billId: bad, accountId: bad })).toEqual({
        billId: "Unknown bill",
        accountId: "Choose the account the bill was paid from",
      });
    expect(ZRecordPayment.safeParse({ ...ok, billId: "1".repeat(20), accountId: "7" }).success).toBe(true);
    expect(errs({ ...ok, date: "2026-02-30" })).toEqual({ date: "Pick the payment date" });
    expect(errs({ ...ok, amount: "12.345" })).toEqual({ amount: "Enter an amount like 1250.00" });
    // A negative amount is understood, then refused as an amount, not as unreadable text.
    expect(errs({ ...ok, amount: "-5.00" })).toEqual({ amount: "The amount must be more than zero" });
    expect(errs({ ...ok, amount: "0.00" })).toEqual({ amount: "The amount must be more than zero" });
  });

  it("a payment that cannot be right is refused before QuickBooks is asked, with the field to fix", async () => {
    const client = counted();
    const bill = await mirrored("Bill", bills.guards!);
    const owner = await ctxOf(f.owner);
    const bank = await account("Bank");
    const input = { billId: bill.qboId, accountId: bank.qboId, date: TODAY, amount: bill.balanceCents! };
    let reads = 0;
    const attempt = (o: Partial<typeof input>) =>
      refusal(
        recordBillPayment({
          db: h.db,
          ctx: owner,
          input: { ...input, ...o },
          clock,
          client: client.make,
          beforeMoneyWrite: async () => reads++,
        }),
      );
    expect(await attempt({ billId: "99999999" })).toEqual({
      code: "not_found",
      message: "Bill not found",
      fields: undefined,
    });
    const invoice = await mirrored("Invoice", invoices.remind!);
    expect(await attempt({ billId: invoice.qboId })).toMatchObject({
      code: "not_found",
      message: "Bill not found",
    });
    const fix = (field: string, message: string) => ({
      code: "invalid_input",
      message: "Please correct the highlighted fields.",
      fields: { [field]: [message] },
    });
    const income = await account("Income");
    expect(await attempt({ accountId: income.qboId })).toEqual(
      fix("accountId", "Choose an active bank or credit card account"),
    );
    expect(await attempt({ accountId: "99999999" })).toEqual(
      fix("accountId", "Choose an active bank or credit card account"),
    );
    expect(await attempt({ date: "2026-11-09" })).toEqual(
      fix("date", "The payment cannot be dated before the bill (2026-11-10)"),
    );
    // Today is the business's day (Nov 26 in Los Angeles), not UTC's Nov 27.
    expect(await attempt({ date: "2026-11-27" })).toEqual(
      fix("date", "The payment cannot be dated after today (2026-11-26)"),
    );
    expect(await attempt({ amount: bill.balanceCents! + 1 })).toEqual(
      fix("amount", "At most the open balance (1000.00); this bill is 1000.00 open."),
    );
    const paid = await mirrored("Bill", bills.paid!);
    expect(paid.balanceCents).toBe(0);
    expect(await attempt({ billId: paid.qboId, amount: 100 })).toEqual({
      code: "conflict",
      message: "This bill is already paid.",
      fields: undefined,
    });
    const viewer = await ctxOf(f.viewer);
    expect(
      await refusal(recordBillPayment({ db: h.db, ctx: viewer, input, clock, client: client.make })),
    ).toMatchObject({ code: "forbidden" });
    expect(client.calls).toBe(0);
    // Nor was the bank asked for a (billed) real-time balance.
    expect(reads).toBe(0);
    expect(await h.db.select().from(decisions).where(eq(decisions.businessId, f.biz))).toEqual([]);
  });

  it("a check payment reaches QuickBooks as recorded: the bill, the bank account, the amount and the day — once, audited, re-synced", async () => {
    const bill = await mirrored("Bill", bills.check!);
    const bank = await account("Bank");
    // The bill's own day is the earliest allowed; a part payment of it.
    const readsBefore = bankReads;
    const r = await pay("check", { date: "2026-11-10", amount: 40_000 });
    expect(r.message).toBe("Payment recorded in QuickBooks.");
    // The bank's balance was asked for once, just before the write; its failure did not matter.
    expect(bankReads - readsBefore).toBe(1);
    const [bp, ...more] = await paymentsOf(bill.qboId);
    expect(more).toEqual([]);
    expect(r.qboTxnId).toBe(bp!.Id);
    expect(bp).toMatchObject({
      VendorRef: { value: f.vendorId },
      PayType: "Check",
      CheckPayment: { BankAccountRef: { value: bank.qboId } },
      // The export keeps QuickBooks' money in cents.
      TotalAmt: 40_000,
      TxnDate: "2026-11-10",
      PrivateNote: "Recorded from Oodaloo",
      Line: [{ Amount: 40_000, LinkedTxn: [{ TxnId: bill.qboId, TxnType: "Bill" }] }],
    });
    expect(bp!.CreditCardPayment).toBeUndefined();
    const d = await decisionOf(r.decisionId);
    expect(d).toMatchObject({
      kind: "recordPayment",
      status: "executed",
      targetType: "Bill",
      targetId: bill.qboId,
      rail: "qbo_record",
      amountCents: 40_000,
      accountId: bank.qboId,
      date: "2026-11-10",
      requestId: r.requestId,
      qboTxnId: bp!.Id,
      leaseUntil: null,
      committedBy: f.owner,
    });
    expect(d.firstSentAt).not.toBeNull();
    expect(d.detail).toEqual({
      label: `record payment of ${bill.docNumber ? `bill ${bill.docNumber}` : "bill of Nov 10, 2026"} from ${bank.name}`,
    });
    const audits = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.businessId, f.biz), eq(auditLog.action, "decision.executed")));
    expect(audits.map((a) => a.detail)).toContainEqual({
      decisionId: r.decisionId,
      kind: "recordPayment",
      label: d.detail.label,
      requestId: r.requestId,
      qboTxnId: bp!.Id,
    });
    const [job] = await h.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.id, `sync:after-write:${r.decisionId}`));
    expect(job).toMatchObject({ name: "qbo/sync.requested", businessId: f.biz });

    // The same click again within ten minutes is this payment, not another.
    clock.at = NOW + 10 * 60_000 - 1_000;
    const again = await pay("check", { date: "2026-11-10", amount: 40_000 });
    expect(again).toEqual({ ...r, message: "This payment was already recorded in QuickBooks." });
    // A different amount is a different payment (the mirror has not seen the first yet): written.
    const other = await pay("check", { date: "2026-11-10", amount: 10_000 });
    expect(other.decisionId).not.toBe(r.decisionId);
    expect(await paymentsOf(bill.qboId)).toHaveLength(2);
  });

  it("after ten minutes a repeated click is a new payment, and QuickBooks' fresh bill refuses it when it no longer fits", async () => {
    const bill = await mirrored("Bill", bills.memo!);
    const first = await pay("memo");
    clock.at = NOW + 10 * 60_000 + 1_000;
    // The mirror still shows the bill open; QuickBooks, re-read before writing, shows it paid.
    expect(await refusal(pay("memo"))).toEqual({
      code: "conflict",
      message:
        "The bill was paid or changed in QuickBooks since the last sync: it shows 0.00 open now; nothing was recorded.",
      fields: undefined,
    });
    expect(await paymentsOf(bill.qboId)).toHaveLength(1);
    const failed = await h.db
      .select()
      .from(decisions)
      .where(and(eq(decisions.targetId, bill.qboId), eq(decisions.status, "failed")));
    expect(failed).toHaveLength(1);
    expect(failed[0]!.id).not.toBe(first.decisionId);
    expect(failed[0]!.detail).toMatchObject({
      error: expect.stringContaining("paid or changed in QuickBooks since the last sync"),
    });
  });

  it("a card payment is a CreditCard BillPayment from the card account", async () => {
    const bill = await mirrored("Bill", bills.card!);
    const card = await account("Credit Card");
    const r = await pay("card", { accountId: card.qboId });
    const [bp] = await paymentsOf(bill.qboId);
    expect(bp).toMatchObject({
      Id: r.qboTxnId,
      PayType: "CreditCard",
      CreditCardPayment: { CCAccountRef: { value: card.qboId } },
      TotalAmt: bill.balanceCents!,
    });
    expect(bp!.CheckPayment).toBeUndefined();
  });

  it("a bill changed in QuickBooks but still open for the amount is paid on QuickBooks' version; lowered below it, refused", async () => {
    const memo = await mirrored("Bill", bills.lowered!);
    await mutate({ op: "editBill", id: memo.qboId, privateNote: "edited in QuickBooks" });
    const r = await pay("lowered", { amount: 50_000 });
    expect(r.message).toBe("Payment recorded in QuickBooks.");
    expect(await paymentsOf(memo.qboId)).toHaveLength(1);
    // QuickBooks now shows the rest open (the mirror still shows the whole bill): more than that is refused.
    const rest = memo.balanceCents! - 50_000;
    expect(await refusal(pay("lowered", { amount: rest + 1 }))).toEqual({
      code: "conflict",
      message:
        "The bill was paid or changed in QuickBooks since the last sync; nothing was recorded. Sync, then try again.",
      fields: undefined,
    });
    expect(await paymentsOf(memo.qboId)).toHaveLength(1);
  });

  it("a lost answer keeps the decision committed with its requestid; the retry finds its own payment and QuickBooks replays it", async () => {
    const bill = await mirrored("Bill", bills.lost!);
    // Committed, then every answer lost, the client's own retries included (a retry is otherwise
    // answered with the first payment, which is the point of the requestid).
    await faults([
      {
        id: "lost",
        method: "POST",
        pathIncludes: "/billpayment",
        action: { kind: "dropAfterCommit" },
        count: 1,
      },
      {
        id: "cut",
        method: "POST",
        pathIncludes: "/billpayment",
        action: { kind: "drop" },
        nth: [2, 3, 4, 5, 6, 7],
      },
    ]);
    expect(await refusal(pay("lost"))).toEqual({
      code: "upstream",
      message:
        "QuickBooks did not answer; nothing is lost — try again and the same write is completed, never doubled.",
      fields: undefined,
    });
    const [d] = await h.db
      .select()
      .from(decisions)
      .where(and(eq(decisions.targetId, bill.qboId), eq(decisions.kind, "recordPayment")));
    expect(d).toMatchObject({ status: "committed", leaseUntil: null });
    expect(d!.firstSentAt).not.toBeNull();
    expect(d!.detail.lastError).toEqual(expect.any(String));
    const [written] = await paymentsOf(bill.qboId);
    expect(written).toBeDefined(); // QuickBooks committed it
    // QuickBooks shows the bill paid; ours — so the retry sends the same requestid, not a refusal.
    const r = await pay("lost");
    expect(r).toMatchObject({ decisionId: d!.id, requestId: d!.requestId, qboTxnId: written!.Id });
    expect(await paymentsOf(bill.qboId)).toHaveLength(1);
  });

  it("a QuickBooks outage keeps the write retryable under the same requestid; it completes once QuickBooks answers", async () => {
    const bill = await mirrored("Bill", bills.outage!);
    await faults([
      { id: "down", method: "POST", pathIncludes: "/billpayment", action: { kind: "status", status: 503 } },
    ]);
    expect(await refusal(pay("outage"))).toMatchObject({
      code: "upstream",
      message: expect.stringContaining("QuickBooks did not answer"),
    });
    const [d] = await h.db.select().from(decisions).where(eq(decisions.targetId, bill.qboId));
    expect(d).toMatchObject({ status: "committed", leaseUntil: null });
    expect(await paymentsOf(bill.qboId)).toEqual([]);
    await faults([]);
    const r = await pay("outage");
    expect(r).toMatchObject({ decisionId: d!.id, requestId: d!.requestId });
    expect(await paymentsOf(bill.qboId)).toHaveLength(1);
  });

  it("a permanent refusal and a stale-object refusal fail the decision with QuickBooks' words; the bill can be tried again", async () => {
    for (const [key, code, detail] of [
      ["refused", "6000", "Business Validation Error: The accounting period is closed."],
      ["stale", "5010", "Stale Object Error: You and another user were working on the same thing."],
    ] as const) {
      const bill = await mirrored("Bill", bills[key]!);
      await faults([
        {
          id: "no",
          method: "POST",
          pathIncludes: "/billpayment",
          action: { kind: "validation", code, message: "A business validation error has occurred", detail },
          count: 1,
        },
      ]);
      const got = await refusal(pay(key));
      expect(got).toMatchObject({
        code: "conflict",
        message: expect.stringMatching(/^QuickBooks refused: /),
      });
      const [d] = await h.db.select().from(decisions).where(eq(decisions.targetId, bill.qboId));
      expect(d).toMatchObject({ status: "failed", leaseUntil: null });
      expect(d!.resolvedAt).not.toBeNull();
      expect(d!.detail.error).toBe(got.message);
      expect(await paymentsOf(bill.qboId)).toEqual([]);
      const again = await pay(key);
      expect(again.decisionId).not.toBe(d!.id);
      expect(await paymentsOf(bill.qboId)).toHaveLength(1);
    }
  });

  describe("another process is writing the same payment", () => {
    /** A live write of `billKey` by another process, holding the lease. */
    const inFlight = async (billKey: string, o: { amount?: number } = {}) => {
      const bill = await mirrored("Bill", bills[billKey]!);
      const [d] = await h.db
        .insert(decisions)
        .values({
          businessId: f.biz,
          kind: "recordPayment",
          targetType: "Bill",
          targetId: bill.qboId,
          date: TODAY,
          amountCents: o.amount ?? bill.balanceCents!,
          accountId: (await account("Bank")).qboId,
          rail: "qbo_record",
          status: "committed",
          requestId: crypto.randomUUID(),
          createdBy: f.owner,
          committedBy: f.owner,
          leaseUntil: new Date(Date.now() + 60_000),
          detail: { label: "in flight" },
        })
        .returning();
      return d!;
    };
    const later = (ms: number, fn: () => Promise<unknown>) =>
      new Promise((r) => setTimeout(() => r(fn()), ms));

    it("with different details: refused at once, nothing written", async () => {
      const d = await inFlight("busy", { amount: 12_345 });
      const client = counted();
      expect(await refusal(pay("busy", {}, client))).toEqual({
        code: "conflict",
        message:
          "Another payment of this bill is being recorded right now with different details. Wait a moment and refresh.",
        fields: undefined,
      });
      expect(client.calls).toBe(0);
      expect((await decisionOf(d.id)).status).toBe("committed");
    });

    it("with the same details: waits for its outcome — executed is answered as done, failed with its error", async () => {
      const done = await inFlight("waitDone");
      const client = counted();
      const [r] = await Promise.all([
        pay("waitDone", {}, client),
        later(300, () =>
          h.db
            .update(decisions)
            .set({ status: "executed", qboTxnId: "777", leaseUntil: null })
            .where(eq(decisions.id, done.id)),
        ),
      ]);
      expect(r).toEqual({
        decisionId: done.id,
        requestId: done.requestId,
        qboTxnId: "777",
        message: "Already done.",
      });
      expect(client.calls).toBe(0);

      const failed = await inFlight("waitFailed");
      const [x] = await Promise.all([
        refusal(pay("waitFailed", {}, client)),
        later(300, () =>
          h.db
            .update(decisions)
            .set({
              status: "failed",
              leaseUntil: null,
              detail: { label: "in flight", error: "QuickBooks refused: closed" },
            })
            .where(eq(decisions.id, failed.id)),
        ),
      ]);
      expect(x).toEqual({ code: "conflict", message: "QuickBooks refused: closed", fields: undefined });

      const bare = await inFlight("waitBare");
      const [y] = await Promise.all([
        refusal(pay("waitBare", {}, client)),
        later(300, () =>
          h.db.update(decisions).set({ status: "failed", leaseUntil: null }).where(eq(decisions.id, bare.id)),
        ),
      ]);
      expect(y).toEqual({ code: "conflict", message: "The write failed.", fields: undefined });
      expect(client.calls).toBe(0);
    });

    it("one that never finishes: after the wait, 'still in progress' — and nothing is written by this one", async () => {
      const d = await inFlight("waitLong");
      const client = counted();
      expect(await refusal(pay("waitLong", { waitMs: 400 }, client))).toEqual({
        code: "upstream",
        message: "The write is still in progress; refresh in a moment to see its outcome.",
        fields: undefined,
      });
      expect(client.calls).toBe(0);
      expect((await decisionOf(d.id)).status).toBe("committed");
    });
  });

  describe("invoice reminders", () => {
    const remind = async (invoiceId: string, client = counted()) =>
      sendInvoiceReminder({ db: h.db, ctx: await ctxOf(f.owner), invoiceId, clock, client: client.make });

    it("a reminder that cannot go is refused before QuickBooks is asked, saying why", async () => {
      const client = counted();
      for (const id of ["12a", "a12", "", "1".repeat(21)])
        expect(await refusal(remind(id, client))).toEqual({
          code: "not_found",
          message: "Invoice not found",
          fields: undefined,
        });
      expect(await refusal(remind("99999999", client))).toMatchObject({ message: "Invoice not found" });
      expect(await refusal(remind(bills.guards!, client))).toMatchObject({ message: "Invoice not found" });
      const paid = await mirrored("Invoice", invoices.paid!);
      expect(paid.balanceCents).toBe(0);
      expect(await refusal(remind(paid.qboId, client))).toEqual({
        code: "conflict",
        message: "This invoice is already paid.",
        fields: undefined,
      });
      // The mirror's customer has no email (as QuickBooks would show it): say who and what to do.
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
      const theCustomer = and(
        eq(qboParties.businessId, f.biz),
        eq(qboParties.kind, "customer"),
        eq(qboParties.qboId, f.customerId),
      );
      await h.db.update(qboParties).set({ email: null }).where(theCustomer);
      try {
        expect(await refusal(remind(invoices.noEmail!, client))).toEqual({
          code: "conflict",
          message: `${customer!.displayName} has no email address in QuickBooks; add one there, then send the reminder.`,
          fields: undefined,
        });
      } finally {
        await h.db.update(qboParties).set({ email: customer!.email }).where(theCustomer);
      }
      // A customer QuickBooks no longer lists for it.
      const orphan = await mirrored("Invoice", invoices.noCustomer!);
      await h.db
        .update(qboTransactions)
        .set({ customerId: "99999999" })
        .where(
          and(
            eq(qboTransactions.businessId, f.biz),
            eq(qboTransactions.type, "Invoice"),
            eq(qboTransactions.qboId, orphan.qboId),
          ),
        );
      expect(await refusal(remind(orphan.qboId, client))).toMatchObject({
        message: "This customer has no email address in QuickBooks; add one there, then send the reminder.",
      });
      expect(client.calls).toBe(0);
      expect(
        await h.db
          .select()
          .from(decisions)
          .where(and(eq(decisions.businessId, f.biz), eq(decisions.kind, "reminder"))),
      ).toEqual([]);
    });

    it("a reminder goes once to the customer's address, on the business's day; a second click is the same reminder", async () => {
      const inv = await mirrored("Invoice", invoices.remind!);
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
      const r = await remind(inv.qboId);
      expect(r).toMatchObject({
        qboTxnId: null,
        message: `Reminder sent to ${customer!.email} from QuickBooks.`,
      });
      expect((await exp()).sentInvoiceEmails.filter((e) => e.invoiceId === inv.qboId)).toEqual([
        expect.objectContaining({ to: customer!.email }),
      ]);
      expect(await decisionOf(r.decisionId)).toMatchObject({
        kind: "reminder",
        status: "executed",
        targetType: "Invoice",
        targetId: inv.qboId,
        rail: "qbo_send",
        date: TODAY,
        detail: { label: `reminder for invoice W-1 to ${customer!.email}` },
      });
      clock.at = NOW + 5 * 60_000;
      const client = counted();
      expect(await remind(inv.qboId, client)).toEqual({
        ...r,
        message: "A reminder was sent for this invoice a few minutes ago.",
      });
      expect(client.calls).toBe(0);
      expect((await exp()).sentInvoiceEmails.filter((e) => e.invoiceId === inv.qboId)).toHaveLength(1);
    });

    it("an invoice deleted in QuickBooks meanwhile: QuickBooks refuses, the reminder fails with its words", async () => {
      const inv = await mirrored("Invoice", invoices.gone!);
      await mutate({ op: "deleteInvoice", id: inv.qboId });
      const got = await refusal(remind(inv.qboId));
      expect(got).toMatchObject({
        code: "conflict",
        message: expect.stringMatching(/^QuickBooks refused: /),
      });
      const [d] = await h.db.select().from(decisions).where(eq(decisions.targetId, inv.qboId));
      expect(d).toMatchObject({ kind: "reminder", status: "failed" });
      expect((await exp()).sentInvoiceEmails.filter((e) => e.invoiceId === inv.qboId)).toEqual([]);
    });
  });
});
