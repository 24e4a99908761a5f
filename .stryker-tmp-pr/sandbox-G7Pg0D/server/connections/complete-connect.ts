// @ts-nocheck
import "server-only";
import { and, eq, gt, isNull, ne } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import {
  qboAccounts,
  qboConnections,
  qboEntityState,
  qboOauthStates,
  qboParties,
  qboRaw,
  qboRecurring,
  qboTerms,
  qboTransactionLinks,
  qboTransactions,
} from "../db/schema";
import type { TQboConfig } from "../env";
import { AppError } from "../errors";
import { enqueue } from "../jobs/outbox";
import { hashToken } from "../lib/tokens";
import {
  intuitClient,
  isInvalidGrant,
  type TTokenResponse,
  withTimeout,
  ZTokenResponse,
} from "../qbo/intuit";
import { storeTokens } from "../qbo/tokens";
import { revokeGrant, verifyRealmAccess } from "../qbo/verify-realm";

export const ZCallbackQuery = z.object({
  state: z.string().min(20).max(100),
  code: z.string().min(1).max(512).optional(),
  realmId: z
    .string()
    .regex(/^\d{1,30}$/)
    .optional(),
  error: z.string().max(100).optional(),
});

export type TConnectOutcome =
  | { businessId: string; outcome: "connected"; realmChanged: boolean }
  | { businessId: string; outcome: "denied" }
  | { businessId: string; outcome: "refused"; message: string };

/**
 * Finish connecting: consume the state (single use, same user, not expired), refuse a realm that
 * another business uses, refuse switching this business to a different realm unless the user
 * confirmed wiping the old mirror, exchange the code (outside any transaction), then store the
 * connection and tokens and enqueue the first sync — in one transaction.
 */
export async function completeConnect({
  db,
  userId,
  query,
  config,
  redirectUri,
  callbackUrl,
  key,
  clock,
  canManage,
}: {
  db: DB;
  userId: string;
  query: z.infer<typeof ZCallbackQuery>;
  config: TQboConfig;
  redirectUri: string;
  callbackUrl: string;
  key: string;
  clock: Clock;
  /** Re-checks the user's role in the business at callback time. */
  canManage: (businessId: string) => Promise<boolean>;
}): Promise<TConnectOutcome> {
  const now = clock.now();
  const [state] = await db
    .update(qboOauthStates)
    .set({ usedAt: now })
    .where(
      and(
        eq(qboOauthStates.nonceHash, hashToken(query.state)),
        eq(qboOauthStates.userId, userId),
        isNull(qboOauthStates.usedAt),
        gt(qboOauthStates.expiresAt, now),
      ),
    )
    .returning();
  if (!state)
    throw new AppError(
      "not_found",
      "This connection attempt expired or was already used. Start again from Connections.",
    );
  const businessId = state.businessId;
  if (!(await canManage(businessId))) throw new AppError("not_found", "Business not found");
  if (query.error || !query.code || !query.realmId) return { businessId, outcome: "denied" };
  const realmId = query.realmId;

  const [taken] = await db
    .select({ businessId: qboConnections.businessId })
    .from(qboConnections)
    .where(
      and(
        eq(qboConnections.realmId, realmId),
        ne(qboConnections.status, "disconnected"),
        ne(qboConnections.businessId, businessId),
      ),
    );
  if (taken) {
    return {
      businessId,
      outcome: "refused",
      message:
        "This QuickBooks company is already connected to another business in Oodaloo. Disconnect it there first.",
    };
  }
  const [existing] = await db.select().from(qboConnections).where(eq(qboConnections.businessId, businessId));
  const realmChanged = Boolean(existing && existing.realmId !== realmId);
  if (realmChanged && !state.allowRealmChange) {
    return {
      businessId,
      outcome: "refused",
      message:
        "That is a different QuickBooks company from the one this business used. Choose “Connect a different company” and confirm replacing the old data.",
    };
  }

  // A code QuickBooks does not accept (expired, used, forged) or an unreachable token endpoint is
  // an answer for the user, never a crash: nothing is stored either way.
  let tokens: TTokenResponse;
  try {
    const res = await withTimeout(
      intuitClient(config, redirectUri).createToken(callbackUrl),
      15_000,
      "QuickBooks authorization",
    );
    tokens = ZTokenResponse.parse(res.getJson());
  } catch (err) {
    return {
      businessId,
      outcome: "refused",
      message: isInvalidGrant(err)
        ? "QuickBooks did not accept this authorization (it expired or was already used), so nothing was connected. Start again from Connections."
        : "QuickBooks could not complete the authorization just now, so nothing was connected. Try again from Connections in a minute.",
    };
  }
  // The realm id came in the redirect's URL: prove the new grant reaches that company before
  // storing anything, or revoke the grant and refuse.
  const verified = await verifyRealmAccess({ db, config, realmId, accessToken: tokens.access_token });
  if (!verified.ok) {
    await revokeGrant(config, tokens.refresh_token);
    return {
      businessId,
      outcome: "refused",
      message:
        "QuickBooks did not confirm access to that company, so nothing was connected. Start again from Connections and choose the company on QuickBooks' own page.",
    };
  }

  await db.transaction(async (tx) => {
    if (realmChanged) await wipeMirror(tx, businessId);
    await tx
      .insert(qboConnections)
      .values({
        businessId,
        realmId,
        environment: config.environment,
        status: "active",
        connectedBy: userId,
        connectedAt: now,
        nextSyncAt: new Date(now.getTime() + 3_600_000),
        webhookHealthSince: now,
      })
      .onConflictDoUpdate({
        target: qboConnections.businessId,
        // Reconnecting the same realm keeps the cursor and checkpoints: the sync resumes.
        set: {
          realmId,
          environment: config.environment,
          status: "active",
          connectedBy: userId,
          connectedAt: now,
          needsReauthAt: null,
          lastError: null,
          nextSyncAt: new Date(now.getTime() + 3_600_000),
          ...(realmChanged
            ? {
                cdcCursor: null,
                lastFullSyncAt: null,
                lastSuccessAt: null,
                companyName: null,
                // Another company: its webhooks have to prove themselves again.
                webhookHealth: "unhealthy" as const,
                webhookHealthSince: now,
                cleanPolls: 0,
                lastWebhookAt: null,
              }
            : {}),
        },
      });
    await storeTokens(tx, businessId, tokens, key, now);
    // Reconnecting is a reason to ask again: set-aside entities are retried by the first sync,
    // and CDC is tried again for those it refused (docs/decisions/0006).
    if (!realmChanged) {
      await tx
        .update(qboEntityState)
        .set({ retryAt: now })
        .where(
          and(eq(qboEntityState.businessId, businessId), eq(qboEntityState.availability, "unavailable")),
        );
      await tx
        .update(qboEntityState)
        .set({
          cdcSupported: true,
          unavailableStatus: null,
          unavailableCode: null,
          unavailableDetail: null,
          unavailableVia: null,
        })
        .where(
          and(
            eq(qboEntityState.businessId, businessId),
            eq(qboEntityState.availability, "available"),
            eq(qboEntityState.cdcSupported, false),
          ),
        );
    }
    await recordAudit(tx, {
      businessId,
      actorUserId: userId,
      action: "quickbooks.connected",
      detail: { realmId, realmChanged },
    });
    await enqueue(tx, {
      id: `sync:connect:${businessId}:${now.getTime()}`,
      name: "qbo/sync.requested",
      data: { businessId, trigger: "connect" },
    });
  });
  return { businessId, outcome: "connected", realmChanged };
}

async function wipeMirror(tx: DB, businessId: string) {
  for (const t of [
    qboTransactionLinks,
    qboTransactions,
    qboAccounts,
    qboParties,
    qboTerms,
    qboRecurring,
    qboRaw,
    qboEntityState,
  ]) {
    await tx.delete(t).where(eq(t.businessId, businessId));
  }
}
