import { describe, expect, it } from "vitest";
import { centsToDecimalText } from "./format";

describe("centsToDecimalText", () => {
  it("writes the exact decimal of the cents, for input fields", () => {
    expect(centsToDecimalText(123456)).toBe("1234.56");
    expect(centsToDecimalText(5)).toBe("0.05");
    expect(centsToDecimalText(-1000)).toBe("-10.00");
    expect(centsToDecimalText(0)).toBe("0.00");
  });
});
