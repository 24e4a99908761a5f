// @ts-nocheck
import "server-only";
import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { assertCan, type TBusinessContext } from "../access/business-context";
import { recordAudit } from "../audit";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { isUniqueViolation } from "../db/concurrency";
import { businesses, firmGrants, firmMembers, firms } from "../db/schema";
import { AppError } from "../errors";
import { enqueue } from "../jobs/outbox";
import { ZUuid } from "../lib/validation";

/**
 * Firms and client access (issue #7): anyone can create a firm (and is its admin); a business
 * owner grants a firm access by the firm's invite code; the firm's admin accepts; the owner can
 * revoke at any time. Every step is in the business's audit log. Access is re-read on every
 * request (server/access/business-context.ts), so a revocation takes effect at once.
 */

export const ZFirmInput = z.object({
  name: z.string().trim().min(2, "At least 2 characters").max(100, "At most 100 characters"),
});

/** A short code a firm hands to its clients: 8 characters from an unambiguous alphabet, dashed. */
function inviteCode(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const b = randomBytes(8);
  const s = Array.from(b, (x) => alphabet[x % alphabet.length]).join("");
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

export async function createFirm({
  db,
  userId,
  input,
}: {
  db: DB;
  userId: string;
  input: z.infer<typeof ZFirmInput>;
}) {
  return db.transaction(async (tx) => {
    const [firm] = await tx.insert(firms).values({ name: input.name, inviteCode: inviteCode() }).returning();
    await tx.insert(firmMembers).values({ firmId: firm!.id, userId, role: "admin" });
    return { firmId: firm!.id, redirectTo: `/firm/${firm!.id}` };
  });
}

export const ZGrantInput = z.object({
  inviteCode: z
    .string()
    .trim()
    .toUpperCase()
    .min(4, "Enter the code the firm gave you")
    .max(40, "That is not a firm's code"),
});

/** The owner grants a firm access by its code; the grant waits for the firm to accept. */
export async function grantFirmAccess({
  db,
  ctx,
  input,
  clock,
}: {
  db: DB;
  ctx: TBusinessContext;
  input: z.infer<typeof ZGrantInput>;
  clock: Clock;
}) {
  assertCan(ctx, "manageMembers");
  const [firm] = await db.select().from(firms).where(sql`upper(${firms.inviteCode}) = ${input.inviteCode}`);
  if (!firm)
    throw new AppError("invalid_input", "Please correct the highlighted fields.", {
      inviteCode: ["No firm has this code. Check it with your advisor."],
    });
  const [live] = await db
    .select({ id: firmGrants.id, acceptedAt: firmGrants.acceptedAt })
    .from(firmGrants)
    .where(
      and(
        eq(firmGrants.businessId, ctx.businessId),
        eq(firmGrants.firmId, firm.id),
        isNull(firmGrants.revokedAt),
      ),
    );
  if (live)
    throw new AppError(
      "conflict",
      live.acceptedAt
        ? `${firm.name} already has access.`
        : `${firm.name} has not accepted yet; nothing to do.`,
    );
  const now = clock.now();
  try {
    await db.transaction(async (tx) => {
      const [g] = await tx
        .insert(firmGrants)
        .values({ businessId: ctx.businessId, firmId: firm.id, grantedBy: ctx.userId, createdAt: now })
        .returning({ id: firmGrants.id });
      await recordAudit(tx, {
        businessId: ctx.businessId,
        actorUserId: ctx.userId,
        action: "firm.access_granted",
        detail: { grantId: g!.id, firmId: firm.id, firmName: firm.name },
      });
    });
  } catch (err) {
    // A concurrent grant to the same firm won the one-live-grant index.
    if (isUniqueViolation(err))
      throw new AppError("conflict", `${firm.name} has already been granted access.`);
    throw err;
  }
  return { message: `Access granted to ${firm.name}; it starts when the firm accepts.` };
}

/** The owner takes a firm's access back (pending or accepted). */
export async function revokeFirmAccess({
  db,
  ctx,
  grantId,
  clock,
}: {
  db: DB;
  ctx: TBusinessContext;
  grantId: string;
  clock: Clock;
}) {
  assertCan(ctx, "manageMembers");
  if (!ZUuid.safeParse(grantId).success) throw new AppError("not_found", "Access not found");
  const now = clock.now();
  const rows = await db.transaction(async (tx) => {
    const [grant] = await tx
      .select({ firmId: firmGrants.firmId })
      .from(firmGrants)
      .where(
        and(
          eq(firmGrants.businessId, ctx.businessId),
          eq(firmGrants.id, grantId),
          isNull(firmGrants.revokedAt),
        ),
      );
    if (!grant) return [];
    // Every live grant of this business to that firm ends, not only the one clicked.
    const r = await tx
      .update(firmGrants)
      .set({ revokedAt: now, revokedBy: ctx.userId })
      .where(
        and(
          eq(firmGrants.businessId, ctx.businessId),
          eq(firmGrants.firmId, grant.firmId),
          isNull(firmGrants.revokedAt),
        ),
      )
      .returning({ id: firmGrants.id, firmId: firmGrants.firmId });
    if (r.length > 0)
      await recordAudit(tx, {
        businessId: ctx.businessId,
        actorUserId: ctx.userId,
        action: "firm.access_revoked",
        detail: { grantId, firmId: r[0]!.firmId },
      });
    return r;
  });
  if (rows.length === 0) throw new AppError("not_found", "Access not found");
  return { message: "Access revoked. The firm no longer sees this business." };
}

/** The grants of a business, newest first (the owner's settings). */
export async function listFirmGrants({ db, ctx }: { db: DB; ctx: TBusinessContext }) {
  return db
    .select({
      id: firmGrants.id,
      firmName: firms.name,
      createdAt: firmGrants.createdAt,
      acceptedAt: firmGrants.acceptedAt,
      revokedAt: firmGrants.revokedAt,
    })
    .from(firmGrants)
    .innerJoin(firms, eq(firms.id, firmGrants.firmId))
    .where(eq(firmGrants.businessId, ctx.businessId))
    .orderBy(desc(firmGrants.createdAt))
    .limit(50);
}

async function firmRole(db: DB, userId: string, firmId: string) {
  if (!ZUuid.safeParse(firmId).success) return null;
  const [m] = await db
    .select({ role: firmMembers.role })
    .from(firmMembers)
    .where(and(eq(firmMembers.firmId, firmId), eq(firmMembers.userId, userId)));
  return m?.role ?? null;
}

/** Grants waiting for this firm to accept, and the firm's invite code (admins only). */
export async function firmAdminView({ db, userId, firmId }: { db: DB; userId: string; firmId: string }) {
  if ((await firmRole(db, userId, firmId)) !== "admin") return null;
  const [firm] = await db.select({ inviteCode: firms.inviteCode }).from(firms).where(eq(firms.id, firmId));
  const pending = await db
    .select({ id: firmGrants.id, businessName: businesses.name, createdAt: firmGrants.createdAt })
    .from(firmGrants)
    .innerJoin(businesses, eq(businesses.id, firmGrants.businessId))
    .where(and(eq(firmGrants.firmId, firmId), isNull(firmGrants.acceptedAt), isNull(firmGrants.revokedAt)));
  return { inviteCode: firm!.inviteCode, pending };
}

/** The firm's admin accepts a client's grant: its advisors can now open the business. */
export async function acceptClient({
  db,
  userId,
  firmId,
  grantId,
  clock,
}: {
  db: DB;
  userId: string;
  firmId: string;
  grantId: string;
  clock: Clock;
}) {
  const role = await firmRole(db, userId, firmId);
  if (!role || !ZUuid.safeParse(grantId).success) throw new AppError("not_found", "Not found");
  if (role !== "admin") throw new AppError("forbidden", "Only the firm's admins accept clients.");
  const now = clock.now();
  const [g] = await db.transaction(async (tx) => {
    const r = await tx
      .update(firmGrants)
      .set({ acceptedAt: now, acceptedBy: userId })
      .where(
        and(
          eq(firmGrants.firmId, firmId),
          eq(firmGrants.id, grantId),
          isNull(firmGrants.acceptedAt),
          isNull(firmGrants.revokedAt),
        ),
      )
      .returning({ businessId: firmGrants.businessId });
    if (r[0]) {
      await recordAudit(tx, {
        businessId: r[0].businessId,
        actorUserId: userId,
        action: "firm.access_accepted",
        detail: { grantId, firmId },
      });
      await enqueue(tx, {
        id: `portfolio:${r[0].businessId}:accepted:${grantId}`,
        name: "portfolio/refresh.requested",
        data: { businessId: r[0].businessId },
      });
    }
    return r;
  });
  if (!g) throw new AppError("not_found", "This request is no longer waiting.");
  return { message: "Client accepted." };
}
