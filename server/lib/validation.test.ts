import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ZCheckbox } from "./validation";

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
