// @ts-nocheck
import { Rng } from "./rng";

/**
 * Deterministic fault injection. A rule matches requests (by realm, target, method, path) and
 * fires on chosen matches: the first `count`, the `nth` (1-based) ones, or with `probability`
 * drawn from a seeded generator — so a test that replays the same requests sees the same faults,
 * and can read back how many were injected.
 */
export type TFaultAction =
  | { kind: "status"; status: 429 | 500 | 503 }
  // A 400 ValidationFault as QuickBooks words one (e.g. 5010 stale object, 6000 business rule).
  | { kind: "validation"; code: string; message: string; detail: string }
  | { kind: "latency"; ms: number }
  | { kind: "drop" } // close the connection before doing anything
  | { kind: "dropAfterCommit" } // do the work (commit), then close without answering
  | { kind: "expireToken" } // the access token expires just before this request
  | { kind: "revokeToken" }; // the realm's grants are revoked just before this request

export type TFaultRule = {
  id: string;
  realmId?: string;
  target?: "data" | "token" | "all";
  method?: string;
  pathIncludes?: string;
  /** Matches the request's query statement or CDC entity list (e.g. "FROM Deposit"). */
  queryIncludes?: string;
  action: TFaultAction;
  count?: number;
  nth?: number[];
  probability?: number;
  seed?: number;
};

type Live = TFaultRule & { matched: number; injected: number; rng: Rng };

export class FaultEngine {
  private rules: Live[] = [];

  set(rules: TFaultRule[]): void {
    this.rules = rules.map((r) => ({ ...r, matched: 0, injected: 0, rng: new Rng(r.seed ?? 1) }));
  }

  add(rule: TFaultRule): void {
    this.rules.push({ ...rule, matched: 0, injected: 0, rng: new Rng(rule.seed ?? 1) });
  }

  clear(): void {
    this.rules = [];
  }

  /** The actions that fire for this request, in rule order. */
  pick(req: {
    realmId?: string;
    target: "data" | "token";
    method: string;
    query?: string;
    path: string;
  }): { rule: string; action: TFaultAction }[] {
    const out: { rule: string; action: TFaultAction }[] = [];
    for (const r of this.rules) {
      if (r.realmId && r.realmId !== req.realmId) continue;
      if (r.target && r.target !== "all" && r.target !== req.target) continue;
      if (r.method && r.method.toUpperCase() !== req.method) continue;
      if (r.pathIncludes && !req.path.includes(r.pathIncludes)) continue;
      if (r.queryIncludes && !(req.query ?? "").includes(r.queryIncludes)) continue;
      r.matched++;
      let fire: boolean;
      if (r.nth) fire = r.nth.includes(r.matched);
      else if (r.count !== undefined) fire = r.matched <= r.count;
      else if (r.probability !== undefined) fire = r.rng.next() < r.probability;
      else fire = true;
      if (fire) {
        r.injected++;
        out.push({ rule: r.id, action: r.action });
      }
    }
    return out;
  }

  counters(): Record<string, { matched: number; injected: number; action: TFaultAction["kind"] }> {
    return Object.fromEntries(
      this.rules.map((r) => [r.id, { matched: r.matched, injected: r.injected, action: r.action.kind }]),
    );
  }
}
