import { z } from "zod";

/**
 * An alert's stored detail (`runway_alerts.detail`), read back through this schema. Version 1
 * (before drivers had a kind) reads as outflows with their label; version 2 adds the kind — an
 * outflow, the baseline burn over `days` days, or a reserve keeping money out of spendable.
 */
export const ALERT_DETAIL_VERSION = 2;

const ZDriver = z.object({
  kind: z.enum(["outflow", "burn", "reserve"]).default("outflow"),
  label: z.string().nullable(),
  date: z.string().nullable(),
  amountCents: z.number().int(),
  days: z.number().int().optional(),
});

export const ZAlertDetail = z.object({
  v: z.union([z.literal(1), z.literal(2)]).default(1),
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
