import { NextResponse } from "next/server";
import { currentUserId } from "@/server/auth/session";
import { getDb } from "@/server/db/client";
import { requestOrigin } from "@/server/edge/request";
import { findReconnectTarget } from "@/server/qbo/reconnect-target";

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
