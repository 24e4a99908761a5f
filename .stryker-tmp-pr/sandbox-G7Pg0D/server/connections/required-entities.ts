/**
 * What the runway can and cannot do without, when a QuickBooks company refuses an entity
 * (docs/decisions/0006). One place for the rule; pages, the digest and Connections read it.
 * - `required`: no honest runway without it — pages show an explicit state with the reason.
 * - `burn`: the runway is shown, flagged "burn incomplete" (spending outside bills is missing).
 * - `leftOut`: the figures are computed; "What the forecast leaves out" names it.
 */
// @ts-nocheck

export type TGapEffect = "required" | "burn" | "leftOut";

export const REQUIRED_ENTITIES = [
  "CompanyInfo",
  "Preferences",
  "Account",
  "Invoice",
  "Bill",
  "Payment",
  "BillPayment",
] as const;

export function gapEffect(entity: string): TGapEffect {
  if ((REQUIRED_ENTITIES as readonly string[]).includes(entity)) return "required";
  if (entity === "Purchase") return "burn";
  return "leftOut";
}
