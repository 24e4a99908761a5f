import { EmptyState } from "@/components/ui/primitives";

/**
 * Shown wherever QuickBooks data is needed and the business has none yet. It says what to do
 * next, and who can do it.
 */
export function NotConnected({
  businessId,
  canConnect,
  what,
}: {
  businessId: string;
  canConnect: boolean;
  what: string;
}) {
  return (
    <EmptyState
      title={`Connect QuickBooks to see ${what}`}
      action={canConnect ? { href: `/b/${businessId}/connections`, label: "Go to Connections" } : undefined}
    >
      <p>
        Oodaloo reads your QuickBooks Online ledger — bank balances, open invoices and bills — and turns it
        into a runway forecast.{" "}
        {canConnect ? "" : "Ask an owner or bookkeeper of this business to connect it."}
      </p>
    </EmptyState>
  );
}
