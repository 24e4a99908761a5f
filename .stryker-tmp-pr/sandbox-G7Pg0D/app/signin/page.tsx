// @ts-nocheck
import Link from "next/link";
import { redirect } from "next/navigation";
import { demoSignIn, requestMagicLink } from "@/app/actions/auth";
import { ActionForm, Field } from "@/components/ui/action-form";
import { currentUserId } from "@/server/auth/session";
import { getEnv } from "@/server/env";
import { safeReturnTo } from "@/server/lib/return-to";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

const authErrors: Record<string, string> = {
  Verification: "That sign-in link was already used or has expired. Ask for a new one below.",
  AccessDenied: "You cannot sign in with that account.",
  Configuration: "Sign-in is misconfigured on the server. Check the server log.",
};

export default async function SignIn({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const sp = await searchParams;
  const callbackUrl = safeReturnTo(sp.callbackUrl);
  if (await currentUserId()) redirect(callbackUrl);
  const demo = getEnv().mode === "demo";
  const error = sp.error ? (authErrors[sp.error] ?? "Sign-in failed. Try again.") : null;
  return (
    <main className="mx-auto max-w-md px-4 py-16">
      <h1 className="text-3xl font-bold tracking-tight">Oodaloo</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">
        Your cash runway, what changes it this week, and what to pay, delay or chase.
      </p>
      {error && (
        <p
          role="alert"
          className="mt-6 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      )}
      <section className="mt-8 rounded-lg border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h2 className="text-lg font-semibold">Sign in or create an account</h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          We email you a link; no password needed.
        </p>
        <div className="mt-4">
          <ActionForm
            action={requestMagicLink}
            hidden={{ callbackUrl }}
            submitLabel="Email me a sign-in link"
            pendingLabel="Sending…"
          >
            <Field name="email" label="Email address" type="email" autoComplete="email" required />
          </ActionForm>
        </div>
      </section>
      {demo && (
        <section className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-6 dark:border-amber-700 dark:bg-amber-950">
          <h2 className="text-lg font-semibold">Demo mode</h2>
          <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
            Emails are not sent; they wait in the{" "}
            <Link href="/outbox" className="underline">
              outbox
            </Link>
            . Or skip the email:
          </p>
          <div className="mt-4 flex flex-wrap gap-3">
            <ActionForm
              action={demoSignIn}
              hidden={{ who: "owner" }}
              submitLabel="Sign in as the demo owner"
              className=""
            />
            <ActionForm
              action={demoSignIn}
              hidden={{ who: "advisor" }}
              submitLabel="Sign in as the demo advisor"
              variant="secondary"
              className=""
            />
          </div>
        </section>
      )}
    </main>
  );
}
