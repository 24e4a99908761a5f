// @ts-nocheck
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type DatabaseHandle, openDatabase, setDatabaseForProcess } from "@/server/db/client";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default; with
 * TEST_DB=postgres, a newly created database on the local server (dropped afterwards), so
 * leftovers from earlier runs never matter.
 */
export const testBackend = process.env.TEST_DB === "postgres" ? "postgres" : "pglite";
export const postgresAdminUrl = process.env.TEST_PG_URL ?? "postgres://root@127.0.0.1:5432/test";

export type TestDatabase = DatabaseHandle & { url?: string };

export async function createTestDatabase(): Promise<TestDatabase> {
  if (testBackend === "pglite") return openDatabase({ pgliteDir: "memory://" });
  const name = `oodaloo_t_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(postgresAdminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      const drop = postgres(postgresAdminUrl, { max: 1, onnotice: () => {} });
      await drop.unsafe(`drop database if exists ${name} with (force)`);
      await drop.end();
    },
  };
}

/** Create a test database and make it the process's database (what getDb() returns). */
export async function useTestDatabase(): Promise<TestDatabase> {
  const handle = await createTestDatabase();
  setDatabaseForProcess(handle);
  return handle;
}
