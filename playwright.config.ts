import { defineConfig } from "@playwright/test";

/**
 * e2e against a production build (`next build` first; scripts/test.mjs does it), in demo mode
 * with a pinned "today" and its own PGlite folder (or DATABASE_URL when set), in Debian chromium.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
export const emulatorPort = Number(process.env.E2E_EMULATOR_PORT ?? 4110);
export const plaidEmulatorPort = Number(process.env.E2E_PLAID_EMULATOR_PORT ?? 4120);
export const e2eToday = "2026-03-16";

export default defineConfig({
  testDir: "e2e",
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PW_JSON_OUTPUT
    ? [["list"], ["json", { outputFile: process.env.PW_JSON_OUTPUT }]]
    : "list",
  // One folder per database, so a failure's trace survives the other run.
  outputDir: process.env.E2E_DATABASE_URL ? "test-results/e2e-postgres" : "test-results/e2e-pglite",
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: "chromium",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: [
    {
      // The demo's QuickBooks: the project's emulator with four companies (one each for the specs that connect their own; more would make the demo connect firm clients), "today" pinned.
      command: `node --import tsx qbo-emulator/cli.ts`,
      url: `http://127.0.0.1:${emulatorPort}/__admin/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      env: {
        QBO_EMULATOR_PORT: String(emulatorPort),
        QBO_EMULATOR_SEED_COMPANIES: "4",
        DEMO_TODAY: e2eToday,
      },
    },
    {
      // The demo's bank: the Plaid emulator (the app makes the demo business's bank from its books).
      command: `node --import tsx plaid-emulator/cli.ts`,
      url: `http://127.0.0.1:${plaidEmulatorPort}/__admin/calls`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      env: {
        PLAID_EMULATOR_PORT: String(plaidEmulatorPort),
        PLAID_EMULATOR_SEED_LOGINS: "2",
        DEMO_TODAY: e2eToday,
      },
    },
    {
      command: `rm -rf ./data/e2e && node node_modules/next/dist/bin/next start -p ${port}`,
      url: `http://127.0.0.1:${port}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        OODALOO_MODE: "demo",
        DATA_DIR: "./data/e2e",
        DEMO_TODAY: e2eToday,
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(port),
        QBO_ENVIRONMENT: "emulator",
        QBO_BASE_URL: `http://127.0.0.1:${emulatorPort}`,
        PLAID_ENVIRONMENT: "emulator",
        PLAID_BASE_URL: `http://127.0.0.1:${plaidEmulatorPort}`,
        QBO_THROTTLE_WAIT_MS: "500",
        ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
      },
    },
  ],
});
