// @ts-nocheck
import { describe, expect, it } from "vitest";
import { clientIp } from "./rate-limits";

describe("clientIp: X-Forwarded-For read only through trusted proxy hops", () => {
  it("no trusted proxy: the header is the caller's to write, so there is no IP", () => {
    expect(clientIp("203.0.113.9", 0)).toBeNull();
    expect(clientIp(null, 1)).toBeNull();
  });
  it("one hop: the address our proxy appended (the last), not what the caller wrote before it", () => {
    expect(clientIp("6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientIp("203.0.113.9", 1)).toBe("203.0.113.9");
  });
  it("two hops: the entry the outer proxy appended", () => {
    expect(clientIp("6.6.6.6, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
  });
  it("too few entries or garbage: no IP", () => {
    expect(clientIp("203.0.113.9", 2)).toBeNull();
    expect(clientIp("not an ip; drop table", 1)).toBeNull();
    expect(clientIp("2001:db8::1", 1)).toBe("2001:db8::1");
  });
});
