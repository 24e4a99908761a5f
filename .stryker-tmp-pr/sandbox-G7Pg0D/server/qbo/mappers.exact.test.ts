// @ts-nocheck
import { describe, expect, it } from "vitest";
import {
  mapAccount,
  mapParty,
  mapRecurring,
  mapTerm,
  mapTransaction,
  parseInstant,
  readWireItem,
  type TWireEntity,
} from "./mappers";

/**
 * Issue 15: every field each mapper writes, in full, for crafted wire objects (the real captures
 * are mappers.test.ts). What a wrong field costs: a bill on the wrong account, a foreign amount
 * taken as home currency, an inactive customer counted, a payment linked to nothing.
 */
const meta = { LastUpdatedTime: "2026-11-20T09:15:00-08:00" };
const wire = (o: Record<string, unknown>): TWireEntity => ({ Id: "7", SyncToken: "3", MetaData: meta, ...o });

describe("the mappers, field by field", () => {
  it("accounts", () => {
    expect(
      mapAccount(
        wire({
          Name: "Checking",
          FullyQualifiedName: "Bank:Checking",
          AccountType: "Bank",
          AccountSubType: "Checking",
          Classification: "Asset",
          CurrentBalance: 1234.56,
          Active: false,
          CurrencyRef: { value: "CAD" },
          ParentRef: { value: "2" },
        }),
      ),
    ).toEqual({
      qboId: "7",
      syncToken: 3,
      name: "Checking",
      fullyQualifiedName: "Bank:Checking",
      accountType: "Bank",
      accountSubType: "Checking",
      classification: "Asset",
      currency: "CAD",
      currentBalanceCents: 123_456,
      active: false,
      parentId: "2",
    });
    expect(mapAccount(wire({ Name: "A", AccountType: "Expense" }))).toEqual({
      qboId: "7",
      syncToken: 3,
      name: "A",
      fullyQualifiedName: null,
      accountType: "Expense",
      accountSubType: null,
      classification: null,
      currency: null,
      currentBalanceCents: 0,
      active: true,
      parentId: null,
    });
  });

  it("customers and vendors", () => {
    expect(
      mapParty(
        "customer",
        wire({
          DisplayName: "Acme",
          Balance: "10.05",
          Active: false,
          PrimaryEmailAddr: { Address: "ap@acme.test" },
          SalesTermRef: { value: "3" },
          ParentRef: { value: "9" },
          CurrencyRef: { value: "EUR" },
        }),
      ),
    ).toEqual({
      kind: "customer",
      qboId: "7",
      syncToken: 3,
      displayName: "Acme",
      email: "ap@acme.test",
      balanceCents: 1005,
      active: false,
      termId: "3",
      parentId: "9",
      currency: "EUR",
    });
    // A vendor's TermRef wins over SalesTermRef; an empty email is no email.
    expect(
      mapParty(
        "vendor",
        wire({
          DisplayName: "V",
          TermRef: { value: "1" },
          SalesTermRef: { value: "2" },
          PrimaryEmailAddr: { Address: "" },
        }),
      ),
    ).toEqual({
      kind: "vendor",
      qboId: "7",
      syncToken: 3,
      displayName: "V",
      email: null,
      balanceCents: 0,
      active: true,
      termId: "1",
      parentId: null,
      currency: null,
    });
    expect(() => mapParty("vendor", wire({ DisplayName: "V", PrimaryEmailAddr: "x" }))).toThrow();
  });

  it("terms", () => {
    expect(mapTerm(wire({ Name: "Net 30", DueDays: 30, Active: false }))).toEqual({
      qboId: "7",
      syncToken: 3,
      name: "Net 30",
      dueDays: 30,
      active: false,
    });
    expect(mapTerm(wire({ Name: "Due on receipt" }))).toEqual({
      qboId: "7",
      syncToken: 3,
      name: "Due on receipt",
      dueDays: null,
      active: true,
    });
    expect(() => mapTerm(wire({ Name: "X", DueDays: "30" }))).toThrow();
  });

  const txnBase = {
    qboId: "7",
    syncToken: 3,
    docNumber: null,
    txnDate: null,
    dueDate: null,
    balanceCents: null,
    currency: null,
    exchangeRate: null,
    customerId: null,
    vendorId: null,
    accountId: null,
    toAccountId: null,
    termId: null,
    emailStatus: null,
    isCredit: false,
    privateNote: null,
    lineAccountIds: [],
    lastUpdatedAt: new Date("2026-11-20T17:15:00Z"),
  };

  it("an invoice in another currency keeps its foreign amount, balance and exchange rate", () => {
    expect(
      mapTransaction(
        "Invoice",
        wire({
          DocNumber: "1001",
          TxnDate: "2026-11-01",
          DueDate: "2026-12-01",
          TotalAmt: 500,
          Balance: 120.5,
          CurrencyRef: { value: "EUR" },
          ExchangeRate: 1.08,
          CustomerRef: { value: "c1" },
          SalesTermRef: { value: "t3" },
          EmailStatus: "EmailSent",
          PrivateNote: "note",
          Line: [{ Amount: 500, SalesItemLineDetail: { ItemRef: { value: "1" } } }],
        }),
      ),
    ).toEqual({
      txn: {
        ...txnBase,
        type: "Invoice",
        docNumber: "1001",
        txnDate: "2026-11-01",
        dueDate: "2026-12-01",
        amountCents: 50_000,
        balanceCents: 12_050,
        currency: "EUR",
        exchangeRate: "1.08",
        customerId: "c1",
        termId: "t3",
        emailStatus: "EmailSent",
        privateNote: "note",
      },
      links: [],
    });
  });

  it("bills, credit memos and vendor credits carry their balance; a payment its unapplied amount and the invoices it paid", () => {
    for (const type of ["Bill", "CreditMemo", "VendorCredit"] as const)
      expect(mapTransaction(type, wire({ TotalAmt: 10, Balance: 4 })).txn.balanceCents).toBe(400);
    expect(mapTransaction("Deposit", wire({ TotalAmt: 10, Balance: 4 })).txn.balanceCents).toBeNull();
    expect(mapTransaction("Bill", wire({ TotalAmt: 10 })).txn.balanceCents).toBeNull();
    const payment = mapTransaction(
      "Payment",
      wire({
        TotalAmt: 300,
        UnappliedAmt: 50,
        Balance: 999,
        CustomerRef: { value: "c1" },
        DepositToAccountRef: { value: "35" },
        Line: [
          { Amount: 200, LinkedTxn: [{ TxnId: "i1", TxnType: "Invoice" }] },
          { Amount: 25, LinkedTxn: [{ TxnId: "cm1", TxnType: "CreditMemo" }] },
          { Amount: 50, LinkedTxn: [{ TxnType: "Invoice" }] },
          { Amount: 25, LinkedTxn: [] },
          { Amount: 25 },
        ],
      }),
    );
    expect(payment).toEqual({
      txn: {
        ...txnBase,
        type: "Payment",
        amountCents: 30_000,
        balanceCents: 5_000,
        customerId: "c1",
        accountId: "35",
      },
      links: [{ lineNo: 0, toType: "Invoice", toId: "i1", amountCents: 20_000 }],
    });
  });

  it("the cash account of each kind of document, and the other side of transfers", () => {
    const acct = (type: Parameters<typeof mapTransaction>[0], o: Record<string, unknown>) => {
      const { accountId, toAccountId } = mapTransaction(type, wire(o)).txn;
      return { accountId, toAccountId };
    };
    for (const type of ["Payment", "Deposit", "SalesReceipt", "RefundReceipt"] as const)
      expect(acct(type, { DepositToAccountRef: { value: "d" }, AccountRef: { value: "x" } })).toEqual({
        accountId: "d",
        toAccountId: null,
      });
    expect(acct("Purchase", { AccountRef: { value: "card" }, DepositToAccountRef: { value: "x" } })).toEqual({
      accountId: "card",
      toAccountId: null,
    });
    expect(acct("BillPayment", { CheckPayment: { BankAccountRef: { value: "bank" } } })).toEqual({
      accountId: "bank",
      toAccountId: null,
    });
    expect(acct("BillPayment", { CreditCardPayment: { CCAccountRef: { value: "cc" } } })).toEqual({
      accountId: "cc",
      toAccountId: null,
    });
    expect(acct("BillPayment", {})).toEqual({ accountId: null, toAccountId: null });
    expect(acct("Transfer", { FromAccountRef: { value: "a" }, ToAccountRef: { value: "b" } })).toEqual({
      accountId: "a",
      toAccountId: "b",
    });
    expect(
      acct("CreditCardPayment", { BankAccountRef: { value: "bank" }, CreditCardAccountRef: { value: "cc" } }),
    ).toEqual({ accountId: "bank", toAccountId: "cc" });
    for (const type of ["Invoice", "Bill", "JournalEntry", "CreditMemo", "VendorCredit"] as const)
      expect(acct(type, { DepositToAccountRef: { value: "d" }, AccountRef: { value: "a" } })).toEqual({
        accountId: null,
        toAccountId: null,
      });
    // A reference that is not an object with a string value is no reference.
    expect(acct("Purchase", { AccountRef: "card" })).toEqual({ accountId: null, toAccountId: null });
    expect(acct("Purchase", { AccountRef: { value: 5 } })).toEqual({ accountId: null, toAccountId: null });
  });

  it("transfers and card payments take Amount, others TotalAmt; bill payments link to bills, deposits to payments", () => {
    expect(mapTransaction("Transfer", wire({ Amount: 12, TotalAmt: 99 })).txn.amountCents).toBe(1200);
    expect(mapTransaction("CreditCardPayment", wire({ Amount: 13, TotalAmt: 99 })).txn.amountCents).toBe(
      1300,
    );
    expect(mapTransaction("Purchase", wire({ Amount: 12, TotalAmt: 99 })).txn.amountCents).toBe(9900);
    expect(mapTransaction("Purchase", wire({})).txn.amountCents).toBe(0);
    expect(
      mapTransaction(
        "BillPayment",
        wire({
          Line: [
            { Amount: 5, LinkedTxn: [{ TxnId: "b1", TxnType: "Bill" }] },
            { Amount: 6, LinkedTxn: [{ TxnId: "i1", TxnType: "Invoice" }] },
          ],
        }),
      ).links,
    ).toEqual([{ lineNo: 0, toType: "Bill", toId: "b1", amountCents: 500 }]);
    expect(
      mapTransaction(
        "Deposit",
        wire({ Line: [{ Amount: 7, LinkedTxn: [{ TxnId: "p1", TxnType: "Payment" }] }] }),
      ).links,
    ).toEqual([{ lineNo: 0, toType: "Payment", toId: "p1", amountCents: 700 }]);
    expect(
      mapTransaction(
        "Invoice",
        wire({ Line: [{ Amount: 7, LinkedTxn: [{ TxnId: "p1", TxnType: "Payment" }] }] }),
      ).links,
    ).toEqual([]);
  });

  it("parties from EntityRef by its type; expense accounts from every kind of line; a credit flag", () => {
    const t = mapTransaction(
      "Purchase",
      wire({
        EntityRef: { value: "v9", type: "Vendor" },
        Credit: true,
        Line: [
          { Amount: 1, AccountBasedExpenseLineDetail: { AccountRef: { value: "60" } } },
          { Amount: 1, JournalEntryLineDetail: { AccountRef: { value: "61" } } },
          { Amount: 1, DepositLineDetail: { AccountRef: { value: "62" } } },
          { Amount: 1, AccountBasedExpenseLineDetail: { AccountRef: { value: "60" } } },
          { Amount: 1, ItemBasedExpenseLineDetail: { ItemRef: { value: "i" } } },
        ],
      }),
    ).txn;
    expect(t).toMatchObject({
      vendorId: "v9",
      customerId: null,
      isCredit: true,
      lineAccountIds: ["60", "61", "62"],
    });
    expect(
      mapTransaction("Purchase", wire({ EntityRef: { value: "c9", type: "Customer" } })).txn,
    ).toMatchObject({
      customerId: "c9",
      vendorId: null,
    });
    expect(mapTransaction("Purchase", wire({ EntityRef: { type: "Customer" } })).txn.customerId).toBeNull();
    expect(
      mapTransaction("Purchase", wire({ EntityRef: { value: "e1", type: "Employee" } })).txn,
    ).toMatchObject({
      customerId: null,
      vendorId: null,
    });
    expect(
      mapTransaction(
        "Payment",
        wire({ CustomerRef: { value: "c1" }, EntityRef: { value: "c2", type: "Customer" } }),
      ).txn.customerId,
    ).toBe("c1");
    expect(mapTransaction("Purchase", wire({ Credit: "true" })).txn.isCredit).toBe(false);
    expect(mapTransaction("Purchase", wire({ Line: "nope" })).txn.lineAccountIds).toEqual([]);
  });

  it("recurring templates", () => {
    expect(
      mapRecurring(
        wire({
          domain: "QBO",
          sparse: false,
          Bill: {
            TotalAmt: 2500,
            VendorRef: { value: "v1" },
            RecurringInfo: {
              Name: "Rent",
              Active: false,
              ScheduleInfo: {
                IntervalType: "Monthly",
                NumInterval: 1,
                DayOfMonth: 1,
                NextDate: "2026-12-01",
              },
            },
          },
        }),
      ),
    ).toEqual({
      qboId: "7",
      syncToken: 3,
      txnType: "Bill",
      name: "Rent",
      active: false,
      intervalType: "Monthly",
      numInterval: 1,
      dayOfMonth: 1,
      nextDate: "2026-12-01",
      amountCents: 250_000,
      partyId: "v1",
    });
    expect(
      mapRecurring(
        wire({
          Invoice: {
            CustomerRef: { value: "c1" },
            RecurringInfo: { ScheduleInfo: { NumInterval: "1", DayOfMonth: "2" } },
          },
        }),
      ),
    ).toEqual({
      qboId: "7",
      syncToken: 3,
      txnType: "Invoice",
      name: null,
      active: true,
      intervalType: null,
      numInterval: null,
      dayOfMonth: null,
      nextDate: null,
      amountCents: null,
      partyId: "c1",
    });
    expect(mapRecurring(wire({ Name: "x" })).txnType).toBe("Unknown");
  });

  it("timestamps with every offset spelling are instants; anything else is refused", () => {
    expect(parseInstant("2026-11-20T09:15:00-08:00").toISOString()).toBe("2026-11-20T17:15:00.000Z");
    expect(parseInstant("2026-11-20T09:15:00-0800").toISOString()).toBe("2026-11-20T17:15:00.000Z");
    expect(parseInstant("2026-11-20T09:15:00+0530").toISOString()).toBe("2026-11-20T03:45:00.000Z");
    expect(parseInstant("2026-11-20T09:15:00.123Z").toISOString()).toBe("2026-11-20T09:15:00.123Z");
    expect(() => parseInstant("yesterday")).toThrow("Not a timestamp: yesterday");
  });

  it("list items: a tombstone, a live entity, or an error", () => {
    expect(readWireItem({ status: "Deleted", Id: "9", MetaData: meta })).toEqual({
      deleted: true,
      id: "9",
      lastUpdatedTime: meta.LastUpdatedTime,
    });
    const live = wire({ status: "Active" });
    expect(readWireItem(live)).toEqual({ deleted: false, entity: live });
    expect(() => readWireItem(null)).toThrow();
    expect(() => readWireItem({ status: "Deleted", Id: "9" })).toThrow();
  });
});
