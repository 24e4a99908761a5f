import { DigestView } from "@/components/digest/digest-view";
import { NotConnected } from "@/components/not-connected";
import { PageHeader } from "@/components/ui/primitives";
import { canDo } from "@/server/access/business-context";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { requireBusinessContext } from "@/server/edge/page-context";
import { getConnectionSummary } from "@/server/qbo/get-connection-summary";
import { getDigest } from "@/server/runway/get-digest";

export const dynamic = "force-dynamic";
export const metadata = { title: "Digest" };

export default async function Digest({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const ctx = await requireBusinessContext(businessId);
  const db = await getDb();
  const connection = await getConnectionSummary({ db, ctx });
  const now = getClock().now();
  const header = (
    <PageHeader title="Digest" lead={`${ctx.business.name} · runway, cash and this week's actions`} />
  );
  // Figures need a completed sync; before that (or without QuickBooks) the page says what to do.
  if (!connection?.lastSuccessAt) {
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
  const digest = await getDigest({ db, ctx });
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
      <DigestView
        runway={digest.runway}
        actions={digest.actions}
        syncedAt={connection.lastSuccessAt}
        now={now}
      />
    </>
  );
}
