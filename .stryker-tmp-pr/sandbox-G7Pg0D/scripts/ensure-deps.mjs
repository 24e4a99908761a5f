// @ts-nocheck
// Install dependencies when node_modules is missing or older than the lockfile. Used by the
// README's two commands so a fresh clone needs nothing else.
import { execSync } from "node:child_process";
import fs from "node:fs";

export function ensureDeps() {
  const lock = fs.existsSync("package-lock.json") ? fs.statSync("package-lock.json").mtimeMs : 0;
  const marker = "node_modules/.package-lock.json";
  const installed = fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : -1;
  if (installed >= lock && installed > 0) return;
  console.info("Installing dependencies (npm ci, about a minute)…");
  execSync("npm ci --no-audit --no-fund", { stdio: "inherit" });
}
