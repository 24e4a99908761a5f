/**
 * `npm run db:migrate`: apply the committed migrations to the configured database
 * (DATABASE_URL, or the PGlite folder — refused while the app has it open).
 */
// @ts-nocheck

import { openDatabase } from "../server/db/client";
import { DataDirLockedError } from "../server/db/lock";
import { parseDatabaseConfig } from "../server/env";

try {
  const env = parseDatabaseConfig(process.env);
  const started = Date.now();
  const handle = await openDatabase({ url: env.databaseUrl, pgliteDir: env.pgliteDir });
  await handle.close();
  console.info(`Migrations applied to ${handle.backend} in ${Date.now() - started} ms.`);
} catch (err) {
  if (err instanceof DataDirLockedError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
