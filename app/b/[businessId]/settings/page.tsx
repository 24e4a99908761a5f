import { updateBusinessAction } from "@/app/actions/businesses";
import { BusinessFormFields } from "@/components/business-form-fields";
import { MembersPanel } from "@/components/members-panel";
import { ActionForm, Field } from "@/components/ui/action-form";
import { Card, PageHeader } from "@/components/ui/primitives";
import { canDo } from "@/server/access/business-context";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { requireBusinessContext } from "@/server/edge/page-context";
import { listMembers } from "@/server/members/list-members";

export const dynamic = "force-dynamic";
export const metadata = { title: "Settings" };

export default async function Settings({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const ctx = await requireBusinessContext(businessId, `/b/${businessId}/settings`);
  const { members, pending } = await listMembers({ db: await getDb(), ctx, clock: getClock() });
  const owner = canDo(ctx, "manageMembers");
  const b = ctx.business;
  return (
    <>
      <PageHeader
        title="Settings"
        lead={`${b.name} · you are ${ctx.role === "advisor" ? "an advisor" : `a ${ctx.role}`}`}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Business">
          {owner ? (
            <ActionForm action={updateBusinessAction} hidden={{ businessId }} submitLabel="Save">
              <BusinessFormFields defaults={b} />
              <Field
                name="allowBookkeeperCommit"
                label="Bookkeepers may commit decisions"
                type="checkbox"
                defaultValue={b.allowBookkeeperCommit}
                hint="Lets bookkeepers record payments in QuickBooks and send reminders."
              />
              <Field
                name="allowAdvisorCommit"
                label="Advisors may commit decisions"
                type="checkbox"
                defaultValue={b.allowAdvisorCommit}
              />
            </ActionForm>
          ) : (
            <dl className="grid grid-cols-2 gap-2 text-sm">
              <dt className="text-zinc-500">Name</dt>
              <dd>{b.name}</dd>
              <dt className="text-zinc-500">Timezone</dt>
              <dd>{b.timezone}</dd>
              <dt className="text-zinc-500">Currency</dt>
              <dd>{b.currency}</dd>
            </dl>
          )}
        </Card>
        <MembersPanel
          businessId={businessId}
          members={members}
          pending={pending}
          canManage={owner}
          selfId={ctx.userId}
        />
      </div>
    </>
  );
}
