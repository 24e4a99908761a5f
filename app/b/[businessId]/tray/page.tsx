import { NotConnected } from "@/components/not-connected";
import { PageHeader } from "@/components/ui/primitives";
import { canDo } from "@/server/access/business-context";
import { requireBusinessContext } from "@/server/edge/page-context";

export const dynamic = "force-dynamic";
export const metadata = { title: "Prep tray" };

export default async function PreptrayPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const ctx = await requireBusinessContext(businessId, `/b/${businessId}/tray`);
  return (
    <>
      <PageHeader title="Prep tray" lead={ctx.business.name} />
      <NotConnected
        businessId={ctx.businessId}
        canConnect={canDo(ctx, "manageConnection")}
        what="the data problems to fix before you decide"
      />
    </>
  );
}
