/**
 * Money inside the emulator is integer cents wrapped in `Money`, so the wire serializer can
 * print it as QBO does (`300.00`) and the export can hand tests exact cents.
 */
// @ts-nocheck

export class Money {
  constructor(readonly cents: number) {
    if (!Number.isSafeInteger(cents)) throw new Error(`Money needs integer cents, got ${cents}`);
  }
  static of(cents: number): Money {
    return new Money(cents);
  }
  /** Exact decimal text with two places: 1999 → "19.99", -5 → "-0.05". */
  toWire(): string {
    const sign = this.cents < 0 ? "-" : "";
    const abs = Math.abs(this.cents);
    return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
  }
}

/** Parse decimal text ("19.99", "-3", "1e2" is refused) to cents without floating point. */
export function parseDecimalToCents(text: string): number | null {
  const m = /^(-)?(\d+)(?:\.(\d{0,2})\d*)?$/.exec(text.trim());
  if (!m) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -cents : cents;
}

export const isMoney = (v: unknown): v is Money => v instanceof Money;
