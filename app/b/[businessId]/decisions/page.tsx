import { NotConnected } from "@/components/not-connected";
import { PageHeader } from "@/components/ui/primitives";
import { canDo } from "@/server/access/business-context";
import { requireBusinessContext } from "@/server/edge/page-context";

export const dynamic = "force-dynamic";
export const metadata = { title: "Decisions" };

export default async function DecisionsPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const ctx = await requireBusinessContext(businessId, `/b/${businessId}/decisions`);
  return (
    <>
      <PageHeader title="Decisions" lead={ctx.business.name} />
      <NotConnected
        businessId={ctx.businessId}
        canConnect={canDo(ctx, "manageConnection")}
        what="bills to pay or delay and invoices to chase"
      />
    </>
  );
}
