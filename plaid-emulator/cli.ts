/**
 * `npm run plaid:emulator`: the Plaid emulator as a standalone server.
 * Env: PLAID_EMULATOR_PORT (default 4020), PLAID_EMULATOR_STATE (a JSON file to keep banks
 * across restarts), DEMO_TODAY (pin "today"), PLAID_EMULATOR_SEED_LOGINS (generated logins
 * when the state is empty; default 1).
 */
import { z } from "zod";
import { generateLogin } from "./src/generator";
import { PlaidEmulator } from "./src/server";

const config = z
  .object({
    PLAID_EMULATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(4020),
    PLAID_EMULATOR_STATE: z.string().min(1).optional(),
    PLAID_EMULATOR_SEED_LOGINS: z.coerce.number().int().min(0).max(50).default(1),
    DEMO_TODAY: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  })
  .parse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
const today = config.DEMO_TODAY ?? new Date().toISOString().slice(0, 10);
const emulator = new PlaidEmulator({
  port: config.PLAID_EMULATOR_PORT,
  host: "127.0.0.1",
  startMs: config.DEMO_TODAY ? Date.parse(`${today}T12:00:00Z`) : undefined,
  stateFile: config.PLAID_EMULATOR_STATE,
  log: console.error,
});
if (emulator.logins.size === 0) {
  emulator.addInstitution({ institution_id: "ins_109509", name: "Tartan Bank" });
  for (let i = 1; i <= config.PLAID_EMULATOR_SEED_LOGINS; i++)
    emulator.createLogin({
      login_id: `login_${i}`,
      institution_id: "ins_109509",
      label: `Sample business ${i}`,
      ...generateLogin({ seed: i, today, prefix: `l${i}_`, withCard: true }),
    });
}
const url = await emulator.start();
console.info(`Plaid emulator on ${url} — ${emulator.logins.size} bank logins`);
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    void emulator.stop().then(() => process.exit(0));
  });
}
