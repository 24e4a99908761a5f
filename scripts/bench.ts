/**
 * `npm run bench` — performance figures, never timed tests. Each line says what was measured,
 * on what (dataset size, backend) and the target. `--smoke` runs tiny sizes so CI keeps the
 * bench from rotting; its figures are not meaningful.
 *
 * Sections so far: the QBO emulator (company generation, 1000-row query pages, CDC).
 */
import { generateCompany } from "../qbo-emulator/src/generator";
import { QboEmulator } from "../qbo-emulator/src/server";

const smoke = process.argv.includes("--smoke");

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
const f1 = (n: number) => n.toFixed(1);
const line = (what: string, figure: string, context: string) =>
  console.info(`${what.padEnd(46)} ${figure.padEnd(22)} ${context}`);

async function emulatorBench() {
  console.info("\n== QBO emulator ==");
  const scale = smoke ? 1 : 85;
  const t0 = performance.now();
  const company = generateCompany({
    realmId: "9130350000000777",
    seed: 2026,
    today: "2026-11-26",
    scale,
    profile: "tight",
  });
  const genMs = performance.now() - t0;
  let docs = 0;
  for (const rows of company.rows.values()) docs += rows.size;
  line(
    "generate a company (seeded, 18 months)",
    `${f1(genMs / 1000)} s`,
    `${docs} entities (scale ${scale}); target: a 50k-document company in seconds`,
  );
  const again = generateCompany({
    realmId: "9130350000000777",
    seed: 2026,
    today: "2026-11-26",
    scale: 1,
    profile: "tight",
  });
  const same = generateCompany({
    realmId: "9130350000000777",
    seed: 2026,
    today: "2026-11-26",
    scale: 1,
    profile: "tight",
  });
  line(
    "determinism check (scale 1, two runs)",
    again.table("Invoice").size === same.table("Invoice").size ? "identical counts" : "DIFFERENT",
    "same seed → same company",
  );

  const emu = new QboEmulator({ limits: { perSecond: 1_000_000, perMinute: 1_000_000 } });
  const base = await emu.start();
  emu.addCompany(company);
  const token = emu.oauth.issueForRealm(company.realmId, emu.clock.now()).access_token;
  const get = async (path: string) => {
    const t = performance.now();
    const res = await fetch(`${base}/v3/company/${company.realmId}/${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = await res.text();
    const server = Number(/total=(\d+)/.exec(res.headers.get("service-time") ?? "")?.[1] ?? Number.NaN);
    return { ms: performance.now() - t, server, status: res.status, bytes: body.length };
  };
  const pages = Math.max(1, Math.min(30, Math.floor(company.table("Invoice").size / 1000)));
  const times: number[] = [];
  const serverTimes: number[] = [];
  let bytes = 0;
  for (let round = 0; round < (smoke ? 3 : 2); round++) {
    for (let p = 0; p < pages; p++) {
      const r = await get(
        `query?query=${encodeURIComponent(`SELECT * FROM Invoice STARTPOSITION ${p * 1000 + 1} MAXRESULTS 1000`)}`,
      );
      if (r.status !== 200) throw new Error(`query page status ${r.status}`);
      times.push(r.ms);
      serverTimes.push(r.server);
      bytes = Math.max(bytes, r.bytes);
    }
  }
  line(
    "serve a 1000-row Invoice query page",
    `p50 ${pct(serverTimes, 50)} ms, p95 ${pct(serverTimes, 95)} ms`,
    `server time (Service-Time header), ${times.length} page reads; target well under 100 ms`,
  );
  line(
    "  … as the client sees it",
    `p50 ${f1(pct(times, 50))} ms, p95 ${f1(pct(times, 95))} ms`,
    `incl. transfer and decoding of ≤${(bytes / 1e6).toFixed(1)} MB over loopback`,
  );
  const since = new Date(emu.clock.now() - 60_000).toISOString();
  const cdc: number[] = [];
  for (let i = 0; i < 20; i++)
    cdc.push(
      (
        await get(
          `cdc?entities=Invoice,Bill,Payment,BillPayment,Account,Customer,Vendor&changedSince=${encodeURIComponent(since)}`,
        )
      ).ms,
    );
  line("no-change CDC call (7 entities)", `p50 ${f1(pct(cdc, 50))} ms`, `${docs} entities scanned`);
  await emu.stop();
  line("peak RSS", `${Math.round(process.memoryUsage().rss / 1e6)} MB`, "this process");
}

await emulatorBench();
