/** The demo's people (demo mode only). Addresses use a reserved TLD so nothing can be delivered. */
export const DEMO_USERS = {
  owner: { email: "owner@demo.oodaloo.test", name: "Olivia Owner" },
  advisor: { email: "advisor@demo.oodaloo.test", name: "Avery Advisor" },
} as const;

export const DEMO_FIRM = { name: "Ledgerlight CAS", inviteCode: "LEDGERLIGHT-DEMO" } as const;
export const DEMO_BUSINESS = {
  name: "Northwind Creative",
  timezone: "America/New_York",
  currency: "USD",
  fiscalYearStartMonth: 1,
} as const;
