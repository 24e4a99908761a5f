// @ts-nocheck
import "server-only";
import type { TBusinessContext } from "../access/business-context";
import { businessDate, getClock } from "../clock";
import type { DB } from "../db/client";
import { computeDigestSnapshot } from "./digests";
import type { TDigestSnapshot } from "./snapshot";

/**
 * The digest page's figures, as of the business's today (or `asOf`): computed from the mirror on
 * each request (never waiting on QuickBooks) in the same shape a stored digest keeps.
 */
export async function getLiveDigest({
  db,
  ctx,
  asOf,
}: {
  db: DB;
  ctx: Pick<TBusinessContext, "businessId" | "business">;
  asOf?: string;
}): Promise<TDigestSnapshot> {
  const day = asOf ?? businessDate(getClock().now(), ctx.business.timezone);
  return computeDigestSnapshot({ db, business: ctx.business, asOf: day });
}
