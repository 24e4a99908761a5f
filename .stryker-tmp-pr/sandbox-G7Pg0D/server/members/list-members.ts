// @ts-nocheck
import "server-only";
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { TBusinessContext } from "../access/business-context";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { invitations, memberships, users } from "../db/schema";

export async function listMembers({ db, ctx, clock }: { db: DB; ctx: TBusinessContext; clock: Clock }) {
  const members = await db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.businessId, ctx.businessId))
    .orderBy(asc(users.email));
  const pending = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.businessId, ctx.businessId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, clock.now()),
      ),
    )
    .orderBy(asc(invitations.email));
  return { members, pending };
}
