// @ts-nocheck
import "server-only";
import { asc, eq } from "drizzle-orm";
import type { DB } from "../db/client";
import { firmMembers, firms } from "../db/schema";

export async function listMyFirms({ db, userId }: { db: DB; userId: string }) {
  return db
    .select({ id: firms.id, name: firms.name, role: firmMembers.role })
    .from(firmMembers)
    .innerJoin(firms, eq(firms.id, firmMembers.firmId))
    .where(eq(firmMembers.userId, userId))
    .orderBy(asc(firms.name));
}
