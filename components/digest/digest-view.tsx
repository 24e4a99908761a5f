import type { ReactNode } from "react";
import { Card } from "@/components/ui/primitives";
import { actionDetail, actionGain, actionTitle } from "@/lib/action-words";
import { bankLines, dayMoves, leftOutText, scenarioLine } from "@/lib/digest-words";
import { entityLabel, entityLeavesOut } from "@/lib/entity-words";
import {
  countOf,
  formatDate,
  formatDaysDelta,
  formatInsufficientData,
  formatMoney,
  formatMoneyShort,
  formatRelative,
  formatRunway,
} from "@/lib/format";
import { accuracyBp, type TDigestSnapshot } from "@/server/digest/snapshot";
import type { TAging } from "@/server/runway/types";
import { CashChart, type TChartDay } from "./cash-chart";

/**
 * The digest: runway headline, cash / reserved / spendable, the 13-week chart (with a table
 * alternative), this week's actions (up to three), aging, and what the forecast leaves out.
 * Server-rendered from the figures; only the chart is a client island.
 */
export function DigestView({
  snapshot: r,
  now,
  signInHref,
}: {
  snapshot: TDigestSnapshot;
  now: Date;
  /** Read-only (an emailed link): actions ask to sign in here instead. */
  signInHref?: string;
}) {
  const cur = r.homeCurrency;
  const money = (c: number) => formatMoney(c, cur);
  const syncedAt = r.syncedAt ? new Date(r.syncedAt) : null;
  const actions = r.actions;
  const weeks = Array.from({ length: 13 }, (_, w) => {
    const slice = r.days.slice(w * 7, w * 7 + 7);
    return {
      start: slice[0]!.date,
      inCents: slice.reduce((s, d) => s + d.inflowCents, 0),
      outCents: slice.reduce((s, d) => s + d.outflowCents, 0),
      endCents: slice[slice.length - 1]!.spendableCents,
      lowCents: Math.min(...slice.map((d) => d.spendableCents)),
    };
  });
  const chartDays: TChartDay[] = r.days.map((d, i) => ({
    date: d.date,
    spendableCents: d.spendableCents,
    cashCents: d.cashCents,
    weekInCents: i % 7 === 0 ? weeks[i / 7]!.inCents : null,
    weekOutCents: i % 7 === 0 ? weeks[i / 7]!.outCents : null,
    moves: dayMoves(d, money),
  }));
  const gaps = r.gaps ?? [];
  const issues = [
    ...r.leftOut.map((x) => leftOutText(x, money)),
    ...gaps.map(
      (g) =>
        `${entityLabel(g.entity)}: QuickBooks did not share them, so the figures leave out ${entityLeavesOut(g.entity)}`,
    ),
  ];
  const burnIncomplete = gaps.some((g) => g.effect === "burn");
  const acc = accuracyBp(r.accuracy);

  return (
    <div className="space-y-6">
      <section aria-labelledby="runway-heading" className="grid gap-4 md:grid-cols-4">
        <div className="rounded-lg border border-zinc-200 bg-white p-5 shadow-sm md:col-span-2 dark:border-zinc-800 dark:bg-zinc-900">
          <h2 id="runway-heading" className="text-sm font-medium text-zinc-600 dark:text-zinc-400">
            Runway
          </h2>
          <p className="mt-1 text-4xl font-semibold tracking-tight" data-testid="runway-headline">
            {formatRunway(r.runway)}
          </p>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            {r.runway.kind === "days" &&
              (r.runway.days === 0
                ? "Spendable cash is already below zero."
                : `Spendable cash runs out on ${formatDate(r.runway.date)}${r.runway.beyondHorizon ? " (past the 13-week forecast, where its last four weeks' fall carries on)" : ""}.`)}
            {r.runway.kind === "notBurning" &&
              "The 13-week forecast stays above zero and does not fall over its last four weeks."}
            {r.runway.kind === "insufficientData" && formatInsufficientData(r.runway)}
          </p>
          {burnIncomplete && (
            <p
              className="mt-2 text-sm font-medium text-amber-800 dark:text-amber-300"
              data-testid="burn-incomplete"
            >
              Burn incomplete: QuickBooks did not share expenses and checks, so spending outside bills is
              missing and the runway may be longer than it really is.
            </p>
          )}
          {r.scenario && (
            <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300" data-testid="digest-scenario">
              {scenarioLine(r.scenario, r, money)}
            </p>
          )}
          <p className="mt-3 text-xs text-zinc-500">
            As of {formatDate(r.asOf)} ·{" "}
            {syncedAt ? `synced ${formatRelative(syncedAt, now)}` : "not synced yet"}
          </p>
        </div>
        <Stat
          label="Cash on hand"
          value={money(r.cashOnHandCents)}
          note={`in the books · ${countOf(r.bankAccountCount, "bank account")}`}
        >
          {r.bank && (
            <div
              className="mt-3 space-y-1 border-t border-zinc-100 pt-2 text-sm text-zinc-700 dark:border-zinc-800 dark:text-zinc-300"
              data-testid="digest-bank"
            >
              {bankLines(r.bank, money, now).map((l) => (
                <p key={l}>{l}</p>
              ))}
            </div>
          )}
        </Stat>
        <div className="grid gap-4">
          <Stat label="Reserved" value={money(r.reservedCents)} />
          <Stat label="Spendable" value={money(r.spendableCents)} />
        </div>
      </section>

      <Card title="Next 13 weeks">
        <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">
          Lowest point: <strong>{money(r.lowest.spendableCents)}</strong> on {formatDate(r.lowest.date)}.
        </p>
        {r.runway.kind === "insufficientData" && (
          <p
            className="mb-2 text-sm font-medium text-amber-800 dark:text-amber-300"
            data-testid="provisional"
          >
            Provisional: {formatInsufficientData(r.runway)} The path below uses what there is; treat it as a
            sketch.
          </p>
        )}
        <CashChart
          days={chartDays}
          currency={cur}
          lowest={r.lowest}
          provisional={r.runway.kind === "insufficientData"}
        />
        <p className="mt-2 text-xs text-zinc-500" data-testid="cash-model">
          Spendable each day is cash on hand plus invoices when each customer usually pays, minus bills on
          their due dates and the last 90 days&apos; other spending spread evenly, less reserves. Runway is
          the first day it falls below zero; past 13 weeks, the last four weeks&apos; fall carries on.
        </p>
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer text-indigo-700 dark:text-indigo-400">
            Show the forecast as a table
          </summary>
          <table className="mt-2 w-full text-left">
            <caption className="sr-only">Weekly forecast</caption>
            <thead className="text-xs text-zinc-500">
              <tr>
                <th scope="col">Week of</th>
                <th scope="col" className="text-right">
                  Money in
                </th>
                <th scope="col" className="text-right">
                  Money out
                </th>
                <th scope="col" className="text-right">
                  Lowest
                </th>
                <th scope="col" className="text-right">
                  End of week
                </th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {weeks.map((w) => (
                <tr key={w.start} className="border-t border-zinc-100 dark:border-zinc-800">
                  <td>{formatDate(w.start)}</td>
                  <td className="text-right">{money(w.inCents)}</td>
                  <td className="text-right">{money(w.outCents)}</td>
                  <td className="text-right">{money(w.lowCents)}</td>
                  <td className="text-right">{money(w.endCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </Card>

      {(r.sinceLastWeek || r.forecastVsActual) && (
        <Card title="Since last week">
          {r.sinceLastWeek && (
            <dl
              className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4"
              data-testid="since-last-week"
            >
              <Delta label="Cash" cents={r.sinceLastWeek.cashDeltaCents} currency={cur} />
              <div>
                <dt className="text-zinc-500">Runway</dt>
                <dd className="tabular-nums">
                  {r.sinceLastWeek.runwayDeltaDays !== null
                    ? formatDaysDelta(r.sinceLastWeek.runwayDeltaDays)
                    : r.sinceLastWeek.runwayThen
                      ? `was ${formatRunway(r.sinceLastWeek.runwayThen).toLowerCase()}`
                      : "—"}
                </dd>
              </div>
              <Delta label="Owed to you" cents={r.sinceLastWeek.arDeltaCents} currency={cur} />
              <Delta label="You owe" cents={r.sinceLastWeek.apDeltaCents} currency={cur} />
            </dl>
          )}
          {r.sinceLastWeek && (
            <p className="mt-1 text-xs text-zinc-500">Compared with {formatDate(r.sinceLastWeek.since)}.</p>
          )}
          {r.forecastVsActual && (
            <p className="mt-3 text-sm" data-testid="forecast-vs-actual">
              The digest of {formatDate(r.forecastVsActual.previousAsOf)} projected{" "}
              <strong>{money(r.forecastVsActual.projectedCents)}</strong> in the bank by{" "}
              {formatDate(r.forecastVsActual.date)}; actual{" "}
              <strong>{money(r.forecastVsActual.actualCents)}</strong> (
              {r.forecastVsActual.errorCents === 0
                ? "exact"
                : `${r.forecastVsActual.errorCents > 0 ? "+" : "−"}${money(Math.abs(r.forecastVsActual.errorCents))}`}
              ).
              {acc !== null &&
                ` Forecast accuracy so far: ${(acc / 100).toFixed(1)}% over ${countOf(r.accuracy?.pairs ?? 0, "week")}.`}
            </p>
          )}
        </Card>
      )}

      <div className="grid gap-6 md:grid-cols-2">
        <Card title="This week's actions">
          {actions.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="no-actions">
              {r.nothingNeedsMoving
                ? "Nothing needs moving: spendable cash stays above your alert line for the next 13 weeks, and no invoice is at risk."
                : "Nothing this week moves your runway: no bill due in the next two weeks is worth delaying, no overdue invoice is waiting for a reminder and no invoice is at risk."}
            </p>
          ) : (
            <ol className="space-y-3">
              {actions.map((a) => (
                <li key={`${a.kind}:${a.ref.id}`} className="flex items-start justify-between gap-3">
                  <div>
                    <p className="font-medium">{actionTitle(a)}</p>
                    <p className="text-sm text-zinc-600 dark:text-zinc-400">{actionDetail(a, money)}</p>
                  </div>
                  <span className="shrink-0 rounded-full bg-emerald-50 px-2 py-0.5 text-sm font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300">
                    {actionGain(a, (c) => formatMoneyShort(c, cur))}
                  </span>
                </li>
              ))}
            </ol>
          )}
          {actions.length > 0 && actions.length < 3 && (
            <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400" data-testid="fewer-actions">
              Only {actions.length === 1 ? "this one helps" : "these two help"}:{" "}
              {r.nothingNeedsMoving
                ? "spendable cash stays above your alert line, so no bill needs delaying."
                : "delaying the other bills due in the next two weeks, reminding about other overdue invoices or chasing other at-risk invoices would not lift the low point or bring cash in sooner."}
            </p>
          )}
          {signInHref && actions.length > 0 && (
            <p className="mt-4 text-sm">
              <a href={signInHref} className="font-medium text-indigo-700 underline dark:text-indigo-300">
                Sign in to act on these
              </a>
            </p>
          )}
        </Card>
        <Card title="Receivables and payables">
          <AgingBars
            title="Owed to you (AR)"
            aging={r.arAging}
            currency={cur}
            undated={r.withoutDueDate?.ar}
            undatedRule="aged from the invoice date"
          />
          <div className="mt-4">
            <AgingBars
              title="You owe (AP)"
              aging={r.apAging}
              currency={cur}
              undated={r.withoutDueDate?.ap}
              undatedRule="aged from the bill date plus its terms, where the forecast places them"
            />
          </div>
        </Card>
      </div>

      {issues.length > 0 && (
        <Card title="What the forecast leaves out">
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {issues.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}

function Delta({ label, cents, currency }: { label: string; cents: number | null; currency: string }) {
  return (
    <div>
      <dt className="text-zinc-500">{label}</dt>
      <dd className="tabular-nums">
        {cents === null
          ? "—"
          : cents === 0
            ? "no change"
            : `${cents > 0 ? "+" : "−"}${formatMoney(Math.abs(cents), currency)}`}
      </dd>
    </div>
  );
}

function Stat({
  label,
  value,
  note,
  children,
}: {
  label: string;
  value: string;
  note?: string;
  children?: ReactNode;
}) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="text-sm font-medium text-zinc-600 dark:text-zinc-400">{label}</h2>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
      {note && <p className="text-xs text-zinc-500">{note}</p>}
      {children}
    </div>
  );
}

const BUCKETS: (keyof TAging)[] = ["current", "1-30", "31-60", "61-90", "91+"];
const BUCKET_LABEL: Record<keyof TAging, string> = {
  current: "Not yet due",
  "1-30": "1–30 days late",
  "31-60": "31–60",
  "61-90": "61–90",
  "91+": "91+",
};
const BUCKET_COLOR: Record<keyof TAging, string> = {
  current: "bg-emerald-500",
  "1-30": "bg-amber-400",
  "31-60": "bg-orange-500",
  "61-90": "bg-red-500",
  "91+": "bg-red-800",
};

function AgingBars({
  title,
  aging,
  currency,
  undated,
  undatedRule,
}: {
  title: string;
  aging: TAging;
  currency: string;
  undated?: { cents: number; count: number };
  undatedRule: string;
}) {
  const total = BUCKETS.reduce((s, b) => s + aging[b].cents, 0);
  return (
    <div>
      <h3 className="flex justify-between text-sm font-medium">
        <span>{title}</span>
        <span className="tabular-nums">{formatMoney(total, currency)}</span>
      </h3>
      {total > 0 && (
        <div className="mt-1 flex h-3 overflow-hidden rounded" aria-hidden>
          {BUCKETS.filter((b) => aging[b].cents > 0).map((b) => (
            <div
              key={b}
              className={BUCKET_COLOR[b]}
              style={{ width: `${(aging[b].cents / total) * 100}%` }}
            />
          ))}
        </div>
      )}
      <dl className="mt-1 grid grid-cols-5 gap-1 text-xs">
        {BUCKETS.map((b) => (
          <div key={b}>
            <dt className="text-zinc-500">{BUCKET_LABEL[b]}</dt>
            <dd className="tabular-nums">{formatMoneyShort(aging[b].cents, currency)}</dd>
          </div>
        ))}
      </dl>
      {undated && undated.count > 0 && (
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400" data-testid="aging-undated">
          Includes {formatMoney(undated.cents, currency)} in {countOf(undated.count, "document")} without a
          due date, {undatedRule}.
        </p>
      )}
    </div>
  );
}
