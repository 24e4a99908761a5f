// @ts-nocheck
import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit";
import type { DB } from "../db/client";
import { businesses, firmGrants, firmMembers, firms, memberships, users } from "../db/schema";
import { DEMO_BUSINESS, DEMO_FIRM, DEMO_USERS } from "./demo-identities";

/**
 * Demo mode: make sure the demo owner (with the demo business), the demo advisor and the demo
 * firm (granted access to the demo business) exist. Idempotent: a second run changes nothing.
 */
export async function ensureDemoData({ db }: { db: DB }): Promise<{ created: boolean }> {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, DEMO_USERS.owner.email));
    if (existing) {
      // Data folders from before the demo firm had other clients get their owner now.
      await tx
        .insert(users)
        .values({ ...DEMO_USERS.clients, emailVerified: new Date() })
        .onConflictDoNothing();
      return { created: false };
    }

    const now = new Date();
    const [owner] = await tx
      .insert(users)
      .values({ ...DEMO_USERS.owner, emailVerified: now })
      .returning({ id: users.id });
    const [advisor] = await tx
      .insert(users)
      .values({ ...DEMO_USERS.advisor, emailVerified: now })
      .returning({ id: users.id });
    await tx.insert(users).values({ ...DEMO_USERS.clients, emailVerified: now });
    const [business] = await tx
      .insert(businesses)
      .values({ ...DEMO_BUSINESS, createdBy: owner!.id })
      .returning({ id: businesses.id });
    await tx.insert(memberships).values({ businessId: business!.id, userId: owner!.id, role: "owner" });
    const [firm] = await tx.insert(firms).values(DEMO_FIRM).returning({ id: firms.id });
    await tx.insert(firmMembers).values({ firmId: firm!.id, userId: advisor!.id, role: "admin" });
    await tx.insert(firmGrants).values({
      businessId: business!.id,
      firmId: firm!.id,
      grantedBy: owner!.id,
      acceptedAt: now,
      acceptedBy: advisor!.id,
    });
    await recordAudit(tx, { businessId: business!.id, actorUserId: owner!.id, action: "demo.seeded" });
    return { created: true };
  });
}
