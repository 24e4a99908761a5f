import { NotConnected } from "@/components/not-connected";
import { PageHeader } from "@/components/ui/primitives";
import { canDo } from "@/server/access/business-context";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { requireBusinessContext } from "@/server/edge/page-context";
import { getConnectionSummary } from "@/server/qbo/get-connection-summary";

export const dynamic = "force-dynamic";
export const metadata = { title: "Reserve" };

export default async function ReservePage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const ctx = await requireBusinessContext(businessId, `/b/${businessId}/reserve`);
  const connection = await getConnectionSummary({ db: await getDb(), ctx });
  return (
    <>
      <PageHeader title="Reserve" lead={ctx.business.name} />
      <NotConnected
        businessId={ctx.businessId}
        canConnect={canDo(ctx, "manageConnection")}
        connection={connection}
        now={getClock().now()}
        what="your reserves against spendable cash"
      />
    </>
  );
}
