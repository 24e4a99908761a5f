// @ts-nocheck
import { createReserveAction, releaseReserveAction, updateReserveAction } from "@/app/actions/reserves";
import { NotConnected } from "@/components/not-connected";
import { ReserveForm } from "@/components/reserve/reserve-form";
import { ActionForm } from "@/components/ui/action-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/primitives";
import { centsToDecimalText, formatDate, formatDayIn, formatMoney } from "@/lib/format";
import { canDo } from "@/server/access/business-context";
import { getClock } from "@/server/clock";
import { getConnectionSummary } from "@/server/connections/get-connection-summary";
import { getDb } from "@/server/db/client";
import { requireBusinessContext } from "@/server/edge/page-context";
import { listReserves } from "@/server/reserve/reserves";
import { getRunway } from "@/server/runway/get-runway";

export const dynamic = "force-dynamic";
export const metadata = { title: "Reserve" };

export default async function ReservePage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const ctx = await requireBusinessContext(businessId, `/b/${businessId}/reserve`);
  const db = await getDb();
  const connection = await getConnectionSummary({ db, ctx });
  const header = (
    <PageHeader
      title="Reserve"
      lead={`${ctx.business.name} · cash earmarked for what is coming, kept out of spendable`}
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
          what="your reserves against spendable cash"
          ready={false}
        />
      </>
    );
  }
  const [{ active, released }, runway] = await Promise.all([
    listReserves({ db, ctx }),
    getRunway({ db, ctx }),
  ]);
  const cur = ctx.business.currency;
  const money = (c: number) => formatMoney(c, cur);
  const canEdit = canDo(ctx, "prepare");
  const reserveText = (r: (typeof active)[number]) =>
    r.kind === "hold"
      ? `Hold ${money(r.amountCents ?? 0)}${r.releaseDate ? ` until ${formatDate(r.releaseDate)}` : " until released"}`
      : r.kind === "setAside"
        ? `${money(r.amountCents ?? 0)} set aside, paid on ${formatDate(r.payDate!)}`
        : `${((r.basisPoints ?? 0) / 100).toLocaleString("en-US")}% of money coming in`;
  return (
    <>
      {header}
      <section aria-label="Reserved and spendable" className="mb-6 grid gap-4 sm:grid-cols-3">
        {[
          ["Cash on hand", runway.cashOnHandCents],
          ["Reserved now", runway.reservedCents],
          ["Spendable now", runway.spendableCents],
        ].map(([label, cents]) => (
          <div
            key={label as string}
            className="rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
          >
            <h2 className="text-sm font-medium text-zinc-600 dark:text-zinc-400">{label}</h2>
            <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`reserve-${label}`}>
              {money(cents as number)}
            </p>
          </div>
        ))}
      </section>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Active reserves">
          {active.length === 0 ? (
            <EmptyState title="Nothing reserved">
              Reserve cash for taxes, payroll or a big payment: it stays out of spendable cash and runway.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {active.map((r) => (
                <li key={r.id} className="py-3">
                  <div className="flex items-start justify-between gap-3">
                    <div>
                      <p className="font-medium">{r.name}</p>
                      <p className="text-sm text-zinc-600 dark:text-zinc-400">{reserveText(r)}</p>
                    </div>
                    {canEdit && (
                      <ActionForm
                        action={releaseReserveAction}
                        hidden={{ businessId: ctx.businessId, reserveId: r.id }}
                        submitLabel="Release"
                        variant="secondary"
                        confirm={`Release “${r.name}”? Its cash becomes spendable again.`}
                        className=""
                      />
                    )}
                  </div>
                  {canEdit && (
                    <details className="mt-2 text-sm">
                      <summary className="cursor-pointer text-indigo-700 dark:text-indigo-300">Edit</summary>
                      <div className="mt-2">
                        <ReserveForm
                          action={updateReserveAction}
                          hidden={{ businessId: ctx.businessId, reserveId: r.id }}
                          currency={cur}
                          submitLabel="Save changes"
                          defaults={{
                            name: r.name,
                            kind: r.kind,
                            amount: r.amountCents !== null ? centsToDecimalText(r.amountCents) : "",
                            percent: r.basisPoints !== null ? String(r.basisPoints / 100) : "",
                            releaseDate: r.releaseDate ?? "",
                            payDate: r.payDate ?? "",
                          }}
                        />
                      </div>
                    </details>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="New reserve">
          {canEdit ? (
            <ReserveForm
              action={createReserveAction}
              hidden={{ businessId: ctx.businessId }}
              currency={cur}
              submitLabel="Add reserve"
            />
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Owners, bookkeepers and advisors create and release reserves; your role can see them.
            </p>
          )}
        </Card>
      </div>
      {released.length > 0 && (
        <Card title="Released" className="mt-6">
          <ul className="space-y-1 text-sm">
            {released.map((r) => (
              <li key={r.id}>
                {r.name} — {reserveText(r)} · released {formatDayIn(r.releasedAt!, ctx.business.timezone)}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
