// @ts-nocheck
import "server-only";
import type { DB } from "../db/client";
import type { TQboConfig } from "../env";
import { intuitClient, withTimeout } from "./intuit";
import { countMeteredRead } from "./rate-budget";

const VERIFY_TIMEOUT_MS = 15_000;

/**
 * Proof that a new grant reaches the company the redirect named: `companyinfo/{realmId}` with
 * the new access token. Only a 200 proves it (the body's `Id` is not the realm id); 401, 403,
 * 404, 5xx, a network error or a timeout all refuse. The redirect's `realmId` is a URL parameter
 * anyone can edit, so nothing may be stored on its word alone.
 */
export async function verifyRealmAccess({
  db,
  config,
  realmId,
  accessToken,
}: {
  db: DB;
  config: TQboConfig;
  realmId: string;
  accessToken: string;
}): Promise<{ ok: true } | { ok: false; status: number | null }> {
  const url = `${config.apiBaseUrl}/v3/company/${encodeURIComponent(realmId)}/companyinfo/${encodeURIComponent(realmId)}?minorversion=75`;
  try {
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
      signal: AbortSignal.timeout(VERIFY_TIMEOUT_MS),
    });
    await res.text();
    await countMeteredRead(db);
    return res.status === 200 ? { ok: true } : { ok: false, status: res.status };
  } catch {
    return { ok: false, status: null };
  }
}

/** Revoke a grant that was never stored (a refused connect): best effort, bounded. */
export async function revokeGrant(config: TQboConfig, refreshToken: string): Promise<boolean> {
  try {
    await withTimeout(
      intuitClient(config).revoke({ refresh_token: refreshToken }),
      VERIFY_TIMEOUT_MS,
      "QuickBooks revoke",
    );
    return true;
  } catch {
    return false;
  }
}
