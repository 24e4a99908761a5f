// @ts-nocheck
import { describe, expect, it } from "vitest";
import { safeReturnTo } from "./return-to";

describe("safeReturnTo: where sign-in may send you (finding 4, open redirect)", () => {
  it.each([
    ["/b/123/decisions?x=1#top", "/b/123/decisions?x=1#top"],
    ["/", "/"],
    ["/api/qbo/reconnect", "/api/qbo/reconnect"],
    ["/a/../b", "/b"],
  ])("%s stays on the site: %s", (input, out) => {
    expect(safeReturnTo(input)).toBe(out);
  });
  it.each([
    ["//evil.example/x"],
    ["/\\evil.example/x"],
    ["/\t/evil.example/x"],
    ["/\n/evil.example"],
    ["https://evil.example/x"],
    ["javascript:alert(1)"],
    ["evil.example"],
    [""],
    [undefined],
    [42],
    [`/${"a".repeat(2001)}`],
  ])("%j leaves the site or is not a path: /", (input) => {
    expect(safeReturnTo(input)).toBe("/");
  });
});
