// @ts-nocheck
import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { consumeLimit } from "../abuse/rate-limits";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { lockKey } from "../db/concurrency";
import { firmInvitations, firmMembers, firms, users } from "../db/schema";
import { sendEmail } from "../email/send-email";
import { AppError } from "../errors";
import { hashToken, newToken } from "../lib/tokens";
import { ZEmail } from "../lib/validation";

/**
 * A firm's admin invites advisors (or other admins) by email; the invitee signs in with that
 * address and joins. Same rules as business invitations: 7 days, single use, a newer invitation to
 * the same address replaces the pending one, the token is stored hashed.
 */
export const ZFirmInviteInput = z.object({ email: ZEmail, role: z.enum(["advisor", "admin"]) });
const INVITE_DAYS = 7;

export async function requireAdmin(db: DB, userId: string, firmId: string) {
  if (!z.string().uuid().safeParse(firmId).success) throw new AppError("not_found", "Firm not found");
  const [m] = await db
    .select({ role: firmMembers.role, firmName: firms.name })
    .from(firmMembers)
    .innerJoin(firms, eq(firms.id, firmMembers.firmId))
    .where(and(eq(firmMembers.firmId, firmId), eq(firmMembers.userId, userId)));
  if (!m) throw new AppError("not_found", "Firm not found");
  if (m.role !== "admin") throw new AppError("forbidden", "Only the firm's admins manage its team.");
  return m;
}

export async function inviteToFirm({
  db,
  userId,
  firmId,
  input,
  clock,
  appUrl,
}: {
  db: DB;
  userId: string;
  firmId: string;
  input: z.infer<typeof ZFirmInviteInput>;
  clock: Clock;
  appUrl: string;
}) {
  const { firmName } = await requireAdmin(db, userId, firmId);
  await consumeLimit(db, "invitesPerScope", `firm:${firmId}`);
  await consumeLimit(db, "invitesPerAddress", `firm:${firmId}:${input.email}`);
  const now = clock.now();
  const { token, hash } = newToken();
  // One pending invitation per address (a unique index); concurrent invitations to one address
  // take turns under a lock, each replacing the last, as a later invitation does.
  const invitationId = await db.transaction(async (tx) => {
    await lockKey(tx, `firm-invite:${firmId}:${input.email}`);
    const [already] = await tx
      .select({ userId: firmMembers.userId })
      .from(firmMembers)
      .innerJoin(users, eq(users.id, firmMembers.userId))
      .where(and(eq(firmMembers.firmId, firmId), eq(users.email, input.email)));
    if (already)
      throw new AppError("conflict", "Already in the firm", {
        email: ["This person is already in the firm"],
      });
    await tx
      .update(firmInvitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(firmInvitations.firmId, firmId),
          eq(firmInvitations.email, input.email),
          isNull(firmInvitations.acceptedAt),
          isNull(firmInvitations.revokedAt),
        ),
      );
    const [row] = await tx
      .insert(firmInvitations)
      .values({
        firmId,
        email: input.email,
        role: input.role,
        tokenHash: hash,
        invitedBy: userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITE_DAYS * 86_400_000),
      })
      .returning({ id: firmInvitations.id });
    return row!.id;
  });
  const link = `${appUrl.replace(/\/$/, "")}/firm-invite/${token}`;
  try {
    await sendEmail({
      db,
      message: {
        to: input.email,
        kind: "firm-invitation",
        subject: `Join ${firmName} on Oodaloo`,
        text: `You have been invited to join ${firmName} on Oodaloo as ${input.role === "admin" ? "an admin" : "an advisor"}: its clients' runway, ranked by risk, in one portfolio.\n\nAccept the invitation: ${link}\n\nThe link works for ${INVITE_DAYS} days.`,
      },
    });
  } catch {
    // The email carried the only copy of the token: revoke the invitation it would have opened.
    await db
      .update(firmInvitations)
      .set({ revokedAt: new Date() })
      .where(eq(firmInvitations.id, invitationId));
    throw new AppError("upstream", "The invitation email could not be sent, so nothing was sent. Try again.");
  }
  return { message: `Invitation sent to ${input.email}.` };
}

export async function viewFirmInvitation({ db, token, clock }: { db: DB; token: string; clock: Clock }) {
  const [row] = await db
    .select({ inv: firmInvitations, firmName: firms.name })
    .from(firmInvitations)
    .innerJoin(firms, eq(firms.id, firmInvitations.firmId))
    .where(eq(firmInvitations.tokenHash, hashToken(token)));
  if (!row || row.inv.acceptedAt || row.inv.revokedAt || row.inv.expiresAt <= clock.now())
    return { state: "invalid" as const };
  return { state: "valid" as const, firmName: row.firmName, role: row.inv.role, email: row.inv.email };
}

/** Join the firm. The signed-in user's email must be the invited one. */
export async function acceptFirmInvitation({
  db,
  userId,
  token,
  clock,
}: {
  db: DB;
  userId: string;
  token: string;
  clock: Clock;
}) {
  return db.transaction(async (tx) => {
    const [inv] = await tx
      .select()
      .from(firmInvitations)
      .where(eq(firmInvitations.tokenHash, hashToken(token)))
      .for("update");
    const now = clock.now();
    if (!inv || inv.acceptedAt || inv.revokedAt || inv.expiresAt <= now)
      throw new AppError("not_found", "This invitation is invalid or has expired. Ask for a new one.");
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    if (!user || user.email?.toLowerCase() !== inv.email)
      throw new AppError(
        "forbidden",
        `This invitation was sent to ${inv.email}. Sign in with that address to accept it.`,
      );
    await tx.insert(firmMembers).values({ firmId: inv.firmId, userId, role: inv.role }).onConflictDoNothing();
    await tx
      .update(firmInvitations)
      .set({ acceptedAt: now, acceptedBy: userId })
      .where(eq(firmInvitations.id, inv.id));
    return { firmId: inv.firmId, redirectTo: `/firm/${inv.firmId}` };
  });
}
