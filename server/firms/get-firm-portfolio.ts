import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { DB } from "../db/client";
import { businesses, firmGrants, firmMembers, firms } from "../db/schema";
import { AppError } from "../errors";
import { ZUuid } from "../lib/validation";

/**
 * The firm's granted clients. Runway, cash and sync health per client come with the portfolio
 * snapshots (issue 7); until a client is connected to QuickBooks there is nothing to rank.
 */
export async function getFirmPortfolio({ db, userId, firmId }: { db: DB; userId: string; firmId: string }) {
  if (!ZUuid.safeParse(firmId).success) throw new AppError("not_found", "Firm not found");
  const [firm] = await db
    .select({ id: firms.id, name: firms.name, role: firmMembers.role })
    .from(firmMembers)
    .innerJoin(firms, eq(firms.id, firmMembers.firmId))
    .where(and(eq(firmMembers.firmId, firmId), eq(firmMembers.userId, userId)));
  if (!firm) throw new AppError("not_found", "Firm not found");
  const clients = await db
    .select({
      id: businesses.id,
      name: businesses.name,
      currency: businesses.currency,
      grantedAt: firmGrants.createdAt,
    })
    .from(firmGrants)
    .innerJoin(businesses, eq(businesses.id, firmGrants.businessId))
    .where(and(eq(firmGrants.firmId, firmId), isNull(firmGrants.revokedAt)))
    .orderBy(asc(businesses.name));
  return { firm, clients };
}
