// @ts-nocheck
import { type NextRequest, NextResponse } from "next/server";
import { canDo, getBusinessContext } from "@/server/access/business-context";
import { currentUserId } from "@/server/auth/session";
import { getClock } from "@/server/clock";
import { completeConnect, ZCallbackQuery } from "@/server/connections/complete-connect";
import { getDb } from "@/server/db/client";
import { requestOrigin } from "@/server/edge/request";
import { getEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import { pokeDispatcher } from "@/server/jobs/dispatcher";

/** Intuit redirects here with `code`, `state` and `realmId` (or `error`). */
export async function GET(req: NextRequest) {
  const origin = await requestOrigin();
  const userId = await currentUserId();
  if (!userId)
    return NextResponse.redirect(
      `${origin}/signin?callbackUrl=${encodeURIComponent(req.nextUrl.pathname + req.nextUrl.search)}`,
    );
  const env = getEnv();
  const parsed = ZCallbackQuery.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!env.qbo || !parsed.success)
    return NextResponse.json({ error: "Invalid QuickBooks callback" }, { status: 400 });
  const db = await getDb();
  try {
    const result = await completeConnect({
      db,
      userId,
      query: parsed.data,
      config: env.qbo,
      redirectUri: env.qbo.redirectUri ?? `${origin}/api/qbo/callback`,
      callbackUrl: `${origin}${req.nextUrl.pathname}${req.nextUrl.search}`,
      key: env.tokenEncryptionKey,
      clock: getClock(),
      canManage: async (businessId) => {
        try {
          return canDo(await getBusinessContext({ db, userId, businessId }), "manageConnection");
        } catch {
          return false;
        }
      },
    });
    if (result.outcome === "connected") pokeDispatcher();
    const to = new URL(`${origin}/b/${result.businessId}/connections`);
    to.searchParams.set("result", result.outcome);
    if (result.outcome === "refused") to.searchParams.set("message", result.message);
    return NextResponse.redirect(to);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found")
      return NextResponse.json({ error: err.message }, { status: 404 });
    throw err;
  }
}
