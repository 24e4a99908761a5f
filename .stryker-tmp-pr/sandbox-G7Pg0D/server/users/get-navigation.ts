// @ts-nocheck
import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import { roleLabel } from "../access/permissions";
import { listMyBusinesses } from "../businesses/list-my-businesses";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { businesses, invitations, users } from "../db/schema";
import { listMyFirms } from "../firms/list-my-firms";

/** What the app shell and the home redirect need about the signed-in user. */
export async function getNavigation({ db, userId, clock }: { db: DB; userId: string; clock: Clock }) {
  const [user] = await db
    .select({ email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, userId));
  const [mine, firms] = await Promise.all([listMyBusinesses({ db, userId }), listMyFirms({ db, userId })]);
  const pendingInvitations = user?.email
    ? await db
        .select({ businessName: businesses.name, role: invitations.role })
        .from(invitations)
        .innerJoin(businesses, eq(businesses.id, invitations.businessId))
        .where(
          and(
            eq(invitations.email, user.email.toLowerCase()),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
            gt(invitations.expiresAt, clock.now()),
          ),
        )
    : [];
  return {
    email: user?.email ?? null,
    businesses: mine.map((b) => ({ id: b.id, name: b.name, role: b.role, roleLabel: roleLabel[b.role] })),
    firms,
    pendingInvitations,
  };
}
