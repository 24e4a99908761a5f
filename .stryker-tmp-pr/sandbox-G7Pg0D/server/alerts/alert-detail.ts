// @ts-nocheck
import { z } from "zod";
import { ZStoredSubject } from "../runway/subject-schema";

/**
 * An alert's stored detail (`runway_alerts.detail`), read back through this schema. Version 1
 * (before drivers had a kind) reads as outflows with their label; version 2 adds the kind — an
 * outflow, the baseline burn over `days` days, or a reserve keeping money out of spendable.
 * Version 3 keeps what each driver is as data (`subject`) where versions 1–2 stored its words
 * (`label`), which read back as a `legacy` subject.
 */
export const ALERT_DETAIL_VERSION = 3;

const ZDriver = z
  .object({
    kind: z.enum(["outflow", "burn", "reserve"]).default("outflow"),
    subject: ZStoredSubject.nullable().optional(),
    label: z.string().nullable().optional(),
    date: z.string().nullable(),
    amountCents: z.number().int(),
    days: z.number().int().optional(),
  })
  .transform(({ label, subject, ...d }) => ({
    ...d,
    subject: subject ?? (label == null ? null : { kind: "legacy" as const, text: label }),
  }));

export const ZAlertDetail = z.object({
  v: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1),
  lowest: z.object({ date: z.string(), spendableCents: z.number().int() }),
  threshold: z.object({ belowCents: z.number().int(), runwayWeeks: z.number().int().nullable() }),
  drivers: z.array(ZDriver),
  /** Set when the one-a-day rule kept its email back. */
  emailSuppressed: z.boolean().optional(),
});

export type TAlertDetail = z.infer<typeof ZAlertDetail>;

export function parseAlertDetail(raw: unknown): TAlertDetail {
  return ZAlertDetail.parse(raw);
}
