// @ts-nocheck
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The QuickBooks rail holds only the rail (client, mappers, sync): product use cases — access
 * checks, audit entries, queued jobs, connections — live in server/connections and call it.
 * Fails when a file under server/qbo imports any of them.
 */
const RAIL = path.join(__dirname);
const FORBIDDEN =
  /from\s+"(?:\.\.\/)+(access|audit|jobs|connections|digest|decisions|tray|firms|portfolio)(?:\/|")/;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return filesUnder(p);
    return /\.tsx?$/.test(d.name) && !d.name.endsWith(".test.ts") ? [p] : [];
  });
}

describe("the QuickBooks rail", () => {
  it("imports no access, audit, job or product module", () => {
    const files = filesUnder(RAIL);
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.flatMap((f) =>
      fs
        .readFileSync(f, "utf8")
        .split("\n")
        .filter((line) => FORBIDDEN.test(line) || /@\/server\/(access|audit|jobs|connections)/.test(line))
        .map((line) => `${path.relative(RAIL, f)}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it("would catch one (the rule is not vacuous)", () => {
    expect(FORBIDDEN.test('import { queueSync } from "../jobs/queue-sync";')).toBe(true);
    expect(FORBIDDEN.test('import { assertCan } from "../../access/business-context";')).toBe(true);
    expect(FORBIDDEN.test('import { recordAudit } from "../audit";')).toBe(true);
    expect(FORBIDDEN.test('import { x } from "../db/client";')).toBe(false);
  });
});
