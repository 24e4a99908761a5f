// @ts-nocheck
import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { consumeLimit } from "../abuse/rate-limits";
import { assertCan, type TBusinessContext } from "../access/business-context";
import { roleLabel, ZMemberRole } from "../access/permissions";
import { recordAudit } from "../audit";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { lockKey } from "../db/concurrency";
import { invitations, memberships, users } from "../db/schema";
import { sendEmail, type TEmailMessage } from "../email/send-email";
import { AppError } from "../errors";
import { newToken } from "../lib/tokens";
import { ZEmail } from "../lib/validation";

export const ZInviteInput = z.object({ email: ZEmail, role: ZMemberRole });
export type TInviteInput = z.infer<typeof ZInviteInput>;

const INVITE_DAYS = 7;

/** Invite someone by email; a newer invitation to the same address replaces the pending one. */
export async function inviteMember({
  db,
  ctx,
  input,
  clock,
  appUrl,
}: {
  db: DB;
  ctx: TBusinessContext;
  input: TInviteInput;
  clock: Clock;
  appUrl: string;
}): Promise<{ invitationId: string }> {
  assertCan(ctx, "manageMembers");
  await consumeLimit(db, "invitesPerScope", `business:${ctx.businessId}`);
  await consumeLimit(db, "invitesPerAddress", `business:${ctx.businessId}:${input.email}`);
  const now = clock.now();
  const { token, hash } = newToken();
  // A newer invitation replaces the pending one. One pending per address (a unique index);
  // concurrent invitations to one address take turns under a lock, each replacing the last.
  const invitationId = await db.transaction(async (tx) => {
    await lockKey(tx, `invite:${ctx.businessId}:${input.email}`);
    const [already] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.businessId, ctx.businessId), eq(users.email, input.email)));
    if (already) {
      throw new AppError("conflict", "Already a member", { email: ["This person is already a member"] });
    }
    await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.businessId, ctx.businessId),
          eq(invitations.email, input.email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );
    const [row] = await tx
      .insert(invitations)
      .values({
        businessId: ctx.businessId,
        email: input.email,
        role: input.role,
        tokenHash: hash,
        invitedBy: ctx.userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITE_DAYS * 86_400_000),
      })
      .returning({ id: invitations.id });
    await recordAudit(tx, {
      businessId: ctx.businessId,
      actorUserId: ctx.userId,
      action: "member.invited",
      detail: { email: input.email, role: input.role },
    });
    return row!.id;
  });

  const link = `${appUrl.replace(/\/$/, "")}/invite/${token}`;
  await sendOrRevoke(db, invitationId, {
    to: input.email,
    kind: "invitation",
    subject: `You're invited to ${ctx.business.name} on Oodaloo`,
    text:
      `You have been invited to join ${ctx.business.name} on Oodaloo as ${roleLabel[input.role]}.\n\n` +
      `Accept the invitation: ${link}\n\nThe link works for ${INVITE_DAYS} days.`,
    html:
      `<p>You have been invited to join <strong>${escapeHtml(ctx.business.name)}</strong> on Oodaloo as ` +
      `${roleLabel[input.role]}.</p><p><a href="${link}">Accept the invitation</a></p>` +
      `<p>The link works for ${INVITE_DAYS} days.</p>`,
  });
  return { invitationId };
}

/** The email carries the only copy of the token: if it cannot be sent, the invitation is revoked. */
async function sendOrRevoke(db: DB, invitationId: string, message: TEmailMessage) {
  try {
    await sendEmail({ db, message });
  } catch {
    await db.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, invitationId));
    throw new AppError("upstream", "The invitation email could not be sent, so nothing was sent. Try again.");
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
