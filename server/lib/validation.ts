import { z } from "zod";
import { isValidTimeZone } from "../clock";
import type { TFieldErrors } from "../errors";
import { decimalTextToCents } from "./money";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address, like name@example.com").max(254, "That email is too long"));

export const ZTimeZone = z.string().trim().refine(isValidTimeZone, "Choose a timezone from the list");

const currencies = new Set(Intl.supportedValuesOf("currency"));
export const ZCurrency = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => currencies.has(c), "Choose a currency code like USD");

export const ZUuid = z.string().uuid();

const TICKED = new Set(["on", "true", "1", "yes"]);
const UNTICKED = new Set(["off", "false", "0", "no", ""]);

/**
 * The one parser for every boolean that arrives as form input (a checkbox, a hidden flag, a JSON
 * field). An unticked checkbox is absent from the form data, so a missing key is `false`; the
 * browser's "on", and "true"/"1"/"yes", are `true`; "false"/"0"/"off"/"no"/"" are `false`;
 * anything else is a field error — never `Boolean("false") === true`.
 */
export const ZCheckbox = z
  .union([z.boolean(), z.string().trim().toLowerCase()], { error: "Tick or untick this box" })
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === false || v === true) return v ?? false;
    if (TICKED.has(v)) return true;
    if (UNTICKED.has(v)) return false;
    ctx.addIssue({ code: "custom", message: "Tick or untick this box" });
    return z.NEVER;
  });

/** zod issues → { field: [messages] } for forms; one message once per field ("x" fails a date twice). */
export function fieldErrorsOf(error: z.ZodError): TFieldErrors {
  const out: TFieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_form";
    const list = out[key] ?? [];
    if (!list.includes(issue.message)) out[key] = [...list, issue.message];
  }
  return out;
}

/** The largest amount any form accepts: $1 billion (far beyond a small business, far inside a safe integer of cents). */
export const MAX_FORM_CENTS = 100_000_000_000;

/**
 * The one parser for an amount typed into a form: "$12,500.50" → 1250050 cents, through the exact
 * decimal text (never a float), bounded so a huge number is a field error and not a crash.
 */
export function ZMoneyText({
  example = "2500.00",
  allowNegative = false,
  positive = true,
}: {
  example?: string;
  allowNegative?: boolean;
  positive?: boolean;
} = {}) {
  const shape = allowNegative ? /^-?\d+(\.\d{1,2})?$/ : /^\d+(\.\d{1,2})?$/;
  const tooLarge = "That amount is too large (at most $1,000,000,000)";
  const text = z
    .string({ error: `Enter an amount like ${example}` })
    .trim()
    .transform((s) => s.replace(/[,$\s]/g, ""))
    .pipe(
      z
        .string()
        .regex(shape, `Enter an amount like ${example}`)
        // Bounded before it becomes cents, so no amount can leave the safe-integer range.
        .refine(
          (v) =>
            v
              .replace(/^-/, "")
              .split(".")[0]!
              .replace(/^0+(?=\d)/, "").length <= 10,
          tooLarge,
        ),
    )
    .transform(decimalTextToCents)
    .pipe(z.number().int().max(MAX_FORM_CENTS, tooLarge).min(-MAX_FORM_CENTS, tooLarge));
  return positive ? text.pipe(z.number().positive("The amount must be more than zero")) : text;
}

/**
 * A calendar date typed or picked in a form (YYYY-MM-DD) that exists: 2026-12-99 and 2027-02-30
 * are field errors, not crashes further down. Years 2000–2100 only.
 */
export function ZIsoDate(message = "Pick a date") {
  return z
    .string({ error: message })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((s) => {
      const [y, m, d] = s.split("-").map(Number) as [number, number, number];
      const utc = new Date(Date.UTC(y, m - 1, d));
      return y >= 2000 && y <= 2100 && utc.getUTCMonth() === m - 1 && utc.getUTCDate() === d;
    }, message);
}
