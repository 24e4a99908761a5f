import "server-only";
import { and, eq } from "drizzle-orm";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { qboConnections, qboTokens } from "../db/schema";
import type { TQboConfig } from "../env";
import { decryptSecret, encryptSecret } from "../lib/vault";
import { QboReauthRequired } from "./errors";
import { intuitClient, isInvalidGrant, type TTokenResponse, withTimeout, ZTokenResponse } from "./intuit";

/** Refresh when the access token has less than this left (Intuit: refresh near expiry, not per call). */
const REFRESH_MARGIN_MS = 5 * 60_000;
const REFRESH_TIMEOUT_MS = 10_000;

export type TVaultDeps = { db: DB; businessId: string; config: TQboConfig; key: string; clock: Clock };

export function tokenRow(businessId: string, t: TTokenResponse, key: string, now: Date) {
  return {
    businessId,
    accessTokenEnc: encryptSecret(t.access_token, key),
    refreshTokenEnc: encryptSecret(t.refresh_token, key),
    accessExpiresAt: new Date(now.getTime() + t.expires_in * 1000),
    refreshExpiresAt: new Date(now.getTime() + t.x_refresh_token_expires_in * 1000),
    hardExpiresAt:
      t.x_refresh_token_hard_expires_in !== undefined
        ? new Date(now.getTime() + t.x_refresh_token_hard_expires_in * 1000)
        : null,
    refreshedAt: now,
  };
}

/** Store a fresh token set (after connecting). */
export async function storeTokens(
  db: DB,
  businessId: string,
  t: TTokenResponse,
  key: string,
  now: Date,
): Promise<void> {
  const row = tokenRow(businessId, t, key, now);
  await db
    .insert(qboTokens)
    .values({ ...row, version: 1 })
    .onConflictDoUpdate({ target: qboTokens.businessId, set: { ...row, version: 1 } });
}

async function markNeedsReauth(db: DB, businessId: string, now: Date, reason: string) {
  await db
    .update(qboConnections)
    .set({ status: "needs_reauth", needsReauthAt: now, lastError: reason })
    .where(and(eq(qboConnections.businessId, businessId), eq(qboConnections.status, "active")));
}

/**
 * A valid access token for the business's realm. Refreshes only near expiry (or when `rejected`
 * — the token a 401 came back for — is still the stored one), serialized per connection by a
 * row lock; the rotated refresh token is stored in the same transaction as the refresh. On
 * `invalid_grant` the stored row is re-read once (another process may have rotated it); if it
 * did not change, the connection is marked `needs_reauth` and QboReauthRequired is thrown.
 */
export async function getAccessToken(deps: TVaultDeps & { rejected?: string }): Promise<string> {
  const { db, businessId, config, key, clock } = deps;
  const [current] = await db.select().from(qboTokens).where(eq(qboTokens.businessId, businessId));
  if (!current) throw new QboReauthRequired(businessId);
  const access = decryptSecret(current.accessTokenEnc, key);
  const fresh = current.accessExpiresAt.getTime() - clock.now().getTime() > REFRESH_MARGIN_MS;
  if (fresh && access !== deps.rejected) return access;

  let staleVersion = current.version;
  const result: { token: string } | { invalidGrant: true } = await db.transaction(async (tx) => {
    const [locked] = await tx
      .select()
      .from(qboTokens)
      .where(eq(qboTokens.businessId, businessId))
      .for("update");
    if (!locked) throw new QboReauthRequired(businessId);
    const lockedAccess = decryptSecret(locked.accessTokenEnc, key);
    // Someone refreshed while we waited for the lock.
    if (locked.version !== current.version && lockedAccess !== deps.rejected) return { token: lockedAccess };
    staleVersion = locked.version;
    const refreshToken = decryptSecret(locked.refreshTokenEnc, key);
    try {
      const res = await withTimeout(
        intuitClient(config).refreshUsingToken(refreshToken),
        REFRESH_TIMEOUT_MS,
        "QuickBooks token refresh",
      );
      const body = ZTokenResponse.parse(res.getJson());
      const now = clock.now();
      await tx
        .update(qboTokens)
        .set({ ...tokenRow(businessId, body, key, now), version: locked.version + 1 })
        .where(eq(qboTokens.businessId, businessId));
      return { token: body.access_token };
    } catch (err) {
      if (isInvalidGrant(err)) return { invalidGrant: true as const };
      throw err;
    }
  });
  if ("token" in result) return result.token;

  // invalid_grant: re-read once — a concurrent refresh may have rotated the token under us.
  const [again] = await db.select().from(qboTokens).where(eq(qboTokens.businessId, businessId));
  if (again && again.version !== staleVersion) return decryptSecret(again.accessTokenEnc, key);
  await markNeedsReauth(db, businessId, clock.now(), "QuickBooks refused the refresh token (invalid_grant).");
  throw new QboReauthRequired(businessId);
}

/** Revoke the grant at Intuit (disconnect). Failures are reported, not fatal: the tokens are deleted anyway. */
export async function revokeTokens({
  db,
  businessId,
  config,
  key,
}: Omit<TVaultDeps, "clock">): Promise<{ revoked: boolean }> {
  const [row] = await db.select().from(qboTokens).where(eq(qboTokens.businessId, businessId));
  if (!row) return { revoked: false };
  try {
    await withTimeout(
      intuitClient(config).revoke({ refresh_token: decryptSecret(row.refreshTokenEnc, key) }),
      REFRESH_TIMEOUT_MS,
      "QuickBooks revoke",
    );
    return { revoked: true };
  } catch {
    return { revoked: false };
  } finally {
    await db.delete(qboTokens).where(eq(qboTokens.businessId, businessId));
  }
}
