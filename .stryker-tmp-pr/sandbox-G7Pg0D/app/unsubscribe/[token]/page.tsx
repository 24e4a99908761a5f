// @ts-nocheck
import Link from "next/link";
import { unsubscribeAction } from "@/app/actions/digests";
import { ActionForm } from "@/components/ui/action-form";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { viewUnsubscribe } from "@/server/digest/signed";
import { getEnv } from "@/server/env";

export const dynamic = "force-dynamic";
export const metadata = { title: "Unsubscribe", robots: { index: false } };

/** Confirm before unsubscribing: mail scanners follow links, so a GET changes nothing. */
export default async function Unsubscribe({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const view = await viewUnsubscribe({
    db: await getDb(),
    token,
    secret: getEnv().authSecret,
    now: getClock().now(),
  });
  return (
    <main className="mx-auto max-w-md px-4 py-16">
      {!view ? (
        <>
          <h1 className="text-2xl font-semibold">This link is invalid or has expired</h1>
          <p className="mt-2 text-zinc-600 dark:text-zinc-400">
            Sign in and change your email preferences in the business's settings.
          </p>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold">Unsubscribe from the weekly digest</h1>
          <p className="mt-2 text-zinc-600 dark:text-zinc-400">
            {view.email} will stop getting the weekly digest of <strong>{view.businessName}</strong>. Cash
            alerts still arrive; both can be changed in the business's settings.
          </p>
          {view.subscribed ? (
            <div className="mt-6">
              <ActionForm action={unsubscribeAction} hidden={{ token }} submitLabel="Unsubscribe" />
            </div>
          ) : (
            <p className="mt-6 font-medium" role="status">
              You are unsubscribed.
            </p>
          )}
        </>
      )}
      <Link
        href="/signin"
        className="mt-8 inline-block text-sm text-indigo-700 underline dark:text-indigo-300"
      >
        Sign in to Oodaloo
      </Link>
    </main>
  );
}
