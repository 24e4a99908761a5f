/**
 * The one application error. `code` is mapped at the edge: to an HTTP status in route handlers,
 * an action result in server actions, `notFound()` in pages, and NonRetriableError in Inngest.
 */
// @ts-nocheck

export type TAppErrorCode =
  | "unauthorized" // not signed in
  | "forbidden" // signed in, role does not allow it
  | "not_found" // missing, or another tenant's (the two are indistinguishable on purpose)
  | "invalid_input"
  | "conflict"
  | "rate_limited"
  | "upstream" // a dependency (QuickBooks, SMTP) failed
  | "internal";

export type TFieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly code: TAppErrorCode,
    message: string,
    readonly fieldErrors?: TFieldErrors,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "Not found") => new AppError("not_found", what);

export const httpStatusOf: Record<TAppErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  invalid_input: 400,
  conflict: 409,
  rate_limited: 429,
  upstream: 502,
  internal: 500,
};
