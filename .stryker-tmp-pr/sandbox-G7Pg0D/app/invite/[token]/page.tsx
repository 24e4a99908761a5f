// @ts-nocheck
import Link from "next/link";
import { acceptInvitationAction } from "@/app/actions/members";
import { ActionForm } from "@/components/ui/action-form";
import { roleLabel, ZMemberRole } from "@/server/access/permissions";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { requireUserId } from "@/server/edge/page-context";
import { viewInvitation } from "@/server/members/invitations";

export const dynamic = "force-dynamic";
export const metadata = { title: "Invitation" };

export default async function Invite({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  await requireUserId(`/invite/${token}`);
  const view = await viewInvitation({ db: await getDb(), token, clock: getClock() });
  return (
    <main className="mx-auto max-w-md px-4 py-16">
      {view.state === "invalid" ? (
        <>
          <h1 className="text-2xl font-semibold">This invitation cannot be used</h1>
          <p className="mt-2 text-zinc-600 dark:text-zinc-400">
            It was already accepted, withdrawn, or has expired. Ask the business owner to invite you again.
          </p>
          <Link href="/" className="mt-6 inline-block text-indigo-700 underline dark:text-indigo-300">
            Go to your businesses
          </Link>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold">Join {view.businessName}</h1>
          <p className="mt-2 text-zinc-600 dark:text-zinc-400">
            You are invited as <strong>{roleLabel[ZMemberRole.parse(view.role)]}</strong> ({view.email}).
          </p>
          <div className="mt-6">
            <ActionForm action={acceptInvitationAction} hidden={{ token }} submitLabel="Accept invitation" />
          </div>
        </>
      )}
    </main>
  );
}
