// @ts-nocheck
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DIGEST_LINK_DAYS, digestLinkExpiry, signLink, unsubscribeLinkExpiry, verifyLink } from "./links";

const secret = "a".repeat(40);
const digestId = "7d0f3a0e-1f7c-4b8e-9d7a-3f1e2c4b5a69";
const made = new Date("2026-11-23T14:00:00Z");
// Computed inside each test, never at load time (mutation testing activates a mutant per test).
const expiry = () => digestLinkExpiry(made);
const digestToken = () => signLink({ p: "digest", d: digestId, u: "user-1", e: expiry() }, secret);

describe("signed digest links", () => {
  it("are the same bytes as ever: a link sent last month still opens after a deploy", () => {
    // A fixed vector: payload, key derivation ("oodaloo:email-links:v1") and encoding all pinned.
    const t = signLink({ p: "digest", d: digestId, u: "user-1", e: 1_800_000_000 }, secret);
    const body = Buffer.from(
      JSON.stringify({ p: "digest", d: digestId, u: "user-1", e: 1_800_000_000 }),
    ).toString("base64url");
    const key = createHmac("sha256", secret).update("oodaloo:email-links:v1").digest();
    expect(t).toBe(`${body}.${createHmac("sha256", key).update(body).digest("base64url")}`);
    const u = signLink({ p: "unsubscribe", b: digestId, u: "user-1", e: 1_800_000_000 }, secret);
    expect(JSON.parse(Buffer.from(u.split(".")[0]!, "base64url").toString())).toEqual({
      p: "unsubscribe",
      b: digestId,
      u: "user-1",
      e: 1_800_000_000,
    });
    // Nothing else is signed: an unknown purpose, a missing recipient or a non-uuid digest.
    expect(() => signLink({ p: "admin" } as never, secret)).toThrow();
    expect(() => signLink({ p: "digest", d: digestId, u: "", e: 1 }, secret)).toThrow();
    expect(() => signLink({ p: "digest", d: "not-a-uuid", u: "x", e: 1 }, secret)).toThrow();
    expect(() => signLink({ p: "unsubscribe", b: digestId, u: "", e: 1 }, secret)).toThrow();
    expect(() => signLink({ p: "digest", d: digestId, u: "ab", e: 1.5 }, secret)).toThrow();
    expect(signLink({ p: "digest", d: digestId, u: "ab", e: 1 }, secret)).toMatch(/^[\w-]+\.[\w-]{43}$/);
  });

  it("verify what they sign, until 14 days after the digest", () => {
    const e = expiry();
    const token = digestToken();
    expect(e).toBe(made.getTime() / 1000 + DIGEST_LINK_DAYS * 86_400);
    expect(verifyLink(token, secret, new Date("2026-12-07T13:59:59Z"))).toEqual({
      ok: true,
      payload: { p: "digest", d: digestId, u: "user-1", e },
    });
    expect(verifyLink(token, secret, new Date("2026-12-07T14:00:00Z"))).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("refuse a changed payload, a changed signature, another secret and garbage", () => {
    const e = expiry();
    const token = digestToken();
    const [body, sig] = token.split(".") as [string, string];
    const other = Buffer.from(JSON.stringify({ p: "digest", d: digestId, u: "user-2", e })).toString(
      "base64url",
    );
    expect(verifyLink(`${other}.${sig}`, secret, made)).toEqual({ ok: false, reason: "signature" });
    const flipped = sig.slice(0, -2) + (sig.endsWith("A") ? "BB" : "AA");
    expect(verifyLink(`${body}.${flipped}`, secret, made)).toEqual({ ok: false, reason: "signature" });
    expect(verifyLink(token, "b".repeat(40), made)).toEqual({ ok: false, reason: "signature" });
    // 43 base64url characters carry 258 bits for 256: the last one's two spare bits are ignored
    // by decoding, so a link changed only there decodes to the same bytes — and is still refused.
    const last = sig.at(-1)!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const sameBits = alphabet[alphabet.indexOf(last) ^ 1]!;
    expect(Buffer.from(`${sig.slice(0, -1)}${sameBits}`, "base64url")).toEqual(Buffer.from(sig, "base64url"));
    expect(verifyLink(`${body}.${sig.slice(0, -1)}${sameBits}`, secret, made)).toEqual({
      ok: false,
      reason: "signature",
    });
    expect(verifyLink("nonsense", secret, made)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyLink(`${body}.`, secret, made)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyLink(`.${sig}`, secret, made)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyLink(`${token}.x`, secret, made)).toEqual({ ok: false, reason: "malformed" });
    // A short signature is refused before comparing (timingSafeEqual needs equal lengths).
    expect(verifyLink(`${body}.${sig.slice(0, 10)}`, secret, made)).toEqual({
      ok: false,
      reason: "signature",
    });
    // Signed but not JSON: malformed.
    const junk = Buffer.from("not json").toString("base64url");
    const key = createHmac("sha256", secret).update("oodaloo:email-links:v1").digest();
    const junkSig = createHmac("sha256", key).update(junk).digest("base64url");
    expect(verifyLink(`${junk}.${junkSig}`, secret, made)).toEqual({ ok: false, reason: "malformed" });
  });

  it("a correctly signed body that is not a known payload is malformed, not trusted", () => {
    const body = Buffer.from(JSON.stringify({ p: "admin", u: "x" })).toString("base64url");
    const key = createHmac("sha256", secret).update("oodaloo:email-links:v1").digest();
    const sig = createHmac("sha256", key).update(body).digest("base64url");
    expect(verifyLink(`${body}.${sig}`, secret, made)).toEqual({ ok: false, reason: "malformed" });
  });

  it("finding 13: unsubscribe links work for 60 days after the email was sent, then not", () => {
    const sent = new Date("2026-11-30T08:00:00Z");
    const t = signLink(
      { p: "unsubscribe", b: digestId, u: "user-1", e: unsubscribeLinkExpiry(sent) },
      secret,
    );
    const day = (n: number) => new Date(sent.getTime() + n * 86_400_000);
    expect(verifyLink(t, secret, day(59))).toMatchObject({ ok: true });
    expect(verifyLink(t, secret, new Date(day(60).getTime() - 1000))).toMatchObject({ ok: true });
    expect(verifyLink(t, secret, day(60))).toEqual({ ok: false, reason: "expired" });
    // A link from before expiry was added (no `e`) is not a valid link any more.
    const body = Buffer.from(JSON.stringify({ p: "unsubscribe", b: digestId, u: "user-1" })).toString(
      "base64url",
    );
    const key = createHmac("sha256", secret).update("oodaloo:email-links:v1").digest();
    const sig = createHmac("sha256", key).update(body).digest("base64url");
    expect(verifyLink(`${body}.${sig}`, secret, sent)).toEqual({ ok: false, reason: "malformed" });
  });
});
