// @ts-nocheck
import "server-only";
import { eq } from "drizzle-orm";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { qboConnections } from "../db/schema";
import type { TQboConfig } from "../env";
import { QboClient } from "./client";

/** A data-API client for the business's connected realm, or null when it has none. */
export async function clientForBusiness({
  db,
  businessId,
  config,
  key,
  clock,
}: {
  db: DB;
  businessId: string;
  config: TQboConfig;
  key: string;
  clock: Clock;
}): Promise<QboClient | null> {
  const [conn] = await db.select().from(qboConnections).where(eq(qboConnections.businessId, businessId));
  if (!conn || conn.status === "disconnected") return null;
  return new QboClient({
    db,
    businessId,
    realmId: conn.realmId,
    config,
    key,
    clock,
    log: (l) => console.info(l),
  });
}
