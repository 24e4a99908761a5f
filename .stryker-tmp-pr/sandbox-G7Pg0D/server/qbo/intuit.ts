// @ts-nocheck
import "server-only";
import OAuthClient from "intuit-oauth";
import { z } from "zod";
import type { TQboConfig } from "../env";

/**
 * intuit-oauth keeps its endpoints in static, process-wide fields; they are set here from the
 * configuration (Intuit or the emulator) before every use, so nothing is guessed from a URL.
 */
export function intuitClient(config: TQboConfig, redirectUri?: string): OAuthClient {
  OAuthClient.authorizeEndpoint = config.authorizeUrl;
  OAuthClient.tokenEndpoint = config.tokenUrl;
  OAuthClient.revokeEndpoint = config.revokeUrl;
  return new OAuthClient({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    environment: config.environment === "production" ? "production" : "sandbox",
    redirectUri: redirectUri ?? config.redirectUri ?? "http://localhost/unused",
    logging: false,
    includeRefreshTokenHardExpiresIn: true,
  } as ConstructorParameters<typeof OAuthClient>[0]);
}

export const ZTokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive(),
  x_refresh_token_expires_in: z.coerce.number().int().nonnegative(),
  x_refresh_token_hard_expires_in: z.coerce.number().int().nonnegative().optional(),
  token_type: z.string().optional(),
});
export type TTokenResponse = z.infer<typeof ZTokenResponse>;

/** intuit-oauth rejects with `{ error: "invalid_grant", … }` when the grant is dead. */
export function isInvalidGrant(err: unknown): boolean {
  const e = err as { error?: string; authResponse?: { json?: { error?: string } } } | null;
  return e?.error === "invalid_grant" || e?.authResponse?.json?.error === "invalid_grant";
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]);
}
