import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsOf, ZCheckbox, ZIsoDate, ZMoneyText } from "./validation";

describe("ZCheckbox: the one boolean parser for form input", () => {
  const form = z.object({ flag: ZCheckbox });
  it("an unticked checkbox (the key absent from the form data) is false", () => {
    expect(form.parse({})).toEqual({ flag: false });
  });
  it.each([["on"], ["true"], ["TRUE"], ["1"], ["yes"], [true]])("%s is true", (v) => {
    expect(form.parse({ flag: v }).flag).toBe(true);
  });
  it.each([["false"], ["False"], ["0"], ["off"], ["no"], [""], [false]])("%s is false", (v) => {
    expect(form.parse({ flag: v }).flag).toBe(false);
  });
  it.each([["maybe"], [2], [null], [["on"]], [{}]])("%s is a field error naming the field", (v) => {
    const r = form.safeParse({ flag: v });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ["flag"], message: "Tick or untick this box" });
  });
});

describe("ZMoneyText: amounts typed into forms", () => {
  const money = ZMoneyText();
  it.each([
    ["$12,500.50", 1_250_050],
    ["0.01", 1],
    ["1000000000", 100_000_000_000],
    ["$1,000,000,000.00", 100_000_000_000],
  ])("%s is %d cents, exactly", (text, cents) => {
    expect(money.parse(text)).toBe(cents);
  });
  it.each([
    ["1000000000.01", "That amount is too large (at most $1,000,000,000)"],
    ["99999999999999", "That amount is too large (at most $1,000,000,000)"],
    ["12.345", "Enter an amount like 2500.00"],
    ["1e9", "Enter an amount like 2500.00"],
    ["0", "The amount must be more than zero"],
    ["-5", "Enter an amount like 2500.00"],
  ])("%s is refused: %s", (text, message) => {
    expect(money.safeParse(text).error?.issues[0]?.message).toBe(message);
  });
  it("negative amounts only where asked for, bounded the same", () => {
    const signed = ZMoneyText({ allowNegative: true, positive: false });
    expect(signed.parse("-250.5")).toBe(-25_050);
    expect(signed.parse("0")).toBe(0);
    expect(signed.safeParse("-99999999999").success).toBe(false);
  });
});

describe("ZIsoDate: dates that exist", () => {
  const date = ZIsoDate();
  it.each([["2026-11-26"], ["2028-02-29"], ["2026-12-31"]])("%s is a date", (s) => {
    expect(date.parse(s)).toBe(s);
  });
  it.each([
    ["2026-12-99"],
    ["2027-02-30"],
    ["2027-02-29"],
    ["2026-13-01"],
    ["2026-00-10"],
    ["1999-12-31"],
    ["2026-1-5"],
    [""],
  ])("%s is refused", (s) => {
    expect(date.safeParse(s).error?.issues[0]?.message).toBe("Pick a date");
  });
});

describe("fieldErrorsOf: zod issues as a form's field errors", () => {
  it("each field's messages once, in order; a form-level issue under _form", () => {
    const r = z
      .object({ on: ZIsoDate("Pick the date"), n: z.number({ error: "A number" }).min(2, "At least 2") })
      .refine(() => false, "Something is off")
      .safeParse({ on: "x", n: 1 });
    expect(fieldErrorsOf(r.error!)).toEqual({
      on: ["Pick the date"],
      n: ["At least 2"],
      _form: ["Something is off"],
    });
    const whole = z
      .object({ a: z.string() })
      .refine(() => false, "Something is off")
      .safeParse({ a: "ok" });
    expect(fieldErrorsOf(whole.error!)).toEqual({ _form: ["Something is off"] });
  });
});
