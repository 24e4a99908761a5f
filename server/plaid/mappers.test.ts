import type { AccountBase, Transaction } from "plaid";
import { describe, expect, it } from "vitest";
import { mapAccount, mapTransaction } from "./mappers";

const acct = (o: Partial<AccountBase> = {}): AccountBase =>
  ({
    account_id: "a1",
    name: "Checking",
    official_name: "Platinum Checking",
    mask: "0001",
    type: "depository",
    subtype: "checking",
    balances: {
      current: 1234.56,
      available: 1200.1,
      limit: null,
      iso_currency_code: "USD",
      unofficial_currency_code: null,
    },
    ...o,
  }) as AccountBase;

const txn = (o: Partial<Transaction> = {}): Transaction =>
  ({
    transaction_id: "t1",
    account_id: "a1",
    amount: 19.99,
    iso_currency_code: "USD",
    unofficial_currency_code: null,
    date: "2026-11-20",
    authorized_date: "2026-11-19",
    name: "STAPLES",
    merchant_name: "Staples",
    pending: false,
    pending_transaction_id: null,
    personal_finance_category: { primary: "GENERAL_MERCHANDISE", detailed: "x", confidence_level: "HIGH" },
    check_number: null,
    ...o,
  }) as Transaction;

describe("Plaid wire objects to mirror rows", () => {
  it("an account: decimal balances to exact cents, its kind as text", () => {
    expect(mapAccount(acct())).toEqual({
      accountId: "a1",
      name: "Checking",
      officialName: "Platinum Checking",
      mask: "0001",
      type: "depository",
      subtype: "checking",
      currentCents: 123_456,
      availableCents: 120_010,
      limitCents: null,
      currency: "USD",
    });
  });
  it("missing pieces stay null; an unofficial currency is kept", () => {
    const a = mapAccount(
      acct({
        official_name: undefined as never,
        mask: undefined as never,
        subtype: null,
        balances: {
          current: null,
          available: null,
          limit: 5000,
          iso_currency_code: null,
          unofficial_currency_code: "BTC",
        },
      }),
    );
    expect([
      a.officialName,
      a.mask,
      a.subtype,
      a.currentCents,
      a.availableCents,
      a.limitCents,
      a.currency,
    ]).toEqual([null, null, null, null, null, 500_000, "BTC"]);
    expect(mapAccount(acct({ subtype: undefined as never })).subtype).toBeNull();
    expect(
      mapAccount(
        acct({ balances: { ...acct().balances, iso_currency_code: null, unofficial_currency_code: null } }),
      ).currency,
    ).toBeNull();
  });
  it("a transaction keeps Plaid's sign (positive = money out) in exact cents", () => {
    expect(mapTransaction(txn())).toEqual({
      transactionId: "t1",
      accountId: "a1",
      amountCents: 1999,
      currency: "USD",
      date: "2026-11-20",
      authorizedDate: "2026-11-19",
      name: "STAPLES",
      merchantName: "Staples",
      pending: false,
      pendingTransactionId: null,
      category: "GENERAL_MERCHANDISE",
      checkNumber: null,
    });
    expect(
      mapTransaction(
        txn({ amount: -1500.1, pending: true, pending_transaction_id: "p0", check_number: "1001" }),
      ),
    ).toMatchObject({
      amountCents: -150_010,
      pending: true,
      pendingTransactionId: "p0",
      checkNumber: "1001",
    });
  });
  it("a transaction without a name takes the merchant's, else empty; no category, no currency", () => {
    const t = mapTransaction(
      txn({
        name: undefined as never,
        merchant_name: "Acme",
        personal_finance_category: null,
        authorized_date: null,
        iso_currency_code: null,
        unofficial_currency_code: "EUR",
      }),
    );
    expect([t.name, t.category, t.authorizedDate, t.currency]).toEqual(["Acme", null, null, "EUR"]);
    expect(mapTransaction(txn({ name: undefined as never, merchant_name: null })).name).toBe("");
    expect(
      mapTransaction(txn({ iso_currency_code: null, unofficial_currency_code: null })).currency,
    ).toBeNull();
    expect(mapTransaction(txn({ merchant_name: undefined as never })).merchantName).toBeNull();
  });
  it("a transaction without an amount is refused", () => {
    expect(() => mapTransaction(txn({ amount: null as never }))).toThrow("transaction t1 has no amount");
  });
});
