// @ts-nocheck
import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { TBusinessContext } from "../access/business-context";
import { assertCan } from "../access/business-context";
import { recordAudit } from "../audit";
import type { DB } from "../db/client";
import { businesses } from "../db/schema";
import { ZCheckbox } from "../lib/validation";
import { ZBusinessInput } from "./create-business";

export const ZBusinessSettings = ZBusinessInput.extend({
  allowBookkeeperCommit: ZCheckbox,
  allowAdvisorCommit: ZCheckbox,
});
export type TBusinessSettings = z.infer<typeof ZBusinessSettings>;

export async function updateBusiness({
  db,
  ctx,
  input,
}: {
  db: DB;
  ctx: TBusinessContext;
  input: TBusinessSettings;
}): Promise<void> {
  assertCan(ctx, "manageMembers");
  await db.transaction(async (tx) => {
    await tx.update(businesses).set(input).where(eq(businesses.id, ctx.businessId));
    await recordAudit(tx, {
      businessId: ctx.businessId,
      actorUserId: ctx.userId,
      action: "business.updated",
      detail: { ...input },
    });
  });
}
