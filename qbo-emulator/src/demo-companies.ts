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

/** The i-th demo company: the list above, then generated agencies cycling through the profiles. */
export function demoCompany(i: number): { seed: number; profile: TProfile; name?: string; months?: number } {
  return DEMO_COMPANIES[i] ?? { seed: 1000 + i, profile: CYCLE[i % 3]! };
}
