import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./vault";

const key = randomBytes(32).toString("base64");

describe("token vault crypto", () => {
  it("round-trips, with a fresh IV each time", () => {
    const a = encryptSecret("RT1-39-H3-secret", key);
    const b = encryptSecret("RT1-39-H3-secret", key);
    expect(a).not.toBe(b);
    expect(a).not.toContain("RT1");
    expect(decryptSecret(a, key)).toBe("RT1-39-H3-secret");
  });

  it("refuses a tampered value or the wrong key", () => {
    const sealed = encryptSecret("token", key);
    const raw = Buffer.from(sealed.slice(3), "base64");
    raw[raw.length - 1]! ^= 1;
    expect(() => decryptSecret(`v1:${raw.toString("base64")}`, key)).toThrow();
    expect(() => decryptSecret(sealed, randomBytes(32).toString("base64"))).toThrow();
    expect(() => encryptSecret("x", "c2hvcnQ=")).toThrow(/32 bytes/);
  });

  it("round-trips any text as UTF-8, and refuses a value not in its format", () => {
    expect(decryptSecret(encryptSecret("clé-ü-€", key), key)).toBe("clé-ü-€");
    expect(encryptSecret("x", key)).toMatch(/^v1:/);
    expect(() => decryptSecret(encryptSecret("x", key).slice(3), key)).toThrow("Unknown token format");
    expect(() => decryptSecret(`v2:${encryptSecret("x", key).slice(3)}`, key)).toThrow(
      "Unknown token format",
    );
  });
});
