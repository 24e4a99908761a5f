// @ts-nocheck
import { dismissTrayItemAction, restoreTrayItemAction } from "@/app/actions/tray";
import { NotConnected } from "@/components/not-connected";
import { ActionForm, Field } from "@/components/ui/action-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/primitives";
import { formatDate, formatMoney } from "@/lib/format";
import { canDo } from "@/server/access/business-context";
import { getClock } from "@/server/clock";
import { getConnectionSummary } from "@/server/connections/get-connection-summary";
import { getDb } from "@/server/db/client";
import { pageViewed, requireBusinessContext } from "@/server/edge/page-context";
import { getTray } from "@/server/tray/get-tray";

export const dynamic = "force-dynamic";
export const metadata = { title: "Prep tray" };

const SEVERITY = {
  high: { label: "Fix first", className: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" },
  medium: {
    label: "Worth fixing",
    className: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  },
  low: { label: "Tidy up", className: "bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200" },
} as const;

export default async function TrayPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const ctx = await requireBusinessContext(businessId, `/b/${businessId}/tray`);
  await pageViewed(ctx);
  const db = await getDb();
  const connection = await getConnectionSummary({ db, ctx });
  const header = (
    <PageHeader
      title="Prep tray"
      lead={`${ctx.business.name} · what makes the forecast wrong, to fix before deciding`}
    />
  );
  if (!connection?.lastSuccessAt || connection.coverage.state !== "ready") {
    return (
      <>
        {header}
        <NotConnected
          businessId={ctx.businessId}
          canConnect={canDo(ctx, "manageConnection")}
          connection={connection}
          now={getClock().now()}
          what="data problems to fix before deciding"
          ready={false}
        />
      </>
    );
  }
  const { items, muted } = await getTray({ db, ctx, clock: getClock() });
  const canPrepare = canDo(ctx, "prepare");
  const cur = ctx.business.currency;
  return (
    <>
      {header}
      {items.length === 0 ? (
        <EmptyState title="Nothing to fix">
          No data problem the forecast depends on. The tray is checked again after every sync.
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {items.map((i) => (
            <li
              key={i.key}
              data-testid="tray-item"
              data-rule={i.rule}
              className="rounded-lg border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
            >
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div>
                  <span
                    className={`rounded-full px-2 py-0.5 text-xs font-medium ${SEVERITY[i.severity].className}`}
                  >
                    {SEVERITY[i.severity].label}
                  </span>
                  <p className="mt-1 font-medium">{i.title}</p>
                  <p className="text-sm text-zinc-600 dark:text-zinc-400">{i.why}</p>
                  {i.amountCents !== null && (
                    <p className="text-xs text-zinc-500 tabular-nums">{formatMoney(i.amountCents, cur)}</p>
                  )}
                </div>
                <a
                  href={i.href}
                  {...(i.external ? { target: "_blank", rel: "noopener noreferrer" } : {})}
                  className="shrink-0 rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
                >
                  {i.fix.label}
                  {i.external && <span className="sr-only"> (opens QuickBooks in a new tab)</span>}
                </a>
              </div>
              {canPrepare && (
                <details className="mt-2 text-sm">
                  <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">
                    Dismiss or snooze
                  </summary>
                  <ActionForm
                    action={dismissTrayItemAction}
                    hidden={{ businessId: ctx.businessId, itemKey: i.key }}
                    submitLabel="Dismiss or snooze"
                    variant="secondary"
                    className="mt-2 grid gap-3 sm:grid-cols-3 sm:items-end"
                  >
                    <Field name="reason" label="Why" required />
                    <Field name="until" label="Snooze until (empty: dismiss)" type="date" />
                  </ActionForm>
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
      {muted.length > 0 && (
        <Card title={`Dismissed and snoozed (${muted.length})`} className="mt-6">
          <ul className="space-y-2 text-sm">
            {muted.map((m) => (
              <li key={m.key} className="flex flex-wrap items-center justify-between gap-2">
                <span>
                  {m.title} — {m.mutedUntil ? `snoozed until ${formatDate(m.mutedUntil)}` : "dismissed"}: “
                  {m.reason}”
                </span>
                {canPrepare && (
                  <ActionForm
                    action={restoreTrayItemAction}
                    hidden={{ businessId: ctx.businessId, itemKey: m.key }}
                    submitLabel="Restore"
                    variant="secondary"
                    className=""
                  />
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
