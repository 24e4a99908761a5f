// @ts-nocheck
import "server-only";
import { eq } from "drizzle-orm";
import { assertCan, type TBusinessContext } from "../access/business-context";
import { recordAudit } from "../audit";
import type { DB } from "../db/client";
import { qboConnections } from "../db/schema";
import type { TQboConfig } from "../env";
import { AppError } from "../errors";
import { markPortfolioStale } from "../portfolio/stale";
import { revokeTokens } from "../qbo/tokens";

/** Disconnect: revoke the grant at Intuit, forget the tokens; the mirror stays for history. */
export async function disconnect({
  db,
  ctx,
  config,
  key,
}: {
  db: DB;
  ctx: TBusinessContext;
  config: TQboConfig;
  key: string;
}) {
  assertCan(ctx, "manageConnection");
  const [conn] = await db.select().from(qboConnections).where(eq(qboConnections.businessId, ctx.businessId));
  if (!conn || conn.status === "disconnected") throw new AppError("conflict", "QuickBooks is not connected.");
  const { revoked } = await revokeTokens({ db, businessId: ctx.businessId, config, key });
  await db.transaction(async (tx) => {
    await tx
      .update(qboConnections)
      .set({ status: "disconnected", nextSyncAt: null })
      .where(eq(qboConnections.businessId, ctx.businessId));
    await markPortfolioStale(tx, ctx.businessId);
    await recordAudit(tx, {
      businessId: ctx.businessId,
      actorUserId: ctx.userId,
      action: "quickbooks.disconnected",
      detail: { realmId: conn.realmId, revoked },
    });
  });
  return { revoked };
}
