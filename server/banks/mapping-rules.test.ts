import { describe, expect, it } from "vitest";
import { bookTypeFor, suggestMapping } from "./mapping-rules";

const bank = (o: Partial<Parameters<typeof suggestMapping>[0]> = {}) => ({
  accountId: "a",
  name: "Business Checking",
  mask: "8919",
  type: "depository",
  subtype: "checking",
  ...o,
});
const books = [
  { qboId: "35", name: "Checking", type: "Bank" },
  { qboId: "36", name: "Savings", type: "Bank" },
  { qboId: "41", name: "Mastercard", type: "Credit Card" },
  { qboId: "90", name: "Rent", type: "Expense" },
];

describe("suggesting the QuickBooks account of a bank account", () => {
  it("maps kinds: depository to Bank, credit to Credit Card, anything else to none", () => {
    expect([bookTypeFor("depository"), bookTypeFor("credit"), bookTypeFor("loan")]).toEqual([
      "Bank",
      "Credit Card",
      null,
    ]);
  });
  it("the same name wins", () => {
    expect(suggestMapping(bank({ name: "Savings", subtype: "checking" }), books)).toEqual({
      qboId: "36",
      reason: "name",
    });
  });
  it("then the mask, as a whole number in the QuickBooks name", () => {
    const withMask = [
      ...books,
      { qboId: "37", name: "Chase 8919", type: "Bank" },
      { qboId: "38", name: "Acct 189190", type: "Bank" },
    ];
    expect(suggestMapping(bank({ subtype: null }), withMask)).toEqual({ qboId: "37", reason: "mask" });
    expect(suggestMapping(bank({ mask: "1919", subtype: null }), withMask)).toBeNull();
  });
  it("then the kind in the name (checking, savings)", () => {
    expect(suggestMapping(bank(), books)).toEqual({ qboId: "35", reason: "kind" });
    expect(suggestMapping(bank({ name: "Reserve", subtype: "savings" }), books)).toEqual({
      qboId: "36",
      reason: "kind",
    });
  });
  it("the only account of its type when nothing else tells; a card is never a bank account", () => {
    expect(suggestMapping(bank({ name: "Visa", type: "credit", subtype: "credit card" }), books)).toEqual({
      qboId: "41",
      reason: "only",
    });
    expect(suggestMapping(bank({ name: "Money market", subtype: "money market" }), books)).toBeNull();
  });
  it("a tie or an account already taken suggests nothing", () => {
    const two = [
      { qboId: "35", name: "Checking A", type: "Bank" },
      { qboId: "36", name: "Checking B", type: "Bank" },
    ];
    expect(suggestMapping(bank(), two)).toBeNull();
    expect(suggestMapping(bank(), two, new Set(["36"]))).toEqual({ qboId: "35", reason: "kind" });
    expect(suggestMapping(bank({ type: "credit" }), books, new Set(["41"]))).toBeNull();
  });
});
