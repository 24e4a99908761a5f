// @ts-nocheck
import "server-only";
import type { DB } from "./db/client";
import { auditLog } from "./db/schema";

export async function recordAudit(
  db: DB,
  entry: { businessId: string; actorUserId: string | null; action: string; detail?: Record<string, unknown> },
): Promise<void> {
  await db.insert(auditLog).values({ ...entry, detail: entry.detail ?? {} });
}
