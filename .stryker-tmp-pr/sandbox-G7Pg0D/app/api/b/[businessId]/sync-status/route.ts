// @ts-nocheck
import { NextResponse } from "next/server";
import { getBusinessContext } from "@/server/access/business-context";
import { currentUserId } from "@/server/auth/session";
import { getConnectionStatus } from "@/server/connections/get-connection-status";
import { getDb } from "@/server/db/client";
import { AppError, httpStatusOf } from "@/server/errors";

export const dynamic = "force-dynamic";

/** Live sync status for the Connections page (polled while a sync runs). */
export async function GET(_req: Request, { params }: { params: Promise<{ businessId: string }> }) {
  const userId = await currentUserId();
  if (!userId) return NextResponse.json({ error: "Sign in" }, { status: 401 });
  try {
    const db = await getDb();
    const ctx = await getBusinessContext({ db, userId, businessId: (await params).businessId });
    return NextResponse.json(await getConnectionStatus({ db, ctx }));
  } catch (err) {
    if (err instanceof AppError)
      return NextResponse.json({ error: err.message }, { status: httpStatusOf[err.code] });
    throw err;
  }
}
