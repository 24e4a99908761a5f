import { NextResponse } from "next/server";
import { receivePlaidWebhook } from "@/server/banks/webhook";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { BODY_LIMITS, readBodyLimited } from "@/server/edge/body-limit";
import { getEnv } from "@/server/env";
import { pokeDispatcher } from "@/server/jobs/dispatcher";

export const dynamic = "force-dynamic";

/**
 * Plaid's webhook endpoint. Unsigned requests are refused before the body is read; the body is
 * capped, then verified (ES256 JWT over its SHA-256) before anything in it is believed.
 */
export async function POST(req: Request) {
  const env = getEnv();
  const header = req.headers.get("plaid-verification");
  if (!env.plaid || !header) {
    await req.body?.cancel().catch(() => {});
    return NextResponse.json({ error: "invalid signature" }, { status: 401 });
  }
  const read = await readBodyLimited(req, BODY_LIMITS.plaidWebhook);
  if (!read.ok) return read.response;
  const result = await receivePlaidWebhook({
    db: await getDb(),
    config: env.plaid,
    key: env.tokenEncryptionKey,
    clock: getClock(),
    rawBody: new TextDecoder().decode(read.bytes),
    header,
  });
  if (result.status === 401) return NextResponse.json({ error: "invalid signature" }, { status: 401 });
  if (result.action === "queued_sync") pokeDispatcher();
  return NextResponse.json({ ok: true, action: result.action });
}
