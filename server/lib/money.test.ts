import { describe, expect, it } from "vitest";
import { decimalTextToCents, toCents } from "./money";

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
