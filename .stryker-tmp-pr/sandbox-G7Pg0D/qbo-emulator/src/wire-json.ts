// @ts-nocheck
import { Money } from "./money";

/**
 * JSON as QBO writes it: money with two decimals (a raw number token, not a string), keys in
 * insertion order, undefined properties omitted.
 */
export function toWireJson(value: unknown): string {
  // Native JSON.stringify with money as a NUL-prefixed placeholder string, then unquoted. Real
  // data never contains NUL, so the placeholder cannot collide with a value.
  return JSON.stringify(value, (_k, v) => (v instanceof Money ? `\u0000m${v.toWire()}` : v)).replace(
    /"\\u0000m(-?\d+\.\d{2})"/g,
    "$1",
  );
}

/** For the state file and the export: Money ↔ {"$cents": n}. */
export function encodeState(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v instanceof Money ? { $cents: v.cents } : v));
}

export function decodeState<T>(text: string): T {
  return JSON.parse(text, (_k, v) =>
    v &&
    typeof v === "object" &&
    !Array.isArray(v) &&
    Object.keys(v).length === 1 &&
    typeof v.$cents === "number"
      ? new Money(v.$cents)
      : v,
  ) as T;
}

/** Export for tests: Money → integer cents, everything else as on the wire. */
export function toCentsObject<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (v instanceof Money ? v.cents : v)));
}
