// @ts-nocheck
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { createBusiness } from "@/server/businesses/create-business";
import type { DB } from "@/server/db/client";
import { firmGrants, firmMembers, firms, memberships, users } from "@/server/db/schema";

let n = 0;
const uniq = () => `${Date.now().toString(36)}${(n++).toString(36)}${randomBytes(2).toString("hex")}`;

export async function makeUser(db: DB, overrides: { email?: string; name?: string } = {}) {
  const [u] = await db
    .insert(users)
    .values({ email: overrides.email ?? `user-${uniq()}@example.test`, name: overrides.name ?? "Test User" })
    .returning();
  return u!;
}

export async function makeBusiness(
  db: DB,
  ownerId: string,
  overrides: Partial<{ name: string; timezone: string; currency: string; fiscalYearStartMonth: number }> = {},
) {
  const { businessId } = await createBusiness({
    db,
    userId: ownerId,
    input: {
      name: overrides.name ?? `Biz ${uniq()}`,
      timezone: overrides.timezone ?? "America/New_York",
      currency: overrides.currency ?? "USD",
      fiscalYearStartMonth: overrides.fiscalYearStartMonth ?? 1,
    },
  });
  return businessId;
}

export async function addMember(
  db: DB,
  businessId: string,
  userId: string,
  role: "owner" | "bookkeeper" | "viewer",
) {
  await db.insert(memberships).values({ businessId, userId, role });
}

export async function makeFirmWithAdvisor(db: DB, advisorId: string, grantTo: string[] = []) {
  const [firm] = await db
    .insert(firms)
    .values({ name: `Firm ${uniq()}`, inviteCode: `CODE-${uniq()}` })
    .returning();
  await db.insert(firmMembers).values({ firmId: firm!.id, userId: advisorId, role: "advisor" });
  for (const businessId of grantTo)
    await db.insert(firmGrants).values({ businessId, firmId: firm!.id, acceptedAt: new Date() });
  return firm!.id;
}

/** Row count of every table in the public schema (to prove an action wrote nothing). */
export async function rowCounts(db: DB): Promise<Record<string, number>> {
  const tables = await db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const out: Record<string, number> = {};
  for (const { table_name } of rowsOf<{ table_name: string }>(tables)) {
    const r = await db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from "${table_name}"`));
    out[table_name] = Number(rowsOf<{ n: number }>(r)[0]!.n);
  }
  return out;
}

/** postgres.js returns an array; PGlite returns { rows }. */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
