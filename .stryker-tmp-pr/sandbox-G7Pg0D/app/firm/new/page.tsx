// @ts-nocheck
import { createFirmAction } from "@/app/actions/firms";
import { AppShell } from "@/components/shell/app-shell";
import { ActionForm, Field } from "@/components/ui/action-form";
import { Card, PageHeader } from "@/components/ui/primitives";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { requireUserId } from "@/server/edge/page-context";
import { getNavigation } from "@/server/users/get-navigation";

export const dynamic = "force-dynamic";
export const metadata = { title: "Create a firm" };

export default async function NewFirm() {
  const userId = await requireUserId("/firm/new");
  const nav = await getNavigation({ db: await getDb(), userId, clock: getClock() });
  return (
    <AppShell userEmail={nav.email} businesses={nav.businesses} firms={nav.firms}>
      <PageHeader
        title="Create a firm"
        lead="For accounting firms: one portfolio of every client that grants you access, ranked by risk."
      />
      <Card className="max-w-xl">
        <ActionForm action={createFirmAction} submitLabel="Create firm" pendingLabel="Creating…">
          <Field name="name" label="Firm name" required />
        </ActionForm>
        <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
          You become its admin. The portfolio shows the code to give clients; they enter it in their settings.
        </p>
      </Card>
    </AppShell>
  );
}
