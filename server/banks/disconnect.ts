import "server-only";
import { and, eq } from "drizzle-orm";
import { assertCan, type TBusinessContext } from "../access/business-context";
import { recordAudit } from "../audit";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { bankItems } from "../db/schema";
import type { TPlaidConfig } from "../env";
import { AppError } from "../errors";
import { decryptSecret } from "../lib/vault";
import { PlaidRailError } from "../plaid/errors";
import { railForBusiness } from "../plaid/rail-for-business";
import { markPortfolioStale } from "../portfolio/stale";
import { bankUnavailable } from "./link";

/**
 * Disconnect a bank: `/item/remove` at Plaid (billing stops, the access token dies), then the Item,
 * its accounts and its mirrored transactions are deleted here. An Item Plaid no longer knows is
 * removed here all the same; Plaid failing leaves everything as it was.
 */
export async function disconnectBank(deps: {
  db: DB;
  ctx: TBusinessContext;
  config: TPlaidConfig;
  key: string;
  clock: Clock;
  bankItemId: string;
}) {
  assertCan(deps.ctx, "manageConnection");
  const { db, ctx } = deps;
  const [item] = await db
    .select()
    .from(bankItems)
    .where(and(eq(bankItems.id, deps.bankItemId), eq(bankItems.businessId, ctx.businessId)));
  if (!item) throw new AppError("not_found", "No such bank connection.");
  const rail = railForBusiness({ db, businessId: ctx.businessId, config: deps.config, clock: deps.clock });
  try {
    await rail.removeItem({ itemId: item.itemId, accessToken: decryptSecret(item.accessTokenEnc, deps.key) });
  } catch (e) {
    if (!(e instanceof PlaidRailError && (e.code === "ITEM_NOT_FOUND" || e.code === "INVALID_ACCESS_TOKEN")))
      throw bankUnavailable(e);
  }
  await db.transaction(async (tx) => {
    await tx.delete(bankItems).where(eq(bankItems.id, item.id));
    await recordAudit(tx as unknown as DB, {
      businessId: ctx.businessId,
      actorUserId: ctx.userId,
      action: "bank.disconnected",
      detail: { itemId: item.itemId, institution: item.institutionName },
    });
    await markPortfolioStale(tx as unknown as DB, ctx.businessId);
  });
  return { disconnected: item.institutionName ?? "bank" };
}
