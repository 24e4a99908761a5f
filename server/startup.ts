import { getClock } from "./clock";
import { getDatabase } from "./db/client";
import { DataDirLockedError } from "./db/lock";
import { connectDemoBanksWhenReady } from "./demo/connect-demo-banks";
import { connectDemoWhenReachable } from "./demo/connect-demo-quickbooks";
import { ensureDemoData } from "./demo/ensure-demo-data";
import { ConfigError, getEnv } from "./env";
import { pokeDispatcher, startDispatcher, type TForward } from "./jobs/dispatcher";

export async function startServer({ forward }: { forward?: TForward } = {}): Promise<void> {
  try {
    const env = getEnv();
    const handle = await getDatabase();
    if (env.mode === "demo") await ensureDemoData({ db: handle.db });
    startDispatcher({ forward: env.inngestForward ? forward : undefined });
    if (env.mode === "demo" && env.qbo?.environment === "emulator") {
      // The emulator starts beside the app; keep trying for a while without blocking start-up.
      void connectDemoWhenReachable({
        db: handle.db,
        config: env.qbo,
        key: env.tokenEncryptionKey,
        clock: getClock(),
        onQueued: pokeDispatcher,
      });
    }
    if (env.mode === "demo" && env.plaid?.environment === "emulator") {
      // The demo's banks are made from the demo companies' books once their first sync is in.
      void connectDemoBanksWhenReady({
        db: handle.db,
        config: env.plaid,
        key: env.tokenEncryptionKey,
        clock: getClock(),
        onQueued: pokeDispatcher,
      });
    }
    console.info(
      `[oodaloo] mode=${env.mode} database=${handle.backend}${handle.backend === "pglite" ? ` (${env.pgliteDir})` : ""} ` +
        `quickbooks=${env.qbo ? `${env.qbo.environment} (${env.qbo.apiBaseUrl})` : "not configured"} ` +
        `bank=${env.plaid ? `${env.plaid.environment} (${env.plaid.basePath})` : "not configured"} ` +
        `jobs=${env.inngestForward ? "forwarded to Inngest" : "in-process (outbox dispatcher)"}`,
    );
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DataDirLockedError) {
      console.error(`[oodaloo] ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}
