// @ts-nocheck
import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { assertCan, type TBusinessContext } from "../access/business-context";
import { recordAudit } from "../audit";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { businesses, invitations, memberships, users } from "../db/schema";
import { AppError } from "../errors";
import { hashToken } from "../lib/tokens";
import { ZUuid } from "../lib/validation";

export const ZRevokeInvitationInput = z.object({ invitationId: ZUuid });
export const ZAcceptInvitationInput = z.object({ token: z.string().min(20).max(100) });

export async function revokeInvitation({
  db,
  ctx,
  input,
  clock,
}: {
  db: DB;
  ctx: TBusinessContext;
  input: z.infer<typeof ZRevokeInvitationInput>;
  clock: Clock;
}): Promise<void> {
  assertCan(ctx, "manageMembers");
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(invitations)
      .set({ revokedAt: clock.now() })
      .where(
        and(
          eq(invitations.id, input.invitationId),
          eq(invitations.businessId, ctx.businessId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ email: invitations.email });
    if (updated.length === 0) throw new AppError("not_found", "Invitation not found");
    await recordAudit(tx, {
      businessId: ctx.businessId,
      actorUserId: ctx.userId,
      action: "member.invitation_revoked",
      detail: { email: updated[0]!.email },
    });
  });
}

export type TInvitationView =
  | { state: "valid"; businessName: string; role: string; email: string }
  | { state: "invalid" };

/** What the invitation page shows; an unknown, used, revoked or expired token is just "invalid". */
export async function viewInvitation({
  db,
  token,
  clock,
}: {
  db: DB;
  token: string;
  clock: Clock;
}): Promise<TInvitationView> {
  const [row] = await db
    .select({ inv: invitations, businessName: businesses.name })
    .from(invitations)
    .innerJoin(businesses, eq(businesses.id, invitations.businessId))
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!row || row.inv.acceptedAt || row.inv.revokedAt || row.inv.expiresAt <= clock.now())
    return { state: "invalid" };
  return { state: "valid", businessName: row.businessName, role: row.inv.role, email: row.inv.email };
}

/** Join the business. The signed-in user's email must be the invited one. */
export async function acceptInvitation({
  db,
  userId,
  input,
  clock,
}: {
  db: DB;
  userId: string;
  input: z.infer<typeof ZAcceptInvitationInput>;
  clock: Clock;
}): Promise<{ businessId: string }> {
  return db.transaction(async (tx) => {
    const [inv] = await tx
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, hashToken(input.token)))
      .for("update");
    const now = clock.now();
    if (!inv || inv.acceptedAt || inv.revokedAt || inv.expiresAt <= now) {
      throw new AppError("not_found", "This invitation is invalid or has expired. Ask for a new one.");
    }
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    if (!user || user.email?.toLowerCase() !== inv.email) {
      throw new AppError(
        "forbidden",
        `This invitation was sent to ${inv.email}. Sign in with that address to accept it.`,
      );
    }
    await tx
      .insert(memberships)
      .values({ businessId: inv.businessId, userId, role: inv.role })
      .onConflictDoNothing();
    await tx
      .update(invitations)
      .set({ acceptedAt: now, acceptedBy: userId })
      .where(eq(invitations.id, inv.id));
    await recordAudit(tx, {
      businessId: inv.businessId,
      actorUserId: userId,
      action: "member.joined",
      detail: { email: inv.email, role: inv.role },
    });
    return { businessId: inv.businessId };
  });
}
