// @ts-nocheck
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  mapAccount,
  mapParty,
  mapRecurring,
  mapTransaction,
  parseInstant,
  readWireItem,
  TRANSACTION_ENTITIES,
  ZTombstone,
  ZWireEntity,
} from "./mappers";

const load = (entity: string) =>
  (
    JSON.parse(
      fs.readFileSync(
        path.join(
          __dirname,
          "../../qbo-emulator/fixtures",
          `query-${entity.toLowerCase()}.sandbox-2026.json`,
        ),
        "utf8",
      ),
    ).QueryResponse[entity] as unknown[]
  ).map((x) => ZWireEntity.parse(x));

describe("mappers on real captures", () => {
  it("accounts keep QBO's sign and cents from the decimal text", () => {
    const rows = new Map(load("Account").map((w) => [w.Id, mapAccount(w)]));
    expect(rows.get("35")).toMatchObject({
      name: "Checking",
      accountType: "Bank",
      currentBalanceCents: 210100,
      currency: "USD",
      active: true,
    });
    expect(rows.get("33")).toMatchObject({ accountType: "Accounts Payable", currentBalanceCents: -220267 });
    expect(rows.get("41")).toMatchObject({ accountType: "Credit Card", currentBalanceCents: -15772 });
    expect(rows.size).toBe(92);
  });

  it("bill payments link to the bills they paid, with the paying account", () => {
    const bp = mapTransaction("BillPayment", load("BillPayment").find((w) => w.Id === "118")!);
    expect(bp.txn).toMatchObject({
      type: "BillPayment",
      amountCents: 10355,
      vendorId: "46",
      accountId: "41",
      txnDate: "2026-04-08",
    });
    expect(bp.links).toEqual([{ lineNo: 0, toType: "Bill", toId: "25", amountCents: 10355 }]);
  });

  it("purchases take the vendor from EntityRef and the card from AccountRef; 19.99 is 1999", () => {
    const p = mapTransaction("Purchase", load("Purchase").find((w) => w.Id === "142")!);
    expect(p.txn).toMatchObject({ amountCents: 1999, vendorId: "57", accountId: "41", isCredit: false });
  });

  it("invoices carry due date, open balance, customer and terms; timestamps become instants", () => {
    const inv = mapTransaction("Invoice", load("Invoice").find((w) => w.Id === "130")!);
    expect(inv.txn).toMatchObject({
      type: "Invoice",
      docNumber: "1037",
      txnDate: "2026-04-08",
      customerId: expect.any(String),
    });
    expect(inv.txn.lastUpdatedAt.toISOString()).toBe("2026-05-05T10:13:29.000Z");
    expect(parseInstant("2015-10-05T14:42:19-0700").toISOString()).toBe("2015-10-05T21:42:19.000Z");
  });

  it("payments record their unapplied amount and the invoices they paid", () => {
    const p = mapTransaction("Payment", load("Payment").find((w) => w.Id === "128")!);
    expect(p.txn).toMatchObject({ amountCents: 38700, balanceCents: 0, accountId: "4" });
    expect(p.links).toEqual([{ lineNo: 0, toType: "Invoice", toId: "96", amountCents: 38700 }]);
  });

  it("every captured transaction and party maps without error", () => {
    for (const e of [
      "Invoice",
      "Bill",
      "BillPayment",
      "Payment",
      "Deposit",
      "Purchase",
      "CreditMemo",
      "JournalEntry",
    ] as const) {
      expect(TRANSACTION_ENTITIES).toContain(e);
      for (const w of load(e)) expect(() => mapTransaction(e, w)).not.toThrow();
    }
    for (const w of load("Customer")) expect(mapParty("customer", w).displayName.length).toBeGreaterThan(0);
    for (const w of load("Vendor")) expect(mapParty("vendor", w).displayName.length).toBeGreaterThan(0);
  });

  it("refuses list items without the identity fields a sync relies on", () => {
    const meta = { LastUpdatedTime: "2026-01-01T00:00:00-08:00" };
    expect(() => readWireItem({ SyncToken: "0", MetaData: meta })).toThrow();
    expect(() => readWireItem({ Id: "1", SyncToken: 0, MetaData: meta })).toThrow();
    expect(() => readWireItem({ Id: "1", SyncToken: "0" })).toThrow();
    expect(() => readWireItem({ status: "Deleted", Id: "1" })).toThrow();
    expect(() => readWireItem(null)).toThrow();
    const live = { Id: "1", SyncToken: "3", MetaData: meta, Line: [{ Amount: 5 }], CustomField: [] };
    const read = readWireItem(live);
    expect(read.deleted === false && read.entity).toBe(live); // kept exactly as sent
    expect(readWireItem({ status: "Deleted", Id: "7", MetaData: meta })).toEqual({
      deleted: true,
      id: "7",
      lastUpdatedTime: meta.LastUpdatedTime,
    });
  });

  it("reads CDC tombstones and recurring templates", () => {
    const cdc = JSON.parse(
      fs.readFileSync(
        path.join(__dirname, "../../qbo-emulator/fixtures/cdc-with-deleted.intuit-docs.json"),
        "utf8",
      ),
    );
    const items = cdc.CDCResponse[0].QueryResponse.flatMap(
      (q: Record<string, unknown>) => Object.values(q).find(Array.isArray) ?? [],
    );
    const tombstones = items.filter((x: unknown) => ZTombstone.safeParse(x).success);
    expect(tombstones.length).toBeGreaterThan(0);
    // The sync's reader agrees on the tombstones; the docs abbreviate live entities to `{ Id }`,
    // which the reader refuses (no SyncToken or MetaData to order versions by).
    for (const x of items) {
      if (tombstones.includes(x)) expect(readWireItem(x).deleted).toBe(true);
      else expect(() => readWireItem(x)).toThrow(/SyncToken/);
    }
    const rec = mapRecurring(
      ZWireEntity.parse({
        Id: "9",
        SyncToken: "0",
        MetaData: { LastUpdatedTime: "2026-01-01T00:00:00-08:00" },
        Bill: {
          VendorRef: { value: "3" },
          TotalAmt: 9000,
          RecurringInfo: {
            Name: "Rent",
            Active: true,
            ScheduleInfo: { IntervalType: "Monthly", NumInterval: 1, DayOfMonth: 1, NextDate: "2026-02-01" },
          },
        },
      }),
    );
    expect(rec).toMatchObject({
      txnType: "Bill",
      name: "Rent",
      amountCents: 900000,
      partyId: "3",
      nextDate: "2026-02-01",
      dayOfMonth: 1,
    });
  });
});
