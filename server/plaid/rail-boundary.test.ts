import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The bank rail holds only the rail (client, mappers, webhooks, sync into its mirror): it knows
 * Plaid and nothing of the product, nor of the other rail. Product use cases — who may connect,
 * audit entries, queued jobs — live in server/banks and call it. Fails when a file under
 * server/plaid imports any of them.
 */
const RAIL = path.join(__dirname);
const PRODUCT =
  "access|audit|jobs|connections|banks|digest|decisions|tray|firms|portfolio|runway|scenarios|reserve|alerts|qbo";
const FORBIDDEN = new RegExp(`from\\s+"(?:(?:\\.\\./)+|@/server/)(${PRODUCT})(?:/|")`);

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return filesUnder(p);
    return /\.tsx?$/.test(d.name) && !d.name.endsWith(".test.ts") ? [p] : [];
  });
}

describe("the bank rail", () => {
  it("imports no access, audit, job, product or QuickBooks module", () => {
    const files = filesUnder(RAIL);
    expect(files.length).toBeGreaterThanOrEqual(8);
    const offenders = files.flatMap((f) =>
      fs
        .readFileSync(f, "utf8")
        .split("\n")
        .filter((line) => FORBIDDEN.test(line))
        .map((line) => `${path.relative(RAIL, f)}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it("would catch one (the rule is not vacuous)", () => {
    expect(FORBIDDEN.test('import { queueSync } from "../jobs/queue-sync";')).toBe(true);
    expect(FORBIDDEN.test('import { x } from "../../qbo/client";')).toBe(true);
    expect(FORBIDDEN.test('import { x } from "@/server/banks/connect";')).toBe(true);
    expect(FORBIDDEN.test('import { x } from "../db/client";')).toBe(false);
    expect(FORBIDDEN.test('import { x } from "../lib/vault";')).toBe(false);
  });
});
