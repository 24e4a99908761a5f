import { describe, expect, it } from "vitest";
import {
  matchBankToBooks,
  partyInText,
  reconciledCash,
  scorePair,
  type TBankLine,
  type TBookLine,
} from "./match";

const bank = (id: string, o: Partial<TBankLine> = {}): TBankLine => ({
  id,
  accountId: "35",
  amountCents: 20_000,
  date: "2026-03-10",
  pending: false,
  name: "CHECK 1001",
  checkNumber: null,
  ...o,
});
const book = (qboId: string, o: Partial<TBookLine> = {}): TBookLine => ({
  key: `BillPayment:${qboId}`,
  type: "BillPayment",
  qboId,
  accountId: "35",
  amountCents: 20_000,
  date: "2026-03-10",
  party: null,
  docNumber: null,
  ...o,
});

describe("scoring a bank transaction against a book movement", () => {
  it("same account, amount and day, the check number and the payee: 100", () => {
    expect(
      scorePair(
        bank("b", { checkNumber: "1001", name: "CHECK 1001 PEARL STUDIO" }),
        book("1", { docNumber: "1001", party: "Pearl Studio LLC" }),
      ),
    ).toEqual({ score: 100, reasons: ["amount", "date", "check", "party"] });
  });
  it("the dates: 2 points less a day apart, from 3 days before to 10 after; outside, no match", () => {
    expect(scorePair(bank("b", { date: "2026-03-07" }), book("1"))).toEqual({
      score: 74,
      reasons: ["amount", "date"],
    });
    expect(scorePair(bank("b", { date: "2026-03-06" }), book("1"))).toBeNull();
    expect(scorePair(bank("b", { date: "2026-03-20" }), book("1"))).toEqual({
      score: 60,
      reasons: ["amount"],
    });
    expect(scorePair(bank("b", { date: "2026-03-19" }), book("1"))).toEqual({
      score: 62,
      reasons: ["amount", "date"],
    });
    expect(scorePair(bank("b", { date: "2026-03-21" }), book("1"))).toBeNull();
  });
  it("another amount or another account is never a match; a check number only counts when both have the same", () => {
    expect(scorePair(bank("b", { amountCents: 20_001 }), book("1"))).toBeNull();
    expect(scorePair(bank("b", { amountCents: -20_000 }), book("1"))).toBeNull();
    expect(scorePair(bank("b", { accountId: "36" }), book("1"))).toBeNull();
    expect(scorePair(bank("b", { checkNumber: "1001" }), book("1", { docNumber: "1002" }))?.reasons).toEqual([
      "amount",
      "date",
    ]);
    expect(scorePair(bank("b", { checkNumber: null }), book("1", { docNumber: "1001" }))?.score).toBe(80);
    expect(scorePair(bank("b", { checkNumber: "1001" }), book("1", { docNumber: null }))?.score).toBe(80);
  });
  it("a counterparty is found by its words of three letters or more, in any case", () => {
    expect(partyInText("Blue Fern Dental", "DEPOSIT blue fern")).toBe(true);
    expect(partyInText("Al & Co", "ALPHA CO")).toBe(false);
    expect(partyInText("AWS", "AWS MARKETPLACE")).toBe(true);
    expect(partyInText(null, "ANYTHING")).toBe(false);
    expect(partyInText("", "ANYTHING")).toBe(false);
  });
});

describe("matching book and bank", () => {
  it("the best pairs first, each side once; the rest is unmatched bank and uncleared book", () => {
    const r = matchBankToBooks({
      bank: [
        bank("b1", { date: "2026-03-12" }),
        bank("b2", { date: "2026-03-11" }),
        bank("fee", { amountCents: 1_500, name: "SERVICE FEE" }),
      ],
      book: [
        book("1", { date: "2026-03-10" }),
        book("2", { date: "2026-03-11" }),
        book("3", { date: "2026-03-12", amountCents: 9_900 }),
      ],
    });
    // b2 meets book 2 on its day (80); b1 then takes book 1 (two days: 76).
    expect(r.matches).toEqual([
      {
        bankId: "b2",
        bookKey: "BillPayment:2",
        confidence: 80,
        reasons: ["amount", "date"],
        confirmed: false,
      },
      {
        bankId: "b1",
        bookKey: "BillPayment:1",
        confidence: 76,
        reasons: ["amount", "date"],
        confirmed: false,
      },
    ]);
    expect(r.unmatchedBank.map((b) => b.id)).toEqual(["fee"]);
    expect(r.uncleared.map((b) => b.qboId)).toEqual(["3"]);
  });
  it("ties go to the earlier bank transaction, then the earlier book movement", () => {
    const r = matchBankToBooks({
      bank: [bank("z", { date: "2026-03-11" }), bank("a", { date: "2026-03-11" })],
      book: [book("2", { date: "2026-03-12" }), book("1", { date: "2026-03-10" })],
    });
    expect(r.matches.map((m) => [m.bankId, m.bookKey])).toEqual([
      ["a", "BillPayment:1"],
      ["z", "BillPayment:2"],
    ]);
    const later = matchBankToBooks({
      bank: [bank("y", { date: "2026-03-12" }), bank("x", { date: "2026-03-10" })],
      book: [book("1", { date: "2026-03-11" })],
    });
    expect(later.matches.map((m) => m.bankId)).toEqual(["x"]);
  });
  it("a confirmed pair stands whatever the matcher would say; a rejected pair is not proposed again", () => {
    const bankLines = [bank("b1"), bank("b2", { amountCents: 5 })];
    const bookLines = [book("1"), book("2")];
    const r = matchBankToBooks({
      bank: bankLines,
      book: bookLines,
      confirmed: [
        { bankId: "b2", bookKey: "BillPayment:1" },
        { bankId: "gone", bookKey: "BillPayment:2" },
        { bankId: "b2", bookKey: "BillPayment:2" },
      ],
      rejected: [{ bankId: "b1", bookKey: "BillPayment:2" }],
    });
    expect(r.matches).toEqual([
      { bankId: "b2", bookKey: "BillPayment:1", confidence: 100, reasons: ["confirmed"], confirmed: true },
    ]);
    expect(r.unmatchedBank.map((b) => b.id)).toEqual(["b1"]);
    expect(r.uncleared.map((b) => b.qboId)).toEqual(["2"]);
    // Without the rejection, b1 and book 2 pair up.
    expect(
      matchBankToBooks({
        bank: bankLines,
        book: bookLines,
        confirmed: [{ bankId: "b2", bookKey: "BillPayment:1" }],
      }).matches,
    ).toHaveLength(2);
    // A confirmation naming a book movement already taken is not applied twice.
    const twice = matchBankToBooks({
      bank: [bank("b1"), bank("b2")],
      book: [book("1")],
      confirmed: [
        { bankId: "b1", bookKey: "BillPayment:1" },
        { bankId: "b2", bookKey: "BillPayment:1" },
      ],
    });
    expect(twice.matches.map((m) => m.bankId)).toEqual(["b1"]);
  });
  it("book movements dated before the bank's history of their account are not uncleared", () => {
    const r = matchBankToBooks({
      bank: [bank("b1", { date: "2026-03-01", amountCents: 1 })],
      book: [
        book("old", { date: "2026-02-28" }),
        book("on", { date: "2026-03-01" }),
        book("other", { accountId: "36" }),
      ],
    });
    expect(r.uncleared.map((b) => b.qboId)).toEqual(["on"]);
    // The earliest bank date counts, in whatever order the bank's transactions come.
    const unordered = matchBankToBooks({
      bank: [
        bank("x", { date: "2026-03-05", amountCents: 1 }),
        bank("y", { date: "2026-03-01", amountCents: 2 }),
        bank("z", { date: "2026-03-03", amountCents: 3 }),
      ],
      book: [
        book("before", { date: "2026-02-28" }),
        book("first", { date: "2026-03-01" }),
        book("between", { date: "2026-03-02" }),
      ],
    });
    expect(unordered.uncleared.map((b) => b.qboId)).toEqual(["first", "between"]);
  });
  it("an open invoice dated the day of the deposit is a hint; one dated after it is not", () => {
    const r = matchBankToBooks({
      bank: [bank("in", { amountCents: -500, date: "2026-03-12" })],
      book: [],
      open: [
        {
          type: "Invoice",
          qboId: "later",
          docNumber: null,
          party: null,
          balanceCents: 500,
          date: "2026-03-13",
        },
        {
          type: "Invoice",
          qboId: "same",
          docNumber: null,
          party: null,
          balanceCents: 500,
          date: "2026-03-12",
        },
        { type: "Bill", qboId: "bill", docNumber: null, party: null, balanceCents: 500, date: "2026-03-12" },
      ],
    });
    expect(r.hints.map((x) => x.doc.qboId)).toEqual(["same"]);
    // A zero amount is not money in: never an invoice's payment.
    const zero = matchBankToBooks({
      bank: [bank("zero", { amountCents: 0 })],
      book: [],
      open: [
        { type: "Invoice", qboId: "i", docNumber: null, party: null, balanceCents: 0, date: "2026-03-01" },
      ],
    });
    expect(zero.hints).toEqual([]);
  });
  it("a deposit the books lack that is an open invoice's amount: a hint, the named customer first; an outflow, a bill", () => {
    const r = matchBankToBooks({
      bank: [
        bank("in", { amountCents: -125_000, date: "2026-03-12", name: "DEPOSIT KESTREL LABS" }),
        bank("out", { amountCents: 30_000, date: "2026-03-12", name: "ACH" }),
        bank("none", { amountCents: -7, date: "2026-03-12" }),
      ],
      book: [],
      open: [
        {
          type: "Invoice",
          qboId: "i1",
          docNumber: "1040",
          party: "Acme",
          balanceCents: 125_000,
          date: "2026-03-01",
        },
        {
          type: "Invoice",
          qboId: "i2",
          docNumber: "1041",
          party: "Kestrel Labs",
          balanceCents: 125_000,
          date: "2026-02-01",
        },
        {
          type: "Invoice",
          qboId: "i3",
          docNumber: "1042",
          party: "Kestrel Labs",
          balanceCents: 125_000,
          date: "2026-03-13",
        },
        {
          type: "Bill",
          qboId: "b9",
          docNumber: null,
          party: "Pearl",
          balanceCents: 30_000,
          date: "2026-03-02",
        },
        {
          type: "Bill",
          qboId: "b8",
          docNumber: null,
          party: "Pearl",
          balanceCents: 30_000,
          date: "2026-03-05",
        },
        {
          type: "Invoice",
          qboId: "i4",
          docNumber: null,
          party: null,
          balanceCents: 30_000,
          date: "2026-03-05",
        },
      ],
    });
    expect(r.hints.map((h) => [h.bankId, h.doc.qboId, h.confidence, h.reasons])).toEqual([
      ["in", "i2", 70, ["amount", "party"]],
      // No name to go on: the latest bill of that amount.
      ["out", "b8", 50, ["amount"]],
    ]);
  });
});

describe("reconciled cash of an account", () => {
  it("the bank's current, pending taken once, less book outflows not cleared, plus book inflows not cleared", () => {
    // 9,720.00 in the bank; a 50.00 debit and a 12.00 credit pending; a 210.00 check and a 30.00
    // deposit the bank has not seen: 9,720 − 50 + 12 − 210 + 30 = 9,502.00.
    expect(
      reconciledCash({
        currentCents: 972_000,
        bank: [
          bank("p1", { pending: true, amountCents: 5_000 }),
          bank("p2", { pending: true, amountCents: -1_200 }),
          bank("x", { amountCents: 999 }),
        ],
        uncleared: [book("c", { amountCents: 21_000 }), book("d", { amountCents: -3_000 })],
      }),
    ).toBe(950_200);
  });
});
