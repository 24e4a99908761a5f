// @ts-nocheck
import { envelopeTime } from "./time";

/** Fault bodies exactly as QBO writes them (see ../shared/qbo/fixtures/fault-*). */
export type TFaultReply = {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
};

export function jsonFault(
  status: number,
  type: string,
  error: { Message: string; Detail: string; code: string; element?: string },
  nowMs: number,
  tz: string,
): TFaultReply {
  return {
    status,
    contentType: "application/json;charset=utf-8",
    body: JSON.stringify({ Fault: { Error: [error], type }, time: envelopeTime(nowMs, tz) }),
  };
}

export function validationFault(
  code: string,
  message: string,
  detail: string,
  nowMs: number,
  tz: string,
  element?: string,
): TFaultReply {
  return jsonFault(
    400,
    "ValidationFault",
    { Message: message, Detail: detail, code, ...(element ? { element } : {}) },
    nowMs,
    tz,
  );
}

/** 429: XML even when JSON was asked for. */
export function throttleFault(nowMs: number, tz: string): TFaultReply {
  return {
    status: 429,
    contentType: "application/xml",
    body:
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
      `<IntuitResponse time="${envelopeTime(nowMs, tz)}" xmlns="http://schema.intuit.com/finance/v3">\n` +
      `  <Fault type="SERVICE">\n    <Error code="3001">\n` +
      `      <Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>\n` +
      `      <Detail>The request limit was reached.  Try again later</Detail>\n` +
      `    </Error>\n  </Fault>\n</IntuitResponse>\n`,
  };
}

/** 401: the lowercase `fault` shape with epoch-ms time. */
export function authFault(detail: string, nowMs: number): TFaultReply {
  return {
    status: 401,
    contentType: "application/json;charset=utf-8",
    headers: { "WWW-Authenticate": 'Bearer realm="Intuit", error="invalid_token"' },
    body: JSON.stringify({
      warnings: null,
      intuitObject: null,
      fault: {
        error: [
          {
            message: "message=AuthenticationFailed; errorCode=003200; statusCode=401",
            detail,
            code: "3200",
            element: null,
          },
        ],
        type: "AUTHENTICATION",
      },
      report: null,
      queryResponse: null,
      batchItemResponse: [],
      attachableResponse: [],
      syncErrorResponse: null,
      requestId: null,
      time: nowMs,
      status: null,
      cdcresponse: [],
    }),
  };
}

export function authorizationFault(nowMs: number, tz: string): TFaultReply {
  return jsonFault(
    403,
    "AuthorizationFault",
    {
      Message: "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403",
      Detail: "",
      code: "003100",
    },
    nowMs,
    tz,
  );
}

export function serviceFault(status: 500 | 503, nowMs: number, tz: string): TFaultReply {
  return jsonFault(
    status,
    "SystemFault",
    {
      Message:
        status === 500
          ? "An application error has occurred while processing your request"
          : "Service Unavailable",
      Detail:
        status === 500
          ? "System Failure Error: An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again."
          : "The service is temporarily unavailable. Please retry later.",
      code: status === 500 ? "10000" : "3003",
    },
    nowMs,
    tz,
  );
}

export function unsupportedOperation(path: string, nowMs: number, tz: string): TFaultReply {
  return jsonFault(
    400,
    "ValidationFault",
    {
      Message: "Unsupported Operation",
      Detail: `Operation Could not find resource for relative : ${path} of full path: ${path} is not supported.`,
      code: "500",
    },
    nowMs,
    tz,
  );
}

export function oauthError(error: string, description?: string): TFaultReply {
  return {
    status: 400,
    contentType: "application/json",
    body: JSON.stringify(description ? { error_description: description, error } : { error }),
  };
}

/**
 * A query for an entity this company does not serve: HTTP 400, ValidationFault code 4000.
 * Status, fault type and code are as an independent QuickBooks server answered; the message and
 * detail texts are inferred (shaped like the captured QueryParserError faults), not captured.
 * Returned as `validationFault` arguments (code, message, detail).
 */
export function refusedQuery(entity: string): [string, string, string] {
  return [
    "4000",
    "Error parsing query",
    `QueryParserError: Encountered " <IDENTIFIER> "${entity} "" at line 1, column 15.`,
  ];
}

/**
 * A CDC list naming an entity the company's change feed does not cover: HTTP 400,
 * ValidationFault code 4001 (texts inferred, as above).
 */
export function refusedCdc(entity: string): [string, string, string] {
  return ["4001", "Invalid query", `Operation cdc is not supported for entity ${entity}`];
}
