import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { businesses, qboConnections } from "../db/schema";
import type { TQboConfig } from "../env";
import { enqueue } from "../jobs/outbox";
import { ZTokenResponse } from "../qbo/intuit";
import { storeTokens } from "../qbo/tokens";
import { DEMO_BUSINESS } from "./demo-identities";

/**
 * Demo mode with the emulator: connect the demo business to the emulator's company of the same
 * name without a browser (the emulator's admin API issues the tokens), then queue its first
 * sync — so a newcomer sees real synced numbers without configuring anything.
 */
export async function connectDemoQuickBooks({
  db,
  config,
  key,
  clock,
}: {
  db: DB;
  config: TQboConfig;
  key: string;
  clock: Clock;
}): Promise<"connected" | "already" | "no_company"> {
  if (config.environment !== "emulator") return "no_company";
  const [biz] = await db
    .select({ id: businesses.id })
    .from(businesses)
    .where(eq(businesses.name, DEMO_BUSINESS.name));
  if (!biz) return "no_company";
  const [existing] = await db.select().from(qboConnections).where(eq(qboConnections.businessId, biz.id));
  if (existing) return "already";
  const companies = z
    .array(z.object({ realmId: z.string(), name: z.string() }))
    .parse(
      await (
        await fetch(`${config.apiBaseUrl}/__admin/companies`, { signal: AbortSignal.timeout(5000) })
      ).json(),
    );
  const company = companies.find((c) => c.name === DEMO_BUSINESS.name) ?? companies[0];
  if (!company) return "no_company";
  const tokens = ZTokenResponse.parse(
    await (
      await fetch(`${config.apiBaseUrl}/__admin/companies/${company.realmId}/tokens`, {
        method: "POST",
        signal: AbortSignal.timeout(5000),
      })
    ).json(),
  );
  const now = clock.now();
  await db.transaction(async (tx) => {
    await tx.insert(qboConnections).values({
      businessId: biz.id,
      realmId: company.realmId,
      environment: "emulator",
      connectedAt: now,
      // The queued first sync covers now; the schedule takes over after it.
      nextSyncAt: new Date(now.getTime() + 3_600_000),
    });
    await storeTokens(tx, biz.id, tokens, key, now);
    await recordAudit(tx, {
      businessId: biz.id,
      actorUserId: null,
      action: "quickbooks.connected",
      detail: { realmId: company.realmId, demo: true },
    });
    await enqueue(tx, {
      id: `sync:connect:${biz.id}:demo`,
      name: "qbo/sync.requested",
      data: { businessId: biz.id, trigger: "connect" },
    });
  });
  return "connected";
}
