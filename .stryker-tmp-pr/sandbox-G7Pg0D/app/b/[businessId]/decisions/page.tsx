// @ts-nocheck
import { DecisionConsole, LiveDecision } from "@/components/decisions/decision-console";
import { PaymentRunCard } from "@/components/decisions/payment-run";
import { NotConnected } from "@/components/not-connected";
import { Card, PageHeader } from "@/components/ui/primitives";
import { formatDateTime, formatRunway } from "@/lib/format";
import { canDo } from "@/server/access/business-context";
import { getClock } from "@/server/clock";
import { getConnectionSummary } from "@/server/connections/get-connection-summary";
import { getDb } from "@/server/db/client";
import { getConsole } from "@/server/decisions/decisions";
import { getPaymentRun } from "@/server/decisions/payment-run";
import { pageViewed, requireBusinessContext } from "@/server/edge/page-context";

export const dynamic = "force-dynamic";
export const metadata = { title: "Decisions" };

const STATUS: Record<string, string> = {
  planned: "Planned",
  committed: "Committed",
  executed: "Done in QuickBooks",
  superseded: "Superseded",
  expired: "Expired",
  failed: "Failed",
};

export default async function DecisionsPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const ctx = await requireBusinessContext(businessId, `/b/${businessId}/decisions`);
  await pageViewed(ctx);
  const db = await getDb();
  const connection = await getConnectionSummary({ db, ctx });
  const header = (
    <PageHeader
      title="Decisions"
      lead={`${ctx.business.name} · pay, delay or chase — each with its runway impact before you commit`}
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
          what="bills to pay or delay and invoices to chase"
          ready={false}
        />
      </>
    );
  }
  const [c, run] = await Promise.all([
    getConsole({ db, ctx, clock: getClock() }),
    getPaymentRun({ db, ctx, clock: getClock() }),
  ]);
  return (
    <>
      {header}
      <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400" data-testid="console-runway">
        Runway now: <strong>{formatRunway(c.runway)}</strong> (with committed decisions and reserves).{" "}
        {!canDo(ctx, "prepare") &&
          "Your role can see decisions; owners, bookkeepers and advisors prepare them."}
        {canDo(ctx, "prepare") &&
          !canDo(ctx, "commit") &&
          "You can try and save plans; the owner commits them (or lets you in Settings)."}
      </p>
      <DecisionConsole
        businessId={ctx.businessId}
        currency={c.currency}
        asOf={c.asOf}
        horizonEnd={c.horizonEnd}
        bills={c.bills}
        invoices={c.invoices}
        accounts={c.accounts}
        canPrepare={canDo(ctx, "prepare")}
        canCommit={canDo(ctx, "commit")}
      />
      <PaymentRunCard
        businessId={ctx.businessId}
        run={run}
        currency={c.currency}
        canPrepare={canDo(ctx, "prepare")}
      />
      <Card title="Decision log" className="mt-6">
        {c.recent.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No decisions yet.</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {c.recent.map((d) => {
              const detail = d.detail as {
                label?: string;
                resolution?: string;
                error?: string;
                drift?: string;
                impact?: {
                  before: Parameters<typeof formatRunway>[0];
                  after: Parameters<typeof formatRunway>[0];
                };
              };
              return (
                <li key={d.id} data-testid="decision-log-entry">
                  <span className="font-medium">{STATUS[d.status]}</span> — {detail.label ?? d.kind}
                  {detail.impact &&
                    ` · runway ${formatRunway(detail.impact.before)} → ${formatRunway(detail.impact.after)}`}
                  <span className="text-zinc-500">
                    {" "}
                    · {formatDateTime(d.updatedAt, ctx.business.timezone)}
                  </span>
                  {detail.resolution && <span className="text-zinc-500"> · {detail.resolution}</span>}
                  {detail.error && <span className="text-red-700 dark:text-red-400"> · {detail.error}</span>}
                  {detail.drift && (
                    <span className="text-red-700 dark:text-red-400"> · drift: {detail.drift}</span>
                  )}
                  {(d.status === "planned" || d.status === "committed") &&
                    (d.kind === "schedule" || d.kind === "promise") && (
                      <>
                        {" "}
                        <LiveDecision
                          businessId={ctx.businessId}
                          decision={{ id: d.id, kind: d.kind, status: d.status, date: d.date }}
                          canCommit={canDo(ctx, "commit")}
                          canPrepare={canDo(ctx, "prepare")}
                          badge={false}
                        />
                      </>
                    )}
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </>
  );
}
