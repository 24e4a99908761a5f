// @ts-nocheck
import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-4 py-24 text-center">
      <p className="text-sm font-semibold text-indigo-700 dark:text-indigo-300">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">
        It does not exist, or your account cannot open it. If someone shared this link, ask them to invite
        you.
      </p>
      <Link href="/" className="mt-6 inline-block text-indigo-700 underline dark:text-indigo-300">
        Go to your businesses
      </Link>
    </main>
  );
}
