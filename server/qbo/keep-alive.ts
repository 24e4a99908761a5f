import "server-only";
import { and, eq, lt } from "drizzle-orm";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { qboConnections, qboTokens } from "../db/schema";
import type { TQboConfig } from "../env";
import { decryptSecret } from "../lib/vault";
import { QboReauthRequired } from "./errors";
import { getAccessToken } from "./tokens";

const DAY = 86_400_000;

/**
 * Daily: refresh the tokens of connections idle for a day, so refresh tokens never reach their
 * ~100-day roll-off; report connections whose hard expiry is within `warnDays`.
 */
export async function keepTokensAlive({
  db,
  config,
  key,
  clock,
  warnDays = 30,
}: {
  db: DB;
  config: TQboConfig;
  key: string;
  clock: Clock;
  warnDays?: number;
}) {
  const now = clock.now();
  const idle = await db
    .select({ businessId: qboTokens.businessId, access: qboTokens.accessTokenEnc })
    .from(qboTokens)
    .innerJoin(qboConnections, eq(qboConnections.businessId, qboTokens.businessId))
    .where(
      and(eq(qboConnections.status, "active"), lt(qboTokens.refreshedAt, new Date(now.getTime() - DAY))),
    );
  let refreshed = 0;
  let lost = 0;
  for (const row of idle) {
    try {
      await getAccessToken({
        db,
        businessId: row.businessId,
        config,
        key,
        clock,
        rejected: decryptSecret(row.access, key),
      });
      refreshed++;
    } catch (err) {
      if (err instanceof QboReauthRequired) lost++;
      else throw err;
    }
  }
  const expiring = await db
    .select({ businessId: qboTokens.businessId, hardExpiresAt: qboTokens.hardExpiresAt })
    .from(qboTokens)
    .where(lt(qboTokens.hardExpiresAt, new Date(now.getTime() + warnDays * DAY)));
  return { refreshed, lost, expiringSoon: expiring.map((e) => e.businessId) };
}
