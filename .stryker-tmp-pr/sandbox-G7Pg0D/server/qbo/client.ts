// @ts-nocheck
import "server-only";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import type { TQboConfig } from "../env";
import { classify, describeFault, parseFault, QboError } from "./errors";
import {
  acquireRateSlot,
  countMeteredRead,
  DEFAULT_RATE_LIMITS,
  releaseRateSlot,
  type TRateLimits,
} from "./rate-budget";
import { nextRetry, type TFailureKind, type TRetryPolicy, type TRetryState } from "./retry-policy";
import { getAccessToken } from "./tokens";

/**
 * The QuickBooks data API for one connection: minorversion 75, the shared per-realm rate budget,
 * the metered-read counter, and retries classified by status and fault code — 429 waits
 * (`throttleWaitMs` + jitter), 5xx and network errors back off, 401 forces one refresh, other
 * 4xx are permanent and surface. Every POST carries the caller's `requestid`, unchanged across
 * retries. Responses are JSON-parsed here and validated by the caller's zod schema.
 */
export type TQboClientOptions = {
  db: DB;
  businessId: string;
  realmId: string;
  config: TQboConfig;
  key: string;
  clock: Clock;
  limits?: TRateLimits;
  maxAttempts?: number;
  maxThrottleWaits?: number;
  backoffMs?: number;
  sleep?: (ms: number) => Promise<unknown>;
  log?: (line: string) => void;
  /** Called once per HTTP request made (for sync_runs.api_calls and tests). */
  onRequest?: (kind: "read" | "write") => void;
};

const MINOR_VERSION = "75";

export class QboClient {
  private readonly sleep: (ms: number) => Promise<unknown>;
  calls = 0;
  /** Told before waiting out a throttle, with when the wait ends (the sync shows it). */
  onThrottle?: (until: Date) => Promise<unknown> | undefined;

  constructor(private readonly o: TQboClientOptions) {
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  get realmId() {
    return this.o.realmId;
  }

  /** `SELECT …` → the parsed JSON envelope. */
  query(statement: string): Promise<Record<string, unknown>> {
    return this.request("GET", "query", { query: statement }, undefined, "read");
  }

  /**
   * `SELECT …` → the parsed envelope and the exact text it was parsed from (the sync stores
   * payloads from the text instead of serializing them again).
   */
  async queryWithText(statement: string): Promise<{ body: Record<string, unknown>; text: string }> {
    return this.send("GET", "query", { query: statement }, undefined, "read");
  }

  cdc(entities: string[], changedSince: string): Promise<Record<string, unknown>> {
    return this.request("GET", "cdc", { entities: entities.join(","), changedSince }, undefined, "read");
  }

  read(entity: string, id: string): Promise<Record<string, unknown>> {
    return this.request("GET", `${entity.toLowerCase()}/${encodeURIComponent(id)}`, {}, undefined, "read");
  }

  companyInfo(): Promise<Record<string, unknown>> {
    return this.request("GET", `companyinfo/${this.o.realmId}`, {}, undefined, "read");
  }

  preferences(): Promise<Record<string, unknown>> {
    return this.request("GET", "preferences", {}, undefined, "read");
  }

  report(name: string, params: Record<string, string>): Promise<Record<string, unknown>> {
    return this.request("GET", `reports/${name}`, params, undefined, "read");
  }

  /** A write. `requestId` (≤ 50 chars) must be stable across retries of the same logical write. */
  post(
    path: string,
    body: unknown,
    requestId: string,
    params: Record<string, string> = {},
  ): Promise<Record<string, unknown>> {
    if (requestId.length === 0 || requestId.length > 50) throw new Error("requestid must be 1–50 characters");
    return this.request("POST", path, { ...params, requestid: requestId }, body, "write");
  }

  private async request(
    method: "GET" | "POST",
    path: string,
    params: Record<string, string>,
    body: unknown,
    kind: "read" | "write",
  ): Promise<Record<string, unknown>> {
    return (await this.send(method, path, params, body, kind)).body;
  }

  private async send(
    method: "GET" | "POST",
    path: string,
    params: Record<string, string>,
    body: unknown,
    kind: "read" | "write",
  ): Promise<{ body: Record<string, unknown>; text: string }> {
    const { db, businessId, realmId, config, key, clock } = this.o;
    const policy: TRetryPolicy = {
      maxAttempts: this.o.maxAttempts ?? 6,
      maxThrottleWaits: this.o.maxThrottleWaits ?? 10,
      backoffMs: this.o.backoffMs ?? 500,
      throttleWaitMs: config.throttleWaitMs,
    };
    const url = new URL(`${config.apiBaseUrl}/v3/company/${realmId}/${path}`);
    for (const [k, v] of Object.entries({ ...params, minorversion: MINOR_VERSION }))
      url.searchParams.set(k, v);
    let rejected: string | undefined;
    let lastError: QboError | null = null;
    const state: TRetryState = { attempt: 1, throttleWaits: 0, forcedRefresh: false };

    for (;;) {
      const token = await getAccessToken({ db, businessId, config, key, clock, rejected });
      const slot = await acquireRateSlot({
        db,
        realmId,
        limits: this.o.limits ?? DEFAULT_RATE_LIMITS,
        sleep: this.sleep,
      });
      let res: Response | null = null;
      let text = "";
      let failure: TFailureKind;
      try {
        this.calls++;
        this.o.onRequest?.(kind);
        res = await fetch(url, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: "application/json",
            ...(body !== undefined ? { "content-type": "application/json" } : {}),
          },
          body: body !== undefined ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(60_000),
        });
        text = await res.text();
      } catch (err) {
        // Network failure or dropped connection: transient.
        lastError = new QboError(
          "transient",
          `Network error talking to QuickBooks: ${(err as Error).message}`,
          null,
          null,
          null,
        );
        res = null;
      }
      await releaseRateSlot(db, slot);
      if (res) {
        if (kind === "read") await countMeteredRead(db);
        const tid = res.headers.get("intuit-tid") ?? res.headers.get("intuit_tid");
        if (res.ok) {
          try {
            return { body: JSON.parse(text) as Record<string, unknown>, text };
          } catch {
            throw new QboError(
              "permanent",
              "QuickBooks answered with something that is not JSON.",
              res.status,
              null,
              tid,
            );
          }
        }
        const fault = parseFault(text);
        failure = classify(res.status, fault);
        lastError = new QboError(failure, describeFault(res.status, fault), res.status, fault, tid);
        this.o.log?.(
          `[qbo] ${method} ${path} → ${res.status}${fault ? ` ${fault.code}` : ""} (intuit_tid ${tid ?? "?"}, attempt ${state.attempt})`,
        );
      } else failure = "network";
      const step = nextRetry(failure, state, policy);
      if (!step.retry) break;
      if (step.throttled) {
        state.throttleWaits++;
        await this.onThrottle?.(new Date(clock.now().getTime() + step.waitMs))?.catch(() => {});
      }
      if (step.usesAttempt) state.attempt++;
      if (step.refreshToken) {
        state.forcedRefresh = true;
        rejected = token;
      }
      if (step.waitMs > 0) await this.sleep(step.waitMs);
    }
    throw lastError ?? new QboError("transient", "QuickBooks did not answer.", null, null, null);
  }
}
