// @ts-nocheck
import "server-only";
import type { TBusinessContext } from "../access/business-context";
import { businessDate, getClock } from "../clock";
import type { DB } from "../db/client";
import { loadRunwayInput } from "./business-runway";
import { computeRunway } from "./engine";
import type { TChange, TRunwayResult } from "./types";

/**
 * The business's runway as of its own "today" (its timezone, the app's clock), or an explicit
 * `asOf`, with the business's reserves and committed decisions (plus any extra `changes`).
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
  const { ledger, options } = await loadRunwayInput({ db, business: ctx.business, asOf: day });
  return computeRunway(ledger, { ...options, changes: [...(options.changes ?? []), ...(changes ?? [])] });
}
