// @ts-nocheck
import "server-only";
import type { TBusinessContext } from "../access/business-context";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { clientForBusiness } from "../qbo/client-for-business";

/** The QuickBooks client for a write from the console, or a clear error when there is none. */
export async function writeClient({ db, ctx, clock }: { db: DB; ctx: TBusinessContext; clock: Clock }) {
  const env = getEnv();
  if (!env.qbo) throw new AppError("conflict", "QuickBooks is not configured on this server.");
  const client = await clientForBusiness({
    db,
    businessId: ctx.businessId,
    config: env.qbo,
    key: env.tokenEncryptionKey,
    clock,
  });
  if (!client) throw new AppError("conflict", "Connect QuickBooks first.");
  return client;
}
