import { getClock } from "./clock";
import { getDatabase } from "./db/client";
import { DataDirLockedError } from "./db/lock";
import {
  connectDemoClients,
  connectDemoQuickBooks,
  NotTheEmulatorError,
} from "./demo/connect-demo-quickbooks";
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
      const qbo = env.qbo;
      void (async () => {
        let answered = false;
        for (let attempt = 0; attempt < 30; attempt++) {
          try {
            const r = await connectDemoQuickBooks({
              db: handle.db,
              config: qbo,
              key: env.tokenEncryptionKey,
              clock: getClock(),
            });
            if (r === "connected") {
              console.info("[oodaloo] demo business connected to the QuickBooks emulator; first sync queued");
              pokeDispatcher();
            }
            const clients = await connectDemoClients({
              db: handle.db,
              config: qbo,
              key: env.tokenEncryptionKey,
              clock: getClock(),
            });
            if (clients > 0) {
              console.info(
                `[oodaloo] ${clients} demo firm clients connected to emulator companies; syncs queued`,
              );
              pokeDispatcher();
            }
            return;
          } catch (err) {
            answered ||= err instanceof NotTheEmulatorError;
            await new Promise((r) => setTimeout(r, 1000));
          }
        }
        console.warn(
          answered
            ? `[oodaloo] ${qbo.apiBaseUrl} answers, but it is not the project's QuickBooks emulator (no /__admin/companies list); the demo business stays unconnected`
            : `[oodaloo] QuickBooks emulator not reachable at ${qbo.apiBaseUrl}; the demo business stays unconnected`,
        );
      })();
    }
    console.info(
      `[oodaloo] mode=${env.mode} database=${handle.backend}${handle.backend === "pglite" ? ` (${env.pgliteDir})` : ""} ` +
        `quickbooks=${env.qbo ? `${env.qbo.environment} (${env.qbo.apiBaseUrl})` : "not configured"} ` +
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
