/**
 * `npm run sync:once -- <businessId> [trigger]`: run one QuickBooks sync for a business in this
 * process (operators; and the SIGKILL test). Uses the app's configuration; on PGlite it refuses
 * while the app has the database open.
 */
// @ts-nocheck

import { getDatabase } from "../server/db/client";
import { DataDirLockedError } from "../server/db/lock";
import { ConfigError } from "../server/env";
import { runSyncForBusiness } from "../server/jobs/run-sync";

const [businessId, trigger = "manual"] = process.argv.slice(2);
if (!businessId) {
  console.error("usage: npm run sync:once -- <businessId> [manual|schedule|reconcile]");
  process.exit(2);
}
try {
  const handle = await getDatabase();
  const result = await runSyncForBusiness({ db: handle.db, businessId, trigger: trigger as "manual" });
  console.info(JSON.stringify(result));
  await handle.close();
  process.exit(result.status === "failed" ? 1 : 0);
} catch (err) {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
