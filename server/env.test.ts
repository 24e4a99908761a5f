import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "oodaloo-env-"));

describe("parseEnv", () => {
  it("defaults to production and refuses to start without its secrets, naming each one", () => {
    let caught: unknown;
    try {
      parseEnv({ DATA_DIR: tmp() });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const err = caught as ConfigError;
    expect(err.missing).toEqual(["AUTH_SECRET", "TOKEN_ENCRYPTION_KEY", "APP_URL", "SMTP_URL"]);
    expect(err.message).toContain("missing AUTH_SECRET, TOKEN_ENCRYPTION_KEY, APP_URL, SMTP_URL");
  });

  it("names only what is missing", () => {
    expect(() =>
      parseEnv({
        AUTH_SECRET: "x".repeat(40),
        TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
        APP_URL: "https://app.example.com",
      }),
    ).toThrow(/missing SMTP_URL\./);
  });

  it("accepts a complete production configuration and never generates secrets", () => {
    const dir = tmp();
    const env = parseEnv({
      DATA_DIR: dir,
      AUTH_SECRET: "s".repeat(40),
      TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
      APP_URL: "https://app.example.com",
      SMTP_URL: "smtp://mail.example.com:587",
    });
    expect(env.mode).toBe("production");
    expect(env.authSecret).toBe("s".repeat(40));
    expect(fs.existsSync(path.join(dir, "secrets.json"))).toBe(false);
  });

  it("rejects a token key that is not 32 bytes and a pinned clock in production", () => {
    expect(() => parseEnv({ OODALOO_MODE: "demo", TOKEN_ENCRYPTION_KEY: "c2hvcnQ=" })).toThrow(/32 bytes/);
    expect(() =>
      parseEnv({
        AUTH_SECRET: "s".repeat(40),
        TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
        APP_URL: "https://app.example.com",
        SMTP_URL: "smtp://mail.example.com",
        DEMO_TODAY: "2026-01-05",
      }),
    ).toThrow(/DEMO_TODAY/);
  });

  it("finding 15: refuses INNGEST_DEV in production (it disables Inngest's signature checks)", () => {
    const prod = {
      DATA_DIR: tmp(),
      AUTH_SECRET: "s".repeat(40),
      TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
      APP_URL: "https://app.example.com",
      SMTP_URL: "smtp://mail.example.com",
    };
    for (const v of ["1", "http://localhost:8288", "0"])
      expect(() => parseEnv({ ...prod, INNGEST_DEV: v }), v).toThrow(/INNGEST_DEV .* refused in production/);
    expect(parseEnv(prod).mode).toBe("production");
    expect(parseEnv({ OODALOO_MODE: "demo", DATA_DIR: tmp(), INNGEST_DEV: "1" }).mode).toBe("demo");
  });

  it("finding 10: links come from configuration (APP_URL, else localhost:PORT in demo), and Auth.js is pinned to it", () => {
    expect(parseEnv({ OODALOO_MODE: "demo", DATA_DIR: tmp(), PORT: "3456" }).linkOrigin).toBe(
      "http://localhost:3456",
    );
    expect(
      parseEnv({ OODALOO_MODE: "demo", DATA_DIR: tmp(), APP_URL: "https://demo.example.com/" }).linkOrigin,
    ).toBe("https://demo.example.com");
  });

  it("rejects an unknown mode instead of guessing", () => {
    expect(() => parseEnv({ OODALOO_MODE: "staging" })).toThrow(/OODALOO_MODE/);
  });

  it("demo mode generates missing secrets once into the data folder and reuses them", () => {
    const dir = tmp();
    const a = parseEnv({ OODALOO_MODE: "demo", DATA_DIR: dir });
    const b = parseEnv({ OODALOO_MODE: "demo", DATA_DIR: dir });
    expect(a.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(Buffer.from(a.tokenEncryptionKey, "base64")).toHaveLength(32);
    expect(b.authSecret).toBe(a.authSecret);
    expect(b.tokenEncryptionKey).toBe(a.tokenEncryptionKey);
    const stored = JSON.parse(fs.readFileSync(path.join(dir, "secrets.json"), "utf8"));
    expect(stored.AUTH_SECRET).toBe(a.authSecret);
    expect(a.pgliteDir).toBe(path.join(dir, "pglite"));
  });

  it("demo mode prefers configured secrets over generated ones", () => {
    const env = parseEnv({ OODALOO_MODE: "demo", DATA_DIR: tmp(), AUTH_SECRET: "a".repeat(32) });
    expect(env.authSecret).toBe("a".repeat(32));
  });
});

describe("the bank rail's configuration (issue 18)", () => {
  const prod = {
    AUTH_SECRET: "s".repeat(40),
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    APP_URL: "https://app.example.com",
    SMTP_URL: "smtp://mail.example.com:587",
  };
  it("production without PLAID_ENVIRONMENT has no bank rail; demo defaults to the emulator beside it", () => {
    expect(parseEnv({ DATA_DIR: tmp(), ...prod }).plaid).toBeNull();
    expect(parseEnv({ OODALOO_MODE: "demo", DATA_DIR: tmp(), PORT: "3100" }).plaid).toEqual({
      environment: "emulator",
      basePath: "http://127.0.0.1:4020",
      clientId: "emulator-client-id",
      secret: "emulator-secret",
      webhookUrl: "http://127.0.0.1:3100/api/webhooks/plaid",
    });
  });
  it("sandbox and production go to Plaid's hosts with their keys, webhooks to APP_URL", () => {
    const env = parseEnv({
      DATA_DIR: tmp(),
      ...prod,
      PLAID_ENVIRONMENT: "production",
      PLAID_CLIENT_ID: "c",
      PLAID_SECRET: "s",
    });
    expect(env.plaid).toEqual({
      environment: "production",
      basePath: "https://production.plaid.com",
      clientId: "c",
      secret: "s",
      webhookUrl: "https://app.example.com/api/webhooks/plaid",
    });
    expect(
      parseEnv({
        DATA_DIR: tmp(),
        ...prod,
        PLAID_ENVIRONMENT: "sandbox",
        PLAID_CLIENT_ID: "c",
        PLAID_SECRET: "s",
        PLAID_WEBHOOK_URL: "https://hooks.example.com/p",
      }).plaid,
    ).toMatchObject({ basePath: "https://sandbox.plaid.com", webhookUrl: "https://hooks.example.com/p" });
  });
  it("fails closed: keys missing are named; PLAID_BASE_URL is only for the emulator", () => {
    try {
      parseEnv({ DATA_DIR: tmp(), ...prod, PLAID_ENVIRONMENT: "sandbox" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).missing).toEqual(["PLAID_CLIENT_ID", "PLAID_SECRET"]);
    }
    expect(() =>
      parseEnv({
        DATA_DIR: tmp(),
        ...prod,
        PLAID_ENVIRONMENT: "sandbox",
        PLAID_CLIENT_ID: "c",
        PLAID_SECRET: "s",
        PLAID_BASE_URL: "http://x.test",
      }),
    ).toThrow(/only for the emulator/);
    expect(() => parseEnv({ DATA_DIR: tmp(), ...prod, PLAID_ENVIRONMENT: "emulator" })).toThrow(
      /needs PLAID_BASE_URL/,
    );
    expect(
      parseEnv({
        DATA_DIR: tmp(),
        ...prod,
        PLAID_ENVIRONMENT: "emulator",
        PLAID_BASE_URL: "http://127.0.0.1:9999/",
      }).plaid,
    ).toMatchObject({
      basePath: "http://127.0.0.1:9999",
      clientId: "emulator-client-id",
    });
  });
});
