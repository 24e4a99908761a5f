// @ts-nocheck
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { classify, parseFault } from "./errors";

const fixture = (n: string) =>
  fs.readFileSync(path.join(__dirname, "../../qbo-emulator/fixtures", n), "utf8");

describe("QBO fault parsing and classification", () => {
  it("reads the XML throttle fault (sent even to JSON clients)", () => {
    const f = parseFault(fixture("fault-throttle-429.sandbox-2016.xml"));
    expect(f).toMatchObject({ code: "3001", type: "SERVICE" });
    expect(classify(429, f)).toBe("throttled");
  });

  it("reads the lowercase 401 fault", () => {
    const f = parseFault(fixture("fault-auth-401.sandbox-2020.json"));
    expect(f).toMatchObject({ code: "3200", type: "AUTHENTICATION" });
    expect(classify(401, f)).toBe("auth");
  });

  it("reads JSON validation faults and the XML query fault", () => {
    expect(parseFault(fixture("fault-invalid-id.sandbox-2020.json"))).toMatchObject({
      code: "2030",
      element: "Id",
    });
    const q = parseFault(fixture("fault-query-startposition-0.2013.xml"));
    expect(q).toMatchObject({ code: "4001", message: "Invalid query" });
    expect(classify(400, q)).toBe("permanent");
  });

  it("classifies by status and code only", () => {
    expect(classify(503, null)).toBe("transient");
    expect(classify(500, null)).toBe("transient");
    expect(classify(400, { code: "5010", message: "", detail: "" })).toBe("stale");
    expect(classify(403, null)).toBe("permanent");
    expect(parseFault("not a fault")).toBeNull();
  });
});
