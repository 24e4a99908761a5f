// @ts-nocheck
import Link from "next/link";
import { acceptFirmInvitationAction } from "@/app/actions/firms";
import { ActionForm } from "@/components/ui/action-form";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { requireUserId } from "@/server/edge/page-context";
import { viewFirmInvitation } from "@/server/firms/invitations";

export const dynamic = "force-dynamic";
export const metadata = { title: "Firm invitation" };

export default async function FirmInvite({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  await requireUserId(`/firm-invite/${token}`);
  const view = await viewFirmInvitation({ db: await getDb(), token, clock: getClock() });
  return (
    <main className="mx-auto max-w-md px-4 py-16">
      {view.state === "invalid" ? (
        <>
          <h1 className="text-2xl font-semibold">This invitation cannot be used</h1>
          <p className="mt-2 text-zinc-600 dark:text-zinc-400">
            It was already accepted, withdrawn, or has expired. Ask the firm's admin to invite you again.
          </p>
          <Link href="/" className="mt-6 inline-block text-indigo-700 underline dark:text-indigo-300">
            Go to Oodaloo
          </Link>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold">Join {view.firmName}</h1>
          <p className="mt-2 text-zinc-600 dark:text-zinc-400">
            You are invited as <strong>{view.role === "admin" ? "an admin" : "an advisor"}</strong> (
            {view.email}).
          </p>
          <div className="mt-6">
            <ActionForm action={acceptFirmInvitationAction} hidden={{ token }} submitLabel="Join the firm" />
          </div>
        </>
      )}
    </main>
  );
}
