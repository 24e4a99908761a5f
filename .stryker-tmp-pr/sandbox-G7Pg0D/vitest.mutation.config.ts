// @ts-nocheck
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * The tests Stryker runs against each mutant (stryker.config.mjs): those of the module under
 * test. One project (the Stryker runner does not take vitest projects); the same aliases and env
 * as vitest.config.ts.
 */
export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      "server-only": `${root}tests/support/empty.ts`,
    },
  },
  test: {
    // The module's tests, from stryker.config.mjs (scripts/mutation-modules.mjs).
    include: (process.env.MUTATION_TESTS ?? "server/**/*.test.ts").split(","),
    exclude: ["node_modules/**"],
    environment: "node",
    env: {
      OODALOO_MODE: "demo",
      DATA_DIR: "./data/test",
      PGLITE_DIR: "memory://",
      APP_URL: "http://localhost:3000",
      INNGEST_DEV: "1",
    },
    setupFiles: ["tests/support/setup.ts"],
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
