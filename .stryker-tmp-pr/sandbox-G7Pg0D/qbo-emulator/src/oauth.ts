// @ts-nocheck
import { randomBytes } from "node:crypto";

/**
 * Intuit's OAuth 2.0 as the emulator plays it: single-use authorization codes (a second exchange
 * kills the grant), access tokens of `accessTtlSec`, refresh tokens that roll (~101 days of
 * non-use, `x_refresh_token_expires_in` counting down) and rotate at most every
 * `rotateAfterSec`, the previous value staying valid for `graceSec`; a hard expiry
 * (`x_refresh_token_hard_expires_in`, opt-in header); revoke kills the whole grant.
 * Times come from the emulator clock so tests can advance past expiries.
 */
export type TOAuthConfig = {
  clientId: string;
  clientSecret: string;
  accessTtlSec: number;
  refreshTtlSec: number;
  hardTtlSec: number;
  rotateAfterSec: number;
  graceSec: number;
};

export const DEFAULT_OAUTH: TOAuthConfig = {
  clientId: "emulator-client-id",
  clientSecret: "emulator-client-secret",
  accessTtlSec: 3600,
  refreshTtlSec: 8_726_400,
  hardTtlSec: 5 * 365 * 86_400,
  rotateAfterSec: 86_400,
  graceSec: 86_400,
};

type Grant = {
  id: string;
  realmId: string;
  hardExpiresMs: number;
  revoked: boolean;
  current: string;
  code?: string;
};
type Access = { grantId: string; realmId: string; expiresMs: number };
type Refresh = { grantId: string; issuedMs: number; expiresMs: number; supersededMs?: number };

export type TTokenResponse = {
  token_type: "bearer";
  access_token: string;
  refresh_token: string;
  expires_in: number;
  x_refresh_token_expires_in: number;
  x_refresh_token_hard_expires_in?: number;
};

export type TOAuthResult =
  | { ok: true; body: TTokenResponse; realmId: string }
  | { ok: false; error: "invalid_grant" | "invalid_request" };

const rand = (n = 24) => randomBytes(n).toString("base64url");

export class OAuthServer {
  config: TOAuthConfig;
  /** Successful refresh_token grants, for tests that count refreshes. */
  refreshes = 0;

  /** Grants of a realm and whether each was revoked (tests: a refused connect revokes its grant). */
  grantsOf(realmId: string): { id: string; revoked: boolean }[] {
    return [...this.grants.values()]
      .filter((g) => g.realmId === realmId)
      .map((g) => ({ id: g.id, revoked: g.revoked }));
  }
  private codes = new Map<
    string,
    { realmId: string; redirectUri: string; expiresMs: number; used: boolean; grantId?: string }
  >();
  private grants = new Map<string, Grant>();
  private access = new Map<string, Access>();
  private refresh = new Map<string, Refresh>();

  constructor(config: Partial<TOAuthConfig> = {}) {
    this.config = { ...DEFAULT_OAUTH, ...config };
  }

  checkClient(authorization: string | undefined): boolean {
    if (!authorization?.startsWith("Basic ")) return false;
    const [id, secret] = Buffer.from(authorization.slice(6), "base64").toString().split(":");
    return id === this.config.clientId && secret === this.config.clientSecret;
  }

  issueCode(realmId: string, redirectUri: string, nowMs: number): string {
    const code = `AB11${rand(30)}`;
    this.codes.set(code, { realmId, redirectUri, expiresMs: nowMs + 5 * 60_000, used: false });
    return code;
  }

  exchangeCode(code: string, redirectUri: string, nowMs: number, includeHard: boolean): TOAuthResult {
    const c = this.codes.get(code);
    if (!c || c.expiresMs < nowMs || c.redirectUri !== redirectUri)
      return { ok: false, error: "invalid_grant" };
    if (c.used) {
      // Exchanging a code twice poisons the grant it produced.
      if (c.grantId) this.revokeGrant(c.grantId);
      return { ok: false, error: "invalid_grant" };
    }
    c.used = true;
    const grant: Grant = {
      id: rand(12),
      realmId: c.realmId,
      hardExpiresMs: nowMs + this.config.hardTtlSec * 1000,
      revoked: false,
      current: "",
    };
    this.grants.set(grant.id, grant);
    c.grantId = grant.id;
    return { ok: true, realmId: c.realmId, body: this.issue(grant, nowMs, true, includeHard) };
  }

  /** Tokens for a realm without a browser (admin API). */
  issueForRealm(realmId: string, nowMs: number): TTokenResponse {
    const grant: Grant = {
      id: rand(12),
      realmId,
      hardExpiresMs: nowMs + this.config.hardTtlSec * 1000,
      revoked: false,
      current: "",
    };
    this.grants.set(grant.id, grant);
    return this.issue(grant, nowMs, true, true);
  }

  private issue(grant: Grant, nowMs: number, rotate: boolean, includeHard: boolean): TTokenResponse {
    if (rotate || !grant.current) {
      if (grant.current) {
        const prev = this.refresh.get(grant.current);
        if (prev) prev.supersededMs = nowMs;
      }
      const rt = `RT1-${Math.floor(nowMs / 1000) % 100}-H3-${Math.floor(nowMs / 1000)}${rand(16)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, "x")}`;
      this.refresh.set(rt, {
        grantId: grant.id,
        issuedMs: nowMs,
        expiresMs: nowMs + this.config.refreshTtlSec * 1000,
      });
      grant.current = rt;
    }
    const at = `eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..${rand(48)}`;
    this.access.set(at, {
      grantId: grant.id,
      realmId: grant.realmId,
      expiresMs: nowMs + this.config.accessTtlSec * 1000,
    });
    const rt = this.refresh.get(grant.current)!;
    return {
      token_type: "bearer",
      access_token: at,
      refresh_token: grant.current,
      expires_in: this.config.accessTtlSec,
      x_refresh_token_expires_in: Math.max(0, Math.floor((rt.expiresMs - nowMs) / 1000)),
      ...(includeHard
        ? { x_refresh_token_hard_expires_in: Math.max(0, Math.floor((grant.hardExpiresMs - nowMs) / 1000)) }
        : {}),
    };
  }

  refreshToken(token: string, nowMs: number, includeHard: boolean): TOAuthResult {
    const r = this.refresh.get(token);
    const grant = r ? this.grants.get(r.grantId) : undefined;
    if (!r || !grant || grant.revoked || r.expiresMs <= nowMs || grant.hardExpiresMs <= nowMs)
      return { ok: false, error: "invalid_grant" };
    if (r.supersededMs !== undefined && nowMs - r.supersededMs >= this.config.graceSec * 1000)
      return { ok: false, error: "invalid_grant" };
    const current = this.refresh.get(grant.current)!;
    const rotate = nowMs - current.issuedMs >= this.config.rotateAfterSec * 1000;
    if (!rotate)
      current.expiresMs = Math.max(current.expiresMs, current.issuedMs + this.config.refreshTtlSec * 1000);
    this.refreshes++;
    return { ok: true, realmId: grant.realmId, body: this.issue(grant, nowMs, rotate, includeHard) };
  }

  /** Revoke by access or refresh token: the whole grant dies. Unknown tokens are accepted silently. */
  revoke(token: string): void {
    const grantId = this.refresh.get(token)?.grantId ?? this.access.get(token)?.grantId;
    if (grantId) this.revokeGrant(grantId);
  }

  private revokeGrant(grantId: string) {
    const g = this.grants.get(grantId);
    if (g) g.revoked = true;
  }

  /** Admin: revoke every grant of a realm (as a user disconnecting in QuickBooks). */
  revokeRealm(realmId: string): number {
    let n = 0;
    for (const g of this.grants.values()) {
      if (g.realmId === realmId && !g.revoked) {
        g.revoked = true;
        n++;
      }
    }
    return n;
  }

  /** Admin: make every access token of a realm expire now. */
  expireAccessTokens(realmId: string, nowMs: number): number {
    let n = 0;
    for (const a of this.access.values()) {
      if (a.realmId === realmId && a.expiresMs > nowMs) {
        a.expiresMs = nowMs;
        n++;
      }
    }
    return n;
  }

  checkAccess(
    token: string | undefined,
    realmId: string,
    nowMs: number,
  ): "ok" | "invalid" | "expired" | "wrong_realm" {
    if (!token) return "invalid";
    const a = this.access.get(token);
    if (!a) return "invalid";
    const g = this.grants.get(a.grantId);
    if (!g || g.revoked) return "invalid";
    if (a.expiresMs <= nowMs) return "expired";
    return a.realmId === realmId ? "ok" : "wrong_realm";
  }
}
