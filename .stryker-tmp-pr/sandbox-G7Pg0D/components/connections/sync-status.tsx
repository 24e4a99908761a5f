// @ts-nocheck
"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { entityLabel, entityLeavesOut } from "@/lib/entity-words";
import { formatRelative, formatTime } from "@/lib/format";

type Run = {
  id: string;
  trigger: string;
  kind: string;
  status: "running" | "succeeded" | "failed";
  startedAt: string;
  finishedAt: string | null;
  progress: { entity?: string; done: number; total: number } | null;
  apiCalls: number;
  recordsChanged: number;
  error: string | null;
  gaps: { entity: string; reason: "unavailable" | "retrying" }[];
  throttledUntil: string | null;
};
type Entity = {
  entity: string;
  status: string;
  records: number;
  fullSyncDone: boolean;
  lastSuccessAt: string | null;
  failureStreak: number;
  lastError: string | null;
  availability: string;
  unavailableSince: string | null;
  unavailableDetail: string | null;
  cdcSupported: boolean;
  retryAt: string | null;
};
export type TStatus =
  | {
      connected: true;
      /** The connection's state: "needs_reauth" pauses every entity until reconnected. */
      status: string;
      queued: boolean;
      lastSuccessAt: string | null;
      runs: Run[];
      entities: Entity[];
    }
  | { connected: false };

const TRIGGER_WORDS: Record<string, string> = {
  connect: "on connecting",
  manual: "asked for",
  schedule: "scheduled check",
  webhook: "QuickBooks announced changes",
  page_view: "page opened",
  reconcile: "weekly comparison",
};

/**
 * Live part of the Connections page: polls the status while a sync runs (progress bar), then
 * refreshes the server-rendered page once it ends.
 */
export function SyncStatus({
  businessId,
  initial,
  nowIso,
  timezone,
}: {
  businessId: string;
  initial: TStatus;
  nowIso: string;
  /** The business's timezone, for clock times. */
  timezone: string;
}) {
  const router = useRouter();
  const wasRunning = useRef(false);
  const { data, error } = useQuery({
    // The render time is part of the key: after router.refresh() (e.g. "Sync now") the fresh
    // server status seeds a new query instead of being ignored by the cached one.
    queryKey: ["sync-status", businessId, nowIso],
    queryFn: async () => {
      const res = await fetch(`/api/b/${businessId}/sync-status`, { cache: "no-store" });
      if (!res.ok) throw new Error(`Status unavailable (HTTP ${res.status})`);
      return (await res.json()) as TStatus;
    },
    initialData: initial,
    refetchInterval: (q) => {
      const d = q.state.data;
      const busy = d?.connected && (d.queued || d.runs[0]?.status === "running");
      return busy ? 1000 : 15_000;
    },
  });
  const running = data.connected ? data.runs.find((r) => r.status === "running") : undefined;
  // Busy = queued or running. A small company's sync can go from queued to done between two
  // polls, so the server-rendered parts (company name, last synced) refresh when busy ends,
  // not only after a running state was seen.
  const busy = data.connected && (data.queued || !!running);
  useEffect(() => {
    if (busy) wasRunning.current = true;
    else if (wasRunning.current) {
      wasRunning.current = false;
      router.refresh();
    }
  }, [busy, router]);
  if (!data.connected) return null;
  const now = new Date(nowIso);
  const pct = running?.progress
    ? Math.round((running.progress.done / Math.max(1, running.progress.total)) * 100)
    : 0;
  return (
    <div className="space-y-4">
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {(error as Error).message}
        </p>
      )}
      {running ? (
        <div aria-live="polite">
          <p className="text-sm font-medium">
            {running.throttledUntil && new Date(running.throttledUntil) > now
              ? `QuickBooks asked us to slow down; resuming about ${formatTime(new Date(running.throttledUntil), timezone)}`
              : `Syncing${
                  running.progress?.entity
                    ? ` ${running.progress.entity
                        .split(" and ")
                        .map((e) => entityLabel(e).toLowerCase())
                        .join(" and ")}`
                    : ""
                }… ${running.kind === "full" ? `${pct}%` : ""}`}
          </p>
          <div
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            aria-label="Sync progress"
            className="mt-2 h-2 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
          >
            <div
              className="h-2 bg-indigo-600 transition-all"
              style={{ width: `${running.kind === "full" ? pct : 100}%` }}
            />
          </div>
        </div>
      ) : data.queued ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
          Sync queued…
        </p>
      ) : null}
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Sync state per QuickBooks entity</caption>
        <thead className="text-zinc-500">
          <tr>
            <th scope="col" className="py-1 font-medium">
              Entity
            </th>
            <th scope="col" className="py-1 text-right font-medium">
              Records
            </th>
            <th scope="col" className="py-1 pl-4 font-medium">
              State
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {data.entities.map((e) => (
            <tr key={e.entity}>
              <td className="py-1">
                {entityLabel(e.entity)}
                {entityLabel(e.entity) !== e.entity && (
                  <>
                    {" "}
                    <span className="text-xs text-zinc-500">({e.entity})</span>
                  </>
                )}
              </td>
              <td className="py-1 text-right tabular-nums">{e.records.toLocaleString("en-US")}</td>
              <td className="py-1 pl-4">
                {e.availability === "unavailable" ? (
                  <span className="text-amber-800 dark:text-amber-300" data-testid={`gap-${e.entity}`}>
                    Not shared by this QuickBooks company — the figures leave out {entityLeavesOut(e.entity)}.
                    {e.retryAt ? ` Asking again ${formatRelative(new Date(e.retryAt), now)}.` : ""}
                    {e.unavailableDetail && (
                      <span className="block text-xs text-zinc-500">QuickBooks: {e.unavailableDetail}</span>
                    )}
                  </span>
                ) : e.status === "failed" ? (
                  <span className="text-red-700 dark:text-red-400">
                    Failed ({e.failureStreak}×): {e.lastError}
                  </span>
                ) : !e.fullSyncDone ? (
                  e.status === "running" ? (
                    "Loading…"
                  ) : (
                    "Waiting"
                  )
                ) : data.status === "needs_reauth" ? (
                  `Paused until reconnected${e.lastSuccessAt ? ` · last synced ${formatRelative(new Date(e.lastSuccessAt), now)}` : ""}`
                ) : e.lastSuccessAt ? (
                  `Up to date · ${formatRelative(new Date(e.lastSuccessAt), now)}${
                    e.cdcSupported
                      ? ""
                      : " · changes found by query (QuickBooks' change feed does not cover it)"
                  }`
                ) : (
                  "Up to date"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="text-sm font-semibold">Recent syncs</h3>
      <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
        {data.runs.map((r) => (
          <li key={r.id} className="flex flex-wrap justify-between gap-2 py-1">
            <span>
              {r.kind === "full" ? "Full sync" : r.kind === "reconcile" ? "Reconciliation" : "Changes"} ·{" "}
              {TRIGGER_WORDS[r.trigger] ?? r.trigger} · {formatRelative(new Date(r.startedAt), now)}
            </span>
            <span
              className={
                r.status === "failed" ? "text-red-700 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400"
              }
            >
              {r.status === "failed"
                ? r.error
                : r.status === "running"
                  ? "running"
                  : `${r.gaps.length > 0 ? `Completed with gaps (${r.gaps.map((g) => entityLabel(g.entity).toLowerCase()).join(", ")}) · ` : ""}${r.recordsChanged} changed · ${r.apiCalls} API calls`}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
