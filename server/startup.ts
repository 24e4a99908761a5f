import { getDatabase } from "./db/client";
import { DataDirLockedError } from "./db/lock";
import { ensureDemoData } from "./demo/ensure-demo-data";
import { ConfigError, getEnv } from "./env";

export async function startServer(): Promise<void> {
  try {
    const env = getEnv();
    const handle = await getDatabase();
    if (env.mode === "demo") await ensureDemoData({ db: handle.db });
    console.info(
      `[oodaloo] mode=${env.mode} database=${handle.backend}${handle.backend === "pglite" ? ` (${env.pgliteDir})` : ""}`,
    );
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DataDirLockedError) {
      console.error(`[oodaloo] ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}
