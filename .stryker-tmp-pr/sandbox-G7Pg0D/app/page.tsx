// @ts-nocheck
import { redirect } from "next/navigation";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { requireUserId } from "@/server/edge/page-context";
import { getNavigation } from "@/server/users/get-navigation";

export const dynamic = "force-dynamic";

/** Home: the first business, else the firm portfolio, else onboarding. */
export default async function Home() {
  const userId = await requireUserId("/");
  const nav = await getNavigation({ db: await getDb(), userId, clock: getClock() });
  const direct = nav.businesses.find((b) => b.role !== "advisor");
  if (direct) redirect(`/b/${direct.id}`);
  if (nav.firms[0]) redirect(`/firm/${nav.firms[0].id}`);
  if (nav.businesses[0]) redirect(`/b/${nav.businesses[0].id}`);
  redirect("/onboarding");
}
