// @ts-nocheck
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/postgres-js";
import { migrate as migratePg } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { getEnv } from "../env";
import { lockDataDir } from "./lock";
import * as schema from "./schema";

/** One type for both drivers; transactions are assignable to it, so queries compose. */
export type DB = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseHandle = {
  db: DB;
  backend: "postgres" | "pglite";
  close: () => Promise<void>;
};

export const migrationsFolder = path.join(process.cwd(), "drizzle");

export type OpenOptions = { url?: string; pgliteDir?: string; migrate?: boolean };

/**
 * Open PostgreSQL (when `url` is given) or embedded PGlite (a folder, or "memory://"), and run the
 * committed migrations. Both backends run the same SQL from `drizzle/`.
 */
export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  const runMigrations = opts.migrate ?? true;
  if (opts.url) {
    const client = postgres(opts.url, { max: 10, onnotice: () => {} });
    const db = drizzlePg(client, { schema }) as unknown as DB;
    if (runMigrations) {
      // Serialize migrations across processes: a session advisory lock on a one-connection client.
      const single = postgres(opts.url, { max: 1, onnotice: () => {} });
      try {
        await single`select pg_advisory_lock(7244410001)`;
        await migratePg(drizzlePg(single, { schema }), { migrationsFolder });
      } finally {
        await single.end({ timeout: 5 });
      }
    }
    return { db, backend: "postgres", close: () => client.end({ timeout: 5 }) };
  }

  const dir = opts.pgliteDir ?? "memory://";
  const release = dir === "memory://" ? () => {} : lockDataDir(dir);
  try {
    const client = dir === "memory://" ? new PGlite() : new PGlite(dir);
    const db = drizzlePglite(client, { schema }) as unknown as DB;
    if (runMigrations) await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
    return {
      db,
      backend: "pglite",
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

// Next gives route handlers, pages and instrumentation separate module instances, so the
// singleton lives on globalThis — otherwise two PGlite instances would share one folder.
const g = globalThis as unknown as { __oodalooDb?: Promise<DatabaseHandle> };

export function getDatabase(): Promise<DatabaseHandle> {
  if (!g.__oodalooDb) {
    const env = getEnv();
    g.__oodalooDb = openDatabase({ url: env.databaseUrl, pgliteDir: env.pgliteDir }).catch((err) => {
      g.__oodalooDb = undefined; // a failed open is retried on the next call
      throw err;
    });
  }
  return g.__oodalooDb;
}

export async function getDb(): Promise<DB> {
  return (await getDatabase()).db;
}

/** Tests and scripts: use this handle as the process's database. */
export function setDatabaseForProcess(handle: DatabaseHandle | undefined): void {
  g.__oodalooDb = handle ? Promise.resolve(handle) : undefined;
}
