// @ts-nocheck
import { describe, expect, it } from "vitest";
import { centsToQboAmount, decimalTextToCents, toCents } from "./money";

describe("money parser", () => {
  it("converts through the decimal text", () => {
    expect(toCents(19.99)).toBe(1999);
    expect(toCents(0.1 + 0.2)).toBe(30); // 0.30000000000000004
    expect(toCents(1.005)).toBe(101); // String(1.005) is "1.005": half away from zero
    expect(toCents(-2202.67)).toBe(-220267);
    expect(toCents(300)).toBe(30000);
    expect(toCents("37.50")).toBe(3750);
    expect(toCents(1e-7)).toBe(0);
    expect(() => toCents(1e21)).toThrow(/out of range/);
    expect(toCents(null)).toBeNull();
    expect(toCents("")).toBeNull();
  });

  it("amounts are parsed from their decimal text, never through floating point", () => {
    // Math.round(n * 100) gets each of these one cent wrong; Math.trunc gets the first ones wrong.
    expect(toCents(2.675)).toBe(268); // 267.49999999999997
    expect(toCents(1.005)).toBe(101); // 100.49999999999999
    expect(toCents(0.29)).toBe(29); // 28.999999999999996
    expect(toCents(4.35)).toBe(435);
    expect(toCents(1.15)).toBe(115);
    expect(toCents("1234567.895")).toBe(123_456_790);
    expect(toCents("-0.005")).toBe(-1);
    expect(toCents("-0.004")).toBe(0);
    expect(toCents("12.")).toBe(1200);
    expect(toCents(" 7.10 ")).toBe(710);
    expect(toCents("90071992547409.91")).toBe(9_007_199_254_740_991); // the largest safe amount
    expect(() => toCents("90071992547409.92")).toThrow(/out of range/);
    expect(toCents(1.5e-7)).toBe(0);
    expect(toCents(1.2e12)).toBe(120_000_000_000_000);
    expect(toCents(1e13)).toBe(1e15); // String(1e13) is written out: the plain path
    expect(() => toCents(1e22)).toThrow(/out of range/); // exponent notation, out of range
  });

  it("exponent notation (String() of very small or large numbers) is read exactly, within range", () => {
    expect(toCents("1.5e3")).toBe(150_000);
    expect(toCents("12e2")).toBe(120_000);
    expect(toCents("1.25e1")).toBe(1_250);
    expect(toCents("1e2")).toBe(10_000);
    expect(toCents("1E+2")).toBe(10_000);
    expect(toCents(" 1e2 ")).toBe(10_000);
    expect(toCents("-2.5e-1")).toBe(-25);
    expect(toCents("9.99e12")).toBe(999_000_000_000_000);
    expect(() => toCents("1e13")).toThrow(/out of range/);
    expect(() => toCents("x1e2")).toThrow(/Not a decimal/);
    expect(() => toCents("1e2x")).toThrow(/Not a decimal/);
    expect(toCents(undefined)).toBeNull();
  });

  it("refuses what is not an amount", () => {
    for (const bad of ["12,50", "", "1.2.3", "$5", "e5", "--1", "1e", "abc"])
      if (bad !== "") expect(() => decimalTextToCents(bad), bad).toThrow(/Not a decimal/);
    expect(() => toCents(true)).toThrow(/Not a money value/);
    expect(() => decimalTextToCents("12,50")).toThrow(/Not a decimal/);
    expect(() => toCents({})).toThrow(/Not a money value/);
  });
});

describe("cents to the amount QuickBooks reads", () => {
  it("writes exactly the decimal of the cents", () => {
    expect(centsToQboAmount(123456)).toBe(1234.56);
    expect(JSON.stringify({ a: centsToQboAmount(1999) })).toBe('{"a":19.99}');
    expect(JSON.stringify({ a: centsToQboAmount(5) })).toBe('{"a":0.05}');
    expect(JSON.stringify({ a: centsToQboAmount(-1000) })).toBe('{"a":-10}');
    expect(JSON.stringify({ a: centsToQboAmount(99_999_999_999_99) })).toBe('{"a":99999999999.99}');
    for (const c of [1, 10, 101, 1005, 7_654_321, 123_456_789_012])
      expect(decimalTextToCents(String(centsToQboAmount(c)))).toBe(c);
  });
});
