// @ts-nocheck
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  qboAccounts,
  qboConnections,
  qboDrift,
  qboEntityState,
  qboParties,
  qboTransactionLinks,
  qboTransactions,
  syncLeases,
  syncRuns,
} from "@/server/db/schema";
import { syncConnection } from "@/server/qbo/sync/sync-connection";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser } from "../support/factories";
import { ORACLE_TRANSACTION_ENTITIES } from "../support/oracle";
import { connectToEmulator } from "../support/qbo";

/**
 * The mirror must equal the emulator, entity for entity. The oracle reads the emulator's export
 * (its own cents and dates) and imports nothing of our mappers.
 */
type Exported = {
  entities: Record<string, Record<string, unknown>[]>;
  deleted: Record<string, { Id: string }[]>;
};
const TXN = ORACLE_TRANSACTION_ENTITIES;

async function expectMirrorEqualsEmulator(db: TestDatabase["db"], businessId: string, exp: Exported) {
  const txns = await db.select().from(qboTransactions).where(eq(qboTransactions.businessId, businessId));
  const ours = new Map(txns.map((t) => [`${t.type}:${t.qboId}`, t]));
  let compared = 0;
  for (const type of TXN) {
    for (const e of exp.entities[type] ?? []) {
      const row = ours.get(`${type}:${e.Id}`);
      expect(row, `${type} ${e.Id} missing`).toBeDefined();
      const amount = (type === "Transfer" || type === "CreditCardPayment" ? e.Amount : e.TotalAmt) as number;
      const balance =
        type === "Payment"
          ? e.UnappliedAmt
          : ["Invoice", "Bill", "CreditMemo", "VendorCredit"].includes(type)
            ? e.Balance
            : null;
      expect(
        {
          syncToken: row!.syncToken,
          amount: row!.amountCents,
          balance: row!.balanceCents,
          txnDate: row!.txnDate,
          dueDate: row!.dueDate,
          deleted: row!.deleted,
        },
        `${type} ${e.Id}`,
      ).toEqual({
        syncToken: Number(e.SyncToken),
        amount,
        balance: balance ?? null,
        txnDate: e.TxnDate ?? null,
        dueDate: e.DueDate ?? null,
        deleted: false,
      });
      compared++;
    }
    for (const d of exp.deleted[type] ?? []) {
      const row = ours.get(`${type}:${d.Id}`);
      if (row) expect(row.deleted, `${type} ${d.Id} should be deleted`).toBe(true);
    }
  }
  const live = txns.filter((t) => !t.deleted).length;
  expect(live).toBe(TXN.reduce((s, t) => s + (exp.entities[t]?.length ?? 0), 0));

  // What each payment settles: a Payment line pays the Invoice it links to, a BillPayment line the
  // Bill, a Deposit line the Payment it banks, each for the line's amount (the export's cents).
  const settles: Record<string, string> = { Payment: "Invoice", BillPayment: "Bill", Deposit: "Payment" };
  const expectedLinks: string[] = [];
  for (const [from, to] of Object.entries(settles)) {
    for (const e of exp.entities[from] ?? []) {
      for (const line of (e.Line ?? []) as {
        Amount?: number;
        LinkedTxn?: { TxnId: string; TxnType: string }[];
      }[])
        for (const l of line.LinkedTxn ?? [])
          if (l.TxnType === to) expectedLinks.push(`${from}:${e.Id} → ${to}:${l.TxnId} ${line.Amount ?? 0}`);
    }
  }
  const links = await db
    .select()
    .from(qboTransactionLinks)
    .where(eq(qboTransactionLinks.businessId, businessId));
  expect(
    links.map((l) => `${l.fromType}:${l.fromId} → ${l.toType}:${l.toId} ${l.amountCents}`).sort(),
  ).toEqual(expectedLinks.sort());
  expect(expectedLinks.length).toBeGreaterThan(0);

  const accounts = await db.select().from(qboAccounts).where(eq(qboAccounts.businessId, businessId));
  expect(accounts.length).toBe(exp.entities.Account!.length);
  for (const a of exp.entities.Account!) {
    const row = accounts.find((x) => x.qboId === a.Id)!;
    expect(
      { balance: row.currentBalanceCents, active: row.active, syncToken: row.syncToken },
      `account ${a.Name} ${JSON.stringify(a.MetaData)}`,
    ).toEqual({ balance: a.CurrentBalance, active: a.Active, syncToken: Number(a.SyncToken) });
  }
  const parties = await db.select().from(qboParties).where(eq(qboParties.businessId, businessId));
  for (const [kind, entity] of [
    ["customer", "Customer"],
    ["vendor", "Vendor"],
  ] as const) {
    for (const p of exp.entities[entity]!) {
      const row = parties.find((x) => x.kind === kind && x.qboId === p.Id)!;
      expect({ balance: row.balanceCents, active: row.active, name: row.displayName }).toEqual({
        balance: p.Balance,
        active: p.Active,
        name: p.DisplayName,
      });
    }
  }
  return compared;
}

describe(`QBO sync against the emulator (${testBackend})`, () => {
  let h: TestDatabase;
  let businessId: string;
  let qbo: Awaited<ReturnType<typeof connectToEmulator>>;
  beforeAll(async () => {
    h = await useTestDatabase();
    const owner = await makeUser(h.db);
    businessId = await makeBusiness(h.db, owner.id);
    qbo = await connectToEmulator(h.db, businessId);
  });
  afterAll(async () => {
    await qbo?.emu.stop();
    await h?.close();
  });
  const exportNow = async () => (await qbo.admin(`companies/${qbo.realmId}/export`)) as unknown as Exported;
  const mutate = (body: Record<string, unknown>) => qbo.admin(`companies/${qbo.realmId}/mutations`, body);

  it("a full sync makes the mirror equal to the emulator", async () => {
    const client = qbo.client();
    const result = await syncConnection({
      db: h.db,
      businessId,
      client,
      clock: qbo.clock,
      trigger: "connect",
    });
    expect(result).toMatchObject({ status: "succeeded", kind: "full" });
    const compared = await expectMirrorEqualsEmulator(h.db, businessId, await exportNow());
    expect(compared).toBeGreaterThan(800);
    const states = await h.db.select().from(qboEntityState).where(eq(qboEntityState.businessId, businessId));
    expect(states.every((s) => s.fullSyncDone && s.status === "idle")).toBe(true);
    const [conn] = await h.db.select().from(qboConnections).where(eq(qboConnections.businessId, businessId));
    expect(conn).toMatchObject({ companyName: "Northwind Creative", homeCurrency: "USD", lastError: null });
    expect(conn!.cdcCursor).not.toBeNull();
    // The first full sync counts as a reconciliation: none is due right after it.
    expect(conn!.lastReconciledAt).not.toBeNull();
    const { enqueueDueReconciliations } = await import("@/server/jobs/run-sync");
    expect(await enqueueDueReconciliations(h.db, qbo.clock.now())).toBe(0);
    // Pages plus company info and preferences; every entity fits in one or two pages here.
    expect((result as { apiCalls: number }).apiCalls).toBeGreaterThanOrEqual(20);
  });

  it("a poll with no changes costs exactly one API request", async () => {
    const before = ((await qbo.admin("counters")) as { realms: Record<string, { total: number }> }).realms[
      qbo.realmId
    ]!.total;
    const result = await syncConnection({
      db: h.db,
      businessId,
      client: qbo.client(),
      clock: qbo.clock,
      trigger: "schedule",
    });
    expect(result).toMatchObject({ status: "succeeded", kind: "cdc", apiCalls: 1, recordsChanged: 0 });
    const after = ((await qbo.admin("counters")) as { realms: Record<string, { total: number }> }).realms[
      qbo.realmId
    ]!.total;
    expect(after - before).toBe(1);
  });

  it("after bookkeeper changes (create, edit, void, delete) one poll brings the mirror back to equality", async () => {
    const exp = await exportNow();
    const customer = exp.entities.Customer!.find((c) => c.Active)!.Id;
    const vendor = exp.entities.Vendor!.find((v) => v.Active)!.Id;
    const openBill = exp.entities.Bill!.find(
      (b) => (b.Balance as number) > 0 && (b.LinkedTxn as unknown[]).length === 0,
    )!;
    // A bill payment the mirror already holds (with its link to the bill), voided below.
    const bp = (await mutate({ op: "createBillPayment", billId: openBill.Id })).result as { Id: string };
    qbo.emu.clock.advance(1000);
    const first = await syncConnection({
      db: h.db,
      businessId,
      client: qbo.client(),
      clock: qbo.clock,
      trigger: "schedule",
    });
    expect(first).toMatchObject({ status: "succeeded", kind: "cdc" });
    await expectMirrorEqualsEmulator(h.db, businessId, await exportNow());

    // Text that array and JSON literals must escape arrives intact.
    const docNumber = 'Q"7\\{a,b} NULL';
    const privateNote = 'Line one\nline "two", \\ {three}';
    const inv = (
      await mutate({
        op: "createInvoice",
        customerId: customer,
        amountCents: 250_000,
        dueDate: "2027-01-15",
        docNumber,
      })
    ).result as { Id: string };
    await mutate({ op: "editInvoice", id: inv.Id, amountCents: 260_000, privateNote });
    const bill = (await mutate({ op: "createBill", vendorId: vendor, amountCents: 99_900, dueDate: null }))
      .result as { Id: string };
    await mutate({ op: "voidBillPayment", id: bp.Id });
    const paid = exp.entities.Payment!.find(
      (p) => !(p.LinkedTxn as unknown[] | undefined)?.length && (p.Line as unknown[]).length > 0,
    )!;
    await mutate({ op: "deletePayment", id: paid.Id });
    await mutate({ op: "deleteBill", id: bill.Id });
    qbo.emu.clock.advance(1000);

    const result = await syncConnection({
      db: h.db,
      businessId,
      client: qbo.client(),
      clock: qbo.clock,
      trigger: "schedule",
    });
    expect(result).toMatchObject({ status: "succeeded", kind: "cdc" });
    const after = await exportNow();
    await expectMirrorEqualsEmulator(h.db, businessId, after);
    const [deletedPayment] = await h.db
      .select()
      .from(qboTransactions)
      .where(
        and(
          eq(qboTransactions.businessId, businessId),
          eq(qboTransactions.type, "Payment"),
          eq(qboTransactions.qboId, paid.Id as string),
        ),
      );
    expect(deletedPayment!.deleted).toBe(true);
    const [created] = await h.db
      .select()
      .from(qboTransactions)
      .where(
        and(
          eq(qboTransactions.businessId, businessId),
          eq(qboTransactions.type, "Invoice"),
          eq(qboTransactions.qboId, inv.Id),
        ),
      );
    expect({ docNumber: created!.docNumber, privateNote: created!.privateNote }).toEqual({
      docNumber,
      privateNote,
    });
    const runs = await h.db.select().from(syncRuns).where(eq(syncRuns.businessId, businessId));
    expect(runs.map((r) => r.status)).toEqual(["succeeded", "succeeded", "succeeded", "succeeded"]);
  });

  it("replaying the same changes is a no-op, and a second sync while one runs is refused", async () => {
    const client = qbo.client();
    const [conn] = await h.db.select().from(qboConnections).where(eq(qboConnections.businessId, businessId));
    // Rewind the cursor: the same window again changes nothing.
    await h.db
      .update(qboConnections)
      .set({ cdcCursor: new Date(conn!.cdcCursor!.getTime() - 3_600_000) })
      .where(eq(qboConnections.businessId, businessId));
    const replay = await syncConnection({
      db: h.db,
      businessId,
      client,
      clock: qbo.clock,
      trigger: "manual",
    });
    expect(replay).toMatchObject({ status: "succeeded", recordsChanged: 0 });
    const { takeLease } = await import("@/server/qbo/sync/sync-connection");
    expect(await takeLease(h.db, businessId, "someone-else", qbo.clock.now())).toBe(true);
    const busy = await syncConnection({ db: h.db, businessId, client, clock: qbo.clock, trigger: "manual" });
    expect(busy).toEqual({ status: "skipped", reason: "busy" });
  });

  it("the weekly reconciliation reads back the window's changes: one a poll missed is repaired and recorded as drift, in one CDC call for the week", async () => {
    await h.db.delete(syncLeases).where(eq(syncLeases.businessId, businessId));
    const exp = await exportNow();
    const customer = exp.entities.Customer!.find((c) => c.Active)!.Id;
    const inv = (await mutate({ op: "createInvoice", customerId: customer, amountCents: 41_000 })).result as {
      Id: string;
    };
    // The poll's window starts after the change (as if its notification and a poll were lost).
    qbo.emu.clock.advance(10 * 60_000);
    await h.db
      .update(qboConnections)
      .set({ cdcCursor: new Date(qbo.emu.clock.now()) })
      .where(eq(qboConnections.businessId, businessId));
    const sync = (trigger: "schedule" | "reconcile") =>
      syncConnection({ db: h.db, businessId, client: qbo.client(), clock: qbo.clock, trigger });
    expect(await sync("schedule")).toMatchObject({ status: "succeeded", recordsChanged: 0 });
    // A change since that poll: the reconciliation's read brings it in as news, not drift.
    const vendor = exp.entities.Vendor!.find((v) => v.Active)!.Id;
    const bill = (await mutate({ op: "createBill", vendorId: vendor, amountCents: 12_300 })).result as {
      Id: string;
    };
    const reconcile = await sync("reconcile");
    // One CDC call over the week (it is also the poll's catch-up) and the week's templates.
    expect(reconcile).toMatchObject({ status: "succeeded", apiCalls: 2 });
    // The invoice, and the customer and A/R account whose balances it moved.
    const drift = await h.db.select().from(qboDrift).where(eq(qboDrift.businessId, businessId));
    expect(drift.map((d) => `${d.entity}:${d.kind}`).sort()).toEqual([
      "Account:changed",
      "Customer:changed",
      "Invoice:changed",
    ]);
    expect(drift.find((d) => d.entity === "Invoice")!.qboId).toBe(inv.Id);
    expect(drift.some((d) => d.entity === "Bill" && d.qboId === bill.Id)).toBe(false);
    const [mirrored] = await h.db
      .select()
      .from(qboTransactions)
      .where(and(eq(qboTransactions.businessId, businessId), eq(qboTransactions.qboId, bill.Id)));
    expect(mirrored).toBeDefined();
    await expectMirrorEqualsEmulator(h.db, businessId, await exportNow());
    await h.db.delete(qboDrift).where(eq(qboDrift.businessId, businessId));
  });

  it("reconciliation finds what CDC cannot (a silent delete, a silent edit), repairs it and records drift", async () => {
    await h.db.delete(syncLeases).where(eq(syncLeases.businessId, businessId)); // the previous test's "other holder"
    const company = qbo.emu.company(qbo.realmId)!;
    const bill = [...company.table("Bill").values()].find(
      (r) => (r.wire.LinkedTxn as unknown[]).length === 0,
    )!.wire;
    const invoice = [...company.table("Invoice").values()][5]!.wire;
    // Behind QuickBooks' back: no tombstone, no LastUpdatedTime change (an outage longer than CDC's window looks like this).
    company.table("Bill").delete(bill.Id);
    invoice.PrivateNote = "edited where CDC cannot see it";
    company.table("Invoice").get(invoice.Id)!.json = undefined;

    const poll = await syncConnection({
      db: h.db,
      businessId,
      client: qbo.client(),
      clock: qbo.clock,
      trigger: "schedule",
    });
    expect(poll).toMatchObject({ status: "succeeded", recordsChanged: 0 }); // CDC saw nothing
    // A quarter since everything was last read: this reconciliation re-pages every entity.
    await h.db
      .update(qboConnections)
      .set({ lastFullSyncAt: new Date(qbo.clock.now().getTime() - 91 * 86_400_000) })
      .where(eq(qboConnections.businessId, businessId));
    const reconcile = await syncConnection({
      db: h.db,
      businessId,
      client: qbo.client(),
      clock: qbo.clock,
      trigger: "reconcile",
    });
    expect(reconcile).toMatchObject({ status: "succeeded" });
    const drift = await h.db.select().from(qboDrift).where(eq(qboDrift.businessId, businessId));
    expect(drift.map((d) => `${d.entity}:${d.qboId}:${d.kind}`).sort()).toEqual(
      [`Bill:${bill.Id}:missing_remote`, `Invoice:${invoice.Id}:changed`].sort(),
    );
    const [row] = await h.db
      .select()
      .from(qboTransactions)
      .where(
        and(
          eq(qboTransactions.businessId, businessId),
          eq(qboTransactions.type, "Bill"),
          eq(qboTransactions.qboId, bill.Id),
        ),
      );
    expect(row!.deleted).toBe(true);
    await expectMirrorEqualsEmulator(h.db, businessId, await exportNow());
    const [conn] = await h.db.select().from(qboConnections).where(eq(qboConnections.businessId, businessId));
    expect(conn!.lastReconciledAt).not.toBeNull();
  });
});
