// @ts-nocheck
import "server-only";
import { eq, sql } from "drizzle-orm";
import type { DB } from "../db/client";
import { users } from "../db/schema";

/**
 * Revocable JWT sessions (docs/decisions/0007-sessions.md): a token is valid while the version it
 * was issued under is the user's current one. Checked on every request that reads the session.
 */
export async function currentSessionVersion(db: DB, userId: string): Promise<number | null> {
  const [u] = await db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId));
  return u?.v ?? null;
}

/** Is this token (its user id and version) still a live session? A deleted user has none. */
export async function isSessionLive(db: DB, token: Record<string, unknown>): Promise<boolean> {
  if (typeof token.uid !== "string" || typeof token.sv !== "number") return false;
  return (await currentSessionVersion(db, token.uid)) === token.sv;
}

/** Sign out everywhere: every session cookie of this user, wherever it was copied, stops working. */
export async function endAllSessions(db: DB, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}
