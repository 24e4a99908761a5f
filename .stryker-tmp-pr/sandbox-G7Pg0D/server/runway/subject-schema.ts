// @ts-nocheck
import { z } from "zod";

/**
 * What a flow is (TSubject), as stored in digests and alerts. Stored JSON from before subjects
 * were data held the words instead; they read back as `{ kind: "legacy", text }` and are shown as
 * they were stored.
 */
export const ZSubject = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("document"),
    type: z.enum(["Invoice", "Bill"]),
    docNumber: z.string().nullable(),
    txnDate: z.string().nullable(),
    party: z.string().nullable(),
  }),
  z.object({ kind: z.literal("undeposited") }),
  z.object({
    kind: z.literal("template"),
    name: z.string().nullable(),
    txnType: z.string(),
    party: z.string().nullable(),
  }),
  z.object({ kind: z.literal("detected"), toCard: z.boolean(), party: z.string().nullable() }),
  z.object({ kind: z.literal("reserve"), names: z.array(z.string()) }),
  z.object({
    kind: z.literal("scenarioItem"),
    name: z.string(),
    part: z.enum(["pay", "draw", "repayment", "income", "oneOff"]),
  }),
]);

export const ZLegacyText = z.object({ kind: z.literal("legacy"), text: z.string() });

/** A stored subject: data, or the words an older version stored. */
export const ZStoredSubject = z.union([ZSubject, ZLegacyText]);
export type TStoredSubject = z.infer<typeof ZStoredSubject>;
