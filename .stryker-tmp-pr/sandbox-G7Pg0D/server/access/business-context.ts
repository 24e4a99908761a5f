// @ts-nocheck
import "server-only";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { z } from "zod";
import type { DB } from "../db/client";
import { businesses, firmGrants, firmMembers, memberships } from "../db/schema";
import { AppError } from "../errors";
import { can, type TBusinessRole, type TCapability } from "./permissions";

/** Resolved once at the edge; domain code receives it and never reads the session. */
export type TBusinessContext = {
  userId: string;
  businessId: string;
  role: TBusinessRole;
  /** Set when the access comes through a firm grant. */
  firmId: string | null;
  business: {
    id: string;
    name: string;
    timezone: string;
    currency: string;
    fiscalYearStartMonth: number;
    allowBookkeeperCommit: boolean;
    allowAdvisorCommit: boolean;
    /** The alert threshold: projected spendable under this is flagged (decision impacts count its days). */
    alertBelowCents: number;
  };
};

const ZId = z.string().uuid();

/**
 * The one where-builder for "which businesses can this user reach": direct memberships, plus the
 * businesses that granted (and have not revoked) access to a firm the user belongs to.
 * Read from the database on every request, so a revocation takes effect at once.
 */
export async function listAccess(db: DB, userId: string, businessId?: string) {
  const direct = await db
    .select({ businessId: memberships.businessId, role: memberships.role })
    .from(memberships)
    .where(
      businessId
        ? and(eq(memberships.userId, userId), eq(memberships.businessId, businessId))
        : eq(memberships.userId, userId),
    );
  const viaFirm = await db
    .select({ businessId: firmGrants.businessId, firmId: firmGrants.firmId })
    .from(firmGrants)
    .innerJoin(firmMembers, eq(firmMembers.firmId, firmGrants.firmId))
    .where(
      and(
        eq(firmMembers.userId, userId),
        isNotNull(firmGrants.acceptedAt),
        isNull(firmGrants.revokedAt),
        businessId ? eq(firmGrants.businessId, businessId) : undefined,
      ),
    );
  const out = new Map<string, { role: TBusinessRole; firmId: string | null }>();
  for (const v of viaFirm) out.set(v.businessId, { role: "advisor", firmId: v.firmId });
  // A direct membership wins over advisor access.
  for (const d of direct) out.set(d.businessId, { role: d.role, firmId: null });
  return out;
}

/** 404 (not 403) for anything the user cannot reach, so ids of other tenants reveal nothing. */
export async function getBusinessContext({
  db,
  userId,
  businessId,
}: {
  db: DB;
  userId: string;
  businessId: string;
}): Promise<TBusinessContext> {
  if (!ZId.safeParse(businessId).success) throw new AppError("not_found", "Business not found");
  const access = (await listAccess(db, userId, businessId)).get(businessId);
  if (!access) throw new AppError("not_found", "Business not found");
  const [business] = await db.select().from(businesses).where(eq(businesses.id, businessId));
  if (!business) throw new AppError("not_found", "Business not found");
  return {
    userId,
    businessId,
    role: access.role,
    firmId: access.firmId,
    business: {
      id: business.id,
      name: business.name,
      timezone: business.timezone,
      currency: business.currency,
      fiscalYearStartMonth: business.fiscalYearStartMonth,
      allowBookkeeperCommit: business.allowBookkeeperCommit,
      allowAdvisorCommit: business.allowAdvisorCommit,
      alertBelowCents: business.alertBelowCents,
    },
  };
}

export function canDo(ctx: TBusinessContext, capability: TCapability): boolean {
  return can(ctx.role, capability, ctx.business);
}

export function assertCan(ctx: TBusinessContext, capability: TCapability): void {
  if (!canDo(ctx, capability)) {
    throw new AppError("forbidden", `Your role (${ctx.role}) does not allow this.`);
  }
}
