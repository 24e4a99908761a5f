// @ts-nocheck
import "server-only";
import OAuthClient from "intuit-oauth";
import { assertCan, type TBusinessContext } from "../access/business-context";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { qboOauthStates } from "../db/schema";
import type { TQboConfig } from "../env";
import { newToken } from "../lib/tokens";
import { intuitClient } from "../qbo/intuit";

const STATE_TTL_MS = 15 * 60_000;

/** Begin the authorization-code flow: a single-use state bound to this user and business. */
export async function startConnect({
  db,
  ctx,
  config,
  redirectUri,
  clock,
  allowRealmChange = false,
}: {
  db: DB;
  ctx: TBusinessContext;
  config: TQboConfig;
  redirectUri: string;
  clock: Clock;
  allowRealmChange?: boolean;
}): Promise<{ authorizeUrl: string }> {
  assertCan(ctx, "manageConnection");
  const { token, hash } = newToken();
  const now = clock.now();
  await db.insert(qboOauthStates).values({
    nonceHash: hash,
    businessId: ctx.businessId,
    userId: ctx.userId,
    allowRealmChange,
    createdAt: now,
    expiresAt: new Date(now.getTime() + STATE_TTL_MS),
  });
  const authorizeUrl = intuitClient(config, redirectUri).authorizeUri({
    scope: [OAuthClient.scopes.Accounting],
    state: token,
  });
  return { authorizeUrl };
}
