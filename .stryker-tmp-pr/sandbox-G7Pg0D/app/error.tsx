// @ts-nocheck
"use client";

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main className="mx-auto max-w-lg px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">
        The page could not be loaded. Nothing you entered was lost. Try again; if it keeps happening, quote
        reference <code>{error.digest ?? "n/a"}</code>.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-6 rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700"
      >
        Try again
      </button>
    </main>
  );
}
