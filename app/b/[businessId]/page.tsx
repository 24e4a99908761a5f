import { NotConnected } from "@/components/not-connected";
import { PageHeader } from "@/components/ui/primitives";
import { canDo } from "@/server/access/business-context";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { requireBusinessContext } from "@/server/edge/page-context";
import { getConnectionSummary } from "@/server/qbo/get-connection-summary";

export const dynamic = "force-dynamic";
export const metadata = { title: "Digest" };

export default async function Digest({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const ctx = await requireBusinessContext(businessId);
  const connection = await getConnectionSummary({ db: await getDb(), ctx });
  return (
    <>
      <PageHeader title="Digest" lead={`${ctx.business.name} · runway, cash and this week's actions`} />
      <NotConnected
        businessId={ctx.businessId}
        canConnect={canDo(ctx, "manageConnection")}
        connection={connection}
        now={getClock().now()}
        what="your runway"
      />
    </>
  );
}
