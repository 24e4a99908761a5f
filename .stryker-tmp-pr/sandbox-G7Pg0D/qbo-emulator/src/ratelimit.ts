/**
 * QBO's per-realm limits: 500 requests per minute and 10 per second (sliding windows on real
 * time, not the emulator's business clock). Tests may shrink the windows to stay fast.
 */
// @ts-nocheck

export type TLimits = { perMinute: number; perSecond: number; minuteMs: number; secondMs: number };
export const DEFAULT_LIMITS: TLimits = { perMinute: 500, perSecond: 10, minuteMs: 60_000, secondMs: 1_000 };

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(public limits: TLimits = DEFAULT_LIMITS) {}

  /** Record a request for the realm; false when it must be throttled (and it is not counted). */
  allow(realmId: string, nowMs = performance.now()): boolean {
    const list = this.hits.get(realmId) ?? [];
    const minuteAgo = nowMs - this.limits.minuteMs;
    while (list.length > 0 && list[0]! <= minuteAgo) list.shift();
    const secondAgo = nowMs - this.limits.secondMs;
    let inSecond = 0;
    for (let i = list.length - 1; i >= 0 && list[i]! > secondAgo; i--) inSecond++;
    if (list.length >= this.limits.perMinute || inSecond >= this.limits.perSecond) {
      this.hits.set(realmId, list);
      return false;
    }
    list.push(nowMs);
    this.hits.set(realmId, list);
    return true;
  }

  reset(): void {
    this.hits.clear();
  }
}
