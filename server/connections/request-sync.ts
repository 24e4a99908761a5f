import "server-only";
import { eq } from "drizzle-orm";
import { consumeLimit } from "../abuse/rate-limits";
import { assertCan, type TBusinessContext } from "../access/business-context";
import type { DB } from "../db/client";
import { qboConnections } from "../db/schema";
import { AppError } from "../errors";
import { queueSync } from "../jobs/queue-sync";

/** "Sync now": queued unless a sync is already waiting to start (see queueSync). */
export async function requestSync({ db, ctx }: { db: DB; ctx: TBusinessContext }) {
  assertCan(ctx, "manageConnection");
  const [conn] = await db.select().from(qboConnections).where(eq(qboConnections.businessId, ctx.businessId));
  if (!conn || conn.status === "disconnected") throw new AppError("conflict", "Connect QuickBooks first.");
  if (conn.status === "needs_reauth")
    throw new AppError("conflict", "Reconnect QuickBooks first: its authorization was revoked or expired.");
  // A few clicks pass (a retry, a second look); a burst does not become a burst of metered reads.
  await consumeLimit(db, "manualSync", ctx.businessId);
  const queued = await db.transaction((tx) =>
    queueSync(tx, { businessId: ctx.businessId, trigger: "manual" }),
  );
  return { queued };
}
