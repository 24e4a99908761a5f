// @ts-nocheck
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * Signed links in digest emails. A token is `payload.signature`, both base64url: the payload names
 * its purpose, the digest (or business) and the recipient, and when it expires; the signature is
 * HMAC-SHA256 under a key derived from AUTH_SECRET. Checked in constant time. A valid signature
 * only says the link is ours: access is re-checked against the database on every use.
 */
export const DIGEST_LINK_DAYS = 14;
/** Unsubscribe links work this long after the email was sent (the law asks for at least 30). */
export const UNSUBSCRIBE_LINK_DAYS = 60;

const ZPayload = z.discriminatedUnion("p", [
  /** Open one stored digest, read-only, as this recipient. */
  z.object({ p: z.literal("digest"), d: z.string().uuid(), u: z.string().min(1), e: z.number().int() }),
  /** Stop the weekly digest email of one business for this recipient. */
  z.object({ p: z.literal("unsubscribe"), b: z.string().uuid(), u: z.string().min(1), e: z.number().int() }),
]);
export type TLinkPayload = z.infer<typeof ZPayload>;

function key(secret: string): Buffer {
  return createHmac("sha256", secret).update("oodaloo:email-links:v1").digest();
}

function sign(body: string, secret: string): Buffer {
  return createHmac("sha256", key(secret)).update(body).digest();
}

export function signLink(payload: TLinkPayload, secret: string): string {
  const body = Buffer.from(JSON.stringify(ZPayload.parse(payload))).toString("base64url");
  return `${body}.${sign(body, secret).toString("base64url")}`;
}

export type TVerified =
  | { ok: true; payload: TLinkPayload }
  | { ok: false; reason: "malformed" | "signature" | "expired" };

export function verifyLink(token: string, secret: string, now: Date): TVerified {
  const parts = token.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: "malformed" };
  const [body, sig] = parts as [string, string];
  const given = Buffer.from(sig, "base64url");
  const expected = sign(body, secret);
  // Only the canonical spelling: base64 ignores a last character's spare bits, and a link whose
  // text was changed must not pass because the change fell in them.
  if (
    given.length !== expected.length ||
    !timingSafeEqual(given, expected) ||
    given.toString("base64url") !== sig
  )
    return { ok: false, reason: "signature" };
  let parsed: ReturnType<typeof ZPayload.safeParse>;
  try {
    parsed = ZPayload.safeParse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (!parsed.success) return { ok: false, reason: "malformed" };
  if (parsed.data.e * 1000 <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, payload: parsed.data };
}

/** An unsubscribe link expires UNSUBSCRIBE_LINK_DAYS after its digest was made (and sent). */
export function unsubscribeLinkExpiry(digestCreatedAt: Date): number {
  return Math.floor(digestCreatedAt.getTime() / 1000) + UNSUBSCRIBE_LINK_DAYS * 86_400;
}

/** A digest link expires DIGEST_LINK_DAYS after the digest was made. */
export function digestLinkExpiry(digestCreatedAt: Date): number {
  return Math.floor(digestCreatedAt.getTime() / 1000) + DIGEST_LINK_DAYS * 86_400;
}
