// @ts-nocheck
import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit";
import type { DB } from "../db/client";
import { businesses, memberships } from "../db/schema";
import { ZCurrency, ZTimeZone } from "../lib/validation";

export const ZBusinessInput = z.object({
  name: z.string().trim().min(1, "Enter the business name").max(120, "Keep the name under 120 characters"),
  timezone: ZTimeZone,
  currency: ZCurrency,
  fiscalYearStartMonth: z
    .union(
      [
        z.number(),
        z
          .string()
          .trim()
          .regex(/^\d{1,2}$/),
      ],
      { error: "Choose a month" },
    )
    .transform(Number)
    .pipe(z.number().int("Choose a month").min(1, "Choose a month").max(12, "Choose a month")),
});
export type TBusinessInput = z.infer<typeof ZBusinessInput>;

/** A new business; its creator becomes the owner. */
export async function createBusiness({
  db,
  userId,
  input,
}: {
  db: DB;
  userId: string;
  input: TBusinessInput;
}): Promise<{ businessId: string }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(businesses)
      .values({ ...input, createdBy: userId })
      .returning({ id: businesses.id });
    const businessId = row!.id;
    await tx.insert(memberships).values({ businessId, userId, role: "owner" });
    await recordAudit(tx, {
      businessId,
      actorUserId: userId,
      action: "business.created",
      detail: { name: input.name },
    });
    return { businessId };
  });
}
