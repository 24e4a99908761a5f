// @ts-nocheck
"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import {
  commitPlannedAction,
  decideAction,
  tryDecisionAction,
  withdrawDecisionAction,
} from "@/app/actions/decisions";
import { atRiskText } from "@/lib/action-words";
import { flowBasisText } from "@/lib/flow-words";
import {
  countOf,
  docName,
  formatDate,
  formatDaysDelta,
  formatHabit,
  formatMoney,
  formatRunway,
  formatVendorPattern,
} from "@/lib/format";
import type { TConsoleBill, TConsoleInvoice } from "@/server/decisions/decisions";
import { addDays } from "@/server/runway/dates";
import type { TImpact } from "@/server/runway/engine";
import { ImpactChart } from "./impact-chart";
import { RecordPaymentForm, SendReminderButton } from "./write-back-forms";

type TProps = {
  businessId: string;
  currency: string;
  asOf: string;
  horizonEnd: string;
  bills: TConsoleBill[];
  invoices: TConsoleInvoice[];
  accounts: { id: string; name: string; type: string }[];
  canPrepare: boolean;
  canCommit: boolean;
};

type TResult<T> =
  | { ok: true; data: T }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

const clamp = (d: string, lo: string, hi: string) => (d < lo ? lo : d > hi ? hi : d);

/** A before → after figure, with the change when there is one. */
function Delta({ before, after, money }: { before: number; after: number; money: (c: number) => string }) {
  const d = after - before;
  return (
    <>
      {money(before)} → {money(after)}
      {d !== 0 && ` (${d > 0 ? "+" : "−"}${money(Math.abs(d))})`}
    </>
  );
}

/**
 * What a tried decision changes, as the engine measured it: runway, the low points over 4 and
 * 13 weeks, days under the alert threshold, spendable on the chosen date, and both paths.
 */
export function ImpactText({ impact, currency }: { impact: TImpact; currency: string }) {
  const money = (c: number) => formatMoney(c, currency);
  const runway =
    impact.runwayDeltaDays !== null && impact.runwayDeltaDays !== 0
      ? `${formatRunway(impact.before)} → ${formatRunway(impact.after)} (${formatDaysDelta(impact.runwayDeltaDays)})`
      : impact.summary === "nowNotBurning"
        ? `${formatRunway(impact.before)} → no longer runs out`
        : impact.summary === "nowBurning"
          ? `not burning → ${formatRunway(impact.after)}`
          : impact.summary === "same"
            ? `${formatRunway(impact.after)} (no change: the forecast is the same on every day)`
            : `stays ${formatRunway(impact.after)}; the weeks before it change`;
  const t = impact.daysBelowThreshold;
  const plural = (n: number) => countOf(n, "day");
  return (
    <div data-testid="impact">
      <span className="block font-medium" data-testid="impact-runway">
        Runway {runway}
      </span>
      {impact.summary !== "same" && (
        <>
          <span className="block" data-testid="impact-low4w">
            Lowest in the next 4 weeks:{" "}
            <Delta
              before={impact.low4Weeks.before.spendableCents}
              after={impact.low4Weeks.after.spendableCents}
              money={money}
            />
          </span>
          <span className="block" data-testid="impact-lowest">
            Lowest in 13 weeks: {money(impact.lowestAfter.spendableCents)} on{" "}
            {formatDate(impact.lowestAfter.date)}
            {impact.lowestDeltaCents !== 0 &&
              ` (${impact.lowestDeltaCents > 0 ? "+" : "−"}${money(Math.abs(impact.lowestDeltaCents))})`}
          </span>
          <span className="block" data-testid="impact-threshold">
            Days{" "}
            {t.thresholdCents === 0 ? "below zero" : `under your alert line of ${money(t.thresholdCents)}`}:{" "}
            {plural(t.before)} → {plural(t.after)}
          </span>
          {impact.onDate && (
            <span className="block" data-testid="impact-ondate">
              Spendable at the end of {formatDate(impact.onDate.date)}:{" "}
              <Delta before={impact.onDate.beforeCents} after={impact.onDate.afterCents} money={money} />
            </span>
          )}
          <ImpactChart impact={impact} currency={currency} />
        </>
      )}
    </div>
  );
}

/** Try a date for a bill (pay on) or an invoice (promised for): the server answers with the impact. */
function DecideRow({
  businessId,
  kind,
  targetId,
  defaultDate,
  asOf,
  horizonEnd,
  currency,
  canCommit,
}: {
  businessId: string;
  kind: "schedule" | "promise";
  targetId: string;
  defaultDate: string;
  asOf: string;
  horizonEnd: string;
  currency: string;
  canCommit: boolean;
}) {
  const router = useRouter();
  const id = useId();
  const [date, setDate] = useState(defaultDate);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date) && date >= asOf && date <= horizonEnd;
  const trial = useQuery({
    queryKey: ["try", businessId, kind, targetId, date],
    enabled: valid,
    staleTime: 10_000,
    queryFn: async () => {
      const r = (await tryDecisionAction({ businessId, kind, targetId, date })) as TResult<TImpact>;
      if (!r.ok) throw new Error(r.fieldErrors?.date?.[0] ?? r.message);
      return r.data;
    },
  });
  const save = useMutation({
    mutationFn: async (commit: boolean) => {
      const r = (await decideAction({
        businessId,
        kind,
        targetId,
        date,
        commit: commit ? "on" : "",
      })) as TResult<{
        message: string;
      }>;
      if (!r.ok) throw new Error(r.fieldErrors?.date?.[0] ?? r.message);
      return r.data;
    },
    onSuccess: () => router.refresh(),
  });
  return (
    <div className="mt-3 rounded-md bg-zinc-50 p-3 text-sm dark:bg-zinc-800/50">
      <label htmlFor={id} className="block font-medium">
        {kind === "schedule" ? "Pay on" : "Customer promised to pay on"}
      </label>
      <input
        id={id}
        type="date"
        value={date}
        min={asOf}
        max={horizonEnd}
        onChange={(e) => setDate(e.target.value)}
        className="mt-1 rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-600 dark:bg-zinc-900"
      />
      <div className="mt-2 min-h-5" aria-live="polite">
        {!valid ? (
          <span className="text-red-700 dark:text-red-400">
            Pick a date from {formatDate(asOf)} to {formatDate(horizonEnd)}.
          </span>
        ) : trial.isPending ? (
          <span className="text-zinc-500">Working out the runway impact…</span>
        ) : trial.isError ? (
          <span className="text-red-700 dark:text-red-400">{trial.error.message}</span>
        ) : (
          <ImpactText impact={trial.data} currency={currency} />
        )}
      </div>
      <div className="mt-2 flex flex-wrap gap-2">
        {canCommit && (
          <button
            type="button"
            disabled={!valid || save.isPending}
            onClick={() => save.mutate(true)}
            className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700 disabled:bg-indigo-400"
          >
            Commit
          </button>
        )}
        <button
          type="button"
          disabled={!valid || save.isPending}
          onClick={() => save.mutate(false)}
          className="rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-medium hover:bg-zinc-50 disabled:opacity-50 dark:border-zinc-600 dark:bg-zinc-900"
        >
          Save as plan
        </button>
      </div>
      {save.isError && (
        <p role="alert" className="mt-2 text-red-700 dark:text-red-400">
          {save.error.message}
        </p>
      )}
      {save.isSuccess && (
        <p role="status" className="mt-2 text-emerald-800 dark:text-emerald-300">
          {save.data.message}
        </p>
      )}
    </div>
  );
}

/** A live (planned or committed) decision's state and what the viewer may do with it. */
export function LiveDecision({
  businessId,
  decision,
  canCommit,
  canPrepare,
  badge = true,
}: {
  businessId: string;
  decision: NonNullable<TConsoleBill["decision"]>;
  canCommit: boolean;
  canPrepare: boolean;
  /** false in the decision log, which states the status itself. */
  badge?: boolean;
}) {
  const router = useRouter();
  const act = useMutation({
    mutationFn: async (what: "commit" | "withdraw") => {
      const fn = what === "commit" ? commitPlannedAction : withdrawDecisionAction;
      const r = (await fn({ businessId, decisionId: decision.id })) as TResult<unknown>;
      if (!r.ok) throw new Error(r.message);
    },
    onSuccess: () => router.refresh(),
  });
  return (
    <span className="inline-flex flex-wrap items-center gap-2 text-xs">
      {badge && (
        <span
          className={`rounded-full px-2 py-0.5 font-medium ${decision.status === "committed" ? "bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-200" : "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200"}`}
        >
          {decision.status === "committed" ? "Committed" : "Planned"}
          {decision.date ? `: ${formatDate(decision.date)}` : ""}
        </span>
      )}
      {decision.status === "planned" && canCommit && (
        <button
          type="button"
          className="underline"
          disabled={act.isPending}
          onClick={() => act.mutate("commit")}
        >
          Commit plan
        </button>
      )}
      {(decision.status === "planned" ? canPrepare : canCommit) && (
        <button
          type="button"
          className="underline"
          disabled={act.isPending}
          onClick={() => act.mutate("withdraw")}
        >
          Withdraw
        </button>
      )}
      {act.isError && <span className="text-red-700">{act.error.message}</span>}
    </span>
  );
}

export function DecisionConsole(p: TProps) {
  const [open, setOpen] = useState<string | null>(null);
  const money = (c: number) => formatMoney(c, p.currency);
  const toggle = (key: string) => setOpen((o) => (o === key ? null : key));
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <section
        aria-labelledby="bills-heading"
        className="rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h2 id="bills-heading" className="text-base font-semibold">
          Bills in the next 13 weeks ({p.bills.length})
        </h2>
        {p.bills.length === 0 ? (
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
            No open bills fall inside the forecast.
          </p>
        ) : (
          <ul className="mt-2 divide-y divide-zinc-100 dark:divide-zinc-800">
            {p.bills.map((b) => (
              <li key={b.id} className="py-3" data-testid={`bill-${b.id}`}>
                <div className="flex items-start justify-between gap-3">
                  <div>
                    <p className="font-medium">
                      {docName("Bill", b.docNumber, b.txnDate)} · {b.vendorName ?? "no vendor"}
                    </p>
                    <p className="text-sm text-zinc-600 dark:text-zinc-400">
                      {money(b.amountCents)}
                      {b.document && ` (${formatMoney(b.document.cents, b.document.currency)})`} · expected{" "}
                      {formatDate(b.expectedDate)} (
                      {flowBasisText(
                        { basis: b.basis, creditAppliedCents: b.creditAppliedCents ?? undefined },
                        money,
                      )}
                      ){b.pattern && ` · ${formatVendorPattern(b.pattern)}`}
                    </p>
                    {b.decision && (
                      <LiveDecision
                        businessId={p.businessId}
                        decision={b.decision}
                        canCommit={p.canCommit}
                        canPrepare={p.canPrepare}
                      />
                    )}
                  </div>
                  {p.canPrepare && (
                    <button
                      type="button"
                      aria-expanded={open === `b${b.id}`}
                      onClick={() => toggle(`b${b.id}`)}
                      className="shrink-0 rounded-md border border-zinc-300 px-2 py-1 text-sm hover:bg-zinc-50 dark:border-zinc-600 dark:hover:bg-zinc-800"
                    >
                      {open === `b${b.id}` ? "Close" : "Decide"}
                    </button>
                  )}
                </div>
                {open === `b${b.id}` && (
                  <>
                    <DecideRow
                      businessId={p.businessId}
                      kind="schedule"
                      targetId={b.id}
                      defaultDate={clamp(addDays(b.expectedDate, 14), p.asOf, p.horizonEnd)}
                      asOf={p.asOf}
                      horizonEnd={p.horizonEnd}
                      currency={p.currency}
                      canCommit={p.canCommit}
                    />
                    {p.canCommit && (
                      <RecordPaymentForm
                        businessId={p.businessId}
                        billId={b.id}
                        amountCents={b.amountCents}
                        minDate={b.txnDate ?? p.asOf}
                        today={p.asOf}
                        accounts={p.accounts}
                      />
                    )}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section
        aria-labelledby="invoices-heading"
        className="rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h2 id="invoices-heading" className="text-base font-semibold">
          Invoices to chase ({p.invoices.length})
        </h2>
        {p.invoices.length === 0 ? (
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">No invoice is overdue or at risk.</p>
        ) : (
          <ul className="mt-2 divide-y divide-zinc-100 dark:divide-zinc-800">
            {p.invoices.map((i) => (
              <li key={i.id} className="py-3" data-testid={`invoice-${i.id}`}>
                <div className="flex items-start justify-between gap-3">
                  <div>
                    <p className="font-medium">
                      {docName("Invoice", i.docNumber, i.txnDate)} · {i.customerName ?? "no customer"}
                    </p>
                    <p className="text-sm text-zinc-600 dark:text-zinc-400">
                      {i.amountCents === null ? "" : money(i.amountCents)}
                      {i.document &&
                        (i.amountCents === null
                          ? `${formatMoney(i.document.cents, i.document.currency)} (no exchange rate in QuickBooks)`
                          : ` (${formatMoney(i.document.cents, i.document.currency)})`)}
                      {i.daysOverdue > 0 ? ` · ${countOf(i.daysOverdue, "day")} overdue` : ""}
                      {i.habit && ` · ${i.customerName ?? "the customer"} ${formatHabit(i.habit)}`}
                      {i.atRisk
                        ? ` · at risk: ${atRiskText(i.atRisk)} (left out of the forecast)`
                        : i.expectedDate
                          ? ` · expected ${formatDate(i.expectedDate)}`
                          : ""}
                      {i.emailStatus === "EmailSent" ? " · emailed from QuickBooks" : ""}
                    </p>
                    {i.decision && (
                      <LiveDecision
                        businessId={p.businessId}
                        decision={i.decision}
                        canCommit={p.canCommit}
                        canPrepare={p.canPrepare}
                      />
                    )}
                  </div>
                  {p.canPrepare && (
                    <button
                      type="button"
                      aria-expanded={open === `i${i.id}`}
                      onClick={() => toggle(`i${i.id}`)}
                      className="shrink-0 rounded-md border border-zinc-300 px-2 py-1 text-sm hover:bg-zinc-50 dark:border-zinc-600 dark:hover:bg-zinc-800"
                    >
                      {open === `i${i.id}` ? "Close" : "Chase"}
                    </button>
                  )}
                </div>
                {open === `i${i.id}` && (
                  <>
                    {p.canCommit && (
                      <SendReminderButton
                        businessId={p.businessId}
                        invoiceId={i.id}
                        email={i.customerEmail}
                      />
                    )}
                    <DecideRow
                      businessId={p.businessId}
                      kind="promise"
                      targetId={i.id}
                      defaultDate={clamp(addDays(p.asOf, 14), p.asOf, p.horizonEnd)}
                      asOf={p.asOf}
                      horizonEnd={p.horizonEnd}
                      currency={p.currency}
                      canCommit={p.canCommit}
                    />
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
