// @ts-nocheck
import type { TProfile } from "./generator";

/**
 * The demo's QuickBooks companies, in order (the emulator CLI seeds the first N). Between them
 * they produce every runway state: Northwind Creative has a runway in days, the thriving agency
 * is not burning, the agency in trouble runs out inside the 13 weeks, and the studio founded six
 * weeks ago has too little history to measure burn.
 */
export const DEMO_COMPANIES: { seed: number; profile: TProfile; name?: string; months?: number }[] = [
  { seed: 1000, profile: "tight", name: "Northwind Creative" },
  { seed: 1001, profile: "thriving" },
  { seed: 1002, profile: "trouble" },
  { seed: 1003, profile: "thriving", name: "Juniper Lane Studio", months: 1 },
];

const CYCLE: TProfile[] = ["tight", "thriving", "trouble"];
/** Dollars in checking today for the demo firm's agencies in trouble (each runs out on its own day). */
const TROUBLE_CASH: Record<number, number> = { 5: 32_000, 8: 95_000, 11: 160_000 };

/**
 * The i-th demo company: the list above, then generated agencies cycling through the profiles,
 * each a different size (a profile fixes today's cash; size sets the burn), so no two share a
 * runway — the demo firm's portfolio then has a real order.
 */
export function demoCompany(i: number): {
  seed: number;
  profile: TProfile;
  name?: string;
  months?: number;
  scale?: number;
  checkingCents?: number;
} {
  const profile = CYCLE[i % 3]!;
  return (
    DEMO_COMPANIES[i] ?? {
      seed: 1000 + i,
      profile,
      scale: Math.round((0.55 + 0.1 * (i - 4)) * 100) / 100,
      // Agencies in trouble differ in how much cash is left, so each runs out on its own day.
      ...(profile === "trouble" ? { checkingCents: (TROUBLE_CASH[i] ?? 30_000 + 7_000 * i) * 100 } : {}),
    }
  );
}
