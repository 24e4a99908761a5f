// @ts-nocheck
import { describe, expect, it } from "vitest";
import { QboError, QboReauthRequired } from "../errors";
import { classifyEntityFailure, refusalOf } from "./entity-failure";

const err = (kind: QboError["kind"], status: number | null, code = "4000") =>
  new QboError(
    kind,
    "m",
    status,
    { code, message: "Error parsing query", detail: "QueryParserError: x" },
    null,
  );

describe("what an entity's failed request means", () => {
  it("a 400 is this company refusing the entity, whatever the code or text", () => {
    expect(classifyEntityFailure(err("permanent", 400))).toBe("refused");
    expect(classifyEntityFailure(err("permanent", 400, "4001"))).toBe("refused");
    expect(classifyEntityFailure(new QboError("permanent", "x", 400, null, null))).toBe("refused");
  });
  it("a 403 is judged by the run (forbidden), other permanent statuses stop it", () => {
    expect(classifyEntityFailure(err("permanent", 403))).toBe("forbidden");
    expect(classifyEntityFailure(err("permanent", 404))).toBe("fatal");
    expect(classifyEntityFailure(err("permanent", 200))).toBe("fatal");
  });
  it("exhausted transient retries stay the entity's; auth, throttling and bugs are the connection's", () => {
    expect(classifyEntityFailure(err("transient", 503))).toBe("transient");
    expect(classifyEntityFailure(err("transient", null))).toBe("transient");
    expect(classifyEntityFailure(err("auth", 401))).toBe("fatal");
    expect(classifyEntityFailure(err("throttled", 429))).toBe("fatal");
    expect(classifyEntityFailure(err("stale", 400, "5010"))).toBe("fatal");
    expect(classifyEntityFailure(new QboReauthRequired("b"))).toBe("fatal");
    expect(classifyEntityFailure(new Error("bug"))).toBe("fatal");
  });
  it("keeps the refusal's status, code and QuickBooks' own words", () => {
    expect(refusalOf(err("permanent", 400))).toEqual({
      status: 400,
      code: "4000",
      detail: "Error parsing query: QueryParserError: x",
    });
    expect(refusalOf(new Error("boom"))).toEqual({ status: null, code: null, detail: "Error: boom" });
  });
});
