import { Card, PageHeader } from "@/components/ui/primitives";
import { canDo } from "@/server/access/business-context";
import { requireBusinessContext } from "@/server/edge/page-context";

export const dynamic = "force-dynamic";
export const metadata = { title: "Connections" };

export default async function Connections({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const ctx = await requireBusinessContext(businessId, `/b/${businessId}/connections`);
  return (
    <>
      <PageHeader title="Connections" lead={ctx.business.name} />
      <Card title="QuickBooks Online">
        <p className="text-sm">
          Status: <strong>Not connected</strong>
        </p>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          {canDo(ctx, "manageConnection")
            ? "Connecting a QuickBooks company is not available in this build yet; it arrives with the QuickBooks sync engine."
            : "Only an owner or bookkeeper of this business can connect QuickBooks."}
        </p>
      </Card>
    </>
  );
}
