// @ts-nocheck
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/server/db/client";
import { DataDirLockedError } from "@/server/db/lock";

const root = path.resolve(__dirname, "../..");

function runMigrate(dir: string) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/db-migrate.ts"], {
    cwd: root,
    env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: "" },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("PGlite is single-process", () => {
  it("a second process opening the same folder is refused with a clear message; after close it works", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oodaloo-lock-"));
    const mine = await openDatabase({ pgliteDir: dir });
    const refused = runMigrate(dir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(
      `The embedded database in ${dir} is already open in process ${process.pid}`,
    );
    expect(refused.stderr).toContain("set DATABASE_URL to use PostgreSQL");

    // A second handle in the same process is refused too, never silently shared.
    await expect(openDatabase({ pgliteDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    await mine.close();
    const again = await openDatabase({ pgliteDir: dir });
    await again.close();

    const ok = runMigrate(dir);
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/Migrations applied to pglite in \d+ ms/);
  });

  it("a lock left by a dead process is taken over", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oodaloo-stale-"));
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    });
    fs.writeFileSync(
      path.join(dir, "oodaloo.lock"),
      JSON.stringify({ pid: Number(dead.stdout), command: "x", at: "" }),
    );
    const h = await openDatabase({ pgliteDir: dir });
    await h.close();
    expect(fs.existsSync(path.join(dir, "oodaloo.lock"))).toBe(false);
  });
});
