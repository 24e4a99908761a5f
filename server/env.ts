import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The one place configuration is read and validated. Everything else calls `getEnv()`.
 *
 * Mode is explicit: `OODALOO_MODE=demo` or `production` (the default — fail closed). `next start`
 * always runs with NODE_ENV=production, so NODE_ENV is never the switch.
 *
 * - production: every secret must be configured; a missing one is a start-up error naming it.
 * - demo: missing secrets are generated once into `<DATA_DIR>/secrets.json` and reused, the email
 *   outbox and one-click demo sign-in are available.
 */

const ZMode = z.enum(["demo", "production"]);
export type TMode = z.infer<typeof ZMode>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-11-26");
const base64Key32 = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded");

const ZRawEnv = z.object({
  OODALOO_MODE: ZMode.default("production"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().min(1).optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  TOKEN_ENCRYPTION_KEY: base64Key32.optional(),
  APP_URL: z.string().url().optional(),
  /** Where `next start` listens; links made without a request (weekly emails) use it when APP_URL is unset (demo). */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SMTP_URL: z.string().url().optional(),
  /**
   * How many proxies in front of the app append to X-Forwarded-For (0: none, the header is the
   * caller's to write and is ignored; per-IP rate limits are then off).
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  EMAIL_FROM: z.string().min(3).default("Oodaloo <no-reply@oodaloo.local>"),
  DEMO_TODAY: isoDate.optional(),
  // QuickBooks. The environment is explicit: Intuit's sandbox or production, or the project's
  // emulator (then QBO_BASE_URL says where it runs). Demo mode defaults to the emulator.
  QBO_ENVIRONMENT: z.enum(["emulator", "sandbox", "production"]).optional(),
  // The bank rail: Plaid's sandbox or production, or the project's Plaid emulator (then
  // PLAID_BASE_URL says where it runs). Demo mode defaults to the emulator; unset, no bank rail.
  PLAID_ENVIRONMENT: z.enum(["emulator", "sandbox", "production"]).optional(),
  PLAID_BASE_URL: z.string().url().optional(),
  PLAID_CLIENT_ID: z.string().min(1).optional(),
  PLAID_SECRET: z.string().min(1).optional(),
  /** Where Plaid POSTs webhooks (public URL of /api/webhooks/plaid); defaults from APP_URL. */
  PLAID_WEBHOOK_URL: z.string().url().optional(),
  QBO_BASE_URL: z.string().url().optional(),
  QBO_CLIENT_ID: z.string().min(1).optional(),
  QBO_CLIENT_SECRET: z.string().min(1).optional(),
  QBO_REDIRECT_URI: z.string().url().optional(),
  QBO_WEBHOOK_VERIFIER_TOKEN: z.string().min(8).optional(),
  /** How long to wait after a 429 (Intuit says 60 s); tests shorten it. */
  QBO_THROTTLE_WAIT_MS: z.coerce.number().int().min(0).default(60_000),
  /** A burst of notifications for one company becomes one sync this long after the first. */
  QBO_WEBHOOK_DEBOUNCE_MS: z.coerce.number().int().min(0).max(20_000).default(2_000),
  // Inngest: with an event key (Inngest Cloud) or INNGEST_DEV (a dev server), the outbox
  // dispatcher forwards events to Inngest; without either, it runs them in-process.
  INNGEST_EVENT_KEY: z.string().min(1).optional(),
  INNGEST_DEV: z.string().min(1).optional(),
});

export type TQboConfig = {
  environment: "emulator" | "sandbox" | "production";
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string | undefined;
  webhookVerifierToken: string | undefined;
  throttleWaitMs: number;
  webhookDebounceMs: number;
};

export type TPlaidConfig = {
  environment: "emulator" | "sandbox" | "production";
  basePath: string;
  clientId: string;
  secret: string;
  webhookUrl: string | undefined;
};

/** Plaid's hosts (the SDK's PlaidEnvironments, written out so env.ts imports no SDK). */
const PLAID_HOSTS = { sandbox: "https://sandbox.plaid.com", production: "https://production.plaid.com" };

const INTUIT = {
  authorizeUrl: "https://appcenter.intuit.com/connect/oauth2",
  tokenUrl: "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer",
  revokeUrl: "https://developer.api.intuit.com/v2/oauth2/tokens/revoke",
  api: {
    sandbox: "https://sandbox-quickbooks.api.intuit.com",
    production: "https://quickbooks.api.intuit.com",
  },
} as const;

export type TEnv = {
  mode: TMode;
  dataDir: string;
  databaseUrl: string | undefined;
  pgliteDir: string;
  authSecret: string;
  tokenEncryptionKey: string;
  appUrl: string | undefined;
  /** The origin of links made outside a request: APP_URL, else http://localhost:PORT (demo only). */
  linkOrigin: string;
  smtpUrl: string | undefined;
  trustedProxyHops: number;
  /** Running under `next dev` (its React refresh needs eval; the CSP allows it only then). */
  nextDev: boolean;
  emailFrom: string;
  demoToday: string | undefined;
  /** null when QuickBooks is not configured (the Connections page says so). */
  qbo: TQboConfig | null;
  /** null when no bank rail is configured (Connections says so). */
  plaid: TPlaidConfig | null;
  /** Forward outbox events to an Inngest server (else run them in-process). */
  inngestForward: boolean;
};

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly missing: string[] = [],
  ) {
    super(message);
    this.name = "ConfigError";
  }
}

type Secrets = { AUTH_SECRET: string; TOKEN_ENCRYPTION_KEY: string };

function demoSecrets(dataDir: string): Secrets {
  const file = path.join(dataDir, "secrets.json");
  try {
    return z
      .object({ AUTH_SECRET: z.string(), TOKEN_ENCRYPTION_KEY: z.string() })
      .parse(JSON.parse(fs.readFileSync(file, "utf8")));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const secrets: Secrets = {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    // wx: if two module instances race, the first file wins and both read it back.
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { flag: "wx", mode: 0o600 });
    return secrets;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return demoSecrets(dataDir);
  }
}

/** Parse a raw environment; exported for tests. Never reads process.env itself. */
export function parseEnv(raw: Record<string, string | undefined>): TEnv {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = ZRawEnv.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR);
  let authSecret = e.AUTH_SECRET;
  let tokenKey = e.TOKEN_ENCRYPTION_KEY;

  if (e.OODALOO_MODE === "production") {
    const missing = [
      !authSecret && "AUTH_SECRET",
      !tokenKey && "TOKEN_ENCRYPTION_KEY",
      !e.APP_URL && "APP_URL",
      !e.SMTP_URL && "SMTP_URL",
    ].filter((x): x is string => Boolean(x));
    if (missing.length > 0) {
      throw new ConfigError(
        `Production mode refuses to start: missing ${missing.join(", ")}. ` +
          "Set them (see .env.example), or run the demo with OODALOO_MODE=demo.",
        missing,
      );
    }
    if (e.DEMO_TODAY) throw new ConfigError("DEMO_TODAY pins the clock and is only allowed in demo mode.");
    // The Inngest SDK skips request signature checks in dev mode: anyone could run our functions.
    if (e.INNGEST_DEV)
      throw new ConfigError(
        "INNGEST_DEV turns off Inngest's signature checks and is refused in production: set INNGEST_SIGNING_KEY and INNGEST_EVENT_KEY instead.",
        ["INNGEST_DEV"],
      );
  } else if (!authSecret || !tokenKey) {
    const s = demoSecrets(dataDir);
    authSecret ??= s.AUTH_SECRET;
    tokenKey ??= s.TOKEN_ENCRYPTION_KEY;
  }

  return {
    mode: e.OODALOO_MODE,
    dataDir,
    ...parseDatabaseConfig(raw),
    authSecret: authSecret!,
    tokenEncryptionKey: tokenKey!,
    appUrl: e.APP_URL,
    linkOrigin: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    smtpUrl: e.SMTP_URL,
    trustedProxyHops: e.TRUSTED_PROXY_HOPS,
    nextDev: raw.NODE_ENV === "development",
    emailFrom: e.EMAIL_FROM,
    demoToday: e.DEMO_TODAY,
    qbo: qboConfig(e),
    plaid: plaidConfig(e),
    inngestForward:
      Boolean(e.INNGEST_EVENT_KEY) || (Boolean(e.INNGEST_DEV) && e.INNGEST_DEV !== "0" && !isTest(raw)),
  };
}

/** Tests set INNGEST_DEV=1 so the SDK skips signature checks; that is not a server to forward to. */
function isTest(raw: Record<string, string | undefined>): boolean {
  return Boolean(raw.VITEST);
}

function qboConfig(e: z.infer<typeof ZRawEnv>): TQboConfig | null {
  const demo = e.OODALOO_MODE === "demo";
  const environment = e.QBO_ENVIRONMENT ?? (demo ? "emulator" : undefined);
  if (!environment) return null;
  const emulatorBase = (e.QBO_BASE_URL ?? (demo ? "http://127.0.0.1:4010" : "")).replace(/\/$/, "");
  if (environment === "emulator" && !emulatorBase) {
    throw new ConfigError("QBO_ENVIRONMENT=emulator needs QBO_BASE_URL (where the emulator runs).", [
      "QBO_BASE_URL",
    ]);
  }
  if (environment !== "emulator" && e.QBO_BASE_URL) {
    throw new ConfigError("QBO_BASE_URL is only for the emulator; Intuit's URLs follow QBO_ENVIRONMENT.");
  }
  const clientId = e.QBO_CLIENT_ID ?? (environment === "emulator" ? "emulator-client-id" : undefined);
  const clientSecret =
    e.QBO_CLIENT_SECRET ?? (environment === "emulator" ? "emulator-client-secret" : undefined);
  if (!clientId || !clientSecret) {
    throw new ConfigError(
      `QBO_ENVIRONMENT=${environment} needs QBO_CLIENT_ID and QBO_CLIENT_SECRET.`,
      [!clientId && "QBO_CLIENT_ID", !clientSecret && "QBO_CLIENT_SECRET"].filter((x): x is string =>
        Boolean(x),
      ),
    );
  }
  return {
    environment,
    ...(environment === "emulator"
      ? {
          authorizeUrl: `${emulatorBase}/connect/oauth2`,
          tokenUrl: `${emulatorBase}/oauth2/v1/tokens/bearer`,
          revokeUrl: `${emulatorBase}/v2/oauth2/tokens/revoke`,
          apiBaseUrl: emulatorBase,
        }
      : {
          authorizeUrl: INTUIT.authorizeUrl,
          tokenUrl: INTUIT.tokenUrl,
          revokeUrl: INTUIT.revokeUrl,
          apiBaseUrl: INTUIT.api[environment],
        }),
    clientId,
    clientSecret,
    redirectUri:
      e.QBO_REDIRECT_URI ?? (e.APP_URL ? `${e.APP_URL.replace(/\/$/, "")}/api/qbo/callback` : undefined),
    webhookVerifierToken: e.QBO_WEBHOOK_VERIFIER_TOKEN,
    throttleWaitMs: e.QBO_THROTTLE_WAIT_MS,
    webhookDebounceMs: e.QBO_WEBHOOK_DEBOUNCE_MS,
  };
}

function plaidConfig(e: z.infer<typeof ZRawEnv>): TPlaidConfig | null {
  const demo = e.OODALOO_MODE === "demo";
  const environment = e.PLAID_ENVIRONMENT ?? (demo ? "emulator" : undefined);
  if (!environment) return null;
  const emulatorBase = (e.PLAID_BASE_URL ?? (demo ? "http://127.0.0.1:4020" : "")).replace(/\/$/, "");
  if (environment === "emulator" && !emulatorBase)
    throw new ConfigError("PLAID_ENVIRONMENT=emulator needs PLAID_BASE_URL (where the emulator runs).", [
      "PLAID_BASE_URL",
    ]);
  if (environment !== "emulator" && e.PLAID_BASE_URL)
    throw new ConfigError("PLAID_BASE_URL is only for the emulator; Plaid's hosts follow PLAID_ENVIRONMENT.");
  const clientId = e.PLAID_CLIENT_ID ?? (environment === "emulator" ? "emulator-client-id" : undefined);
  const secret = e.PLAID_SECRET ?? (environment === "emulator" ? "emulator-secret" : undefined);
  if (!clientId || !secret)
    throw new ConfigError(
      `PLAID_ENVIRONMENT=${environment} needs PLAID_CLIENT_ID and PLAID_SECRET.`,
      [!clientId && "PLAID_CLIENT_ID", !secret && "PLAID_SECRET"].filter((x): x is string => Boolean(x)),
    );
  return {
    environment,
    basePath: environment === "emulator" ? emulatorBase : PLAID_HOSTS[environment],
    clientId,
    secret,
    // The emulator beside the demo reaches the app on this machine when no public URL is set.
    webhookUrl:
      e.PLAID_WEBHOOK_URL ??
      (e.APP_URL
        ? `${e.APP_URL.replace(/\/$/, "")}/api/webhooks/plaid`
        : environment === "emulator"
          ? `http://127.0.0.1:${e.PORT}/api/webhooks/plaid`
          : undefined),
  };
}

/** Only where the database lives (for db:migrate and other scripts that need nothing else). */
export function parseDatabaseConfig(
  raw: Record<string, string | undefined>,
): Pick<TEnv, "databaseUrl" | "pgliteDir"> {
  const e = ZRawEnv.pick({ DATA_DIR: true, DATABASE_URL: true, PGLITE_DIR: true }).parse(
    Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== "")),
  );
  const dataDir = path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR);
  return {
    databaseUrl: e.DATABASE_URL,
    pgliteDir:
      e.PGLITE_DIR === "memory://"
        ? "memory://"
        : path.resolve(/*turbopackIgnore: true*/ e.PGLITE_DIR ?? path.join(dataDir, "pglite")),
  };
}

const g = globalThis as unknown as { __oodalooEnv?: TEnv };

/** Validated configuration, parsed once per process (kept on globalThis: Next duplicates modules). */
export function getEnv(): TEnv {
  if (!g.__oodalooEnv) {
    g.__oodalooEnv = parseEnv(process.env);
    // Auth.js builds its callback URLs (the emailed sign-in link among them) from AUTH_URL when
    // set, else from the request's (forwarded) host: pin it to the configured origin.
    process.env.AUTH_URL ??= g.__oodalooEnv.linkOrigin;
  }
  return g.__oodalooEnv;
}

/** Tests only: forget the parsed configuration so the next getEnv() re-reads process.env. */
export function resetEnvForTests(): void {
  g.__oodalooEnv = undefined;
}
