import { createHash } from "node:crypto";
import { exportJWK, generateKeyPair, type JWK, SignJWT, UnsecuredJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { cachedKeys, verifyPlaidWebhook } from "./webhooks";

const NOW = Date.parse("2026-11-26T12:00:00Z");
const body = JSON.stringify(
  {
    webhook_type: "TRANSACTIONS",
    webhook_code: "SYNC_UPDATES_AVAILABLE",
    item_id: "it1",
    environment: "sandbox",
  },
  null,
  2,
);
const sha = (s: string) => createHash("sha256").update(s).digest("hex");
let good: { priv: CryptoKey; jwk: JWK };
let other: { priv: CryptoKey; jwk: JWK };

beforeAll(async () => {
  const a = await generateKeyPair("ES256", { extractable: true });
  const b = await generateKeyPair("ES256", { extractable: true });
  good = { priv: a.privateKey, jwk: { ...(await exportJWK(a.publicKey)), kid: "k1", alg: "ES256" } };
  other = { priv: b.privateKey, jwk: await exportJWK(b.publicKey) };
});

const sign = (opts: { kid?: string; key?: CryptoKey; iat?: number; hash?: string; alg?: string } = {}) =>
  new SignJWT({ request_body_sha256: opts.hash ?? sha(body) })
    .setProtectedHeader({ alg: opts.alg ?? "ES256", kid: opts.kid ?? "k1", typ: "JWT" })
    .setIssuedAt(opts.iat ?? Math.floor(NOW / 1000) - 10)
    .sign(opts.key ?? good.priv);
const keys = async (kid: string) => (kid === "k1" ? good.jwk : null);
const verify = (header: string | null, raw = body) =>
  verifyPlaidWebhook({ rawBody: raw, header, keys, nowMs: NOW });

describe("Plaid webhook verification", () => {
  it("accepts Plaid's signature over the exact body and returns the parsed webhook", async () => {
    const r = await verify(await sign());
    expect(r).toMatchObject({
      ok: true,
      bodySha256: sha(body),
      payload: { webhook_code: "SYNC_UPDATES_AVAILABLE", item_id: "it1" },
    });
  });

  type TCase = readonly [string, () => Promise<string | null>, string];
  it.each<TCase>([
    ["absent", async () => null, "no_header"],
    ["not a JWT", async () => "garbage", "bad_header"],
    [
      "alg none",
      async () =>
        new UnsecuredJWT({ request_body_sha256: sha(body) }).setIssuedAt(Math.floor(NOW / 1000)).encode(),
      "wrong_alg",
    ],
    [
      "HS256",
      async () =>
        new SignJWT({ request_body_sha256: sha(body) })
          .setProtectedHeader({ alg: "HS256", kid: "k1" })
          .setIssuedAt()
          .sign(new TextEncoder().encode("x".repeat(32))),
      "wrong_alg",
    ],
    ["an unknown key id", async () => sign({ kid: "k9" }), "unknown_key"],
    ["forged (another key, known kid)", async () => sign({ key: other.priv }), "bad_signature"],
    ["stale (iat 5 min 1 s ago)", async () => sign({ iat: Math.floor(NOW / 1000) - 301 }), "stale"],
    ["from the future", async () => sign({ iat: Math.floor(NOW / 1000) + 120 }), "stale"],
    ["a wrong body hash", async () => sign({ hash: sha(`${body} `) }), "body_mismatch"],
  ])("refuses a header that is %s", async (_name, header, reason) => {
    expect(await verify(await header())).toEqual({ ok: false, reason });
  });

  it("refuses a body changed after signing (even by whitespace)", async () => {
    const jwt = await sign();
    expect(await verify(jwt, body.replace(/\n/g, ""))).toEqual({ ok: false, reason: "body_mismatch" });
  });

  it("accepts a token exactly 5 minutes old, and one from a sender whose clock runs up to a minute ahead", async () => {
    expect((await verify(await sign({ iat: Math.floor(NOW / 1000) - 300 }))).ok).toBe(true);
    expect((await verify(await sign({ iat: Math.floor(NOW / 1000) + 30 }))).ok).toBe(true);
    expect((await verify(await sign({ iat: Math.floor(NOW / 1000) + 60 }))).ok).toBe(true);
    expect(await verify(await sign({ iat: Math.floor(NOW / 1000) + 61 }))).toEqual({
      ok: false,
      reason: "stale",
    });
  });

  it("refuses a signed body that is not a webhook", async () => {
    const raw = JSON.stringify({ hello: 1 });
    expect(await verify(await sign({ hash: sha(raw) }), raw)).toEqual({ ok: false, reason: "bad_body" });
  });
});

describe("the verification key cache", () => {
  it("fetches a kid once, re-asks for an unknown kid only after a minute, drops expired keys", async () => {
    let now = NOW;
    const asked: string[] = [];
    const source = cachedKeys(
      async (kid) => {
        asked.push(kid);
        if (kid === "old") return { kty: "EC", expired_at: Math.floor(NOW / 1000) - 1 };
        return kid === "k1" ? good.jwk : null;
      },
      () => now,
    );
    expect(await source("k1")).toEqual(good.jwk);
    expect(await source("k1")).toEqual(good.jwk);
    expect(await source("nope")).toBeNull();
    expect(await source("nope")).toBeNull();
    now += 60_001;
    expect(await source("nope")).toBeNull();
    expect(await source("old")).toBeNull();
    expect(asked).toEqual(["k1", "nope", "nope", "old"]);
  });
});

describe("Plaid webhook verification, the rest of the refusals", () => {
  const raw = (
    claims: Record<string, unknown>,
    header: Record<string, unknown> = { alg: "ES256", kid: "k1" },
  ) => new SignJWT(claims).setProtectedHeader(header as never).sign(good.priv);
  it("a header with no kid", async () => {
    expect(
      await verify(
        await raw({ request_body_sha256: sha(body), iat: Math.floor(NOW / 1000) }, { alg: "ES256" }),
      ),
    ).toEqual({
      ok: false,
      reason: "bad_header",
    });
  });
  it("a token without iat", async () => {
    expect(await verify(await raw({ request_body_sha256: sha(body) }))).toEqual({
      ok: false,
      reason: "stale",
    });
  });
  it("a token without a body hash, or one of the wrong length", async () => {
    expect(await verify(await raw({ iat: Math.floor(NOW / 1000) }))).toEqual({
      ok: false,
      reason: "body_mismatch",
    });
    expect(await verify(await sign({ hash: "abc" }))).toEqual({ ok: false, reason: "body_mismatch" });
  });
  it("a signed body that is not JSON", async () => {
    const text = "not json";
    expect(await verify(await sign({ hash: sha(text) }), text)).toEqual({ ok: false, reason: "bad_body" });
  });
  it("the fields handlers read come back typed; unknown ones are kept", async () => {
    const hook = JSON.stringify({
      webhook_type: "ITEM",
      webhook_code: "ERROR",
      item_id: "i",
      error: { error_code: "ITEM_LOGIN_REQUIRED", x: 1 },
      extra: true,
    });
    const r = await verify(await sign({ hash: sha(hook) }), hook);
    expect(r).toMatchObject({
      ok: true,
      payload: { item_id: "i", error: { error_code: "ITEM_LOGIN_REQUIRED", x: 1 }, extra: true },
    });
  });
});

describe("the verification key cache, at its edges", () => {
  it("a key fetched before Plaid expired it is fetched again once expired; a known-expired key is remembered as unknown for a minute", async () => {
    let now = NOW;
    const asked: string[] = [];
    const expiresAt = Math.floor(NOW / 1000) + 100;
    const source = cachedKeys(
      async (kid) => {
        asked.push(kid);
        return kid === "soon"
          ? { kty: "EC", expired_at: expiresAt }
          : { kty: "EC", expired_at: Math.floor(now / 1000) };
      },
      () => now,
    );
    expect(await source("soon")).toMatchObject({ expired_at: expiresAt });
    now = expiresAt * 1000 - 1;
    await source("soon");
    expect(asked).toEqual(["soon"]);
    now = expiresAt * 1000;
    await source("soon");
    expect(asked).toEqual(["soon", "soon"]);
    // Expired at the moment it is fetched: null, and not asked again within the minute.
    expect(await source("gone")).toBeNull();
    expect(await source("gone")).toBeNull();
    expect(asked.filter((k) => k === "gone")).toHaveLength(1);
  });
  it("an unknown kid is asked again exactly a minute later, not before", async () => {
    let now = NOW;
    let calls = 0;
    const source = cachedKeys(
      async () => {
        calls++;
        return null;
      },
      () => now,
    );
    await source("x");
    now += 59_999;
    await source("x");
    expect(calls).toBe(1);
    now += 1;
    await source("x");
    expect(calls).toBe(2);
  });
});
