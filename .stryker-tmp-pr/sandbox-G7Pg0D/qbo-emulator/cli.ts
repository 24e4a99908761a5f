/**
 * `npm run qbo:emulator`: the QuickBooks Online emulator as a standalone server.
 * Env: QBO_EMULATOR_PORT (default 4010), QBO_EMULATOR_STATE (a JSON file to keep companies
 * across restarts), DEMO_TODAY (pin "today"), QBO_EMULATOR_SEED_COMPANIES (how many demo
 * companies to create when the state is empty; default 1).
 */
// @ts-nocheck


import { z } from "zod";
import { demoCompany } from "./src/demo-companies";
import { QboEmulator } from "./src/server";

// The emulator's own configuration, validated in this one place (it shares nothing with the app).
const config = z
  .object({
    QBO_EMULATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(4010),
    QBO_EMULATOR_STATE: z.string().min(1).optional(),
    QBO_EMULATOR_SEED_COMPANIES: z.coerce.number().int().min(0).max(50).default(1),
    DEMO_TODAY: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  })
  .parse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
const port = config.QBO_EMULATOR_PORT;
const today = config.DEMO_TODAY;
// Same rule as the app's clock (server/clock.ts pinnedDayClock): noon UTC on DEMO_TODAY, then on
// in real time — the same calendar day in every timezone from UTC−11 to UTC+11.
const startMs = today ? Date.parse(`${today}T12:00:00Z`) : undefined;
const emulator = new QboEmulator({
  port,
  host: "127.0.0.1",
  startMs,
  stateFile: config.QBO_EMULATOR_STATE,
  log: console.error,
});
if (emulator.companies.size === 0) {
  const n = config.QBO_EMULATOR_SEED_COMPANIES;
  for (let i = 0; i < n; i++) emulator.createCompany(demoCompany(i));
}
const url = await emulator.start();
console.info(
  `QBO emulator on ${url} — ${emulator.companies.size} companies: ${[...emulator.companies.values()].map((c) => `${c.name} (${c.realmId})`).join(", ")}`,
);
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    void emulator.stop().then(() => process.exit(0));
  });
}
