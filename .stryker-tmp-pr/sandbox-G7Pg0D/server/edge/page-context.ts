// @ts-nocheck
import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getBusinessContext, type TBusinessContext } from "../access/business-context";
import { currentUserId } from "../auth/session";
import { getDb } from "../db/client";
import { AppError } from "../errors";

/**
 * For pages and layouts: resolve who is signed in (else go to sign-in) and, for business pages,
 * their role in the business (else 404). Cached per request so a layout and its page share it;
 * every page still calls it, because Next renders layouts and pages in parallel.
 */
export const requireUserId = cache(async (returnTo: string): Promise<string> => {
  const userId = await currentUserId();
  if (!userId) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return userId;
});

export const requireBusinessContext = cache(
  async (businessId: string, returnTo = `/b/${businessId}`): Promise<TBusinessContext> => {
    const userId = await requireUserId(returnTo);
    try {
      return await getBusinessContext({ db: await getDb(), userId, businessId });
    } catch (err) {
      if (err instanceof AppError && err.code === "not_found") notFound();
      throw err;
    }
  },
);

/** Map an AppError thrown by a use case to the page's answer. */
export function pageError(err: unknown): never {
  if (err instanceof AppError && (err.code === "not_found" || err.code === "forbidden")) notFound();
  throw err;
}

/** The prep tray's count for the navigation and the digest, computed once per request. */
export const pageTrayCount = cache(async (businessId: string): Promise<number> => {
  const ctx = await requireBusinessContext(businessId);
  const { trayCount } = await import("../tray/get-tray");
  const { getClock } = await import("../clock");
  return trayCount({ db: await getDb(), ctx, clock: getClock() });
});

/**
 * A page with figures was viewed: maybe ask for fresher QuickBooks data (the rule is
 * requestPageViewSync's). Once per request; a failure is logged, never shown on the page.
 */
export const pageViewed = cache(async (ctx: TBusinessContext): Promise<void> => {
  const { requestPageViewSync } = await import("../connections/request-sync");
  const { getClock } = await import("../clock");
  try {
    await requestPageViewSync({ db: await getDb(), businessId: ctx.businessId, clock: getClock() });
  } catch (err) {
    console.warn(`[page-view sync] ${ctx.businessId}: ${err instanceof Error ? err.message : String(err)}`);
  }
});
