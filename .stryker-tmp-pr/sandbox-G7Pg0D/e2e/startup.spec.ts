// @ts-nocheck
import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";

/** Start `next start` with the given environment and collect its output until it exits. */
function startServer(env: Record<string, string>, port: number) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const clean: Record<string, string | undefined> = Object.fromEntries(
      Object.entries(process.env).filter(
        ([k]) =>
          !/^(OODALOO_MODE|AUTH_SECRET|TOKEN_ENCRYPTION_KEY|APP_URL|SMTP_URL|DATABASE_URL|DEMO_TODAY|DATA_DIR|PGLITE_DIR)$/.test(
            k,
          ),
      ),
    );
    const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
      env: { ...clean, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
    });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 45_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test("production mode without its secrets refuses to start, naming what is missing", async () => {
  const { code, output } = await startServer({ DATA_DIR: "./data/e2e-prod" }, 3191);
  expect(code).toBe(1);
  expect(output).toContain(
    "Production mode refuses to start: missing AUTH_SECRET, TOKEN_ENCRYPTION_KEY, APP_URL, SMTP_URL.",
  );
});

test("a second server on the same PGlite folder is refused while the first runs", async ({ request }) => {
  // The e2e web server holds ./data/e2e (unless this run uses PostgreSQL).
  test.skip(Boolean(process.env.E2E_DATABASE_URL), "the e2e server is on PostgreSQL in this run");
  expect((await request.get("/api/health")).ok()).toBe(true);
  const { code, output } = await startServer({ OODALOO_MODE: "demo", DATA_DIR: "./data/e2e" }, 3192);
  expect(code).toBe(1);
  expect(output).toMatch(/The embedded database in .*data\/e2e\/pglite is already open in process \d+/);
});
