// @ts-nocheck
import { NextResponse } from "next/server";
import { getClock } from "@/server/clock";
import { receiveWebhook } from "@/server/connections/receive-webhook";
import { getDb } from "@/server/db/client";
import { BODY_LIMITS, readBodyLimited } from "@/server/edge/body-limit";
import { getEnv } from "@/server/env";
import { pokeDispatcher } from "@/server/jobs/dispatcher";
import { parseNotifications, verifySignature } from "@/server/qbo/webhooks";

export const dynamic = "force-dynamic";

/**
 * Intuit's webhook endpoint. Verifies the raw body before parsing (fail closed), records and
 * deduplicates, queues a debounced sync and answers 200 — no QuickBooks call happens here, so
 * the answer is fast whatever QuickBooks' latency.
 */
export async function POST(req: Request) {
  const token = getEnv().qbo?.webhookVerifierToken;
  const signature = req.headers.get("intuit-signature");
  // Unsigned (or no verifier configured): refused before a byte of the body is read.
  if (!token || !signature) {
    await req.body?.cancel().catch(() => {});
    return NextResponse.json({ error: "invalid signature" }, { status: 401 });
  }
  const read = await readBodyLimited(req, BODY_LIMITS.webhook);
  if (!read.ok) return read.response;
  const raw = new TextDecoder().decode(read.bytes);
  if (!verifySignature(raw, signature, token)) {
    return NextResponse.json({ error: "invalid signature" }, { status: 401 });
  }
  const notifications = parseNotifications(raw);
  if (!notifications) return NextResponse.json({ error: "unrecognized payload" }, { status: 400 });
  const result = await receiveWebhook({ db: await getDb(), notifications, clock: getClock() });
  if (result.queued > 0) setTimeout(pokeDispatcher, (getEnv().qbo?.webhookDebounceMs ?? 2_000) + 100).unref();
  return NextResponse.json({ ok: true, ...result });
}
