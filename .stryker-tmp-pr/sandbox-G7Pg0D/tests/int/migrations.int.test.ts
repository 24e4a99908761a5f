// @ts-nocheck
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/server/db/client";
import { createTestDatabase, type TestDatabase, testBackend } from "../support/db";
import { rowsOf } from "../support/factories";

describe(`migrations on ${testBackend}`, () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle?.close());

  it("creates every table of the schema, recorded once in the migrations journal", async () => {
    expect(handle.backend).toBe(testBackend);
    const tables = rowsOf<{ table_name: string }>(
      await handle.db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
      ),
    ).map((r) => r.table_name);
    expect(tables).toEqual(
      expect.arrayContaining([
        "accounts",
        "audit_log",
        "businesses",
        "emails",
        "firm_grants",
        "firm_members",
        "firms",
        "invitations",
        "memberships",
        "sessions",
        "users",
        "verification_tokens",
      ]),
    );
    const journal = rowsOf<{ n: number }>(
      await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
    );
    expect(Number(journal[0]!.n)).toBeGreaterThan(0);
  });

  it("opening an already migrated database applies nothing twice", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oodaloo-mig-"));
    const target = handle.url ? { url: handle.url } : { pgliteDir: dir };
    const count = async (h: { db: TestDatabase["db"] }) =>
      Number(
        rowsOf<{ n: number }>(
          await h.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
        )[0]!.n,
      );
    const first = await openDatabase(target);
    const n1 = await count(first);
    await first.close();
    const second = await openDatabase(target);
    const n2 = await count(second);
    await second.close();
    expect(n1).toBeGreaterThan(0);
    expect(n2).toBe(n1);
  });
});
