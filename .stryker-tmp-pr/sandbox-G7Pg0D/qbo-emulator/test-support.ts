// @ts-nocheck
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { QboEmulator, type TEmulatorOptions } from "./src/server";

/** Start an emulator on a free port with one generated company and a token for it. */
export async function startEmulator(
  opts: TEmulatorOptions & {
    seed?: number;
    today?: string;
    profile?: "thriving" | "tight" | "trouble";
    scale?: number;
    realmId?: string;
    months?: number;
    name?: string;
    checkingCents?: number;
    refuse?: { query?: string[]; cdc?: string[] };
  } = {},
) {
  const emu = new QboEmulator(opts);
  const base = await emu.start();
  const company = emu.createCompany({
    seed: opts.seed ?? 7,
    today: opts.today ?? "2026-11-26",
    profile: opts.profile,
    scale: opts.scale,
    realmId: opts.realmId ?? "9130350000000001",
    months: opts.months,
    checkingCents: opts.checkingCents,
    refuse: opts.refuse,
    name: opts.name ?? "Northwind Creative",
  });
  const realmId = company.realmId;
  const token = emu.oauth.issueForRealm(realmId, emu.clock.now()).access_token;
  const api = async (p: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}/v3/company/${realmId}/${p}`, {
      ...init,
      headers: {
        accept: "application/json",
        authorization: `Bearer ${token}`,
        ...(init.headers as Record<string, string>),
      },
    });
    return { status: res.status, text: await res.text(), headers: res.headers };
  };
  const admin = async (p: string, body?: unknown, method = body === undefined ? "GET" : "POST") => {
    const res = await fetch(`${base}/__admin/${p}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as Record<string, unknown>;
  };
  return { emu, base, realmId, token, api, admin };
}

/** Real captures copied from ../shared/qbo/fixtures (provenance in each .source.txt). */
export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
export const readFixture = (name: string) => fs.readFileSync(path.join(fixturesDir, name), "utf8");

/** Every JSON path (array elements merged as []) with the JSON types seen there. */
export function shapeOf(value: unknown, at = "", out = new Map<string, Set<string>>()) {
  if (Array.isArray(value)) {
    for (const v of value) shapeOf(v, `${at}[]`, out);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const p = `${at}.${k}`;
      const t = v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
      out.set(p, (out.get(p) ?? new Set()).add(t));
      shapeOf(v, p, out);
    }
  }
  return out;
}
