// @ts-nocheck
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { describe, expect, it } from "vitest";
import { entityTimestamp, envelopeTime, parseQboInstant } from "./time";

describe("QBO timestamps", () => {
  it("match date-fns formatting with the company's offset, across a DST change", () => {
    const tz = "America/Los_Angeles";
    // 2026-03-08 02:00 local is the spring-forward instant; 2026-11-01 02:00 falls back.
    for (const iso of [
      "2026-03-08T09:59:59Z",
      "2026-03-08T10:00:00Z",
      "2026-11-01T08:59:59Z",
      "2026-11-01T09:00:00Z",
      "2026-04-08T20:16:17.718Z",
    ]) {
      const ms = Date.parse(iso);
      expect(entityTimestamp(ms, tz)).toBe(format(new TZDate(ms, tz), "yyyy-MM-dd'T'HH:mm:ssXXX"));
      expect(envelopeTime(ms, tz)).toBe(format(new TZDate(ms, tz), "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"));
    }
    expect(entityTimestamp(Date.parse("2026-04-08T20:16:17Z"), tz)).toBe("2026-04-08T13:16:17-07:00");
    expect(entityTimestamp(Date.parse("2026-04-08T20:16:17Z"), "Asia/Kolkata")).toBe(
      "2026-04-09T01:46:17+05:30",
    );
  });

  it("parses the offsets QBO and webhooks use", () => {
    const ms = Date.parse("2026-04-08T20:16:17Z");
    expect(parseQboInstant("2026-04-08T13:16:17-07:00")).toBe(ms);
    expect(parseQboInstant("2026-04-08T13:16:17-0700")).toBe(ms);
    expect(parseQboInstant("2026-04-08T20:16:17.000Z")).toBe(ms);
    expect(parseQboInstant("not a date")).toBeNull();
  });
});
