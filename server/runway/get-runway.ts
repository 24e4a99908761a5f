import "server-only";
import type { TBusinessContext } from "../access/business-context";
import { businessDate, getClock } from "../clock";
import type { DB } from "../db/client";
import { computeRunway } from "./engine";
import { loadLedger } from "./load-ledger";
import type { TChange, TRunwayResult } from "./types";

/**
 * The business's runway as of its own "today" (its timezone, the app's clock), or an explicit
 * `asOf`. Reserves join the computation when the reserve ledger lands (issue #6); until then the
 * result says reserved = 0 because there is none to read, not because it was skipped.
 */
export async function getRunway({
  db,
  ctx,
  asOf,
  changes,
}: {
  db: DB;
  ctx: Pick<TBusinessContext, "businessId" | "business">;
  asOf?: string;
  changes?: TChange[];
}): Promise<TRunwayResult> {
  const day = asOf ?? businessDate(getClock().now(), ctx.business.timezone);
  const ledger = await loadLedger({
    db,
    businessId: ctx.businessId,
    homeCurrency: ctx.business.currency,
    asOf: day,
  });
  return computeRunway(ledger, { asOf: day, changes });
}
