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

  it("refuses what is not an amount", () => {
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
