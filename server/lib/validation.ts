import { z } from "zod";
import { isValidTimeZone } from "../clock";
import type { TFieldErrors } from "../errors";

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

/** zod issues → { field: [messages] } for forms. */
export function fieldErrorsOf(error: z.ZodError): TFieldErrors {
  const out: TFieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_form";
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
}
