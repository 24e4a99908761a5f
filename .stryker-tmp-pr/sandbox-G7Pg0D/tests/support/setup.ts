// @ts-nocheck
import { afterEach, beforeEach, vi } from "vitest";

/** Fail any test that logs an unexpected console.error (house rule 30). */
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length > 0) {
    throw new Error(`Unexpected console.error:\n${errors.map((a) => a.map(String).join(" ")).join("\n")}`);
  }
});

/** Tests that expect error logs call this to take the matching ones out of the check. */
export function expectConsoleError(match: RegExp): void {
  const before = errors.length;
  errors = errors.filter((a) => !match.test(a.map(String).join(" ")));
  if (errors.length === before) throw new Error(`Expected a console.error matching ${match}`);
}
