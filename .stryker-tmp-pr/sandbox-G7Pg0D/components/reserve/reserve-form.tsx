// @ts-nocheck
"use client";

import { useState } from "react";
import { ActionForm, Field } from "@/components/ui/action-form";

type TAction = Parameters<typeof ActionForm>[0]["action"];
type TKind = "hold" | "setAside" | "percentOfInflows";

const KINDS = [
  { value: "hold", label: "Hold an amount (kept out of spendable until released)" },
  { value: "setAside", label: "Set aside for a payment on a date" },
  { value: "percentOfInflows", label: "Keep a percentage of money coming in" },
] as const;

/** Create or edit a reserve; the fields follow the kind chosen. */
export function ReserveForm({
  action,
  hidden,
  currency,
  submitLabel,
  defaults,
}: {
  action: TAction;
  hidden: Record<string, string>;
  currency: string;
  submitLabel: string;
  defaults?: {
    name: string;
    kind: TKind;
    amount: string;
    percent: string;
    releaseDate: string;
    payDate: string;
  };
}) {
  const [kind, setKind] = useState<TKind>(defaults?.kind ?? "hold");
  return (
    <ActionForm action={action} hidden={hidden} submitLabel={submitLabel} resetOnSuccess={!defaults}>
      <Field
        name="name"
        label="Name"
        defaultValue={defaults?.name}
        required
        hint="e.g. Quarterly tax, Payroll buffer"
      />
      <Field
        name="kind"
        label="Kind"
        type="select"
        options={KINDS}
        defaultValue={kind}
        onChange={(v) => setKind(v as TKind)}
      />
      {kind === "percentOfInflows" ? (
        <Field
          name="percent"
          label="Percentage of each incoming payment"
          defaultValue={defaults?.percent}
          hint="Kept out of spendable as each projected payment arrives."
        />
      ) : (
        <Field name="amount" label={`Amount (${currency})`} defaultValue={defaults?.amount} required />
      )}
      {kind === "hold" && (
        <Field
          name="releaseDate"
          label="Release on (optional)"
          type="date"
          defaultValue={defaults?.releaseDate}
          hint="Leave empty to hold it until you release it."
        />
      )}
      {kind === "setAside" && (
        <Field
          name="payDate"
          label="Payment date"
          type="date"
          defaultValue={defaults?.payDate}
          hint="The money leaves the bank that day; until then it is not spendable."
        />
      )}
    </ActionForm>
  );
}
