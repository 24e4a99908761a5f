/**
 * Documents in a foreign currency are converted to home currency at their own QBO exchange rate
 * (home units per foreign unit, kept as decimal text), in exact integer arithmetic. A foreign
 * document without a rate cannot be converted: it is reported, never silently mixed in.
 */
// @ts-nocheck

export function toHomeCents(
  cents: number,
  currency: string | null,
  exchangeRate: string | null,
  homeCurrency: string,
): number | null {
  if (!currency || currency === homeCurrency) return cents;
  if (!exchangeRate) return null;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(exchangeRate.trim());
  if (!m) return null;
  const frac = m[2] ?? "";
  const num = BigInt(`${m[1]}${frac}`);
  const den = 10n ** BigInt(frac.length);
  if (num === 0n) return null;
  const product = BigInt(cents) * num;
  // Round half away from zero.
  const neg = product < 0n;
  const abs = neg ? -product : product;
  const q = (abs * 2n + den) / (2n * den);
  return Number(neg ? -q : q);
}
