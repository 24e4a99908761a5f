// @ts-nocheck
import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { assertCan, type TBusinessContext } from "../access/business-context";
import { ZMemberRole } from "../access/permissions";
import { recordAudit } from "../audit";
import type { DB } from "../db/client";
import { memberships } from "../db/schema";
import { AppError } from "../errors";
import { ZUuid } from "../lib/validation";

export const ZChangeRoleInput = z.object({ userId: ZUuid, role: ZMemberRole });
export const ZRemoveMemberInput = z.object({ userId: ZUuid });

async function lockMember(db: DB, businessId: string, userId: string) {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.businessId, businessId), eq(memberships.userId, userId)))
    .for("update");
  if (!row) throw new AppError("not_found", "Member not found");
  return row;
}

async function assertAnotherOwner(db: DB, businessId: string, userId: string) {
  // Lock every owner row so two concurrent demotions cannot both pass this check.
  const others = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.businessId, businessId),
        eq(memberships.role, "owner"),
        ne(memberships.userId, userId),
      ),
    )
    .for("update");
  if (others.length === 0) {
    throw new AppError("conflict", "A business needs at least one owner. Make someone else owner first.");
  }
}

export async function changeMemberRole({
  db,
  ctx,
  input,
}: {
  db: DB;
  ctx: TBusinessContext;
  input: z.infer<typeof ZChangeRoleInput>;
}): Promise<void> {
  assertCan(ctx, "manageMembers");
  await db.transaction(async (tx) => {
    const current = await lockMember(tx, ctx.businessId, input.userId);
    if (current.role === input.role) return;
    if (current.role === "owner") await assertAnotherOwner(tx, ctx.businessId, input.userId);
    await tx
      .update(memberships)
      .set({ role: input.role })
      .where(and(eq(memberships.businessId, ctx.businessId), eq(memberships.userId, input.userId)));
    await recordAudit(tx, {
      businessId: ctx.businessId,
      actorUserId: ctx.userId,
      action: "member.role_changed",
      detail: { userId: input.userId, from: current.role, to: input.role },
    });
  });
}

export async function removeMember({
  db,
  ctx,
  input,
}: {
  db: DB;
  ctx: TBusinessContext;
  input: z.infer<typeof ZRemoveMemberInput>;
}): Promise<void> {
  assertCan(ctx, "manageMembers");
  await db.transaction(async (tx) => {
    const current = await lockMember(tx, ctx.businessId, input.userId);
    if (current.role === "owner") await assertAnotherOwner(tx, ctx.businessId, input.userId);
    await tx
      .delete(memberships)
      .where(and(eq(memberships.businessId, ctx.businessId), eq(memberships.userId, input.userId)));
    await recordAudit(tx, {
      businessId: ctx.businessId,
      actorUserId: ctx.userId,
      action: "member.removed",
      detail: { userId: input.userId, role: current.role },
    });
  });
}
