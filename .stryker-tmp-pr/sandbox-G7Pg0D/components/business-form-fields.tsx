// @ts-nocheck
import { Field } from "@/components/ui/action-form";
import { MONTHS } from "@/lib/format";

const zones = Intl.supportedValuesOf("timeZone").map((z) => ({ value: z, label: z.replaceAll("_", " ") }));
const currencies = ["USD", "CAD", "GBP", "EUR", "AUD", "NZD"].map((c) => ({ value: c, label: c }));

/** The business's identity fields, shared by onboarding and settings. */
export function BusinessFormFields({
  defaults,
}: {
  defaults?: { name: string; timezone: string; currency: string; fiscalYearStartMonth: number };
}) {
  return (
    <>
      <Field
        name="name"
        label="Business name"
        defaultValue={defaults?.name}
        required
        autoComplete="organization"
      />
      <Field
        name="timezone"
        label="Timezone"
        type="select"
        options={zones}
        defaultValue={defaults?.timezone ?? "America/New_York"}
        hint="Due dates, 'today' and the Monday digest follow this timezone."
      />
      <Field
        name="currency"
        label="Home currency"
        type="select"
        options={currencies}
        defaultValue={defaults?.currency ?? "USD"}
        hint="The currency of your QuickBooks company."
      />
      <Field
        name="fiscalYearStartMonth"
        label="Fiscal year starts in"
        type="select"
        options={MONTHS.map((m, i) => ({ value: String(i + 1), label: m }))}
        defaultValue={String(defaults?.fiscalYearStartMonth ?? 1)}
      />
    </>
  );
}
