import { describe, expect, it } from "vitest";
import { bankLines, scenarioLine } from "./digest-words";
import { formatMoney } from "./format";
import { decisionText, itemText } from "./scenario-words";

const days = (n: number) => ({ kind: "days" as const, days: n, date: "2027-01-01", beyondHorizon: false });

describe("the digest's line about the active scenario", () => {
  const money = (c: number) => formatMoney(c, "USD");
  const low = (c: number) => ({ spendableCents: c });
  const base = (runway: Parameters<typeof scenarioLine>[1]["runway"], lowest = 500_000) => ({
    runway,
    lowest: low(lowest),
  });
  const s = (
    runway: Parameters<typeof scenarioLine>[0]["runway"],
    lowest = 400_000,
    noLongerApplies = 0,
  ) => ({
    name: "Hire a designer in March",
    runway,
    lowest: low(lowest),
    noLongerApplies,
  });
  it("runway in days on both sides, moved: shortens or lengthens, from the plan's days to the scenario's", () => {
    expect(scenarioLine(s(days(96)), base(days(140)), money)).toBe(
      "Your “Hire a designer in March” plan shortens runway from 140 to 96 days.",
    );
    expect(scenarioLine(s(days(141)), base(days(140)), money)).toBe(
      "Your “Hire a designer in March” plan lengthens runway from 140 to 141 days.",
    );
    expect(scenarioLine(s(days(96), 0, 1), base(days(140)), money)).toBe(
      "Your “Hire a designer in March” plan shortens runway from 140 to 96 days (1 decision in it no longer applies).",
    );
    expect(scenarioLine(s(days(96), 0, 2), base(days(140)), money)).toMatch(
      /\(2 decisions in it no longer apply\)\.$/,
    );
  });
  it("otherwise the runway state and how the 13-week low moves", () => {
    expect(scenarioLine(s(days(1)), base(days(1)), money)).toBe(
      "Your “Hire a designer in March” plan leaves runway at 1 day and lowers the 13-week low from $5,000.00 to $4,000.00.",
    );
    expect(scenarioLine(s(days(40), 600_000), base({ kind: "notBurning" }), money)).toBe(
      "Your “Hire a designer in March” plan takes runway from not burning cash to 40 days and raises the 13-week low from $5,000.00 to $6,000.00.",
    );
    expect(scenarioLine(s({ kind: "notBurning" }, 500_000), base({ kind: "notBurning" }), money)).toBe(
      "Your “Hire a designer in March” plan leaves runway at not burning cash and keeps the 13-week low at $5,000.00.",
    );
    expect(scenarioLine(s({ kind: "notBurning" }), base({ kind: "insufficientData" }), money)).toBe(
      "Your “Hire a designer in March” plan takes runway from not enough data to not burning cash and lowers the 13-week low from $5,000.00 to $4,000.00.",
    );
  });
});

describe("a scenario's items and decisions in words", () => {
  const money = (c: number) => formatMoney(c, "USD");
  it("each kind of item", () => {
    expect(
      itemText(
        {
          kind: "hire",
          id: "h",
          name: "Designer",
          monthlyCents: 650_000,
          from: "2027-03-01",
          payDay: 28,
          taxBp: 765,
        },
        money,
      ),
    ).toBe(
      "Hire: Designer — $6,500.00 a month from Mar 1, 2027, paid on day 28, plus 7.65% employer payroll tax ($497.25)",
    );
    expect(
      itemText(
        {
          kind: "loan",
          id: "l",
          name: "Bank line",
          amountCents: 5_000_000,
          on: "2027-01-05",
          repaymentCents: 150_000,
          firstRepayment: "2027-02-05",
          months: 36,
        },
        money,
      ),
    ).toBe(
      "Loan: Bank line — $50,000.00 in on Jan 5, 2027, then 36 repayments of $1,500.00 from Feb 5, 2027",
    );
    expect(
      itemText({ kind: "oneOff", id: "o", name: "Laptop", amountCents: -200_000, on: "2027-01-03" }, money),
    ).toBe("One-off: Laptop — out $2,000.00 on Jan 3, 2027");
    expect(
      itemText(
        { kind: "move", id: "m", name: "Gusto", recurring: "vendor:1:15", from: "2027-01-01", shiftDays: -1 },
        money,
      ),
    ).toBe("Move Gusto: 1 day earlier, from Jan 1, 2027");
    expect(
      itemText(
        {
          kind: "hire",
          id: "h",
          name: "X",
          monthlyCents: 100_000,
          from: "2027-03-01",
          payDay: 1,
          taxBp: 1000,
        },
        money,
      ),
    ).toContain("plus 10% employer payroll tax ($100.00)");
  });
  it("decisions name their document, or say it is no longer open", () => {
    const doc = { docNumber: "1042", txnDate: "2026-11-01", party: "Acme" };
    expect(decisionText({ kind: "promise", targetId: "1", date: "2027-01-10" }, doc)).toBe(
      "Promise: Invoice 1042 · Acme for Jan 10, 2027",
    );
    expect(decisionText({ kind: "schedule", targetId: "1", date: "2027-01-10" }, undefined)).toBe(
      "Pay a bill no longer open on Jan 10, 2027",
    );
    expect(decisionText({ kind: "remind", targetId: "1" }, doc)).toBe(
      "Send a reminder for Invoice 1042 · Acme (when committed)",
    );
  });
});

describe("the digest's bank lines", () => {
  const money = (c: number) => formatMoney(c, "USD");
  const now = new Date("2026-03-16T15:00:00Z");
  const base = {
    cashCents: 966_000,
    asOf: "2026-03-16T13:00:00Z",
    fresh: true,
    needsAttention: 0,
    compare: null,
  };
  it("says what is in the bank and when the bank said it; asks for matching before comparing", () => {
    expect(bankLines(base, money, now)).toEqual([
      "In the bank: $9,660.00, as the bank reported 2 hours ago.",
      "Match the bank's accounts to QuickBooks on Connections to compare bank and books.",
    ]);
  });
  it("puts bank beside book over the matched accounts: more, less, or the same", () => {
    const more = {
      ...base,
      compare: { bankCents: 966_000, bookCents: 1_000_000 - 34_000 - 20_000, accounts: 1 },
    };
    expect(bankLines(more, money, now)[1]).toBe(
      "For the 1 account matched to QuickBooks, the bank holds $200.00 more than the books ($9,660.00 against $9,460.00).",
    );
    const less = { ...base, compare: { bankCents: 100, bookCents: 300, accounts: 2 } };
    expect(bankLines(less, money, now)[1]).toBe(
      "For the 2 accounts matched to QuickBooks, the bank holds $2.00 less than the books ($1.00 against $3.00).",
    );
    const same = { ...base, compare: { bankCents: 500, bookCents: 500, accounts: 2 } };
    expect(bankLines(same, money, now)[1]).toBe(
      "For the 2 accounts matched to QuickBooks, the bank and the books agree ($5.00).",
    );
  });
  it("says when a bank needs its person, else when the bank data is stale", () => {
    expect(bankLines({ ...base, needsAttention: 1, fresh: false }, money, now).at(-1)).toBe(
      "1 bank stopped sharing data and needs you to sign in again.",
    );
    expect(bankLines({ ...base, needsAttention: 2 }, money, now).at(-1)).toBe(
      "2 banks stopped sharing data and need you to sign in again.",
    );
    expect(bankLines({ ...base, fresh: false }, money, now).at(-1)).toBe(
      "The bank has not been synced in the last 24 hours.",
    );
    expect(bankLines({ ...base, cashCents: null, asOf: null }, money, now)).toEqual([]);
  });
});
