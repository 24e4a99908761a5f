// @ts-nocheck
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { classify, describeFault, parseFault, QboError, QboReauthRequired } from "./errors";

const fixture = (n: string) =>
  fs.readFileSync(path.join(__dirname, "../../qbo-emulator/fixtures", n), "utf8");

/** Issue 15: every field of every fault shape, read exactly; the words each fault gives a person. */
describe("QuickBooks faults, exactly", () => {
  it("XML (the throttle sent even to JSON clients), with surrounding whitespace", () => {
    expect(parseFault(`\n  ${fixture("fault-throttle-429.sandbox-2016.xml")}\n`)).toEqual({
      code: "3001",
      message: "message=ThrottleExceeded; errorCode=003001; statusCode=429",
      detail: "The request limit was reached.  Try again later",
      type: "SERVICE",
    });
    expect(parseFault(fixture("fault-query-startposition-0.2013.xml"))).toEqual({
      code: "4001",
      message: "Invalid query",
      detail: "QueryValidationError: value 0 is too small. Min allowed value is 1",
      type: "ValidationFault",
    });
    // A detail over several lines is kept whole; missing message and detail are empty.
    expect(parseFault('<Fault type="X"><Error code="9" x="1"><Detail>a\nb</Detail></Error></Fault>')).toEqual(
      {
        code: "9",
        message: "",
        detail: "a\nb",
        type: "X",
      },
    );
    expect(parseFault('<Error code="9"><Message>m</Message></Error>')).toEqual({
      code: "9",
      message: "m",
      detail: "",
      type: undefined,
    });
    expect(parseFault("<html>Bad gateway</html>")).toBeNull();
  });

  it("JSON Fault and the lowercase 401 fault", () => {
    expect(parseFault(fixture("fault-invalid-id.sandbox-2020.json"))).toEqual({
      code: "2030",
      message: "Invalid ID",
      detail: "Id should be a valid number. Supplied value:1.5",
      element: "Id",
      type: "ValidationFault",
    });
    expect(parseFault(fixture("fault-auth-401.sandbox-2020.json"))).toEqual({
      code: "3200",
      message: "message=AuthenticationFailed; errorCode=003200; statusCode=401",
      detail: "Token expired: AB01601390262kxzxOlnHYdhtEVRXISU7piPqQrCmmbDN35Yjd",
      element: undefined,
      type: "AUTHENTICATION",
    });
    expect(parseFault('{"Fault":{"Error":[{}]}}')).toEqual({
      code: "",
      message: "",
      detail: "",
      element: undefined,
      type: undefined,
    });
    expect(parseFault('{"fault":{"error":[{"code":12}]}}')).toEqual({
      code: "12",
      message: "",
      detail: "",
      element: undefined,
      type: undefined,
    });
    expect(parseFault('{"Fault":{"Error":[]}}')).toBeNull();
    expect(parseFault("{}")).toBeNull();
  });

  it("classifies by status first, then the code", () => {
    expect(classify(400, { code: "3001", message: "", detail: "" })).toBe("throttled");
    expect(classify(429, null)).toBe("throttled");
    expect(classify(401, null)).toBe("auth");
    expect(classify(408, null)).toBe("transient");
    expect(classify(499, null)).toBe("permanent");
    expect(classify(500, { code: "5010", message: "", detail: "" })).toBe("transient");
    expect(classify(400, { code: "6240", message: "", detail: "" })).toBe("permanent");
  });

  it("words a person can act on, for each fault", () => {
    const f = (code: string, message = "Duplicate Name Exists Error", detail = "") => ({
      code,
      message,
      detail,
    });
    expect(describeFault(429, null)).toBe(
      "QuickBooks is rate-limiting requests for this company; the sync will continue shortly.",
    );
    expect(describeFault(401, null)).toBe("QuickBooks rejected the authorization.");
    expect(describeFault(403, null)).toBe(
      "QuickBooks refused access to this company (wrong company or missing permission).",
    );
    expect(describeFault(400, f("5010"))).toBe("The record changed in QuickBooks meanwhile.");
    expect(describeFault(400, f("610"))).toBe("The record no longer exists in QuickBooks.");
    expect(describeFault(500, null)).toBe("QuickBooks is having trouble right now; the sync will retry.");
    expect(describeFault(503, f("1"))).toBe("QuickBooks is having trouble right now; the sync will retry.");
    expect(describeFault(499, null)).toBe("QuickBooks answered HTTP 499.");
    expect(describeFault(null, null)).toBe("QuickBooks answered HTTP null.");
    expect(
      describeFault(400, f("6240", "Duplicate Name Exists Error", "The name supplied already exists.")),
    ).toBe("QuickBooks refused the request: Duplicate Name Exists Error (The name supplied already exists.)");
    expect(describeFault(400, f("6240"))).toBe("QuickBooks refused the request: Duplicate Name Exists Error");
  });

  it("errors carry their kind, status, fault and Intuit's transaction id", () => {
    const e = new QboError("permanent", "nope", 400, null, "tid-1");
    expect(e).toMatchObject({
      name: "QboError",
      message: "nope",
      kind: "permanent",
      status: 400,
      intuitTid: "tid-1",
    });
    const r = new QboReauthRequired("b1");
    expect(r).toMatchObject({
      name: "QboReauthRequired",
      businessId: "b1",
      message: "QuickBooks needs to be reconnected: its authorization was revoked or has expired.",
    });
  });
});
