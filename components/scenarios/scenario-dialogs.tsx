"use client";

import * as Dialog from "@radix-ui/react-dialog";
import * as Tabs from "@radix-ui/react-tabs";
import { type ReactNode, useState } from "react";
import { addScenarioEntryAction, createScenarioAction } from "@/app/actions/scenarios";
import { ActionForm, Field } from "@/components/ui/action-form";
import { subjectText } from "@/lib/flow-words";
import { docName, formatDate, formatMoney } from "@/lib/format";
import type { TScenarioWorkspace } from "@/server/scenarios/workspace";

const button =
  "rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";
const primary = `${button} bg-indigo-600 text-white hover:bg-indigo-700`;
const secondary = `${button} border border-zinc-300 bg-white text-zinc-900 hover:bg-zinc-50 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800`;

/** A Radix dialog: focus moves in and is kept there, Escape closes it, focus returns to its button. */
function Modal({
  trigger,
  title,
  description,
  open,
  onOpenChange,
  children,
}: {
  trigger: ReactNode;
  title: string;
  description: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  children: ReactNode;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[calc(100vw-1.5rem)] max-w-xl -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-5 shadow-lg focus:outline-none dark:bg-zinc-900">
          <div className="mb-3 flex items-start justify-between gap-4">
            <div>
              <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
              <Dialog.Description className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                {description}
              </Dialog.Description>
            </div>
            <Dialog.Close className={secondary} aria-label="Close">
              Close
            </Dialog.Close>
          </div>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

export function NewScenarioDialog({ businessId }: { businessId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Modal
      open={open}
      onOpenChange={setOpen}
      trigger={
        <button type="button" className={primary} data-testid="new-scenario">
          New scenario
        </button>
      }
      title="New scenario"
      description="Name the plan; then add hires, loans, lost clients, moved payments and decisions to it."
    >
      <ActionForm
        action={createScenarioAction}
        hidden={{ businessId }}
        submitLabel="Create scenario"
        onSuccess={() => setOpen(false)}
      >
        <Field name="name" label="Name" hint="For example “Hire a designer in March”." required />
      </ActionForm>
    </Modal>
  );
}

const KINDS = [
  { value: "hire", label: "Hire" },
  { value: "loan", label: "Loan" },
  { value: "retainer", label: "New retainer" },
  { value: "lostClient", label: "Lost client" },
  { value: "oneOff", label: "One-off" },
  { value: "move", label: "Move recurring" },
  { value: "schedule", label: "Pay a bill" },
  { value: "promise", label: "Promise" },
  { value: "remind", label: "Reminder" },
] as const;

/**
 * "Add to scenario": one tab per kind of change (Radix tabs: arrow keys move between them), each a
 * form whose fields the server parses and checks (server/scenarios/workspace.ts).
 */
export function AddToScenarioDialog({
  businessId,
  scenarioId,
  scenarioName,
  w,
}: {
  businessId: string;
  scenarioId: string;
  scenarioName: string;
  w: Pick<TScenarioWorkspace, "asOf" | "currency" | "bills" | "invoices" | "customers" | "recurring">;
}) {
  const [open, setOpen] = useState(false);
  const money = (c: number) => formatMoney(c, w.currency);
  const hidden = (kind: string) => ({ businessId, scenarioId, kind });
  const done = () => setOpen(false);
  const docOptions = (docs: typeof w.bills, type: "Bill" | "Invoice") => [
    { value: "", label: `Choose ${type === "Bill" ? "a bill" : "an invoice"}` },
    ...docs.map((d) => ({
      value: d.id,
      label: `${docName(type, d.docNumber, d.txnDate)} · ${d.party ?? "—"} · ${money(d.balanceCents)}${d.dueDate ? ` · due ${formatDate(d.dueDate)}` : ""}`,
    })),
  ];
  const form = (kind: string, submitLabel: string, fields: ReactNode) => (
    <ActionForm
      action={addScenarioEntryAction}
      hidden={hidden(kind)}
      submitLabel={submitLabel}
      onSuccess={done}
    >
      {fields}
    </ActionForm>
  );
  return (
    <Modal
      open={open}
      onOpenChange={setOpen}
      trigger={
        <button type="button" className={secondary} data-testid="add-to-scenario">
          Add to scenario
        </button>
      }
      title={`Add to “${scenarioName}”`}
      description="Hypothetical items stay in the scenario; only decisions are committed."
    >
      <Tabs.Root defaultValue="hire">
        <Tabs.List aria-label="What to add" className="mb-4 flex flex-wrap gap-1">
          {KINDS.map((k) => (
            <Tabs.Trigger
              key={k.value}
              value={k.value}
              className="rounded-md border border-zinc-300 px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600 data-[state=active]:border-indigo-600 data-[state=active]:bg-indigo-50 data-[state=active]:font-medium dark:border-zinc-600 dark:data-[state=active]:bg-indigo-950"
            >
              {k.label}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <Tabs.Content value="hire">
          {form(
            "hire",
            "Add the hire",
            <>
              <Field name="name" label="Role or name" hint="For example “Designer”." />
              <Field name="monthly" label="Gross pay a month" hint="For example 6500.00" />
              <Field name="from" label="Starts on" type="date" defaultValue={w.asOf} />
              <Field
                name="payDay"
                label="Paid on day of the month"
                defaultValue="28"
                hint="31 means the last day."
              />
              <Field
                name="taxPercent"
                label="Employer payroll tax (%)"
                defaultValue="7.65"
                hint="The employer's share on top of gross pay (7.65% is US FICA); paid with each pay."
              />
            </>,
          )}
        </Tabs.Content>
        <Tabs.Content value="loan">
          {form(
            "loan",
            "Add the loan",
            <>
              <Field name="name" label="Lender or line" />
              <Field name="amount" label="Amount drawn" hint="For example 50000.00" />
              <Field name="on" label="Drawn on" type="date" defaultValue={w.asOf} />
              <Field
                name="repayment"
                label="Each repayment"
                hint="Principal and interest, for example 1500.00"
              />
              <Field name="firstRepayment" label="First repayment on" type="date" />
              <Field name="months" label="Number of monthly repayments" defaultValue="36" />
            </>,
          )}
        </Tabs.Content>
        <Tabs.Content value="retainer">
          {form(
            "retainer",
            "Add the retainer",
            <>
              <Field name="name" label="Client" />
              <Field name="monthly" label="Received a month" hint="For example 4000.00" />
              <Field name="from" label="From" type="date" defaultValue={w.asOf} />
              <Field name="dayOfMonth" label="Received on day of the month" defaultValue="1" />
            </>,
          )}
        </Tabs.Content>
        <Tabs.Content value="lostClient">
          {form(
            "lostClient",
            "Add the lost client",
            <>
              <Field
                name="customerId"
                label="Client"
                type="select"
                options={[
                  { value: "", label: "Choose a client" },
                  ...w.customers.map((c) => ({ value: c.id, label: c.name })),
                ]}
              />
              <Field
                name="from"
                label="Leaves on"
                type="date"
                defaultValue={w.asOf}
                hint="Its open invoices and recurring invoices expected from this date are gone. Income seen only in the bank history is not tied to a client: model it with a one-off."
              />
            </>,
          )}
        </Tabs.Content>
        <Tabs.Content value="oneOff">
          {form(
            "oneOff",
            "Add the one-off",
            <>
              <Field name="name" label="What it is" />
              <Field
                name="direction"
                label="Money"
                type="select"
                options={[
                  { value: "out", label: "Out (a cost)" },
                  { value: "in", label: "In (income)" },
                ]}
              />
              <Field name="amount" label="Amount" hint="For example 2500.00" />
              <Field name="on" label="On" type="date" defaultValue={w.asOf} />
            </>,
          )}
        </Tabs.Content>
        <Tabs.Content value="move">
          {w.recurring.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              No recurring payment is in the forecast: QuickBooks has no recurring template and the bank
              history shows no monthly payment.
            </p>
          ) : (
            form(
              "move",
              "Move it",
              <>
                <Field
                  name="recurring"
                  label="Recurring item"
                  type="select"
                  options={[
                    { value: "", label: "Choose payroll, rent or another recurring item" },
                    ...w.recurring.map((r) => ({
                      value: r.key,
                      label: `${subjectText(r.subject)} · ${r.direction === "out" ? "out" : "in"} ${money(r.amountCents)}${r.next ? ` · next ${formatDate(r.next)}` : ""}`,
                    })),
                  ]}
                />
                <Field
                  name="from"
                  label="From (its occurrences on or after)"
                  type="date"
                  defaultValue={w.asOf}
                />
                <Field
                  name="shiftDays"
                  label="Days later"
                  hint="Negative for earlier (at most 27 earlier, 60 later)."
                  defaultValue="7"
                />
              </>,
            )
          )}
        </Tabs.Content>
        <Tabs.Content value="schedule">
          {form(
            "schedule",
            "Add the payment",
            <>
              <Field name="targetId" label="Bill" type="select" options={docOptions(w.bills, "Bill")} />
              <Field
                name="date"
                label="Pay on"
                type="date"
                defaultValue={w.asOf}
                hint="Later than its due date delays it."
              />
            </>,
          )}
        </Tabs.Content>
        <Tabs.Content value="promise">
          {form(
            "promise",
            "Add the promise",
            <>
              <Field
                name="targetId"
                label="Invoice"
                type="select"
                options={docOptions(w.invoices, "Invoice")}
              />
              <Field name="date" label="Customer promised to pay by" type="date" defaultValue={w.asOf} />
            </>,
          )}
        </Tabs.Content>
        <Tabs.Content value="remind">
          {form(
            "remind",
            "Add the reminder",
            <>
              <Field
                name="targetId"
                label="Invoice"
                type="select"
                options={docOptions(w.invoices, "Invoice")}
              />
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                Sent from QuickBooks when the scenario is committed; the forecast expects the invoice the
                customer's habit after it.
              </p>
            </>,
          )}
        </Tabs.Content>
      </Tabs.Root>
    </Modal>
  );
}
