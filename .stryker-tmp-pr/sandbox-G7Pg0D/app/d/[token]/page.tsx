// @ts-nocheck
import Link from "next/link";
import { DigestView } from "@/components/digest/digest-view";
import { formatDate, formatDateTime } from "@/lib/format";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { openSignedDigest } from "@/server/digest/signed";
import { getEnv } from "@/server/env";

export const dynamic = "force-dynamic";
export const metadata = { title: "Digest", robots: { index: false } };

/**
 * A digest opened from its email: no session needed, read-only, as stored. The link is checked
 * (signature, 14-day expiry) and the recipient's access re-read on every visit.
 */
export default async function SignedDigest({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const now = getClock().now();
  const opened = await openSignedDigest({ db: await getDb(), token, secret: getEnv().authSecret, now });
  if (!opened.ok) {
    return (
      <main className="mx-auto max-w-md px-4 py-16">
        <h1 className="text-2xl font-semibold">This link is invalid or has expired</h1>
        <p className="mt-2 text-zinc-600 dark:text-zinc-400">
          Digest links work for 14 days, only for the person they were sent to, and only while that person
          still has access to the business. Sign in to see the current digest and every past one.
        </p>
        <Link
          href="/signin"
          className="mt-6 inline-block rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700"
        >
          Sign in
        </Link>
      </main>
    );
  }
  const { digest, business, recipient } = opened;
  const signIn = `/signin?callbackUrl=${encodeURIComponent(`/b/${business.id}`)}`;
  return (
    <div className="min-h-screen bg-zinc-50 dark:bg-zinc-950">
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-3 px-4 py-3">
          <span className="text-lg font-bold tracking-tight">Oodaloo</span>
          <span className="text-sm text-zinc-600 dark:text-zinc-400">{business.name}</span>
          <Link
            href={signIn}
            className="ml-auto rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700"
          >
            Sign in to act
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">
        <div
          role="note"
          className="mb-6 rounded-md border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-900 dark:border-indigo-800 dark:bg-indigo-950 dark:text-indigo-100"
        >
          Read-only copy of the digest of {formatDate(digest.asOf)} sent to {recipient.email ?? "you"} on{" "}
          {formatDateTime(digest.createdAt, business.timezone)} (the business's time). Figures are as they
          were then.
        </div>
        <h1 className="mb-4 text-2xl font-semibold tracking-tight">Digest of {formatDate(digest.asOf)}</h1>
        <DigestView snapshot={digest.snapshot} now={now} signInHref={signIn} />
      </main>
    </div>
  );
}
