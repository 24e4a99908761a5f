import "server-only";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import type { TPlaidConfig } from "../env";
import { PlaidRail } from "./client";
import { recordPlaidCall } from "./usage";

/** A Plaid client whose every call is counted against the business (and Item) it serves. */
export function railForBusiness({
  db,
  businessId,
  config,
  clock,
}: {
  db: DB;
  businessId: string | null;
  config: TPlaidConfig;
  clock: Clock;
}): PlaidRail {
  return new PlaidRail(config, (endpoint, itemId) =>
    recordPlaidCall(db, { businessId, itemId, endpoint, at: clock.now() }),
  );
}
