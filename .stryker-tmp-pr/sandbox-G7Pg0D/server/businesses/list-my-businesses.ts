// @ts-nocheck
import "server-only";
import { asc, inArray } from "drizzle-orm";
import { listAccess } from "../access/business-context";
import type { TBusinessRole } from "../access/permissions";
import type { DB } from "../db/client";
import { businesses } from "../db/schema";

export type TMyBusiness = { id: string; name: string; role: TBusinessRole; viaFirmId: string | null };

/** Every business the user can open (memberships and firm grants), by name. */
export async function listMyBusinesses({ db, userId }: { db: DB; userId: string }): Promise<TMyBusiness[]> {
  const access = await listAccess(db, userId);
  if (access.size === 0) return [];
  const rows = await db
    .select({ id: businesses.id, name: businesses.name })
    .from(businesses)
    .where(inArray(businesses.id, [...access.keys()]))
    .orderBy(asc(businesses.name));
  return rows.map((r) => {
    const a = access.get(r.id)!;
    return { ...r, role: a.role, viaFirmId: a.firmId };
  });
}
