#!/usr/bin/env node
/**
 * `npm run demo:reset`: wipe the demo's data folder — the embedded database, generated secrets
 * and the QBO emulator's companies — together, so the app's mirror and the demo's QuickBooks
 * never disagree. Refused while the app still has the database open.
 */
import fs from "node:fs";
import path from "node:path";

const dataDir = path.resolve(process.env.DATA_DIR ?? "./data");
const lock = path.join(dataDir, "pglite", "oodaloo.lock");
if (fs.existsSync(lock)) {
  const { pid } = JSON.parse(fs.readFileSync(lock, "utf8"));
  let alive = false;
  try {
    process.kill(pid, 0);
    alive = true;
  } catch (err) {
    alive = err.code === "EPERM";
  }
  if (alive) {
    console.error(`The demo is running (process ${pid} holds ${lock}). Stop it (Ctrl-C) first, then reset.`);
    process.exit(1);
  }
}
for (const entry of [
  "pglite",
  "secrets.json",
  "qbo-emulator.json",
  "qbo-emulator.json.tmp",
  "plaid-emulator.json",
  "plaid-emulator.json.tmp",
]) {
  fs.rmSync(path.join(dataDir, entry), { recursive: true, force: true });
}
console.info(`Demo data in ${dataDir} removed. The next \`npm run demo\` starts fresh.`);
