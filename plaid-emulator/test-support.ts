import { generateLogin } from "./src/generator";
import { PlaidEmulator, type TPlaidEmulatorOptions } from "./src/server";

export const EMULATOR_CLIENT = { clientId: "emulator-client-id", secret: "emulator-secret" };

/**
 * Start a Plaid emulator on a free port with one institution and one generated login
 * (`login_1`: checking, savings and a card, 90 days of transactions, a few pending).
 */
export async function startPlaidEmulator(
  opts: TPlaidEmulatorOptions & { seed?: number; today?: string; logins?: number } = {},
) {
  const today = opts.today ?? "2026-11-26";
  const emu = new PlaidEmulator({ startMs: Date.parse(`${today}T12:00:00Z`), ...opts });
  const base = await emu.start();
  emu.addInstitution({ institution_id: "ins_109508", name: "First Platypus Bank" });
  emu.addInstitution({ institution_id: "ins_109509", name: "Tartan Bank" });
  const n = opts.logins ?? 1;
  for (let i = 1; i <= n; i++) {
    const g = generateLogin({
      seed: (opts.seed ?? 7) + i,
      today,
      prefix: `l${i}_`,
      withCard: true,
      withSavings: i === 1,
    });
    emu.createLogin({
      login_id: `login_${i}`,
      institution_id: i % 2 === 1 ? "ins_109508" : "ins_109509",
      label: `Test business ${i}`,
      ...g,
    });
  }
  const admin = async (p: string, body?: unknown) => {
    const res = await fetch(`${base}/__admin/${p}`, {
      method: body === undefined ? "GET" : "POST",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as Record<string, unknown>;
  };
  return { emu, base, admin };
}
