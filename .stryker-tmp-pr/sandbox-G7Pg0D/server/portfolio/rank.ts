/**
 * The portfolio's risk order (issue #7), pure: flagged clients first (reconnect needed, sync
 * failing, data stale), then runway in days ascending, then not burning; clients with too little
 * data to forecast are listed apart. Ties go by name, so the order is stable.
 */
// @ts-nocheck

export const STALE_HOURS = 24;

export type TRankable = {
  name: string;
  state: string; // days | notBurning | insufficientData
  runwayDays: number | null;
  connection: string; // active | needs_reauth | disconnected | none
  lastSuccessAt: Date | null;
  syncFailing: boolean;
};

/** firstSync: connected, its first sync not finished — no figures yet, listed apart like notConnected. */
export type TFlag = "reconnect" | "failing" | "stale" | "notConnected" | "firstSync";

export function flagsOf(c: TRankable, now: Date): TFlag[] {
  const flags: TFlag[] = [];
  if (c.connection === "needs_reauth") flags.push("reconnect");
  if (c.connection === "none" || c.connection === "disconnected") flags.push("notConnected");
  if (c.syncFailing) flags.push("failing");
  if (c.connection === "active" && !c.lastSuccessAt) flags.push("firstSync");
  if (
    c.connection === "active" &&
    c.lastSuccessAt &&
    now.getTime() - c.lastSuccessAt.getTime() > STALE_HOURS * 3_600_000
  )
    flags.push("stale");
  return flags;
}

export function rankPortfolio<T extends TRankable>(
  rows: T[],
  now: Date,
): { ranked: (T & { flags: TFlag[] })[]; apart: (T & { flags: TFlag[] })[] } {
  const withFlags = rows.map((r) => ({ ...r, flags: flagsOf(r, now) }));
  const group = (r: (typeof withFlags)[number]) =>
    r.flags.some((f) => f !== "notConnected" && f !== "firstSync")
      ? 0
      : r.flags.includes("firstSync")
        ? 3
        : r.state === "days"
          ? 1
          : r.state === "notBurning"
            ? 2
            : 3;
  const byRisk = (a: (typeof withFlags)[number], b: (typeof withFlags)[number]) =>
    group(a) - group(b) ||
    (a.runwayDays ?? Number.MAX_SAFE_INTEGER) - (b.runwayDays ?? Number.MAX_SAFE_INTEGER) ||
    a.name.localeCompare(b.name);
  const sorted = [...withFlags].sort(byRisk);
  return { ranked: sorted.filter((r) => group(r) < 3), apart: sorted.filter((r) => group(r) === 3) };
}
