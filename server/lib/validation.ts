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

/** zod issues → { field: [messages] } for forms. */
export function fieldErrorsOf(error: z.ZodError): TFieldErrors {
  const out: TFieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_form";
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
}
