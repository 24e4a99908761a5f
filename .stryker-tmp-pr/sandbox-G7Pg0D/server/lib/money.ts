// @ts-nocheck
import { centsToDecimalText } from "@/lib/format";

/**
 * Money is integer cents (a safe integer) plus a currency. QBO sends money as JSON numbers; they
 * are converted through their decimal text — never `n * 100`, which turns 19.99 into 1998.9999.
 *
 * Sign convention (ARCHITECTURE.md): amounts on documents are stored as QBO shows them (positive
 * totals); direction comes from the document type. Account balances keep QBO's sign.
 */
export function decimalTextToCents(text: string): number {
  const m = /^(-)?(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) {
    // Exponent notation from String(n) for very small or very large numbers.
    if (/^-?\d+(\.\d+)?e[+-]?\d+$/i.test(text.trim())) {
      const n = Number(text);
      if (Math.abs(n) >= 1e13) throw new Error(`Amount out of range: ${text}`);
      return decimalTextToCents(n.toFixed(2));
    }
    throw new Error(`Not a decimal amount: ${text}`);
  }
  const frac = m[3] ?? "";
  let cents = Number(m[2]) * 100 + Number(frac.slice(0, 2).padEnd(2, "0"));
  // Round half away from zero on the third decimal (QBO amounts have two; unit prices may not).
  if (Number(frac[2] ?? "0") >= 5) cents += 1;
  if (!Number.isSafeInteger(cents)) throw new Error(`Amount out of range: ${text}`);
  return m[1] && cents !== 0 ? -cents : cents; // "-0.004" is 0, not -0 (which prints as "-0.00")
}

/** A QBO JSON money value (number, or string in reports) to cents; null/undefined stay null. */
export function toCents(v: unknown): number | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number") return decimalTextToCents(String(v));
  if (typeof v === "string") return decimalTextToCents(v);
  throw new Error(`Not a money value: ${JSON.stringify(v)}`);
}

/**
 * Cents as the JSON number QuickBooks expects (12345 → 123.45). Built from the decimal text, so
 * the number is the double nearest that decimal — which serializes back to exactly that text
 * for any amount under 10^13 dollars.
 */
export function centsToQboAmount(cents: number): number {
  return Number(centsToDecimalText(cents));
}
