/**
 * QuickBooks errors, classified once here from the HTTP status and the fault code — never from
 * message text. The client retries transient and throttled errors; the rest surface.
 */
// @ts-nocheck

export type TQboFault = { code: string; message: string; detail: string; element?: string; type?: string };

export class QboError extends Error {
  constructor(
    readonly kind: "throttled" | "transient" | "auth" | "permanent" | "stale",
    message: string,
    readonly status: number | null,
    readonly fault: TQboFault | null,
    readonly intuitTid: string | null,
  ) {
    super(message);
    this.name = "QboError";
  }
}

/** The connection lost its authorization (revoked or expired refresh token). */
export class QboReauthRequired extends Error {
  constructor(readonly businessId: string) {
    super("QuickBooks needs to be reconnected: its authorization was revoked or has expired.");
    this.name = "QboReauthRequired";
  }
}

/** JSON `Fault`, lowercase 401 `fault`, or the XML throttle/validation bodies. */
export function parseFault(body: string): TQboFault | null {
  const trimmed = body.trim();
  if (trimmed.startsWith("<")) {
    const code = /<Error[^>]*code="([^"]*)"/.exec(trimmed)?.[1];
    if (!code) return null;
    return {
      code,
      message: /<Message>([\s\S]*?)<\/Message>/.exec(trimmed)?.[1] ?? "",
      detail: /<Detail>([\s\S]*?)<\/Detail>/.exec(trimmed)?.[1] ?? "",
      type: /<Fault[^>]*type="([^"]*)"/.exec(trimmed)?.[1],
    };
  }
  try {
    const json = JSON.parse(trimmed) as {
      Fault?: {
        Error?: { code?: string; Message?: string; Detail?: string; element?: string }[];
        type?: string;
      };
      fault?: {
        error?: { code?: string; message?: string; detail?: string; element?: string | null }[];
        type?: string;
      };
    };
    const upper = json.Fault?.Error?.[0];
    if (upper) {
      return {
        code: String(upper.code ?? ""),
        message: upper.Message ?? "",
        detail: upper.Detail ?? "",
        element: upper.element,
        type: json.Fault?.type,
      };
    }
    const lower = json.fault?.error?.[0];
    if (lower) {
      return {
        code: String(lower.code ?? ""),
        message: lower.message ?? "",
        detail: lower.detail ?? "",
        element: lower.element ?? undefined,
        type: json.fault?.type,
      };
    }
  } catch {
    return null;
  }
  return null;
}

/** What to do with a response that is not a success. */
export function classify(status: number, fault: TQboFault | null): QboError["kind"] {
  if (status === 429 || fault?.code === "3001") return "throttled";
  if (status === 401) return "auth";
  if (status >= 500 || status === 408) return "transient";
  if (fault?.code === "5010") return "stale";
  return "permanent";
}

/** Words a person can act on, from the fault code. */
export function describeFault(status: number | null, fault: TQboFault | null): string {
  if (status === 429)
    return "QuickBooks is rate-limiting requests for this company; the sync will continue shortly.";
  if (status === 401) return "QuickBooks rejected the authorization.";
  if (status === 403)
    return "QuickBooks refused access to this company (wrong company or missing permission).";
  if (fault?.code === "5010") return "The record changed in QuickBooks meanwhile.";
  if (fault?.code === "610") return "The record no longer exists in QuickBooks.";
  if (status !== null && status >= 500) return "QuickBooks is having trouble right now; the sync will retry.";
  return fault
    ? `QuickBooks refused the request: ${fault.message}${fault.detail ? ` (${fault.detail})` : ""}`
    : `QuickBooks answered HTTP ${status}.`;
}
