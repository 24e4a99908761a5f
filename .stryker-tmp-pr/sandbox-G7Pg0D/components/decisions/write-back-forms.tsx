// @ts-nocheck
"use client";

import { recordPaymentAction, sendReminderAction } from "@/app/actions/decisions";
import { ActionForm, Field } from "@/components/ui/action-form";
import { centsToDecimalText } from "@/lib/format";

/**
 * "Record payment in QuickBooks": QuickBooks records a BillPayment against the bill; the money
 * itself moves through the bank (a check, a transfer, the card) — Oodaloo does not move money.
 */
export function RecordPaymentForm({
  businessId,
  billId,
  amountCents,
  minDate,
  today,
  accounts,
}: {
  businessId: string;
  billId: string;
  amountCents: number;
  minDate: string;
  today: string;
  accounts: { id: string; name: string; type: string }[];
}) {
  if (accounts.length === 0)
    return (
      <p className="mt-3 text-sm text-zinc-600">
        No active bank or credit card account to record a payment from.
      </p>
    );
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer font-medium text-indigo-700 dark:text-indigo-300">
        Record payment in QuickBooks
      </summary>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">
        This records that the bill was paid (a BillPayment in QuickBooks). It does not move money: pay through
        your bank as usual. Recorded once, even if you click twice.
      </p>
      <ActionForm
        action={recordPaymentAction}
        hidden={{ businessId, billId }}
        submitLabel="Record payment in QuickBooks"
        pendingLabel="Recording…"
        className="mt-2 space-y-3"
      >
        <Field
          name="accountId"
          label="Paid from"
          type="select"
          options={accounts.map((a) => ({ value: a.id, label: `${a.name} (${a.type})` }))}
        />
        <Field name="date" label={`Payment date (${minDate} to ${today})`} type="date" defaultValue={today} />
        <Field name="amount" label="Amount" defaultValue={centsToDecimalText(amountCents)} />
      </ActionForm>
    </details>
  );
}

/** Send the invoice again from QuickBooks (QuickBooks' own email), as a reminder. */
export function SendReminderButton({
  businessId,
  invoiceId,
  email,
}: {
  businessId: string;
  invoiceId: string;
  email: string | null;
}) {
  if (!email)
    return (
      <p className="mt-3 text-sm text-amber-800 dark:text-amber-300">
        No email address for this customer in QuickBooks: add one there to send a reminder.
      </p>
    );
  return (
    <div className="mt-3 text-sm">
      <ActionForm
        action={sendReminderAction}
        hidden={{ businessId, invoiceId }}
        submitLabel={`Send reminder to ${email}`}
        pendingLabel="Sending…"
        variant="secondary"
        className="flex flex-wrap items-center gap-3"
      />
      <p className="mt-1 text-zinc-600 dark:text-zinc-400">
        QuickBooks emails the invoice. A reminder alone moves no cash in the forecast: record a promised date
        for that.
      </p>
    </div>
  );
}
