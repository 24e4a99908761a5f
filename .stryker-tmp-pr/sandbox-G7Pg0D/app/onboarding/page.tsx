// @ts-nocheck
import Link from "next/link";
import { createBusinessAction } from "@/app/actions/businesses";
import { BusinessFormFields } from "@/components/business-form-fields";
import { AppShell } from "@/components/shell/app-shell";
import { ActionForm } from "@/components/ui/action-form";
import { Card, PageHeader } from "@/components/ui/primitives";
import { roleLabel } from "@/server/access/permissions";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { requireUserId } from "@/server/edge/page-context";
import { getNavigation } from "@/server/users/get-navigation";

export const dynamic = "force-dynamic";
export const metadata = { title: "Add a business" };

export default async function Onboarding() {
  const userId = await requireUserId("/onboarding");
  const nav = await getNavigation({ db: await getDb(), userId, clock: getClock() });
  return (
    <AppShell userEmail={nav.email} businesses={nav.businesses} firms={nav.firms}>
      <PageHeader
        title={nav.businesses.length === 0 ? "Welcome to Oodaloo" : "Add a business"}
        lead="Tell us about the business. You will be its owner, and can invite your bookkeeper next."
      />
      {nav.pendingInvitations.length > 0 && (
        <Card title="You have invitations" className="mb-6">
          <ul className="list-disc pl-5 text-sm">
            {nav.pendingInvitations.map((i) => (
              <li key={`${i.businessName}-${i.role}`}>
                {i.businessName} as {roleLabel[i.role]} — open the link in the invitation email to join.
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card className="max-w-xl">
        <ActionForm action={createBusinessAction} submitLabel="Create business" pendingLabel="Creating…">
          <BusinessFormFields />
        </ActionForm>
      </Card>
      <p className="mt-6 text-sm text-zinc-600 dark:text-zinc-400">
        An accounting firm looking after clients?{" "}
        <Link href="/firm/new" className="font-medium text-indigo-700 underline dark:text-indigo-300">
          Create a firm
        </Link>{" "}
        and give your clients its code.
      </p>
    </AppShell>
  );
}
