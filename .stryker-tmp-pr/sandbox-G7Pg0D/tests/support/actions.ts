// @ts-nocheck
import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import type { TAction } from "@/server/edge/define-action";

/** Every server action and route handler, enumerated from the app folder (tenancy and fuzz tests). */
export const root = path.resolve(__dirname, "../..");

export function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

export async function loadActions(): Promise<Map<string, TAction<unknown>>> {
  const files = walk(path.join(root, "app")).filter((f) => /\.(ts|tsx)$/.test(f));
  const serverFiles = files.filter((f) => /^\s*["']use server["']/m.test(fs.readFileSync(f, "utf8")));
  // Every "use server" module lives in app/actions, so importing that folder enumerates them all.
  for (const f of serverFiles) expect(path.relative(root, f)).toMatch(/^app\/actions\//);
  const out = new Map<string, TAction<unknown>>();
  for (const f of serverFiles) {
    const mod = (await import(f)) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(mod)) {
      expect(typeof value, `${f}#${exportName} must be an action`).toBe("function");
      const action = value as TAction<unknown>;
      expect(
        action.meta,
        `${f}#${exportName} must be built with businessAction/userAction/publicAction`,
      ).toBeDefined();
      out.set(action.meta.name, action);
    }
  }
  return out;
}
