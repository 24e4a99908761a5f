// Mutation testing (issue 15): `npm run test:mutation` over the modules where money, sync and
// writes are decided, one module at a time (MUTATE=tray|money|links|access|runway|advice|scenarios|paymentRun|scenarioService|paymentRunService|writeback|decisions|qbo; all
// of them in turn by default, see scripts/mutation.mjs). The score is Stryker's mutationScore
// (uncovered mutants count as survived); below 90 the run fails. Incremental: a rerun tests only
// mutants whose code or tests changed (reports/mutation/<module>.incremental.json, committed).
// Each module runs the tests that exercise it (vitest.mutation.config.ts reads MUTATION_TESTS).
import { MODULES } from "./scripts/mutation-modules.mjs";

const name = process.env.MUTATE ?? "tray";
const m = MODULES[name];
if (!m) throw new Error(`MUTATE=${name}: one of ${Object.keys(MODULES).join(", ")}`);
process.env.MUTATION_TESTS = m.tests.join(",");

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  plugins: ["@stryker-mutator/vitest-runner"],
  coverageAnalysis: "perTest",
  mutate: [...m.mutate, "!**/*.test.ts"],
  thresholds: { high: 95, low: 90, break: 90 },
  incremental: true,
  incrementalFile: `reports/mutation/${name}.incremental.json`,
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  concurrency: 2,
  timeoutMS: 60_000,
  tempDirName: ".stryker-tmp",
  // Not copied into the sandbox: the demo database (a running demo locks it), build output, reports.
  ignorePatterns: ["/data", "/.next", "/test-results", "/playwright-report", "/reports"],
  cleanTempDir: "always",
};
