import { type NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { currentUserId } from "@/server/auth/session";
import { completeBankLink, linkSessionBusiness } from "@/server/banks/link";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { requestOrigin } from "@/server/edge/request";
import { getEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import { pokeDispatcher } from "@/server/jobs/dispatcher";

/**
 * Hosted Link's completion redirect. Coming back proves nothing: the outcome is read from Plaid
 * (`/link/token/get`) for the session this signed-in person started, then shown on Connections.
 */
export async function GET(req: NextRequest) {
  const origin = await requestOrigin();
  const userId = await currentUserId();
  if (!userId)
    return NextResponse.redirect(
      `${origin}/signin?callbackUrl=${encodeURIComponent(req.nextUrl.pathname + req.nextUrl.search)}`,
    );
  const env = getEnv();
  const session = z.string().uuid().safeParse(req.nextUrl.searchParams.get("session"));
  if (!env.plaid || !session.success)
    return NextResponse.json({ error: "Invalid bank link return" }, { status: 400 });
  const db = await getDb();
  let result: Awaited<ReturnType<typeof completeBankLink>>;
  try {
    result = await completeBankLink({
      db,
      config: env.plaid,
      key: env.tokenEncryptionKey,
      clock: getClock(),
      where: { sessionId: session.data, userId },
    });
  } catch (err) {
    // Plaid failing: back to Connections with what happened; the session stays open, so
    // coming back again (or Plaid's SESSION_FINISHED webhook) finishes it.
    const businessId =
      err instanceof AppError && err.code === "conflict"
        ? await linkSessionBusiness(db, session.data, userId)
        : null;
    if (!businessId) throw err;
    const to = new URL(`${origin}/b/${businessId}/connections`);
    to.searchParams.set("bank", "failed");
    to.searchParams.set("message", (err as AppError).message);
    return NextResponse.redirect(to);
  }
  if (!result) return NextResponse.json({ error: "No such bank link session" }, { status: 404 });
  if (result.status === "connected" || result.status === "repaired") pokeDispatcher();
  const to = new URL(`${origin}/b/${result.businessId}/connections`);
  to.searchParams.set("bank", result.status === "already" ? result.outcome : result.status);
  const message = result.status === "exited" || result.status === "already" ? result.message : null;
  if (message) to.searchParams.set("message", message);
  return NextResponse.redirect(to);
}
