// @ts-nocheck
import { EmptyState } from "@/components/ui/primitives";
import { entityLabel, entityLeavesOut } from "@/lib/entity-words";
import { formatRelative } from "@/lib/format";

/**
 * What a page that needs QuickBooks data shows before its feature has something to show: how
 * to connect (and who can), how to reconnect, or — when the data is already synced but the
 * feature is not built in this version — exactly that, never invented figures.
 */
export function NotConnected({
  businessId,
  canConnect,
  what,
  connection,
  now,
  ready = true,
}: {
  businessId: string;
  canConnect: boolean;
  what: string;
  connection: {
    status: "active" | "needs_reauth" | "disconnected";
    lastSuccessAt: Date | null;
    companyName: string | null;
    coverage?: {
      state: "none" | "syncing" | "failed" | "blocked" | "ready";
      error: string | null;
      gaps: { entity: string; effect: "required" | "burn" | "leftOut"; detail: string | null }[];
    };
  } | null;
  now: Date;
  /** false on a page that is built but waits for the first sync to finish. */
  ready?: boolean;
}) {
  if (connection?.status === "needs_reauth") {
    return (
      <EmptyState
        title="Reconnect QuickBooks"
        action={canConnect ? { href: `/b/${businessId}/connections`, label: "Go to Connections" } : undefined}
      >
        <p>QuickBooks stopped accepting Oodaloo's authorization, so the data here is no longer updated.</p>
      </EmptyState>
    );
  }
  const coverage = connection?.coverage;
  if (connection?.status === "active" && coverage?.state === "failed") {
    return (
      <EmptyState
        title="The first sync could not finish"
        action={{ href: `/b/${businessId}/connections`, label: "See the sync" }}
      >
        <p>
          {connection.companyName ?? "Your QuickBooks company"} is connected, but QuickBooks stopped the first
          sync: {coverage.error ?? "no reason given"}. Oodaloo tries again in a few minutes; this page shows{" "}
          {what} once a sync finishes.
        </p>
      </EmptyState>
    );
  }
  if (connection?.status !== "disconnected" && coverage?.state === "blocked") {
    const missing = coverage.gaps.filter((g) => g.effect === "required");
    return (
      <EmptyState
        title={`QuickBooks did not share ${missing.map((g) => entityLabel(g.entity).toLowerCase()).join(" and ")}`}
        action={{ href: `/b/${businessId}/connections`, label: "See what is synced" }}
      >
        <p>
          This page cannot show {what} without {missing.map((g) => entityLeavesOut(g.entity)).join(", or ")}:
          this QuickBooks company refused to share {missing.length === 1 ? "it" : "them"}. Oodaloo asks again
          every day. Everything else is synced.
        </p>
        <ul className="mt-2 text-xs text-zinc-500">
          {missing.map((g) => (
            <li key={g.entity}>
              {entityLabel(g.entity)} (QuickBooks' {g.entity}): {g.detail ?? "refused"}
            </li>
          ))}
        </ul>
      </EmptyState>
    );
  }
  if (connection?.status === "active" && !ready) {
    return (
      <EmptyState
        title="The first sync is running"
        action={{ href: `/b/${businessId}/connections`, label: "See its progress" }}
      >
        <p>
          {connection.companyName ?? "Your QuickBooks company"} is connected. This page shows {what} as soon
          as the first sync finishes.
        </p>
      </EmptyState>
    );
  }
  if (connection?.status === "active") {
    return (
      <EmptyState
        title={`${what[0]!.toUpperCase()}${what.slice(1)}: not in this version yet`}
        action={{ href: `/b/${businessId}/connections`, label: "See the synced data" }}
      >
        <p>
          {connection.companyName ?? "Your QuickBooks company"} is connected
          {connection.lastSuccessAt
            ? ` and was synced ${formatRelative(connection.lastSuccessAt, now)}`
            : "; the first sync is running"}
          . This screen is still being built; it will use that synced ledger.
        </p>
      </EmptyState>
    );
  }
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
