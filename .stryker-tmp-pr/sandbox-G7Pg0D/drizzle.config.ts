// @ts-nocheck
import { defineConfig } from "drizzle-kit";

// `generate` needs no database: it diffs server/db/schema.ts against drizzle/meta.
export default defineConfig({ dialect: "postgresql", schema: "./server/db/schema.ts", out: "./drizzle" });
