// @ts-nocheck
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBusinessContext } from "@/server/access/business-context";
import { type Clock, setClockForProcess } from "@/server/clock";
import { qboConnections } from "@/server/db/schema";
import { resetEnvForTests } from "@/server/env";
import { AppError } from "@/server/errors";
import { runSyncForBusiness } from "@/server/jobs/run-sync";
import { dismissTrayItem, getTray, restoreTrayItem } from "@/server/tray/get-tray";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser } from "../support/factories";
import { connectToEmulator, testKey } from "../support/qbo";
import type { TExport } from "../support/runway-oracle";

/*
 * Every prep-tray rule on a generated company (the generator seeds a little mess: a bill
 * without due date, a likely duplicate, an uncategorized expense, an unapplied payment, overdue
 * invoices, a customer without email, vendors without terms): each rule finds its problem, read
 * independently from the emulator's export, and the item goes away once the problem is fixed in
 * QuickBooks and synced. Write drift is covered in decisions.int.test.ts.
 */
const NOW = Date.parse("2026-11-26T18:00:00Z");
const TODAY = "2026-11-26";

describe(`prep tray rules (${testBackend})`, () => {
  let h: TestDatabase;
  let qbo: Awaited<ReturnType<typeof connectToEmulator>>;
  let biz: string;
  let owner: string;
  const saved = { ...process.env };
  const clock: Clock & { at: number } = { at: NOW, now: () => new Date(clock.at) };
  const ctx = () => getBusinessContext({ db: h.db, userId: owner, businessId: biz });
  const tray = async () => (await getTray({ db: h.db, ctx: await ctx(), clock })).items;
  const keys = async (rule: string) =>
    (await tray())
      .filter((i) => i.rule === rule)
      .map((i) => i.key)
      .sort();
  const sync = async () => {
    const r = await runSyncForBusiness({ db: h.db, businessId: biz, trigger: "manual" });
    expect(r.status).toBe("succeeded");
  };
  const mutate = async (body: Record<string, unknown>) =>
    ((await qbo.admin(`companies/${qbo.realmId}/mutations`, body)) as { result: { Id: string } }).result;
  const exp = async () => (await qbo.admin(`companies/${qbo.realmId}/export`)) as unknown as TExport;
  const ref = (x: unknown) => (x as { value?: string } | undefined)?.value;

  beforeAll(async () => {
    h = await useTestDatabase();
    owner = (await makeUser(h.db)).id;
    biz = await makeBusiness(h.db, owner, { timezone: "America/Los_Angeles" });
    qbo = await connectToEmulator(h.db, biz, { seed: 7, today: TODAY, startMs: NOW });
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

  it("bills without a due date: found, and gone once the due date is set", async () => {
    const e = await exp();
    const expected = (e.entities.Bill ?? [])
      .filter((b) => b.Balance > 0 && !b.DueDate)
      .map((b) => `billNoDueDate:${b.Id}`);
    expect(expected.length).toBeGreaterThan(0);
    expect(await keys("billNoDueDate")).toEqual(expected.sort());
    for (const k of expected) await mutate({ op: "editBill", id: k.split(":")[1], dueDate: "2026-12-20" });
    await sync();
    expect(await keys("billNoDueDate")).toEqual([]);
  });

  it("likely duplicate bills: same vendor and amount within a week; gone once one is deleted", async () => {
    const found = await keys("duplicateBill");
    expect(found.length).toBeGreaterThan(0);
    const e = await exp();
    const bills = new Map((e.entities.Bill ?? []).map((b) => [b.Id as string, b]));
    for (const k of found) {
      const [, a, b] = k.split(":") as [string, string, string];
      expect(ref(bills.get(a)!.VendorRef)).toBe(ref(bills.get(b)!.VendorRef));
      expect(bills.get(a)!.TotalAmt).toBe(bills.get(b)!.TotalAmt);
    }
    // A fresh pair: found; delete the copy in QuickBooks: gone.
    const vendor = (e.entities.Vendor ?? []).find((v) => v.Active)!.Id as string;
    const one = await mutate({
      op: "createBill",
      vendorId: vendor,
      amountCents: 123_456,
      dueDate: "2026-12-20",
      txnDate: "2026-11-20",
    });
    const two = await mutate({
      op: "createBill",
      vendorId: vendor,
      amountCents: 123_456,
      dueDate: "2026-12-22",
      txnDate: "2026-11-23",
    });
    await sync();
    expect(await keys("duplicateBill")).toContain(`duplicateBill:${one.Id}:${two.Id}`);
    await mutate({ op: "deleteBill", id: two.Id });
    await sync();
    expect((await keys("duplicateBill")).some((k) => k.includes(`:${one.Id}:`))).toBe(false);
  });

  it("overdue invoices: a customer without email, and invoices never reminded; gone once paid or reminded", async () => {
    const e = await exp();
    const customers = new Map((e.entities.Customer ?? []).map((c) => [c.Id as string, c]));
    const overdue = (e.entities.Invoice ?? []).filter((i) => i.Balance > 0 && i.DueDate < TODAY);
    const noEmail = overdue
      .filter(
        (i) =>
          !(customers.get(ref(i.CustomerRef)!)?.PrimaryEmailAddr as { Address?: string } | undefined)
            ?.Address,
      )
      .map((i) => `overdueNoEmail:${i.Id}`);
    const neverReminded = overdue
      .filter(
        (i) =>
          (customers.get(ref(i.CustomerRef)!)?.PrimaryEmailAddr as { Address?: string } | undefined)?.Address,
      )
      .filter(
        (i) => i.EmailStatus !== "EmailSent" && Date.parse(TODAY) - Date.parse(i.DueDate) >= 7 * 86_400_000,
      )
      .map((i) => `overdueNotReminded:${i.Id}`);
    // An overdue invoice to the customer without email, three weeks late, and one to a customer with one.
    const bare = [...customers.values()].find((c) => c.Active && !c.PrimaryEmailAddr)!;
    const withEmail = [...customers.values()].find((c) => c.Active && c.PrimaryEmailAddr)!;
    const a = await mutate({
      op: "createInvoice",
      customerId: bare.Id,
      amountCents: 50_000,
      txnDate: "2026-10-01",
      dueDate: "2026-11-01",
    });
    const b = await mutate({
      op: "createInvoice",
      customerId: withEmail.Id,
      amountCents: 60_000,
      txnDate: "2026-10-01",
      dueDate: "2026-11-01",
    });
    await sync();
    expect(await keys("overdueNoEmail")).toEqual([...noEmail, `overdueNoEmail:${a.Id}`].sort());
    expect(await keys("overdueNotReminded")).toEqual([...neverReminded, `overdueNotReminded:${b.Id}`].sort());
    // Paid: no longer overdue. Sent from QuickBooks: reminded.
    await mutate({ op: "createPayment", invoiceId: a.Id, amountCents: 50_000 });
    const res = await fetch(
      `${qbo.base}/v3/company/${qbo.realmId}/invoice/${b.Id}/send?requestid=t-${b.Id}`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${qbo.token}`, accept: "application/json" },
      },
    );
    expect(res.status).toBe(200);
    await sync();
    expect(await keys("overdueNoEmail")).toEqual([...noEmail].sort());
    expect(await keys("overdueNotReminded")).not.toContain(`overdueNotReminded:${b.Id}`);
  });

  it("unapplied payments and open credits: exactly the export's; gone once applied", async () => {
    const e = await exp();
    const expected = [
      ...(e.entities.Payment ?? [])
        .filter((p) => (p.UnappliedAmt ?? 0) > 0)
        .map((p) => `unappliedCredit:Payment:${p.Id}`),
      ...(e.entities.CreditMemo ?? [])
        .filter((p) => p.Balance > 0)
        .map((p) => `unappliedCredit:CreditMemo:${p.Id}`),
      ...(e.entities.VendorCredit ?? [])
        .filter((p) => p.Balance > 0)
        .map((p) => `unappliedCredit:VendorCredit:${p.Id}`),
    ].sort();
    expect(expected.some((k) => k.includes(":Payment:"))).toBe(true);
    expect(await keys("unappliedCredit")).toEqual(expected);
    // A payment applied in full is not listed.
    const applied = (e.entities.Payment ?? []).find((p) => (p.UnappliedAmt ?? 0) === 0)!;
    expect(await keys("unappliedCredit")).not.toContain(`unappliedCredit:Payment:${applied.Id}`);
  });

  it("uncategorized expenses of the last 90 days: exactly the export's", async () => {
    const e = await exp();
    const unc = new Set(
      (e.entities.Account ?? []).filter((a) => /^Uncategorized/.test(a.Name)).map((a) => a.Id),
    );
    const expected = (e.entities.Purchase ?? [])
      .filter((p) => p.TxnDate >= "2026-08-28")
      .filter((p) =>
        (p.Line as { AccountBasedExpenseLineDetail?: { AccountRef: { value: string } } }[]).some((l) =>
          unc.has(l.AccountBasedExpenseLineDetail?.AccountRef.value),
        ),
      )
      .map((p) => `uncategorizedExpense:${p.Id}`)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(await keys("uncategorizedExpense")).toEqual(expected);
  });

  it("vendors without terms that have open bills, and an unusual amount for a vendor; gone once corrected", async () => {
    const e = await exp();
    const open = new Set((e.entities.Bill ?? []).filter((b) => b.Balance > 0).map((b) => ref(b.VendorRef)));
    const expected = (e.entities.Vendor ?? [])
      .filter((v) => v.Active && !v.TermRef && open.has(v.Id))
      .map((v) => `vendorNoTerms:${v.Id}`)
      .sort();
    expect(await keys("vendorNoTerms")).toEqual(expected);
    // A vendor with a steady history: a bill ten times its usual amount is flagged. (The export
    // carries the emulator's own cents.)
    const counts = new Map<string, number[]>();
    for (const b of e.entities.Bill ?? [])
      counts.set(ref(b.VendorRef)!, [...(counts.get(ref(b.VendorRef)!) ?? []), b.TotalAmt as number]);
    const [vendor, amounts] = [...counts.entries()].find(([, a]) => a.length >= 4 && new Set(a).size === 1)!;
    const big = await mutate({
      op: "createBill",
      vendorId: vendor,
      amountCents: amounts[0]! * 10,
      dueDate: "2026-12-28",
    });
    await sync();
    expect(await keys("unusualAmount")).toContain(`unusualAmount:${big.Id}`);
    await mutate({ op: "editBill", id: big.Id, amountCents: amounts[0]! });
    await sync();
    expect(await keys("unusualAmount")).not.toContain(`unusualAmount:${big.Id}`);
  });

  it("sync problems: a stale sync and a lost authorization are the first items; gone once synced", async () => {
    expect(await keys("syncProblem")).toEqual([]);
    await h.db
      .update(qboConnections)
      .set({ lastSuccessAt: new Date(NOW - 3 * 86_400_000) })
      .where(eq(qboConnections.businessId, biz));
    let items = await tray();
    expect(items[0]).toMatchObject({
      key: "sync:stale",
      severity: "high",
      title: "Last successful sync was 3 days ago",
    });
    await h.db
      .update(qboConnections)
      .set({ status: "needs_reauth" })
      .where(eq(qboConnections.businessId, biz));
    items = await tray();
    expect(items[0]).toMatchObject({ key: "sync:reauth", href: `/b/${biz}/connections` });
    await h.db.update(qboConnections).set({ status: "active" }).where(eq(qboConnections.businessId, biz));
    await sync();
    expect(await keys("syncProblem")).toEqual([]);
  });

  it("dismissed and snoozed items leave the tray with who and why, and come back when restored or due", async () => {
    const c = await ctx();
    const [first, second] = await tray();
    await dismissTrayItem({
      db: h.db,
      ctx: c,
      input: { itemKey: first!.key, reason: "Known, on purpose" },
      clock,
    });
    await dismissTrayItem({
      db: h.db,
      ctx: c,
      input: { itemKey: second!.key, reason: "Next week", until: "2026-12-03" },
      clock,
    });
    const view = await getTray({ db: h.db, ctx: c, clock });
    expect(view.items.map((i) => i.key)).not.toContain(first!.key);
    expect(view.items.map((i) => i.key)).not.toContain(second!.key);
    expect(view.muted.map((m) => [m.key, m.reason, m.mutedUntil])).toEqual(
      expect.arrayContaining([
        [first!.key, "Known, on purpose", null],
        [second!.key, "Next week", "2026-12-03"],
      ]),
    );
    // The snooze ends on its date.
    clock.at += 7 * 86_400_000;
    expect((await tray()).map((i) => i.key)).toContain(second!.key);
    clock.at = NOW;
    await restoreTrayItem({ db: h.db, ctx: c, itemKey: first!.key });
    expect((await tray()).map((i) => i.key)).toContain(first!.key);
    // Bad input: no reason, a past snooze date.
    for (const input of [
      { itemKey: first!.key, reason: "" },
      { itemKey: first!.key, reason: "later", until: "2026-11-01" },
    ]) {
      const err = await dismissTrayItem({ db: h.db, ctx: c, input: input as never, clock }).catch((x) => x);
      expect(err).toBeInstanceOf(AppError);
    }
  });
});
