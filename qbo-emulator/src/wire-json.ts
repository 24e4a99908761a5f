import { Money } from "./money";

/**
 * JSON as QBO writes it: money with two decimals (a raw number token, not a string), keys in
 * insertion order, undefined properties omitted.
 */
export function toWireJson(value: unknown): string {
  const out: string[] = [];
  write(value, out);
  return out.join("");
}

function write(v: unknown, out: string[]): void {
  if (v instanceof Money) {
    out.push(v.toWire());
  } else if (v === null) {
    out.push("null");
  } else if (Array.isArray(v)) {
    out.push("[");
    v.forEach((x, i) => {
      if (i > 0) out.push(",");
      write(x === undefined ? null : x, out);
    });
    out.push("]");
  } else if (typeof v === "object") {
    out.push("{");
    let first = true;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === undefined) continue;
      if (!first) out.push(",");
      first = false;
      out.push(JSON.stringify(k), ":");
      write(x, out);
    }
    out.push("}");
  } else {
    out.push(JSON.stringify(v));
  }
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
