// @ts-nocheck
import { describe, expect, it } from "vitest";
import { nextRetry, type TRetryState } from "./retry-policy";

const policy = { maxAttempts: 4, maxThrottleWaits: 2, backoffMs: 500, throttleWaitMs: 60_000 };
const at = (attempt: number, over: Partial<TRetryState> = {}): TRetryState => ({
  attempt,
  throttleWaits: 0,
  forcedRefresh: false,
  ...over,
});

describe("the QuickBooks retry policy", () => {
  it("never retries a permanent error or a stale SyncToken, whatever attempts are left", () => {
    expect(nextRetry("permanent", at(1), policy)).toEqual({ retry: false });
    expect(nextRetry("stale", at(1), policy)).toEqual({ retry: false });
  });

  it("waits out a 429 for the configured wait plus jitter, without using an attempt, a bounded number of times", () => {
    expect(nextRetry("throttled", at(4), policy, () => 0)).toEqual({
      retry: true,
      waitMs: 60_000,
      usesAttempt: false,
      refreshToken: false,
      throttled: true,
    });
    // Jitter: up to a quarter of the wait, capped at 5 s.
    const most = nextRetry("throttled", at(1), policy, () => 0.999_999);
    expect(most).toMatchObject({ retry: true, waitMs: 60_000 + 4_999 });
    const short = nextRetry("throttled", at(1), { ...policy, throttleWaitMs: 400 }, () => 0.999_999);
    expect(short).toMatchObject({ waitMs: 400 + 100 });
    expect(nextRetry("throttled", at(1, { throttleWaits: 1 }), policy)).toMatchObject({ retry: true });
    expect(nextRetry("throttled", at(1, { throttleWaits: 2 }), policy)).toEqual({ retry: false });
  });

  it("backs off exponentially on transient and network failures, until the last attempt", () => {
    for (const kind of ["transient", "network"] as const) {
      expect(nextRetry(kind, at(1), policy)).toEqual({
        retry: true,
        waitMs: 500,
        usesAttempt: true,
        refreshToken: false,
        throttled: false,
      });
      expect(nextRetry(kind, at(2), policy)).toMatchObject({ waitMs: 1000 });
      expect(nextRetry(kind, at(3), policy)).toMatchObject({ waitMs: 2000 });
      expect(nextRetry(kind, at(4), policy)).toEqual({ retry: false });
    }
  });

  it("refreshes the token once on a 401, at once; a second 401 fails", () => {
    expect(nextRetry("auth", at(1), policy)).toEqual({
      retry: true,
      waitMs: 0,
      usesAttempt: true,
      refreshToken: true,
      throttled: false,
    });
    expect(nextRetry("auth", at(2, { forcedRefresh: true }), policy)).toEqual({ retry: false });
    expect(nextRetry("auth", at(4), policy)).toEqual({ retry: false });
  });
});
