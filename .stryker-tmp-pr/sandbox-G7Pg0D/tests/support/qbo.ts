// @ts-nocheck
import { randomBytes } from "node:crypto";
import { fixedClock } from "@/server/clock";
import type { DB } from "@/server/db/client";
import { qboConnections } from "@/server/db/schema";
import type { TQboConfig } from "@/server/env";
import { QboClient } from "@/server/qbo/client";
import { storeTokens } from "@/server/qbo/tokens";
import { startEmulator } from "../../qbo-emulator/test-support";

export const testKey = randomBytes(32).toString("base64");

export function emulatorConfig(base: string): TQboConfig {
  return {
    environment: "emulator",
    authorizeUrl: `${base}/connect/oauth2`,
    tokenUrl: `${base}/oauth2/v1/tokens/bearer`,
    revokeUrl: `${base}/v2/oauth2/tokens/revoke`,
    apiBaseUrl: base,
    clientId: "emulator-client-id",
    clientSecret: "emulator-client-secret",
    redirectUri: "http://localhost:3000/api/qbo/callback",
    webhookVerifierToken: "verifier-token-for-tests",
    throttleWaitMs: 20,
    webhookDebounceMs: 0,
  };
}

/** An emulator company connected to `businessId` (tokens issued by the emulator's admin API). */
export async function connectToEmulator(
  db: DB,
  businessId: string,
  opts: Parameters<typeof startEmulator>[0] = {},
) {
  const env = await startEmulator({ limits: { perSecond: 10_000, perMinute: 1_000_000 }, ...opts });
  const config = emulatorConfig(env.base);
  const clock = { now: () => new Date(env.emu.clock.now()) };
  const tokens = (await env.admin(`companies/${env.realmId}/tokens`, {})) as never;
  await storeTokens(db, businessId, tokens, testKey, clock.now());
  await db
    .insert(qboConnections)
    .values({ businessId, realmId: env.realmId, environment: "emulator", connectedAt: clock.now() });
  const client = (o: Partial<ConstructorParameters<typeof QboClient>[0]> = {}) =>
    new QboClient({
      db,
      businessId,
      realmId: env.realmId,
      config,
      key: testKey,
      clock,
      backoffMs: 5,
      sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 50))),
      ...o,
    });
  return { ...env, config, clock, client };
}

export { fixedClock };
