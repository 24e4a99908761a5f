// @ts-nocheck
import { countOf, docName, formatDate, formatHabit } from "@/lib/format";
import { daysBetween } from "../runway/dates";
import { habitLookup, reminderLanding, UNREMINDED_OVERDUE_LANDING_DAYS } from "../runway/engine";

/**
 * The prep tray's rules: what makes the forecast wrong, found in the synced ledger. Pure
 * functions of a TTrayInput (server/tray/get-tray.ts loads it); each item says how bad it is,
 * why it matters and how to fix it — in the app, or on the record in QuickBooks.
 */
export type TTrayBill = {
  id: string;
  docNumber: string | null;
  vendorId: string | null;
  txnDate: string | null;
  dueDate: string | null;
  amountCents: number;
  balanceCents: number;
};
export type TTrayInvoice = {
  id: string;
  docNumber: string | null;
  customerId: string | null;
  txnDate: string | null;
  dueDate: string | null;
  balanceCents: number;
  emailStatus: string | null;
};
export type TTrayInput = {
  asOf: string;
  now: Date;
  currency: string;
  /** Open bills, and every bill of the last 400 days (duplicates, vendor norms). */
  bills: TTrayBill[];
  openInvoices: TTrayInvoice[];
  customers: { id: string; name: string; email: string | null }[];
  vendors: { id: string; name: string; termId: string | null }[];
  /** Unapplied customer payments, open credit memos and vendor credits. */
  credits: {
    type: "Payment" | "CreditMemo" | "VendorCredit";
    id: string;
    partyId: string | null;
    cents: number;
  }[];
  /** Expenses of the last 90 days with the accounts on their lines. */
  purchases: { id: string; date: string; amountCents: number; lineAccountIds: string[] }[];
  uncategorizedAccountIds: string[];
  /** Invoices a reminder was sent for from Oodaloo. */
  remindedInvoiceIds: string[];
  /** Customers' payment habits (the engine's), shown beside their overdue invoices. */
  habits: { customerId: string; medianDaysLate: number; sample: number }[];
  sync: {
    status: "active" | "needs_reauth" | "disconnected" | null;
    lastSuccessAt: Date | null;
    failing: { entity: string; streak: number; error: string | null }[];
  };
  drift: { decisionId: string; label: string; problem: string; billId: string }[];
};

export type TTraySeverity = "high" | "medium" | "low";
export type TTrayFix =
  | { kind: "app"; href: string; label: string }
  | {
      kind: "qbo";
      entity:
        | "bill"
        | "invoice"
        | "customer"
        | "vendor"
        | "expense"
        | "recvpayment"
        | "creditmemo"
        | "vendorcredit";
      id: string;
      label: string;
    };
export type TTrayItem = {
  key: string;
  rule: TTrayRule;
  severity: TTraySeverity;
  title: string;
  why: string;
  fix: TTrayFix;
  amountCents: number | null;
};
export type TTrayRule =
  | "billNoDueDate"
  | "duplicateBill"
  | "overdueNoEmail"
  | "overdueNotReminded"
  | "unappliedCredit"
  | "uncategorizedExpense"
  | "vendorNoTerms"
  | "unusualAmount"
  | "syncProblem"
  | "writeDrift";

/** A bill within this many days of another with the same vendor and amount looks duplicated. */
export const DUPLICATE_WINDOW_DAYS = 7;
/** Overdue this long without a reminder from QuickBooks or Oodaloo. */
export const REMIND_AFTER_DAYS = 7;
/** Sync older than this is stale. */
export const STALE_SYNC_HOURS = 24;
/** A bill this many times above (or below 1/x) its vendor's median is unusual. */
export const UNUSUAL_FACTOR = 3;
export const UNUSUAL_MIN_HISTORY = 3;

export function trayItems(t: TTrayInput, businessId: string): TTrayItem[] {
  const items: TTrayItem[] = [];
  const fmt = (c: number) =>
    new Intl.NumberFormat("en-US", { style: "currency", currency: t.currency }).format(c / 100);
  const vendorName = new Map(t.vendors.map((v) => [v.id, v.name]));
  const customer = new Map(t.customers.map((c) => [c.id, c]));
  const habitOf = habitLookup(t.habits.map((h) => ({ ...h, lastPaymentDate: null })));
  const reminderWords = (customerId: string) => {
    const days = daysBetween(t.asOf, reminderLanding(t.asOf, habitOf(customerId)?.medianDaysLate ?? 0));
    return days < UNREMINDED_OVERDUE_LANDING_DAYS
      ? `with a reminder, ${days} days after it is sent`
      : "this customer pays so late that a reminder alone is not expected to bring it in sooner";
  };
  const habitText = (c: { id: string; name: string }) => {
    const h = habitOf(c.id);
    return h ? ` ${c.name} ${formatHabit(h)}.` : "";
  };
  const billName = (b: TTrayBill) =>
    `${docName("Bill", b.docNumber, b.txnDate)}${b.vendorId ? ` from ${vendorName.get(b.vendorId) ?? "a vendor"}` : ""}`;
  const open = t.bills.filter((b) => b.balanceCents > 0);

  // Sync first: everything else is only as good as the mirror.
  if (t.sync.status === "needs_reauth")
    items.push({
      key: "sync:reauth",
      rule: "syncProblem",
      severity: "high",
      title: "QuickBooks needs to be reconnected",
      why: "No data has been read since the connection lost its authorization: the forecast is frozen.",
      fix: { kind: "app", href: `/b/${businessId}/connections`, label: "Reconnect QuickBooks" },
      amountCents: null,
    });
  else if (t.sync.status === "active" && t.sync.lastSuccessAt) {
    const hours = (t.now.getTime() - t.sync.lastSuccessAt.getTime()) / 3_600_000;
    if (hours > STALE_SYNC_HOURS)
      items.push({
        key: "sync:stale",
        rule: "syncProblem",
        severity: "high",
        title: `Last successful sync was ${countOf(Math.floor(hours / 24), "day")} ago`,
        why: "Anything entered in QuickBooks since then is missing from the forecast.",
        fix: { kind: "app", href: `/b/${businessId}/connections`, label: "Check the connection" },
        amountCents: null,
      });
  }
  for (const f of t.sync.failing)
    items.push({
      key: `sync:failing:${f.entity}`,
      rule: "syncProblem",
      severity: "medium",
      title: `${f.entity} fails to sync (${countOf(f.streak, "attempt")})`,
      why: f.error ?? "Its records may be out of date.",
      fix: { kind: "app", href: `/b/${businessId}/connections`, label: "See sync status" },
      amountCents: null,
    });

  for (const d of t.drift)
    items.push({
      key: `drift:${d.decisionId}`,
      rule: "writeDrift",
      severity: "high",
      title: d.problem,
      why: `Oodaloo recorded this (${d.label}); QuickBooks no longer shows it, so the bill may look open again or be paid twice.`,
      fix: { kind: "qbo", entity: "bill", id: d.billId, label: "Open the bill in QuickBooks" },
      amountCents: null,
    });

  for (const b of open)
    if (!b.dueDate)
      items.push({
        key: `billNoDueDate:${b.id}`,
        rule: "billNoDueDate",
        severity: "medium",
        title: `${billName(b)} has no due date`,
        why: "The forecast places it at the bill date plus the vendor's terms, which may be wrong.",
        fix: { kind: "qbo", entity: "bill", id: b.id, label: "Add the due date in QuickBooks" },
        amountCents: b.balanceCents,
      });

  // Duplicates: same vendor and amount within a week; at least one still open.
  const byKey = new Map<string, TTrayBill[]>();
  for (const b of t.bills) {
    if (!b.vendorId || !b.txnDate) continue;
    const k = `${b.vendorId}:${b.amountCents}`;
    byKey.set(k, [...(byKey.get(k) ?? []), b]);
  }
  for (const group of byKey.values()) {
    const sorted = group.sort((a, b) => a.txnDate!.localeCompare(b.txnDate!) || a.id.localeCompare(b.id));
    for (let i = 1; i < sorted.length; i++) {
      const a = sorted[i - 1]!;
      const b = sorted[i]!;
      if (daysBetween(a.txnDate!, b.txnDate!) > DUPLICATE_WINDOW_DAYS) continue;
      if (a.balanceCents <= 0 && b.balanceCents <= 0) continue;
      items.push({
        key: `duplicateBill:${a.id}:${b.id}`,
        rule: "duplicateBill",
        severity: "high",
        // Which is which: by number when they differ, by date when they share one.
        title:
          docName("Bill", a.docNumber, a.txnDate) === docName("Bill", b.docNumber, b.txnDate)
            ? `${billName(b)} dated ${formatDate(b.txnDate!)} may duplicate the one dated ${formatDate(a.txnDate!)}`
            : `${billName(b)} may duplicate ${docName("Bill", a.docNumber, a.txnDate)}${a.docNumber ? ` of ${formatDate(a.txnDate!)}` : ""}`,
        why: `Same vendor and amount (${fmt(b.amountCents)}) ${countOf(daysBetween(a.txnDate!, b.txnDate!), "day")} apart: the forecast counts both.`,
        fix: { kind: "qbo", entity: "bill", id: b.id, label: "Review the bill in QuickBooks" },
        amountCents: b.amountCents,
      });
    }
  }

  for (const inv of t.openInvoices) {
    if (!inv.dueDate || inv.dueDate >= t.asOf) continue;
    const c = inv.customerId ? customer.get(inv.customerId) : undefined;
    const late = daysBetween(inv.dueDate, t.asOf);
    const name = `${docName("Invoice", inv.docNumber, inv.txnDate)}${c ? ` to ${c.name}` : ""}`;
    if (!c?.email)
      items.push({
        key: `overdueNoEmail:${inv.id}`,
        rule: "overdueNoEmail",
        severity: "medium",
        title: `${name} is ${countOf(late, "day")} overdue and the customer has no email`,
        why: `No reminder can be sent from QuickBooks until the customer has an email address.${c ? habitText(c) : ""}`,
        fix: c
          ? { kind: "qbo", entity: "customer", id: c.id, label: "Add an email in QuickBooks" }
          : { kind: "qbo", entity: "invoice", id: inv.id, label: "Open the invoice in QuickBooks" },
        amountCents: inv.balanceCents,
      });
    else if (
      late >= REMIND_AFTER_DAYS &&
      inv.emailStatus !== "EmailSent" &&
      !t.remindedInvoiceIds.includes(inv.id)
    )
      items.push({
        key: `overdueNotReminded:${inv.id}`,
        rule: "overdueNotReminded",
        severity: "medium",
        title: `${name} is ${countOf(late, "day")} overdue and was never sent a reminder`,
        why: `Nobody has reminded ${c.name}, so the forecast expects this invoice only ${UNREMINDED_OVERDUE_LANDING_DAYS} days from now; ${reminderWords(c.id)}.${habitText(c)}`,
        fix: { kind: "app", href: `/b/${businessId}/decisions`, label: "Chase it in Decisions" },
        amountCents: inv.balanceCents,
      });
  }

  for (const cr of t.credits) {
    // Customers and vendors have separate id spaces in QuickBooks: look the party up by kind.
    const party = !cr.partyId
      ? undefined
      : cr.type === "VendorCredit"
        ? vendorName.get(cr.partyId)
        : customer.get(cr.partyId)?.name;
    const what =
      cr.type === "Payment"
        ? "Unapplied customer payment"
        : cr.type === "CreditMemo"
          ? "Open credit memo"
          : "Open vendor credit";
    items.push({
      key: `unappliedCredit:${cr.type}:${cr.id}`,
      rule: "unappliedCredit",
      severity: cr.type === "Payment" ? "medium" : "low",
      title: `${what} of ${fmt(cr.cents)}${party ? ` (${party})` : ""}`,
      why:
        cr.type === "VendorCredit"
          ? "Until applied to a bill, the bill looks larger than what you will pay."
          : "Until applied to an invoice, the invoice looks unpaid and is counted as money still to come.",
      fix: {
        kind: "qbo",
        entity:
          cr.type === "Payment" ? "recvpayment" : cr.type === "CreditMemo" ? "creditmemo" : "vendorcredit",
        id: cr.id,
        label: "Apply it in QuickBooks",
      },
      amountCents: cr.cents,
    });
  }

  const uncategorized = new Set(t.uncategorizedAccountIds);
  for (const p of t.purchases)
    if (p.lineAccountIds.some((a) => uncategorized.has(a)))
      items.push({
        key: `uncategorizedExpense:${p.id}`,
        rule: "uncategorizedExpense",
        severity: "low",
        title: `Expense of ${fmt(p.amountCents)} on ${p.date} is uncategorized`,
        why: "Uncategorized spending hides recurring costs from the forecast's baseline and from your books.",
        fix: { kind: "qbo", entity: "expense", id: p.id, label: "Categorize it in QuickBooks" },
        amountCents: p.amountCents,
      });

  const vendorsWithOpen = new Set(open.map((b) => b.vendorId).filter(Boolean));
  for (const v of t.vendors)
    if (!v.termId && vendorsWithOpen.has(v.id))
      items.push({
        key: `vendorNoTerms:${v.id}`,
        rule: "vendorNoTerms",
        severity: "low",
        title: `${v.name} has no payment terms`,
        why: "Bills without a due date from this vendor cannot be placed on the right day.",
        fix: { kind: "qbo", entity: "vendor", id: v.id, label: "Set terms in QuickBooks" },
        amountCents: null,
      });

  // An open bill far from its vendor's usual amount (median of earlier bills).
  for (const b of open) {
    if (!b.vendorId || !b.txnDate) continue;
    const earlier = t.bills
      .filter((x) => x.vendorId === b.vendorId && x.id !== b.id && x.txnDate && x.txnDate < b.txnDate!)
      .map((x) => x.amountCents)
      .sort((x, y) => x - y);
    if (earlier.length < UNUSUAL_MIN_HISTORY) continue;
    const mid = earlier.length >> 1;
    const median = earlier.length % 2 ? earlier[mid]! : Math.floor((earlier[mid - 1]! + earlier[mid]!) / 2);
    if (median <= 0) continue;
    if (b.amountCents > median * UNUSUAL_FACTOR || b.amountCents * UNUSUAL_FACTOR < median)
      items.push({
        key: `unusualAmount:${b.id}`,
        rule: "unusualAmount",
        severity: "medium",
        title: `${billName(b)} is ${fmt(b.amountCents)}; this vendor's usual bill is ${fmt(median)}`,
        why: "An amount far from the norm is often a typo or a one-off worth checking before it is paid.",
        fix: { kind: "qbo", entity: "bill", id: b.id, label: "Check the bill in QuickBooks" },
        amountCents: b.amountCents,
      });
  }

  // Most severe first; within a severity, sync problems and drift lead (they make everything else
  // unreliable), then the largest amounts.
  const order: Record<TTraySeverity, number> = { high: 0, medium: 1, low: 2 };
  const lead = (r: TTrayRule) => (r === "syncProblem" ? 0 : r === "writeDrift" ? 1 : 2);
  return items.sort(
    (a, b) =>
      order[a.severity] - order[b.severity] ||
      lead(a.rule) - lead(b.rule) ||
      (b.amountCents ?? 0) - (a.amountCents ?? 0),
  );
}
