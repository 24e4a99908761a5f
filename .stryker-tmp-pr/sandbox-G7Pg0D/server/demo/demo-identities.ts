/** The demo's people (demo mode only). Addresses use a reserved TLD so nothing can be delivered. */
// @ts-nocheck

export const DEMO_USERS = {
  owner: { email: "owner@demo.oodaloo.test", name: "Olivia Owner" },
  advisor: { email: "advisor@demo.oodaloo.test", name: "Avery Advisor" },
  /** Owns the demo firm's other clients (so the demo owner's business list stays short). */
  clients: { email: "clients@demo.oodaloo.test", name: "Casey Client" },
} as const;

/**
 * The demo firm's clients besides the demo business: one business per emulator company, up to
 * this many, always leaving DEMO_FREE_COMPANIES companies unconnected so a newcomer can still
 * connect one through the (emulated) Intuit authorize page.
 */
export const DEMO_CLIENT_COUNT = 12;
export const DEMO_FREE_COMPANIES = 3;

export const DEMO_FIRM = { name: "Ledgerlight CAS", inviteCode: "LEDGERLIGHT-DEMO" } as const;
export const DEMO_BUSINESS = {
  name: "Northwind Creative",
  timezone: "America/New_York",
  currency: "USD",
  fiscalYearStartMonth: 1,
} as const;
