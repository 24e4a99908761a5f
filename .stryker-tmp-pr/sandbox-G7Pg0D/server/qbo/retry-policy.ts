// @ts-nocheck
import type { QboError } from "./errors";

/**
 * What the client does after a failed request (issue 15: one pure, tested place). Throttled:
 * wait `throttleWaitMs` plus jitter, up to `maxThrottleWaits` times, without using an attempt.
 * Transient (5xx, 408, network): back off exponentially from `backoffMs`, within `maxAttempts`.
 * Auth (401): refresh the token once, at once. Anything else (other 4xx, a stale SyncToken):
 * fail now — retrying a permanent error only repeats it.
 */
export type TFailureKind = QboError["kind"] | "network";
export type TRetryState = { attempt: number; throttleWaits: number; forcedRefresh: boolean };
export type TRetryPolicy = {
  maxAttempts: number;
  maxThrottleWaits: number;
  backoffMs: number;
  throttleWaitMs: number;
};
export type TRetryStep =
  | { retry: false }
  | { retry: true; waitMs: number; usesAttempt: boolean; refreshToken: boolean; throttled: boolean };

export function nextRetry(
  kind: TFailureKind,
  state: TRetryState,
  policy: TRetryPolicy,
  random: () => number = Math.random,
): TRetryStep {
  if (kind === "throttled" && state.throttleWaits < policy.maxThrottleWaits) {
    const jitter = Math.floor(random() * Math.min(5000, policy.throttleWaitMs / 4 + 1));
    return {
      retry: true,
      waitMs: policy.throttleWaitMs + jitter,
      usesAttempt: false,
      refreshToken: false,
      throttled: true,
    };
  }
  const attemptsLeft = state.attempt < policy.maxAttempts;
  if ((kind === "transient" || kind === "network") && attemptsLeft)
    return {
      retry: true,
      waitMs: policy.backoffMs * 2 ** (state.attempt - 1),
      usesAttempt: true,
      refreshToken: false,
      throttled: false,
    };
  if (kind === "auth" && !state.forcedRefresh && attemptsLeft)
    return { retry: true, waitMs: 0, usesAttempt: true, refreshToken: true, throttled: false };
  return { retry: false };
}
