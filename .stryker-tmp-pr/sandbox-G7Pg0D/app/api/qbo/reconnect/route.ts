// @ts-nocheck
import { NextResponse } from "next/server";
import { currentUserId } from "@/server/auth/session";
import { findReconnectTarget } from "@/server/connections/find-reconnect-target";
import { getDb } from "@/server/db/client";
import { requestOrigin } from "@/server/edge/request";

/**
 * The app's Reconnect URL (Intuit requires one): sends the user to the Connections page of the
 * business whose QuickBooks authorization needs renewing (or to sign in first).
 */
export async function GET() {
  const origin = await requestOrigin();
  const userId = await currentUserId();
  if (!userId)
    return NextResponse.redirect(`${origin}/signin?callbackUrl=${encodeURIComponent("/api/qbo/reconnect")}`);
  const businessId = await findReconnectTarget({ db: await getDb(), userId });
  return NextResponse.redirect(businessId ? `${origin}/b/${businessId}/connections` : `${origin}/`);
}
