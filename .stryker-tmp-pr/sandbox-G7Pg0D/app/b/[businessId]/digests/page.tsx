// @ts-nocheck
import Link from "next/link";
import { Card, EmptyState, PageHeader } from "@/components/ui/primitives";
import { formatDate, formatDateTime, formatMoney, formatRunway } from "@/lib/format";
import { getDb } from "@/server/db/client";
import { listDigests } from "@/server/digest/digests";
import { requireBusinessContext } from "@/server/edge/page-context";

export const dynamic = "force-dynamic";
export const metadata = { title: "Past digests" };

export default async function DigestHistory({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const ctx = await requireBusinessContext(businessId, `/b/${businessId}/digests`);
  const rows = await listDigests({ db: await getDb(), businessId: ctx.businessId });
  return (
    <>
      <PageHeader
        title="Past digests"
        lead={`${ctx.business.name} · every digest as it was sent, with last week's forecast against what happened`}
      />
      {rows.length === 0 ? (
        <EmptyState
          title="No digest yet"
          action={{ href: `/b/${ctx.businessId}`, label: "Open today's digest" }}
        >
          The weekly digest goes out on Monday after 08:00 ({ctx.business.timezone}) once QuickBooks has
          synced. Owners can also send one now from the digest page.
        </EmptyState>
      ) : (
        <Card>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Past digests, newest first</caption>
            <thead className="text-xs text-zinc-500">
              <tr>
                <th scope="col">As of</th>
                <th scope="col">Kind</th>
                <th scope="col">Runway</th>
                <th scope="col" className="text-right">
                  Cash
                </th>
                <th scope="col" className="text-right">
                  Forecast vs actual
                </th>
                <th scope="col" className="text-right">
                  Emails
                </th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {rows.map((d) => (
                <tr key={d.id} className="border-t border-zinc-100 dark:border-zinc-800">
                  <td className="py-2">
                    <Link
                      href={`/b/${ctx.businessId}/digests/${d.id}`}
                      className="text-indigo-700 underline dark:text-indigo-300"
                    >
                      {formatDate(d.asOf)}
                    </Link>
                    <span className="block text-xs text-zinc-500">
                      {formatDateTime(d.createdAt, ctx.business.timezone)}
                    </span>
                  </td>
                  <td>{d.kind === "weekly" ? `Weekly (${d.isoWeek})` : "Sent by hand"}</td>
                  <td>{formatRunway(d.runway)}</td>
                  <td className="text-right">{formatMoney(d.cashOnHandCents, d.homeCurrency)}</td>
                  <td className="text-right">
                    {d.forecastVsActual
                      ? `${d.forecastVsActual.errorCents >= 0 ? "+" : "−"}${formatMoney(Math.abs(d.forecastVsActual.errorCents), d.homeCurrency)}`
                      : "—"}
                  </td>
                  <td className="text-right">
                    {d.sent} sent{d.pending > 0 ? `, ${d.pending} pending` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}
