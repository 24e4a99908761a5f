/**
 * The one place numbers, money and dates are formatted for people (server and client alike).
 * Money arrives as integer cents; it is divided only here, for display.
 */
// @ts-nocheck

/** Cents as plain decimal text for an input field (123456 → "1234.56"), exact: string arithmetic only. */
export function centsToDecimalText(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`Not an amount in cents: ${cents}`);
  const abs = String(Math.abs(cents)).padStart(3, "0");
  return `${cents < 0 ? "-" : ""}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

// Building an Intl formatter costs far more than using one (a digest formats thousands of
// amounts), so each is made once per locale and currency.
const moneyFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatMoney(cents: number, currency: string, locale = "en-US"): string {
  const key = `${locale}|${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: "currency", currency, currencySign: "standard" });
    moneyFormats.set(key, f);
  }
  return f.format(cents / 100);
}

export function formatDate(isoDate: string, locale = "en-US"): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
    dateFormats.set(locale, f);
  }
  return f.format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/** A business date without its year, for chart axes: "Mar 16". */
export function formatDateShort(isoDate: string, locale = "en-US"): string {
  return formatDate(isoDate, locale).replace(/, \d{4}$/, "");
}

/** "Dec 3, 2026": the calendar day an instant falls on in a timezone (the business's). */
export function formatDayIn(instant: Date, timeZone: string, locale = "en-US"): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(instant);
}

export function formatDateTime(instant: Date, timeZone: string, locale = "en-US"): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(
    instant,
  );
}

/** "4 minutes ago", "in 3 days". */
export function formatRelative(instant: Date, now: Date, locale = "en-US"): string {
  const seconds = Math.round((instant.getTime() - now.getTime()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const abs = Math.abs(seconds);
  if (abs < 45) return "just now";
  if (abs < 45 * 60) return rtf.format(Math.round(seconds / 60), "minute");
  if (abs < 22 * 3600) return rtf.format(Math.round(seconds / 3600), "hour");
  return rtf.format(Math.round(seconds / 86_400), "day");
}

export const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/** Money without cents, for headlines and chart axes: "$172,000", "−$6,632". */
export function formatMoneyShort(cents: number, currency: string, locale = "en-US"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 }).format(
    Math.round(cents / 100),
  );
}

const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * A count with its noun, by the locale's plural rules: "1 day", "0 days", "1,204 invoices".
 * `other` defaults to the noun + "s".
 */
export function countOf(n: number, one: string, other = `${one}s`, locale = "en-US"): string {
  let r = pluralRules.get(locale);
  if (!r) {
    r = new Intl.PluralRules(locale);
    pluralRules.set(locale, r);
  }
  return `${n.toLocaleString(locale)} ${r.select(n) === "one" ? one : other}`;
}

/** "a bookkeeper", "an owner": a role or noun with its indefinite article. */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;
}

/**
 * How a QuickBooks document is named to people: its number when it has one ("Bill PPL-10"),
 * else its type and date ("Bill of Mar 3, 2026") — never QuickBooks' internal id, which the
 * owner has never seen. Callers add the party.
 */
export function docName(
  type: string,
  docNumber: string | null | undefined,
  txnDate: string | null | undefined,
): string {
  if (docNumber?.trim()) return `${type} ${docNumber.trim()}`;
  return txnDate ? `${type} of ${formatDate(txnDate)}` : `${type} without a number or date`;
}

/**
 * A customer's payment habit: "usually pays 12 days late (last 6 invoices)", "usually pays on
 * time (last 3 invoices)", "usually pays 2 days early (last invoice)".
 */
export function formatHabit(h: { medianDaysLate: number; sample: number }): string {
  const n = h.medianDaysLate;
  const how = n === 0 ? "on time" : n > 0 ? `${countOf(n, "day")} late` : `${countOf(-n, "day")} early`;
  return `usually pays ${how} (${h.sample === 1 ? "last invoice" : `last ${h.sample} invoices`})`;
}

/** "you usually pay 3 days late (last 6 bills)": how the business pays a vendor. */
export function formatVendorPattern(p: { medianDaysLate: number; sample: number }): string {
  const n = p.medianDaysLate;
  const how = n === 0 ? "on time" : n > 0 ? `${countOf(n, "day")} late` : `${countOf(-n, "day")} early`;
  return `you usually pay ${how} (${p.sample === 1 ? "last bill" : `last ${p.sample} bills`})`;
}

/** Why there is no forecast, in a sentence (a stored version 1 digest kept its own). */
export function formatInsufficientData(r: {
  reason: "noBankAccount" | "shortHistory";
  firstActivityDate?: string | null;
  windowDays?: number;
  message?: string;
}): string {
  if (r.message) return r.message;
  if (r.reason === "noBankAccount")
    return "No active bank account in QuickBooks: there is no cash to measure.";
  return `Less than ${r.windowDays ?? 90} days of transactions in QuickBooks${r.firstActivityDate ? ` (the first is on ${formatDate(r.firstActivityDate)})` : ""}: burn cannot be measured yet.`;
}

/** A runway in words. "184 days", "not burning cash", "not enough data". */
export function formatRunway(
  r: { kind: "days"; days: number } | { kind: "notBurning" } | { kind: "insufficientData" },
): string {
  if (r.kind === "days") return countOf(r.days, "day");
  if (r.kind === "notBurning") return "Not burning cash";
  return "Not enough data";
}

/** A change in runway days: "+14 days", "−3 days", "no change". */
export function formatDaysDelta(days: number): string {
  if (days === 0) return "no change";
  return `${days > 0 ? "+" : "−"}${countOf(Math.abs(days), "day")}`;
}

/** "10:42 AM" in the business's timezone. */
export function formatTime(instant: Date, timeZone: string, locale = "en-US"): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone }).format(instant);
}
