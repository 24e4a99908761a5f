// @ts-nocheck
import { describe, expect, it } from "vitest";
import { toHomeCents } from "./currency";

describe("home-currency conversion", () => {
  it("foreign amounts are converted in exact decimal arithmetic, never floating point", () => {
    // Each of these comes out one cent short through Math.round(cents * Number(rate)).
    expect(toHomeCents(45, "EUR", "0.7", "USD")).toBe(32); // 31.4999… in floating point
    expect(toHomeCents(50, "EUR", "1.15", "USD")).toBe(58);
    expect(toHomeCents(180, "GBP", "2.675", "USD")).toBe(482);
    expect(toHomeCents(53_000, "CAD", "1.2345", "USD")).toBe(65_429);
    expect(toHomeCents(100, "EUR", "1.005", "USD")).toBe(101);
  });

  it("rounds half away from zero, also for credits", () => {
    expect(toHomeCents(1, "EUR", "0.5", "USD")).toBe(1);
    expect(toHomeCents(-1, "EUR", "0.5", "USD")).toBe(-1);
    expect(toHomeCents(-45, "EUR", "0.7", "USD")).toBe(-32);
    expect(toHomeCents(3, "EUR", "0.1", "USD")).toBe(0); // 0.3 rounds down
    expect(toHomeCents(-3, "EUR", "0.1", "USD")).toBe(0);
    expect(toHomeCents(600_000, "EUR", "1.0842", "USD")).toBe(650_520); // the demo's EUR invoice
  });

  it("home-currency and currency-less documents keep their amount; rates are not needed", () => {
    expect(toHomeCents(12_345, "USD", null, "USD")).toBe(12_345);
    expect(toHomeCents(12_345, null, "2", "USD")).toBe(12_345);
    expect(toHomeCents(12_345, "USD", "2", "USD")).toBe(12_345);
  });

  it("a foreign document without a usable rate cannot be converted (null, never its foreign amount)", () => {
    for (const rate of [null, "", "abc", "-1.2", "1,2", "0", "0.000", "1e3", " "])
      expect(toHomeCents(12_345, "EUR", rate, "USD"), String(rate)).toBeNull();
    expect(toHomeCents(100, "EUR", " 1.5 ", "USD")).toBe(150); // surrounding space is tolerated
    expect(toHomeCents(100, "EUR", "2", "USD")).toBe(200); // a whole rate
  });
});
