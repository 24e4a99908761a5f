// @ts-nocheck
import { sql } from "drizzle-orm";
import type { DB } from "./client";

/**
 * True when `err` (or its cause, as drizzle wraps driver errors) is PostgreSQL's unique_violation
 * (SQLSTATE 23505) — on postgres.js and on PGlite alike. `constraint` narrows it to one index.
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  for (
    let e = err as
        | { code?: unknown; constraint_name?: unknown; constraint?: unknown; cause?: unknown }
        | undefined,
      depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    if (e.code === "23505") {
      if (!constraint) return true;
      const name = e.constraint_name ?? e.constraint;
      return name === constraint;
    }
  }
  return false;
}

/**
 * A transaction-scoped lock on one key (per business and address, say): concurrent transactions
 * that would replace the same row take turns instead of racing into a unique index.
 */
export async function lockKey(tx: Pick<DB, "execute">, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}
