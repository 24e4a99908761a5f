// @ts-nocheck
import Link from "next/link";
import { getEnv } from "@/server/env";

export const dynamic = "force-dynamic";
export const metadata = { title: "Check your email" };

export default function CheckEmail() {
  const demo = getEnv().mode === "demo";
  return (
    <main className="mx-auto max-w-md px-4 py-16">
      <h1 className="text-2xl font-semibold">Check your email</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">
        We sent you a sign-in link. It works once, for 24 hours. You can close this tab.
      </p>
      {demo && (
        <p className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950">
          Demo mode: nothing was sent. Open the{" "}
          <Link href="/outbox" className="font-medium underline">
            outbox
          </Link>{" "}
          to follow the link.
        </p>
      )}
      <Link
        href="/signin"
        className="mt-6 inline-block text-sm text-indigo-700 underline dark:text-indigo-300"
      >
        Use a different email
      </Link>
    </main>
  );
}
