// @ts-nocheck
import { describe, expect, it } from "vitest";
import { centsToDecimalText, formatDayIn, formatInsufficientData } from "./format";

describe("centsToDecimalText", () => {
  it("writes the exact decimal of the cents, for input fields", () => {
    expect(centsToDecimalText(123456)).toBe("1234.56");
    expect(centsToDecimalText(5)).toBe("0.05");
    expect(centsToDecimalText(-1000)).toBe("-10.00");
    expect(centsToDecimalText(0)).toBe("0.00");
  });
});

describe("words for counts and documents", () => {
  it("counts follow the plural rules: 1 day, 0 days, 2 days, 1,204 invoices", async () => {
    const { countOf, withArticle } = await import("./format");
    expect(countOf(1, "day")).toBe("1 day");
    expect(countOf(0, "day")).toBe("0 days");
    expect(countOf(2, "client")).toBe("2 clients");
    expect(countOf(1204, "invoice")).toBe("1,204 invoices");
    expect(countOf(1, "entry", "entries")).toBe("1 entry");
    expect(countOf(3, "entry", "entries")).toBe("3 entries");
    expect(withArticle("owner")).toBe("an owner");
    expect(withArticle("advisor")).toBe("an advisor");
    expect(withArticle("bookkeeper")).toBe("a bookkeeper");
    expect(withArticle("viewer")).toBe("a viewer");
  });

  it("a document is named by its number, else its type and date — never an internal id", async () => {
    const { docName } = await import("./format");
    expect(docName("Bill", "PPL-10-2026", "2026-10-01")).toBe("Bill PPL-10-2026");
    expect(docName("Bill", null, "2026-10-01")).toBe("Bill of Oct 1, 2026");
    expect(docName("Bill", "  ", "2026-10-01")).toBe("Bill of Oct 1, 2026");
    expect(docName("Invoice", " 1159 ", null)).toBe("Invoice 1159");
    expect(docName("Invoice", null, null)).toBe("Invoice without a number or date");
  });
});

describe("payment habits in words", () => {
  it("late, on time or early, with the sample it rests on", async () => {
    const { formatHabit } = await import("./format");
    expect(formatHabit({ medianDaysLate: 12, sample: 6 })).toBe(
      "usually pays 12 days late (last 6 invoices)",
    );
    expect(formatHabit({ medianDaysLate: 1, sample: 2 })).toBe("usually pays 1 day late (last 2 invoices)");
    expect(formatHabit({ medianDaysLate: 0, sample: 3 })).toBe("usually pays on time (last 3 invoices)");
    expect(formatHabit({ medianDaysLate: -2, sample: 1 })).toBe("usually pays 2 days early (last invoice)");
  });
});

describe("calendar days in the business's timezone", () => {
  it("an instant is the day it is where the business is, not in UTC", () => {
    // 03:00 UTC on Dec 3 is still the evening of Dec 2 in Los Angeles, already Dec 3 in Tokyo.
    const at = new Date("2026-12-03T03:00:00Z");
    expect(formatDayIn(at, "America/Los_Angeles")).toBe("Dec 2, 2026");
    expect(formatDayIn(at, "Asia/Tokyo")).toBe("Dec 3, 2026");
    expect(formatDayIn(at, "UTC")).toBe("Dec 3, 2026");
  });
});

describe("why there is no forecast", () => {
  it("is worded from the engine's facts, and a stored sentence is kept as it was", () => {
    expect(formatInsufficientData({ reason: "noBankAccount", firstActivityDate: null, windowDays: 90 })).toBe(
      "No active bank account in QuickBooks: there is no cash to measure.",
    );
    expect(
      formatInsufficientData({ reason: "shortHistory", firstActivityDate: "2026-02-01", windowDays: 90 }),
    ).toBe(
      "Less than 90 days of transactions in QuickBooks (the first is on Feb 1, 2026): burn cannot be measured yet.",
    );
    expect(formatInsufficientData({ reason: "shortHistory", firstActivityDate: null, windowDays: 90 })).toBe(
      "Less than 90 days of transactions in QuickBooks: burn cannot be measured yet.",
    );
    expect(formatInsufficientData({ reason: "shortHistory", message: "As stored in 2026." })).toBe(
      "As stored in 2026.",
    );
  });
});
