// Mutation testing (issue 15): `npm run test:mutation` over the modules where money, sync and
// writes are decided. Mutation score = Stryker's mutationScore (uncovered mutants count as
// survived); below 90 the command fails. Incremental: a rerun tests only mutants whose code or
// tests changed (reports/stryker-incremental.json). One module at a time:
// `npm run test:mutation -- --mutate server/tray/rules.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  plugins: ["@stryker-mutator/vitest-runner"],
  coverageAnalysis: "perTest",
  mutate: [
    "server/runway/**/*.ts",
    "server/qbo/**/*.ts",
    "server/decisions/**/*.ts",
    "server/tray/rules.ts",
    "server/digest/links.ts",
    "server/access/**/*.ts",
    "!**/*.test.ts",
  ],
  thresholds: { high: 95, low: 90, break: 90 },
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  concurrency: 2,
  timeoutMS: 60_000,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
