// @ts-nocheck
import Link from "next/link";
import { sendDigestNowAction } from "@/app/actions/digests";
import { AlertBanner } from "@/components/digest/alert-banner";
import { DigestView } from "@/components/digest/digest-view";
import { NotConnected } from "@/components/not-connected";
import { ActionForm } from "@/components/ui/action-form";
import { PageHeader } from "@/components/ui/primitives";
import { describeAlert } from "@/lib/alert-words";
import { countOf } from "@/lib/format";
import { canDo } from "@/server/access/business-context";
import { listOpenAlerts } from "@/server/alerts/alerts";
import { getClock } from "@/server/clock";
import { getConnectionSummary } from "@/server/connections/get-connection-summary";
import { getDb } from "@/server/db/client";
import { getLiveDigest } from "@/server/digest/get-live-digest";
import { pageTrayCount, pageViewed, requireBusinessContext } from "@/server/edge/page-context";

export const dynamic = "force-dynamic";
export const metadata = { title: "Digest" };

export default async function Digest({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const ctx = await requireBusinessContext(businessId);
  await pageViewed(ctx);
  const db = await getDb();
  const connection = await getConnectionSummary({ db, ctx });
  const now = getClock().now();
  const header = (
    <PageHeader title="Digest" lead={`${ctx.business.name} · runway, cash and this week's actions`} />
  );
  // Figures need a completed sync; before that (or without QuickBooks) the page says what to do.
  if (!connection?.lastSuccessAt || connection.coverage.state !== "ready") {
    return (
      <>
        {header}
        <NotConnected
          businessId={ctx.businessId}
          canConnect={canDo(ctx, "manageConnection")}
          connection={connection}
          now={now}
          what="your runway"
          ready={false}
        />
      </>
    );
  }
  const [digest, alerts, tray] = await Promise.all([
    getLiveDigest({ db, ctx }),
    listOpenAlerts({ db, businessId: ctx.businessId }),
    pageTrayCount(ctx.businessId),
  ]);
  return (
    <>
      {header}
      {connection.status === "needs_reauth" && (
        <NotConnected
          businessId={ctx.businessId}
          canConnect={canDo(ctx, "manageConnection")}
          connection={connection}
          now={now}
          what="your runway"
        />
      )}
      {alerts.length > 0 && (
        <AlertBanner
          alerts={alerts.map((a) => ({ id: a.id, ...describeAlert(a, ctx.business.currency) }))}
          settingsHref={canDo(ctx, "sendDigest") ? `/b/${ctx.businessId}/settings#alerts` : null}
        />
      )}
      {tray > 0 && (
        <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          <Link href={`/b/${ctx.businessId}/tray`} className="font-medium underline">
            {countOf(tray, "item")} in the prep tray
          </Link>{" "}
          can make this forecast wrong: fix them before deciding.
        </p>
      )}
      <DigestView snapshot={digest} now={now} />
      <div className="mt-6 flex flex-wrap items-center gap-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        {canDo(ctx, "sendDigest") && (
          <ActionForm
            action={sendDigestNowAction}
            hidden={{ businessId: ctx.businessId }}
            submitLabel="Send digest now"
            pendingLabel="Sending…"
            variant="secondary"
            className="flex items-center gap-3"
          />
        )}
        <Link
          href={`/b/${ctx.businessId}/digests`}
          className="text-sm text-indigo-700 underline dark:text-indigo-300"
        >
          Past digests
        </Link>
      </div>
    </>
  );
}
