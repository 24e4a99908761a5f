import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * Two projects: `unit` (pure logic, `*.test.ts` beside the code) and `int` (`*.int.test.ts`,
 * against a real database — PGlite by default, PostgreSQL when TEST_DB=postgres — and the QBO
 * emulator over HTTP). `scripts/test.mjs` runs `int` once per backend.
 */
const shared = {
  alias: {
    "@": root,
    // `server-only` throws outside React Server Components; tests are server code too.
    "server-only": `${root}tests/support/empty.ts`,
  },
};
const env = {
  OODALOO_MODE: "demo",
  DATA_DIR: "./data/test",
  PGLITE_DIR: "memory://",
  APP_URL: "http://localhost:3000",
  INNGEST_DEV: "1",
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: shared,
        test: {
          name: "unit",
          include: ["{server,lib,tests,scripts,qbo-emulator,plaid-emulator}/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
          env,
          setupFiles: ["tests/support/setup.ts"],
        },
      },
      {
        resolve: shared,
        test: {
          name: "int",
          include: ["{server,lib,tests,scripts,qbo-emulator,plaid-emulator}/**/*.int.test.ts"],
          environment: "node",
          env,
          setupFiles: ["tests/support/setup.ts"],
          // next-auth imports "next/server" without an extension, which only bundlers resolve.
          server: { deps: { inline: ["next-auth"] } },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
