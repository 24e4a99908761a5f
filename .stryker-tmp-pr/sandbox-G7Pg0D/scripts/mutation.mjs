#!/usr/bin/env node
// @ts-nocheck
/**
 * `npm run test:mutation [-- module…]`: Stryker over each module in turn (scripts/mutation-modules.mjs),
 * then one line per module with its score. Fails when any module is below 90. `--force` reruns
 * every mutant: incremental mode reuses a static mutant's result even after a test that kills it
 * was added (Stryker's documented limitation), so run it after adding tests for module-level code.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { MODULES } from "./mutation-modules.mjs";

const flags = process.argv.slice(2).filter((a) => a.startsWith("--"));
const asked = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const names = asked.length > 0 ? asked : Object.keys(MODULES);
const rows = [];
let failed = false;
for (const name of names) {
  const t = Date.now();
  const r = spawnSync("npx", ["stryker", "run", ...flags], {
    stdio: "inherit",
    env: { ...process.env, MUTATE: name },
  });
  const report = `reports/mutation/${name}.json`;
  let score = "?";
  if (fs.existsSync(report)) {
    const files = JSON.parse(fs.readFileSync(report, "utf8")).files;
    const all = Object.values(files).flatMap((f) => f.mutants);
    const killed = all.filter((m) => m.status === "Killed" || m.status === "Timeout").length;
    const valid = all.filter((m) => !["CompileError", "RuntimeError", "Ignored"].includes(m.status)).length;
    score = valid > 0 ? ((100 * killed) / valid).toFixed(2) : "n/a";
    const ignored = all.filter((m) => m.status === "Ignored").length;
    rows.push(
      `${name.padEnd(10)} ${String(score).padStart(7)}%  ${killed}/${valid} killed, ${ignored} marked equivalent, ${((Date.now() - t) / 1000).toFixed(0)} s`,
    );
  } else rows.push(`${name.padEnd(10)} no report (exit ${r.status})`);
  if (r.status !== 0) failed = true;
}
console.info("\nmutation score by module (break < 90%):");
for (const row of rows) console.info(`  ${row}`);
process.exit(failed ? 1 : 0);
