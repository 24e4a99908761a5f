// @ts-nocheck
import { describe, expect, it } from "vitest";
import { Money, parseDecimalToCents } from "./money";
import { toWireJson } from "./wire-json";

describe("emulator money", () => {
  it("parses decimal text without floating point", () => {
    expect(parseDecimalToCents("19.99")).toBe(1999);
    expect(parseDecimalToCents(String(0.1 + 0.2))).toBe(30);
    expect(parseDecimalToCents("-3")).toBe(-300);
    expect(parseDecimalToCents("7.5")).toBe(750);
    expect(parseDecimalToCents("1e3")).toBeNull();
    expect(parseDecimalToCents("abc")).toBeNull();
  });

  it("writes money on the wire with two decimals as a JSON number", () => {
    expect(toWireJson({ Amount: new Money(30000), Neg: new Money(-5), n: 1, s: "x", u: undefined })).toBe(
      '{"Amount":300.00,"Neg":-0.05,"n":1,"s":"x"}',
    );
  });
});
