import {
  commitScenarioAction,
  deleteScenarioAction,
  removeScenarioEntryAction,
  setActiveScenarioAction,
} from "@/app/actions/scenarios";
import { NotConnected } from "@/components/not-connected";
import { CompareChart } from "@/components/scenarios/compare-chart";
import { AddToScenarioDialog, NewScenarioDialog } from "@/components/scenarios/scenario-dialogs";
import { ActionForm } from "@/components/ui/action-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/primitives";
import { countOf, formatDate, formatDateTime, formatMoney, formatRunway } from "@/lib/format";
import { decisionText, itemText } from "@/lib/scenario-words";
import { canDo } from "@/server/access/business-context";
import { getClock } from "@/server/clock";
import { getConnectionSummary } from "@/server/connections/get-connection-summary";
import { getDb } from "@/server/db/client";
import { pageViewed, requireBusinessContext } from "@/server/edge/page-context";
import { compareScenarios, MAX_COMPARED } from "@/server/scenarios/scenarios";
import { decisionKey } from "@/server/scenarios/schema";
import { getScenarioWorkspace } from "@/server/scenarios/workspace";

export const dynamic = "force-dynamic";
export const metadata = { title: "Scenarios" };

export default async function ScenariosPage({
  params,
  searchParams,
}: {
  params: Promise<{ businessId: string }>;
  searchParams: Promise<{ compare?: string | string[] }>;
}) {
  const { businessId } = await params;
  const ctx = await requireBusinessContext(businessId, `/b/${businessId}/scenarios`);
  await pageViewed(ctx);
  const db = await getDb();
  const clock = getClock();
  const connection = await getConnectionSummary({ db, ctx });
  const header = (
    <PageHeader
      title="Scenarios"
      lead={`${ctx.business.name} · plan hires, loans, lost clients and moved payments together, and compare them with the plan you have now`}
    >
      {canDo(ctx, "prepare") && connection?.lastSuccessAt && (
        <NewScenarioDialog businessId={ctx.businessId} />
      )}
    </PageHeader>
  );
  if (!connection?.lastSuccessAt || connection.coverage.state !== "ready") {
    return (
      <>
        {header}
        <NotConnected
          businessId={ctx.businessId}
          canConnect={canDo(ctx, "manageConnection")}
          connection={connection}
          now={clock.now()}
          what="scenarios built on your bills, invoices and recurring payments"
          ready={false}
        />
      </>
    );
  }
  const w = await getScenarioWorkspace({ db, ctx, clock });
  const asked = [(await searchParams).compare ?? []].flat().flatMap((x) => x.split(","));
  const known = new Set(w.scenarios.map((s) => s.id));
  const chosen = (asked.length ? asked.filter((id) => known.has(id)) : w.scenarios.map((s) => s.id)).slice(
    0,
    MAX_COMPARED,
  );
  const cmp = await compareScenarios({ db, ctx, clock, scenarioIds: chosen });
  const money = (c: number) => formatMoney(c, w.currency);
  const docOf = (d: { kind: string; targetId: string }) =>
    (d.kind === "schedule" ? w.bills : w.invoices).find((x) => x.id === d.targetId);
  const rows = [
    { key: "base", name: "As planned now", ...cmp.base, noLongerApplies: [] as unknown[] },
    ...cmp.scenarios.map((s) => ({ key: s.id, ...s })),
  ];

  return (
    <>
      {header}
      <Card title="Compare">
        {w.scenarios.length === 0 ? (
          <EmptyState title="No scenarios yet">
            A scenario is a plan you can try without changing anything: a hire from March, a loan, a client
            who leaves, rent paid a week later. Create one, add to it, and see it beside the plan you have
            now.
          </EmptyState>
        ) : (
          <div className="space-y-4">
            <form
              method="get"
              className="flex flex-wrap items-center gap-3 text-sm"
              aria-label="Choose scenarios to compare"
            >
              <span className="font-medium">Compare with the plan now (up to {MAX_COMPARED}):</span>
              {w.scenarios.map((s) => (
                <label key={s.id} className="flex items-center gap-1">
                  <input
                    type="checkbox"
                    name="compare"
                    value={s.id}
                    defaultChecked={chosen.includes(s.id)}
                    className="h-4 w-4 focus-visible:outline-2 focus-visible:outline-indigo-600"
                  />
                  {s.name}
                </label>
              ))}
              <button
                type="submit"
                className="rounded-md border border-zinc-300 px-3 py-1.5 font-medium hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:border-zinc-600 dark:hover:bg-zinc-800"
              >
                Compare
              </button>
              {asked.length > MAX_COMPARED && (
                <span role="status" className="text-amber-800 dark:text-amber-300">
                  Showing the first {MAX_COMPARED}.
                </span>
              )}
            </form>
            <CompareChart
              currency={w.currency}
              series={rows.map((r) => ({ key: r.key, name: r.name, path: r.path }))}
            />
            <div className="overflow-x-auto">
              <table className="w-full text-sm" data-testid="compare-table">
                <caption className="sr-only">Runway and lows of the plan now and each scenario</caption>
                <thead>
                  <tr className="border-b border-zinc-200 text-left dark:border-zinc-700">
                    <th scope="col" className="py-2 pr-3">
                      Plan
                    </th>
                    <th scope="col" className="py-2 pr-3">
                      Runway
                    </th>
                    <th scope="col" className="py-2 pr-3 text-right">
                      4-week low
                    </th>
                    <th scope="col" className="py-2 pr-3 text-right">
                      13-week low
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.key} className="border-b border-zinc-100 dark:border-zinc-800">
                      <th scope="row" className="py-2 pr-3 text-left font-medium">
                        {r.name}
                        {r.noLongerApplies.length > 0 && (
                          <span className="block text-xs font-normal text-amber-800 dark:text-amber-300">
                            {countOf(r.noLongerApplies.length, "decision")} no longer{" "}
                            {r.noLongerApplies.length === 1 ? "applies" : "apply"}
                          </span>
                        )}
                      </th>
                      <td className="py-2 pr-3">{formatRunway(r.runway)}</td>
                      <td
                        className={`py-2 pr-3 text-right tabular-nums ${r.low4Weeks.spendableCents < 0 ? "text-red-700 dark:text-red-400" : ""}`}
                      >
                        {money(r.low4Weeks.spendableCents)}
                        <span className="block text-xs text-zinc-500">{formatDate(r.low4Weeks.date)}</span>
                      </td>
                      <td
                        className={`py-2 pr-3 text-right tabular-nums ${r.lowest.spendableCents < 0 ? "text-red-700 dark:text-red-400" : ""}`}
                      >
                        {money(r.lowest.spendableCents)}
                        <span className="block text-xs text-zinc-500">{formatDate(r.lowest.date)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </Card>

      {w.scenarios.map((s) => {
        const outcome = new Map((s.commit?.outcomes ?? []).map((o) => [o.key, o]));
        const failed = s.commit?.outcomes.filter((o) => o.status === "failed").length ?? 0;
        return (
          <Card key={s.id} title={s.name} className="mt-6">
            <div className="space-y-4 text-sm" data-testid="scenario-card">
              <div className="flex flex-wrap items-center gap-2">
                {s.active && (
                  <span className="rounded bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200">
                    Mentioned in the digest
                  </span>
                )}
                <span className="text-zinc-500">
                  Changed {formatDateTime(s.updatedAt, ctx.business.timezone)}
                </span>
              </div>
              <section aria-label={`Items of ${s.name}`}>
                <h3 className="font-medium">Hypothetical items</h3>
                {s.body.items.length === 0 ? (
                  <p className="text-zinc-600 dark:text-zinc-400">
                    None yet: add a hire, a loan, a lost client…
                  </p>
                ) : (
                  <ul className="mt-1 space-y-1">
                    {s.body.items.map((it) => (
                      <li
                        key={it.id}
                        className="flex flex-wrap items-center justify-between gap-2"
                        data-testid="scenario-item"
                      >
                        <span>{itemText(it, money)}</span>
                        {canDo(ctx, "prepare") && (
                          <ActionForm
                            action={removeScenarioEntryAction}
                            hidden={{ businessId: ctx.businessId, scenarioId: s.id, entry: `item:${it.id}` }}
                            submitLabel="Remove"
                            variant="secondary"
                            className=""
                          />
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              <section aria-label={`Decisions of ${s.name}`}>
                <h3 className="font-medium">Decisions (committed with the scenario)</h3>
                {s.body.decisions.length === 0 ? (
                  <p className="text-zinc-600 dark:text-zinc-400">
                    None: pay dates, promises and reminders go here.
                  </p>
                ) : (
                  <ul className="mt-1 space-y-1">
                    {s.body.decisions.map((d) => {
                      const o = outcome.get(decisionKey(d));
                      return (
                        <li
                          key={decisionKey(d)}
                          className="flex flex-wrap items-center justify-between gap-2"
                          data-testid="scenario-decision"
                        >
                          <span>
                            {decisionText(d, docOf(d))}
                            {o && (
                              <span
                                className={
                                  o.status === "failed"
                                    ? "block text-red-700 dark:text-red-400"
                                    : o.status === "noLongerApplies"
                                      ? "block text-amber-800 dark:text-amber-300"
                                      : "block text-zinc-500"
                                }
                              >
                                {o.status === "failed" ? `Failed: ${o.message}` : o.message}
                              </span>
                            )}
                          </span>
                          {canDo(ctx, "prepare") && (
                            <ActionForm
                              action={removeScenarioEntryAction}
                              hidden={{
                                businessId: ctx.businessId,
                                scenarioId: s.id,
                                entry: `decision:${decisionKey(d)}`,
                              }}
                              submitLabel="Remove"
                              variant="secondary"
                              className=""
                            />
                          )}
                        </li>
                      );
                    })}
                  </ul>
                )}
              </section>
              {canDo(ctx, "prepare") && (
                <div className="flex flex-wrap items-center gap-2 border-t border-zinc-100 pt-3 dark:border-zinc-800">
                  <AddToScenarioDialog
                    businessId={ctx.businessId}
                    scenarioId={s.id}
                    scenarioName={s.name}
                    w={w}
                  />
                  {canDo(ctx, "commit") && s.body.decisions.length > 0 && (
                    <ActionForm
                      action={commitScenarioAction}
                      hidden={{ businessId: ctx.businessId, scenarioId: s.id }}
                      submitLabel={
                        failed > 0
                          ? `Try the ${countOf(failed, "failed decision")} again`
                          : "Commit its decisions"
                      }
                      confirm={`Commit the ${countOf(s.body.decisions.length, "decision")} of “${s.name}”? Pay dates and promises become committed decisions; reminders are sent from QuickBooks. Its hypothetical items stay a plan.`}
                      className=""
                    />
                  )}
                  <ActionForm
                    action={setActiveScenarioAction}
                    hidden={{
                      businessId: ctx.businessId,
                      scenarioId: s.id,
                      active: s.active ? "false" : "true",
                    }}
                    submitLabel={s.active ? "Stop mentioning in the digest" : "Mention in the digest"}
                    variant="secondary"
                    className=""
                  />
                  <ActionForm
                    action={deleteScenarioAction}
                    hidden={{ businessId: ctx.businessId, scenarioId: s.id }}
                    submitLabel="Delete"
                    variant="danger"
                    confirm={`Delete “${s.name}”? Decisions already committed from it stay.`}
                    className=""
                  />
                </div>
              )}
              {!canDo(ctx, "commit") && canDo(ctx, "prepare") && s.body.decisions.length > 0 && (
                <p className="text-zinc-600 dark:text-zinc-400">
                  The owner commits a scenario's decisions (or lets you in Settings).
                </p>
              )}
            </div>
          </Card>
        );
      })}
    </>
  );
}
