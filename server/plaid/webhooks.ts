import { createHash, timingSafeEqual } from "node:crypto";
import { decodeProtectedHeader, importJWK, type JWK, jwtVerify } from "jose";
import { z } from "zod";

/**
 * Plaid webhook verification (Plaid's "Verify webhooks"): the `Plaid-Verification` header is an
 * ES256 JWT whose `kid` names a key from `/webhook_verification_key/get`; its payload carries
 * `request_body_sha256`, the SHA-256 of the exact body, and `iat`, no older than 5 minutes.
 * Everything else is refused: no header, another algorithm (`none` included), an unknown key, a
 * bad signature, a stale or future token, a body that does not hash to the claim. jose does the
 * JWT work; this file only decides.
 */
export type TKeySource = (kid: string) => Promise<(JWK & { expired_at?: number | null }) | null>;

export type TVerifyResult =
  | { ok: true; bodySha256: string; payload: TPlaidWebhook }
  | {
      ok: false;
      reason:
        | "no_header"
        | "bad_header"
        | "wrong_alg"
        | "unknown_key"
        | "bad_signature"
        | "stale"
        | "body_mismatch"
        | "bad_body";
    };

const MAX_AGE_SEC = 5 * 60;
const MAX_SKEW_SEC = 60;

export async function verifyPlaidWebhook(input: {
  rawBody: string;
  header: string | null;
  keys: TKeySource;
  nowMs: number;
}): Promise<TVerifyResult> {
  if (!input.header) return { ok: false, reason: "no_header" };
  let kid: string | undefined;
  let alg: string | undefined;
  try {
    ({ kid, alg } = decodeProtectedHeader(input.header));
  } catch {
    return { ok: false, reason: "bad_header" };
  }
  if (alg !== "ES256") return { ok: false, reason: "wrong_alg" };
  if (!kid) return { ok: false, reason: "bad_header" };
  const jwk = await input.keys(kid);
  if (!jwk) return { ok: false, reason: "unknown_key" };
  let payload: Record<string, unknown>;
  try {
    const key = await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, "ES256");
    // Stryker disable next-line ObjectLiteral,ArrayDeclaration: ES256 is checked above; defense in depth.
    ({ payload } = await jwtVerify(input.header, key, { algorithms: ["ES256"] }));
  } catch {
    return { ok: false, reason: "bad_signature" };
  }
  // Age is judged here, not by jose's maxTokenAge (which refuses an iat a second ahead of our
  // clock): no older than 5 minutes, and at most a minute of the sender's clock running ahead.
  // jose has checked that an `iat` present is a number; absent, the age is NaN and refused.
  const ageSec = input.nowMs / 1000 - ((payload.iat as number | undefined) ?? Number.NaN);
  if (!(ageSec <= MAX_AGE_SEC && ageSec >= -MAX_SKEW_SEC)) return { ok: false, reason: "stale" };
  const actual = createHash("sha256").update(input.rawBody).digest("hex");
  const claimed = typeof payload.request_body_sha256 === "string" ? payload.request_body_sha256 : "";
  if (claimed.length !== actual.length || !timingSafeEqual(Buffer.from(claimed), Buffer.from(actual)))
    return { ok: false, reason: "body_mismatch" };
  let body: unknown;
  try {
    body = JSON.parse(input.rawBody);
  } catch {
    return { ok: false, reason: "bad_body" };
  }
  const parsed = ZPlaidWebhook.safeParse(body);
  if (!parsed.success) return { ok: false, reason: "bad_body" };
  return { ok: true, bodySha256: actual, payload: parsed.data };
}

/**
 * The fields the product reads from a verified webhook; the rest is kept. Which ones a handler
 * needs depends on `webhook_type` / `webhook_code` (server/banks/webhook.ts switches on them).
 */
export const ZPlaidWebhook = z
  .object({
    webhook_type: z.string(),
    webhook_code: z.string(),
    item_id: z.string().optional(),
    error: z.object({ error_code: z.string() }).passthrough().nullable().optional(),
    consent_expiration_time: z.string().nullable().optional(),
    link_token: z.string().optional(),
    status: z.string().optional(),
    public_tokens: z.array(z.string()).optional(),
  })
  .passthrough();
export type TPlaidWebhook = z.infer<typeof ZPlaidWebhook>;

/**
 * Verification keys by kid, fetched once and kept until Plaid marks them expired. A kid Plaid
 * does not know is remembered as unknown for a minute, so a flood of forged kids costs one call
 * each per minute at most.
 */
export function cachedKeys(
  fetchKey: (kid: string) => Promise<(JWK & { expired_at?: number | null }) | null>,
  nowMs: () => number,
): TKeySource {
  const cache = new Map<string, { key: (JWK & { expired_at?: number | null }) | null; at: number }>();
  return async (kid) => {
    const hit = cache.get(kid);
    if (
      hit &&
      (hit.key ? !hit.key.expired_at || hit.key.expired_at * 1000 > nowMs() : nowMs() - hit.at < 60_000)
    )
      return hit.key;
    const key = await fetchKey(kid);
    if (key?.expired_at && key.expired_at * 1000 <= nowMs()) {
      cache.set(kid, { key: null, at: nowMs() });
      return null;
    }
    cache.set(kid, { key, at: nowMs() });
    return key;
  };
}
