// @ts-nocheck
import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { lockKey } from "../db/concurrency";
import { firmAuditLog, firmInvitations, firmMembers, users } from "../db/schema";
import { AppError } from "../errors";
import { ZUuid } from "../lib/validation";
import { requireAdmin } from "./invitations";

export const ZRemoveFirmMember = z.object({ firmId: z.string(), userId: z.string() });
export const ZWithdrawFirmInvitation = z.object({ firmId: z.string(), invitationId: z.string() });

/** The firm's people and pending invitations, for its admins (null for anyone else). */
export async function getFirmTeam({ db, userId, firmId }: { db: DB; userId: string; firmId: string }) {
  try {
    await requireAdmin(db, userId, firmId);
  } catch {
    return null;
  }
  const members = await db
    .select({
      userId: firmMembers.userId,
      email: users.email,
      role: firmMembers.role,
      since: firmMembers.createdAt,
    })
    .from(firmMembers)
    .innerJoin(users, eq(users.id, firmMembers.userId))
    .where(eq(firmMembers.firmId, firmId))
    .orderBy(asc(users.email));
  const invitations = await db
    .select({
      id: firmInvitations.id,
      email: firmInvitations.email,
      role: firmInvitations.role,
      expiresAt: firmInvitations.expiresAt,
    })
    .from(firmInvitations)
    .where(
      and(
        eq(firmInvitations.firmId, firmId),
        isNull(firmInvitations.acceptedAt),
        isNull(firmInvitations.revokedAt),
      ),
    )
    .orderBy(asc(firmInvitations.email));
  return { members, invitations };
}

/**
 * A firm admin removes someone from the firm: from the next request on they open none of its
 * clients (access through a firm is read from firm_members on every request). The last admin
 * cannot be removed, so a firm is never left without one. Audited on the firm.
 */
export async function removeFirmMember({
  db,
  userId,
  input,
  clock,
}: {
  db: DB;
  userId: string;
  input: z.infer<typeof ZRemoveFirmMember>;
  clock: Clock;
}) {
  await requireAdmin(db, userId, input.firmId);
  if (!ZUuid.safeParse(input.userId).success) throw new AppError("not_found", "Not in this firm");
  await db.transaction(async (tx) => {
    // Serialize team changes per firm, so two admins removing each other cannot leave none.
    await lockKey(tx, `firm-team:${input.firmId}`);
    const [m] = await tx
      .select({ role: firmMembers.role, email: users.email })
      .from(firmMembers)
      .innerJoin(users, eq(users.id, firmMembers.userId))
      .where(and(eq(firmMembers.firmId, input.firmId), eq(firmMembers.userId, input.userId)));
    if (!m) throw new AppError("not_found", "Not in this firm");
    if (m.role === "admin") {
      const admins = await tx
        .select({ userId: firmMembers.userId })
        .from(firmMembers)
        .where(and(eq(firmMembers.firmId, input.firmId), eq(firmMembers.role, "admin")));
      if (admins.length <= 1)
        throw new AppError(
          "conflict",
          "The firm's last admin cannot be removed. Make someone else an admin first.",
        );
    }
    await tx
      .delete(firmMembers)
      .where(and(eq(firmMembers.firmId, input.firmId), eq(firmMembers.userId, input.userId)));
    await tx.insert(firmAuditLog).values({
      firmId: input.firmId,
      actorUserId: userId,
      action: "firm.member_removed",
      detail: { userId: input.userId, email: m.email, role: m.role },
      at: clock.now(),
    });
  });
  return { message: "Removed from the firm. They no longer see its clients." };
}

/** A firm admin withdraws a pending invitation: its link stops working at once. Audited. */
export async function withdrawFirmInvitation({
  db,
  userId,
  input,
  clock,
}: {
  db: DB;
  userId: string;
  input: z.infer<typeof ZWithdrawFirmInvitation>;
  clock: Clock;
}) {
  await requireAdmin(db, userId, input.firmId);
  if (!ZUuid.safeParse(input.invitationId).success) throw new AppError("not_found", "Invitation not found");
  const now = clock.now();
  const done = await db.transaction(async (tx) => {
    const r = await tx
      .update(firmInvitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(firmInvitations.firmId, input.firmId),
          eq(firmInvitations.id, input.invitationId),
          isNull(firmInvitations.acceptedAt),
          isNull(firmInvitations.revokedAt),
        ),
      )
      .returning({ email: firmInvitations.email });
    if (r[0])
      await tx.insert(firmAuditLog).values({
        firmId: input.firmId,
        actorUserId: userId,
        action: "firm.invitation_withdrawn",
        detail: { invitationId: input.invitationId, email: r[0].email },
        at: now,
      });
    return r[0];
  });
  if (!done) throw new AppError("not_found", "Invitation not found");
  return { message: `Invitation to ${done.email} withdrawn.` };
}
