#!/usr/bin/env node
// @ts-nocheck
/** `node scripts/mutation-survivors.mjs <module>`: the surviving and uncovered mutants of a module's last run. */
import fs from "node:fs";

const name = process.argv[2] ?? "tray";
const file0 = fs.existsSync(`reports/mutation/${name}.json`)
  ? `reports/mutation/${name}.json`
  : `reports/mutation/${name}.incremental.json`;
const d = JSON.parse(fs.readFileSync(file0, "utf8"));
for (const [file, v] of Object.entries(d.files)) {
  const src = v.source.split("\n");
  for (const m of v.mutants) {
    if (m.status !== "Survived" && m.status !== "NoCoverage") continue;
    const l = m.location.start.line;
    console.info(
      `${file}:${l} ${m.status === "NoCoverage" ? "uncovered" : "survived"} ${m.mutatorName} → ${JSON.stringify((m.replacement ?? "").slice(0, 60))} | ${src[l - 1].trim().slice(0, 90)}`,
    );
  }
}
