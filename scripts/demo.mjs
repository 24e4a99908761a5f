#!/usr/bin/env node
/**
 * `npm run demo`: the one command for a fresh machine. Installs dependencies if needed, builds
 * when the sources changed since the last build, then serves the app in demo mode on
 * http://localhost:3000 with the embedded PGlite database in ./data (no server needed).
 * PORT, DATA_DIR and DATABASE_URL are honoured.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ensureDeps } from "./ensure-deps.mjs";

ensureDeps();

function sourceStamp() {
  const h = createHash("sha1");
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(`${p}:${fs.statSync(p).mtimeMs}\n`);
    }
  };
  for (const d of ["app", "components", "server", "lib", "drizzle", "inngest", "public"]) walk(d);
  for (const f of [
    "package-lock.json",
    "next.config.ts",
    "instrumentation.ts",
    "postcss.config.mjs",
    "tsconfig.json",
  ]) {
    if (fs.existsSync(f)) h.update(`${f}:${fs.statSync(f).mtimeMs}\n`);
  }
  return h.digest("hex");
}

const stampFile = path.join(".next", "oodaloo-source-stamp");
const stamp = sourceStamp();
if (
  !fs.existsSync(path.join(".next", "BUILD_ID")) ||
  (fs.existsSync(stampFile) ? fs.readFileSync(stampFile, "utf8") : "") !== stamp
) {
  console.info("Building the app (about 30 seconds)…");
  const r = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
  fs.writeFileSync(stampFile, stamp);
}

const port = process.env.PORT ?? "3000";
const dataDir = process.env.DATA_DIR ?? "./data";
fs.mkdirSync(dataDir, { recursive: true });

// The demo's QuickBooks: the project's QBO emulator, its companies kept in the data folder so
// the demo's QuickBooks and the app's mirror never disagree across restarts.
const emulatorPort = process.env.QBO_EMULATOR_PORT ?? "4010";
const emulator = spawn(process.execPath, ["--import", "tsx", "qbo-emulator/cli.ts"], {
  stdio: "inherit",
  env: {
    ...process.env,
    QBO_EMULATOR_PORT: emulatorPort,
    QBO_EMULATOR_STATE: path.join(dataDir, "qbo-emulator.json"),
    // The demo business's company, twelve for the demo firm's clients, three left to connect.
    QBO_EMULATOR_SEED_COMPANIES: process.env.QBO_EMULATOR_SEED_COMPANIES ?? "16",
  },
});

// The demo's bank: the project's Plaid emulator, its banks kept in the data folder too. The app
// makes each demo business's bank from its books once the first QuickBooks sync is in.
const plaidPort = process.env.PLAID_EMULATOR_PORT ?? "4020";
const plaidEmulator = spawn(process.execPath, ["--import", "tsx", "plaid-emulator/cli.ts"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PLAID_EMULATOR_PORT: plaidPort,
    PLAID_EMULATOR_STATE: path.join(dataDir, "plaid-emulator.json"),
    PLAID_EMULATOR_SEED_LOGINS: "1",
  },
});

// The demo lists everyone's sign-in links at /outbox and signs in with one click: it listens on
// this machine only. HOST=0.0.0.0 exposes it deliberately (then set APP_URL to the address
// people use, so emailed links point there).
const host = process.env.HOST ?? "127.0.0.1";
console.info(
  `Starting Oodaloo in demo mode on http://localhost:${port} (listening on ${host}${host === "127.0.0.1" ? ", this machine only" : ""}) …`,
);
const app = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port, "-H", host], {
  stdio: "inherit",
  env: {
    ...process.env,
    PORT: port,
    // The app talks to the emulator started above, wherever QBO_EMULATOR_PORT put it.
    QBO_BASE_URL: process.env.QBO_BASE_URL ?? `http://127.0.0.1:${emulatorPort}`,
    PLAID_BASE_URL: process.env.PLAID_BASE_URL ?? `http://127.0.0.1:${plaidPort}`,
    OODALOO_MODE: "demo",
    NEXT_TELEMETRY_DISABLED: "1",
  },
});
const children = [app, emulator, plaidEmulator];
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    for (const c of children) c.kill(sig);
  });
}
for (const c of children) {
  c.on("exit", (code) => {
    // Either one stopping stops the demo.
    for (const other of children) if (other !== c && other.exitCode === null) other.kill("SIGTERM");
    process.exitCode = code ?? 0;
  });
}
