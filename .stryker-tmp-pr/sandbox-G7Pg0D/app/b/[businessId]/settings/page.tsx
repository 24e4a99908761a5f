// @ts-nocheck
import { updateBusinessAction } from "@/app/actions/businesses";
import { updateAlertSettingsAction, updateNotificationPrefsAction } from "@/app/actions/digests";
import { grantFirmAccessAction, revokeFirmAccessAction } from "@/app/actions/firms";
import { BusinessFormFields } from "@/components/business-form-fields";
import { MembersPanel } from "@/components/members-panel";
import { ActionForm, Field } from "@/components/ui/action-form";
import { Card, PageHeader } from "@/components/ui/primitives";
import { centsToDecimalText, formatDayIn, formatMoney, withArticle } from "@/lib/format";
import { canDo } from "@/server/access/business-context";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { getDigestSettings } from "@/server/digest/manage";
import { requireBusinessContext } from "@/server/edge/page-context";
import { listFirmGrants } from "@/server/firms/access";
import { listMembers } from "@/server/members/list-members";

export const dynamic = "force-dynamic";
export const metadata = { title: "Settings" };

export default async function Settings({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const ctx = await requireBusinessContext(businessId, `/b/${businessId}/settings`);
  const db = await getDb();
  const [{ members, pending }, digestSettings, grants] = await Promise.all([
    listMembers({ db, ctx, clock: getClock() }),
    getDigestSettings({ db, ctx }),
    canDo(ctx, "manageMembers") ? listFirmGrants({ db, ctx }) : Promise.resolve([]),
  ]);
  const owner = canDo(ctx, "manageMembers");
  const b = ctx.business;
  return (
    <>
      <PageHeader title="Settings" lead={`${b.name} · you are ${withArticle(ctx.role)}`} />
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
          timeZone={ctx.business.timezone}
        />
        {owner && (
          <Card title="Advisor access">
            <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
              Let an accounting firm's advisors see this business and prepare decisions: enter the code the
              firm gave you. Access starts when the firm accepts, and you can take it back at any time.
            </p>
            {grants.length > 0 && (
              <ul className="mb-4 divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
                {grants.map((g) => (
                  <li
                    key={g.id}
                    className="flex items-center justify-between gap-3 py-2"
                    data-testid="firm-grant"
                  >
                    <span>
                      <strong>{g.firmName}</strong> —{" "}
                      {g.revokedAt
                        ? `revoked ${formatDayIn(g.revokedAt, ctx.business.timezone)}`
                        : g.acceptedAt
                          ? `has access since ${formatDayIn(g.acceptedAt, ctx.business.timezone)}`
                          : "waiting for the firm to accept"}
                    </span>
                    {!g.revokedAt && (
                      <ActionForm
                        action={revokeFirmAccessAction}
                        hidden={{ businessId, grantId: g.id }}
                        submitLabel="Revoke"
                        variant="danger"
                        confirm={`Revoke ${g.firmName}'s access? Its advisors lose this business at once.`}
                        className=""
                      />
                    )}
                  </li>
                ))}
              </ul>
            )}
            <ActionForm
              action={grantFirmAccessAction}
              hidden={{ businessId }}
              submitLabel="Grant access"
              resetOnSuccess
            >
              <Field name="inviteCode" label="Firm's code" required />
            </ActionForm>
          </Card>
        )}
        <Card title="Cash alerts">
          <div id="alerts" className="scroll-mt-24" />
          <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
            Owners are told in the app and by email when the 13-week forecast newly dips below this amount of
            spendable cash (or runway falls under the weeks you set) — once per crossing, again only after it
            recovers.
          </p>
          {canDo(ctx, "sendDigest") ? (
            <ActionForm
              action={updateAlertSettingsAction}
              hidden={{ businessId }}
              submitLabel="Save alert threshold"
            >
              <Field
                name="alertBelow"
                label={`Alert when projected spendable falls below (${b.currency})`}
                defaultValue={centsToDecimalText(digestSettings.threshold.alertBelowCents)}
                required
              />
              <Field
                name="alertRunwayWeeks"
                label="…or when runway is shorter than (weeks, optional)"
                defaultValue={digestSettings.threshold.alertRunwayWeeks?.toString() ?? ""}
              />
            </ActionForm>
          ) : (
            <p className="text-sm">
              Alert below {formatMoney(digestSettings.threshold.alertBelowCents, b.currency)}
              {digestSettings.threshold.alertRunwayWeeks
                ? ` or under ${digestSettings.threshold.alertRunwayWeeks} weeks of runway`
                : ""}
              . Owners and advisors change it.
            </p>
          )}
        </Card>
        <Card title="Your email">
          <ActionForm
            action={updateNotificationPrefsAction}
            hidden={{ businessId }}
            submitLabel="Save email preferences"
          >
            <Field
              name="digestEmail"
              label="Weekly digest email (owners and bookkeepers)"
              type="checkbox"
              defaultValue={digestSettings.prefs.digestEmail}
            />
            <Field
              name="alertEmail"
              label="Cash alert emails (owners)"
              type="checkbox"
              defaultValue={digestSettings.prefs.alertEmail}
            />
          </ActionForm>
        </Card>
      </div>
    </>
  );
}
