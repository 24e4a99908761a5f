import "server-only";
import type { TBusinessContext } from "../access/business-context";
import { businessDate, getClock } from "../clock";
import type { DB } from "../db/client";
import { computeRunway } from "./engine";
import { loadLedger } from "./load-ledger";
import { type TAction, topActions } from "./top-actions";
import type { TRunwayResult } from "./types";

export type TDigest = { runway: TRunwayResult; actions: TAction[] };

/**
 * What the digest page shows: the runway as of the business's today and this week's top three
 * actions. Read from the mirror only — never waits on QuickBooks.
 */
export async function getDigest({
  db,
  ctx,
  asOf,
}: {
  db: DB;
  ctx: Pick<TBusinessContext, "businessId" | "business">;
  asOf?: string;
}): Promise<TDigest> {
  const day = asOf ?? businessDate(getClock().now(), ctx.business.timezone);
  const ledger = await loadLedger({
    db,
    businessId: ctx.businessId,
    homeCurrency: ctx.business.currency,
    asOf: day,
  });
  const options = { asOf: day };
  const runway = computeRunway(ledger, options);
  return { runway, actions: topActions(ledger, options, runway) };
}
