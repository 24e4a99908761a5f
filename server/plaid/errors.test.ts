import { describe, expect, it } from "vitest";
import { classifyPlaidError, PlaidRailError, toPlaidRailError } from "./errors";

describe("Plaid errors, classified by type and code", () => {
  it.each([
    ["ITEM_ERROR", "ITEM_LOGIN_REQUIRED", 400, "needs_user"],
    ["ITEM_ERROR", "PENDING_EXPIRATION", 400, "needs_user"],
    ["ITEM_ERROR", "PENDING_DISCONNECT", 400, "needs_user"],
    ["ITEM_ERROR", "USER_PERMISSION_REVOKED", 400, "needs_user"],
    ["ITEM_ERROR", "ACCESS_NOT_GRANTED", 400, "needs_user"],
    ["ITEM_ERROR", "INSUFFICIENT_CREDENTIALS", 400, "needs_user"],
    ["ITEM_ERROR", "INVALID_CREDENTIALS", 400, "needs_user"],
    ["ITEM_ERROR", "INVALID_MFA", 400, "needs_user"],
    ["ITEM_ERROR", "ITEM_LOCKED", 400, "needs_user"],
    ["ITEM_ERROR", "USER_SETUP_REQUIRED", 400, "needs_user"],
    ["ITEM_ERROR", "NO_ACCOUNTS", 400, "needs_user"],
    ["INSTITUTION_ERROR", "INSTITUTION_DOWN", 400, "transient"],
    ["INSTITUTION_ERROR", "INSTITUTION_NOT_RESPONDING", 400, "transient"],
    ["INSTITUTION_ERROR", "INSTITUTION_NOT_AVAILABLE", 400, "transient"],
    ["ITEM_ERROR", "PRODUCT_NOT_READY", 400, "transient"],
    ["TRANSACTIONS_ERROR", "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION", 400, "transient"],
    ["NETWORK", "NETWORK_ERROR", null, "transient"],
    ["NETWORK", "TIMEOUT", null, "transient"],
    ["API_ERROR", "INTERNAL_SERVER_ERROR", 500, "transient"],
    ["API_ERROR", "PLANNED_MAINTENANCE", 400, "transient"],
    ["API_ERROR", "INTERNAL_SERVER_ERROR", null, "transient"],
    ["RATE_LIMIT_EXCEEDED", "ACCOUNTS_LIMIT", 400, "transient"],
    ["RATE_LIMIT_EXCEEDED", "RATE_LIMIT", 429, "transient"],
    ["UNKNOWN", "HTTP_502", 502, "transient"],
    ["UNKNOWN", "HTTP_500", 500, "transient"],
    ["UNKNOWN", "HTTP_499", 499, "permanent"],
    ["INVALID_INPUT", "INVALID_ACCESS_TOKEN", 400, "permanent"],
    ["INVALID_REQUEST", "MISSING_FIELDS", 400, "permanent"],
    ["INVALID_INPUT", "INVALID_API_KEYS", null, "permanent"],
  ] as const)("%s %s (HTTP %s) is %s", (type, code, status, kind) => {
    expect(classifyPlaidError(type, code, status)).toBe(kind);
  });
});

describe("any SDK failure becomes a PlaidRailError", () => {
  it("Plaid's error body: code, type, status, request id and the user's words", () => {
    const e = toPlaidRailError({
      isAxiosError: true,
      response: {
        status: 400,
        data: {
          error_type: "ITEM_ERROR",
          error_code: "ITEM_LOGIN_REQUIRED",
          error_message: "login required",
          display_message: "Sign in again.",
          request_id: "r1",
        },
      },
    });
    expect(e).toBeInstanceOf(PlaidRailError);
    expect([e.kind, e.code, e.type, e.message, e.status, e.requestId, e.displayMessage, e.name]).toEqual([
      "needs_user",
      "ITEM_LOGIN_REQUIRED",
      "ITEM_ERROR",
      "login required",
      400,
      "r1",
      "Sign in again.",
      "PlaidRailError",
    ]);
  });
  it("a body with a code but nothing else keeps the code as its message", () => {
    const e = toPlaidRailError({ response: { status: 400, data: { error_code: "X" } } });
    expect([e.code, e.type, e.message, e.requestId, e.displayMessage, e.kind]).toEqual([
      "X",
      "UNKNOWN",
      "X",
      null,
      null,
      "permanent",
    ]);
  });
  it("a status without Plaid's body", () => {
    const e = toPlaidRailError({ response: { status: 503, data: "<html>" } });
    expect([e.code, e.type, e.message, e.status, e.kind]).toEqual([
      "HTTP_503",
      "UNKNOWN",
      "Plaid answered HTTP 503",
      503,
      "transient",
    ]);
  });
  it("no answer: a timeout or the network", () => {
    expect(toPlaidRailError({ code: "ECONNABORTED", message: "timeout of 15000ms exceeded" })).toMatchObject({
      code: "TIMEOUT",
      kind: "transient",
      message: "timeout of 15000ms exceeded",
      status: null,
    });
    expect(toPlaidRailError({ code: "ETIMEDOUT", message: "t" }).code).toBe("TIMEOUT");
    expect(toPlaidRailError({ code: "ECONNREFUSED", message: "refused" })).toMatchObject({
      code: "NETWORK_ERROR",
      type: "NETWORK",
    });
    expect(toPlaidRailError(new Error("boom")).message).toBe("boom");
    expect(toPlaidRailError("odd").message).toBe("odd");
    expect(toPlaidRailError(undefined)).toMatchObject({ code: "NETWORK_ERROR", message: "undefined" });
    expect(toPlaidRailError(null)).toMatchObject({ code: "NETWORK_ERROR", message: "null" });
  });
  it("is idempotent", () => {
    const e = new PlaidRailError("transient", "A", "B", "m", null, null, null);
    expect(toPlaidRailError(e)).toBe(e);
  });
});
