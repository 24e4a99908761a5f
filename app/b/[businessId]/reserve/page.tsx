import { NotConnected } from "@/components/not-connected";
import { PageHeader } from "@/components/ui/primitives";
import { canDo } from "@/server/access/business-context";
import { requireBusinessContext } from "@/server/edge/page-context";

export const dynamic = "force-dynamic";
export const metadata = { title: "Reserve" };

export default async function ReservePage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const ctx = await requireBusinessContext(businessId, `/b/${businessId}/reserve`);
  return (
    <>
      <PageHeader title="Reserve" lead={ctx.business.name} />
      <NotConnected
        businessId={ctx.businessId}
        canConnect={canDo(ctx, "manageConnection")}
        what="your reserves against spendable cash"
      />
    </>
  );
}
