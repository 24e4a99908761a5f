// @ts-nocheck
import { sql } from "drizzle-orm";
import { getDatabase } from "@/server/db/client";

export const dynamic = "force-dynamic";

/** Liveness + database check, used by the e2e web server and operators. Public; reveals no data. */
export async function GET() {
  try {
    const handle = await getDatabase();
    await handle.db.execute(sql`select 1`);
    return Response.json({ ok: true, database: handle.backend });
  } catch (err) {
    // The driver's text (host names, users, paths) is for the operator's log, not the public.
    console.error("[oodaloo] health check: database unavailable:", err);
    return Response.json({ ok: false, error: "database unavailable" }, { status: 503 });
  }
}
