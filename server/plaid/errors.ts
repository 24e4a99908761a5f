/**
 * Plaid errors, classified once here from `error_type` and `error_code` — never from message
 * text. `needs_user`: only the person can fix it (update mode or a new link); `transient`: try
 * again later; `permanent`: a bug or bad input, surfaced.
 */
export type TPlaidErrorKind = "needs_user" | "transient" | "permanent";

export class PlaidRailError extends Error {
  constructor(
    readonly kind: TPlaidErrorKind,
    readonly code: string,
    readonly type: string,
    message: string,
    readonly status: number | null,
    readonly requestId: string | null,
    /** Plaid's wording meant for the user, when it gives one. */
    readonly displayMessage: string | null,
  ) {
    super(message);
    this.name = "PlaidRailError";
  }
}

/** Codes that only the Item's owner can clear, in Link update mode or by linking again. */
const NEEDS_USER = new Set([
  "ITEM_LOGIN_REQUIRED",
  "PENDING_EXPIRATION",
  "PENDING_DISCONNECT",
  "USER_PERMISSION_REVOKED",
  "ACCESS_NOT_GRANTED",
  "INSUFFICIENT_CREDENTIALS",
  "INVALID_CREDENTIALS",
  "INVALID_MFA",
  "ITEM_LOCKED",
  "USER_SETUP_REQUIRED",
  "NO_ACCOUNTS",
]);

const TRANSIENT_CODES = new Set([
  "INSTITUTION_DOWN",
  "INSTITUTION_NOT_RESPONDING",
  "INSTITUTION_NOT_AVAILABLE",
  "PRODUCT_NOT_READY",
  "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION",
  "NETWORK_ERROR",
  "TIMEOUT",
]);

export function classifyPlaidError(type: string, code: string, status: number | null): TPlaidErrorKind {
  if (NEEDS_USER.has(code)) return "needs_user";
  if (TRANSIENT_CODES.has(code) || type === "API_ERROR" || type === "RATE_LIMIT_EXCEEDED") return "transient";
  if ((status ?? 0) >= 500) return "transient";
  return "permanent";
}

type TAxiosLike = {
  isAxiosError?: boolean;
  code?: string;
  message?: string;
  response?: { status?: number; data?: unknown };
};

/** Any failure of an SDK call (Plaid's error body, an HTTP status without one, or the network). */
export function toPlaidRailError(e: unknown): PlaidRailError {
  if (e instanceof PlaidRailError) return e;
  const ax = e as TAxiosLike;
  const status = ax?.response?.status ?? null;
  const body = ax?.response?.data as Record<string, unknown> | undefined;
  if (body && typeof body.error_code === "string") {
    const type = typeof body.error_type === "string" ? body.error_type : "UNKNOWN";
    return new PlaidRailError(
      classifyPlaidError(type, body.error_code, status),
      body.error_code,
      type,
      typeof body.error_message === "string" ? body.error_message : body.error_code,
      status,
      typeof body.request_id === "string" ? body.request_id : null,
      typeof body.display_message === "string" ? body.display_message : null,
    );
  }
  if (status !== null) {
    const code = `HTTP_${status}`;
    return new PlaidRailError(
      classifyPlaidError("UNKNOWN", code, status),
      code,
      "UNKNOWN",
      `Plaid answered HTTP ${status}`,
      status,
      null,
      null,
    );
  }
  const code = ax?.code === "ECONNABORTED" || ax?.code === "ETIMEDOUT" ? "TIMEOUT" : "NETWORK_ERROR";
  return new PlaidRailError("transient", code, "NETWORK", ax?.message ?? String(e), null, null, null);
}
