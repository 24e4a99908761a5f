import { acceptPaymentRunAction, setVendorPayRuleAction } from "@/app/actions/decisions";
import { ActionForm } from "@/components/ui/action-form";
import { Card } from "@/components/ui/primitives";
import { actionDetail, actionGain, actionTitle } from "@/lib/action-words";
import { subjectText } from "@/lib/flow-words";
import { countOf, formatDate, formatMoney, formatMoneyShort } from "@/lib/format";
import type { TPaymentRunView, TRunBillLine } from "@/server/decisions/payment-run";

const MUST_PAY: Record<string, string> = {
  rent: "rent",
  payroll: "payroll",
  tax: "taxes",
  loan: "a loan",
};

function whyText(l: TRunBillLine): string {
  switch (l.why) {
    case "onDue":
      return "on its due date";
    case "overdue":
      return `today — already ${countOf(l.daysLate, "day")} overdue`;
    case "heldForCash":
      return `held ${countOf(l.daysLate, "day")} past due so spendable stays above the floor`;
    case "afterWindow":
      return "after this window: cash does not cover it without going under the floor";
  }
}

/**
 * The proposed payment run (docs/metrics.md "Payment run"): which bills to pay on which day so
 * projected spendable stays above the floor with the least lateness, every line explained; the
 * bills it does not move listed apart; a shortfall said with its size and date.
 */
export function PaymentRunCard({
  businessId,
  run,
  currency,
  canPrepare,
}: {
  businessId: string;
  run: TPaymentRunView;
  currency: string;
  canPrepare: boolean;
}) {
  const money = (c: number) => formatMoney(c, currency);
  const moneyShort = (c: number) => formatMoneyShort(c, currency);
  const toPay = run.lines.filter((l) => l.payOn);
  return (
    <Card title="Proposed payment run" className="mt-6">
      <div data-testid="payment-run" className="space-y-3 text-sm">
        <p className="text-zinc-600 dark:text-zinc-400">
          Flexible bills due by {formatDate(run.windowEnd)}, paid so projected spendable stays at or above{" "}
          {money(run.floorCents)} (your alert amount) with as little lateness as possible.
          {!run.exact && " With this many bills the schedule is a close fit, not proven the best."}
        </p>
        {run.shortfall && (
          <p
            role="alert"
            className="rounded-md bg-amber-50 p-2 text-amber-900 dark:bg-amber-950 dark:text-amber-100"
          >
            No schedule keeps spendable above {money(run.floorCents)}: even paying none of these bills it is{" "}
            {money(run.shortfall.cents)} short on {formatDate(run.shortfall.date)}. The run below keeps it as
            high as it can.
          </p>
        )}
        {run.lines.length === 0 ? (
          <p>No flexible bill is due in the next {countOf(daysIn(run), "day")}.</p>
        ) : (
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Proposed payment days">
            {run.lines.map((l) => (
              <li key={l.billId} className="flex flex-wrap items-baseline justify-between gap-x-4 py-2">
                <span className="min-w-0 flex-1 basis-56">
                  {subjectText(l.subject)}
                  <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                    {money(l.amountCents)} · due {formatDate(l.dueDate)}
                  </span>
                </span>
                <span className="basis-48 sm:text-right">
                  <span className="font-medium">{l.payOn ? `Pay ${formatDate(l.payOn)}` : "Pay later"}</span>
                  <span className="block text-xs text-zinc-600 dark:text-zinc-400">{whyText(l)}</span>
                  {l.overrides && (
                    <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                      flexible by hand ({MUST_PAY[l.overrides.kind]} by its account)
                    </span>
                  )}
                  {canPrepare && l.vendorId && (
                    <VendorRule businessId={businessId} vendorId={l.vendorId} mustPay={true} />
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
        <section aria-label="Invoices to chase first" data-testid="payment-run-chase">
          <h3 className="font-medium">Chase first</h3>
          {run.chase.length === 0 ? (
            <p className="text-zinc-600 dark:text-zinc-400">
              No overdue or at-risk invoice would come in sooner with a reminder or a promise date.
            </p>
          ) : (
            <ol className="mt-1 list-decimal space-y-1 pl-5">
              {run.chase.map((a) => (
                <li key={`${a.kind}:${a.ref.id}`}>
                  {actionTitle(a)} — <span className="font-medium">{actionGain(a, moneyShort)}</span>
                  <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                    {actionDetail(a, money)}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
        <p>
          Lowest projected spendable with this run: <strong>{money(run.lowest.spendableCents)}</strong> on{" "}
          {formatDate(run.lowest.date)}.
        </p>
        {run.fixed.length > 0 && (
          <details>
            <summary className="cursor-pointer">
              Not moved by the run ({countOf(run.fixed.length, "bill")})
            </summary>
            <ul className="mt-1 list-disc pl-5">
              {run.fixed.map((x) => (
                <li key={x.billId}>
                  {subjectText(x.subject)} · {money(x.amountCents)} on {formatDate(x.date)} —{" "}
                  {x.why.kind === "committed"
                    ? "committed"
                    : x.why.by === "person"
                      ? "must be paid on time (set by hand)"
                      : `must be paid on time (${MUST_PAY[x.why.mustPay.kind]}: posts to ${x.why.mustPay.accountName})`}
                  {canPrepare && x.why.kind === "mustPay" && x.vendorId && (
                    <VendorRule businessId={businessId} vendorId={x.vendorId} mustPay={false} />
                  )}
                </li>
              ))}
            </ul>
          </details>
        )}
        {canPrepare && toPay.length > 0 && (
          <ActionForm
            action={acceptPaymentRunAction}
            hidden={{ businessId, windowDays: String(daysIn(run)) }}
            submitLabel={toPay.length === 1 ? "Plan this payment" : `Plan these ${toPay.length} payments`}
            pendingLabel="Planning…"
          />
        )}
      </div>
    </Card>
  );
}

/** Mark a vendor must-pay (or flexible again) for every payment run. */
function VendorRule({
  businessId,
  vendorId,
  mustPay,
}: {
  businessId: string;
  vendorId: string;
  mustPay: boolean;
}) {
  return (
    <ActionForm
      action={setVendorPayRuleAction}
      hidden={{ businessId, vendorId, mustPay: mustPay ? "on" : "false" }}
      submitLabel={mustPay ? "Always pay this vendor on time" : "Treat this vendor as flexible"}
      pendingLabel="Saving…"
      variant="quiet"
      className="mt-0.5 block"
    />
  );
}

function daysIn(run: TPaymentRunView): number {
  return Math.round((Date.parse(run.windowEnd) - Date.parse(run.asOf)) / 86_400_000) + 1;
}
