// @ts-nocheck
import "server-only";
import { desc, eq } from "drizzle-orm";
import type { DB } from "../db/client";
import { emails } from "../db/schema";
import { getEnv } from "../env";
import { AppError } from "../errors";

/** Demo mode only: the emails that were not sent through SMTP, newest first. */
export async function listOutbox({ db, limit = 50 }: { db: DB; limit?: number }) {
  if (getEnv().mode !== "demo") throw new AppError("not_found", "Not found");
  return db
    .select()
    .from(emails)
    .where(eq(emails.status, "outbox"))
    .orderBy(desc(emails.createdAt))
    .limit(limit);
}

/** Demo mode only: one email of the outbox (its HTML is shown as the recipient would see it). */
export async function getOutboxEmail({ db, emailId }: { db: DB; emailId: string }) {
  if (getEnv().mode !== "demo" || !/^[0-9a-f-]{36}$/i.test(emailId)) return null;
  const [row] = await db.select().from(emails).where(eq(emails.id, emailId));
  return row ?? null;
}
