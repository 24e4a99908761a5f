/**
 * The money model (../../docs/metrics.md is its prose twin; ../../../shared/design.md §2 its
 * source). Pure functions of a ledger and an explicit `asOf`: no database, no clock, no I/O.
 */
import { toHomeCents } from "./currency";
import { addDays, addMonthsFirst, dayOfMonth, daysBetween, isLastDayOfMonth, maxDate } from "./dates";
import { hypotheticalFlows, lostClients, movedDate, templateKey } from "./scenario-items";
import type {
  TAging,
  TAgingBucket,
  TBasis,
  TChange,
  TFlow,
  THabit,
  TLedger,
  TLedgerAccount,
  TLedgerCashTxn,
  TLedgerDoc,
  TProjectionDay,
  TRecurringSeries,
  TRunway,
  TRunwayOptions,
  TRunwayResult,
  TSubject,
  TVendorPattern,
} from "./types";

/** The projection covers asOf and the 90 days after it: 13 weeks. */
export const HORIZON_DAYS = 91;
/** Beyond the horizon, runway follows the projection's slope over its last this many days (63–90). */
export const SLOPE_DAYS = 28;
/** Trailing window for baseline burn, recurring detection, net burn and at-risk customers. */
export const TRAILING_DAYS = 90;
/**
 * An overdue invoice (its expected date has passed) with no reminder sent is expected this many
 * days after asOf: nothing has prompted the customer, so the forecast does not count on it soon.
 */
export const UNREMINDED_OVERDUE_LANDING_DAYS = 30;
/**
 * A reminded invoice is expected the customer's habit (its median days late) after the reminder,
 * at least this many days after it; if that date has passed too, this many days after asOf.
 */
export const OVERDUE_INVOICE_LANDING_DAYS = 5;
/** Payments sitting in Undeposited Funds reach the bank this many days after asOf. */
export const UNDEPOSITED_LANDING_DAYS = 2;
/** Invoices more than this many days past due are at-risk AR. */
export const AT_RISK_DAYS_PAST_DUE = 90;
/** Payment habits use a customer's most recent paid invoices, up to this many. */
export const HABIT_SAMPLE = 6;
/** Recurring outflows: same payee, same day of the month (± this many days)… */
export const RECURRING_DAY_TOLERANCE = 3;
/** …seen in at least this many distinct months of the trailing window. */
export const RECURRING_MIN_MONTHS = 3;

const BANK = "Bank";

export function computeRunway(ledger: TLedger, options: TRunwayOptions): TRunwayResult {
  const { asOf } = options;
  const home = ledger.homeCurrency;
  const horizonEnd = addDays(asOf, HORIZON_DAYS - 1);
  const windowStart = addDays(asOf, -TRAILING_DAYS);
  const windowEnd = addDays(asOf, -1);
  const changes = options.changes ?? [];
  const reserves = [
    ...(options.reserves ?? []),
    ...changes.flatMap((c) => (c.kind === "reserve" ? [c.reserve] : [])),
  ];
  const billDates = new Map(changes.flatMap((c) => (c.kind === "payBill" ? [[c.billId, c.date]] : [])));
  const promises = new Map(changes.flatMap((c) => (c.kind === "promise" ? [[c.invoiceId, c.date]] : [])));
  // Stryker disable next-line ArrayDeclaration: a non-item in the list matches no item kind and adds nothing
  const items = changes.flatMap((c) => (c.kind === "hypothetical" ? [c.item] : []));
  const lost = lostClients(items);
  const reminders = new Map<string, string>();
  for (const c of changes)
    if (c.kind === "remind" && (reminders.get(c.invoiceId) ?? "") < c.date)
      reminders.set(c.invoiceId, c.date);
  const unconverted: TRunwayResult["issues"]["unconverted"] = [];
  const convert = (
    type: string,
    d: { id: string; currency: string | null; exchangeRate: string | null },
    cents: number,
  ) => {
    const v = toHomeCents(cents, d.currency, d.exchangeRate, home);
    if (v === null) unconverted.push({ type, id: d.id, currency: d.currency });
    return v;
  };

  // ── cash on hand ──
  const cash0 = cashOnHand(ledger.accounts, home);
  unconverted.push(...cash0.unconverted);
  const { bankAccounts, cashOnHandCents } = cash0;

  // ── payment habits ──
  const habits = memo(ledger, "habits", () => computeHabits(ledger));
  const habitOf = new Map(habits.map((h) => [h.customerId, h]));
  const termDaysOf = (termId: string | null | undefined) =>
    termId ? (ledger.termDays[termId] ?? null) : null;
  const customerTerm = new Map(ledger.customers.map((c) => [c.id, termDaysOf(c.termId)]));
  const vendorTerm = new Map(ledger.vendors.map((v) => [v.id, termDaysOf(v.termId)]));
  const customerName = new Map(ledger.customers.map((c) => [c.id, c.name]));
  const vendorName = new Map(ledger.vendors.map((v) => [v.id, v.name]));

  // Customers with no payment in the trailing window, who have been invoiced for longer than it.
  const { lastPayment, firstInvoiced } = memo(ledger, `customers:${asOf}`, () => {
    const lastPayment = new Map<string, string>();
    for (const p of ledger.customerPaymentDates)
      if (p.date <= asOf && (lastPayment.get(p.customerId) ?? "") < p.date)
        lastPayment.set(p.customerId, p.date);
    const firstInvoiced = new Map<string, string>();
    for (const list of [ledger.openInvoices, ledger.paidInvoices])
      for (const inv of list) {
        if (!inv.partyId || !inv.txnDate) continue;
        const f = firstInvoiced.get(inv.partyId);
        if (!f || inv.txnDate < f) firstInvoiced.set(inv.partyId, inv.txnDate);
      }
    return { lastPayment, firstInvoiced };
  });
  const silentCustomer = (id: string | null) =>
    !!id && (firstInvoiced.get(id) ?? asOf) <= windowStart && (lastPayment.get(id) ?? "") < windowStart;

  // ── expected inflows ──
  const inflows: TFlow[] = [];
  const atRiskAr: TRunwayResult["atRiskAr"] = [];
  for (const inv of sortDocs(ledger.openInvoices)) {
    if (inv.balanceCents <= 0) continue;
    const cents = convert("Invoice", inv, inv.balanceCents);
    if (cents === null) continue;
    const due = inv.dueDate ?? inv.txnDate ?? asOf;
    const promised = promises.get(inv.id);
    const label = docSubject("Invoice", inv, customerName);
    if (promised) {
      inflows.push(
        flow(maxDate(promised, asOf), cents, "invoice", "Invoice", inv, label, { kind: "promised" }),
      );
      continue;
    }
    const pastDue = daysBetween(due, asOf);
    if (pastDue > AT_RISK_DAYS_PAST_DUE || silentCustomer(inv.partyId)) {
      atRiskAr.push({
        invoiceId: inv.id,
        docNumber: inv.docNumber,
        txnDate: inv.txnDate,
        customerId: inv.partyId,
        customerName: customerName.get(inv.partyId ?? "") ?? null,
        cents,
        why:
          pastDue > AT_RISK_DAYS_PAST_DUE
            ? { kind: "pastDue", days: pastDue }
            : { kind: "noRecentPayment", days: TRAILING_DAYS },
      });
      continue;
    }
    const habit = inv.partyId ? habitOf.get(inv.partyId) : undefined;
    const late = habit?.medianDaysLate ?? 0;
    let date = addDays(due, late);
    let basis: TBasis = habit
      ? { kind: "habit", medianDaysLate: habit.medianDaysLate, sample: habit.sample }
      : { kind: inv.dueDate ? "dueDate" : "invoiceDate" };
    let overdue: TFlow["overdue"];
    if (date < asOf) {
      const reminded = reminders.get(inv.id);
      overdue = { daysPastDue: Math.max(pastDue, 0), remindedOn: reminded ?? null };
      const afterReminder = reminded ? reminderLanding(reminded, late) : null;
      if (reminded && afterReminder! >= asOf) {
        date = afterReminder!;
        basis = { kind: "reminded", on: reminded, days: daysBetween(reminded, date) };
      } else if (reminded) {
        date = addDays(asOf, OVERDUE_INVOICE_LANDING_DAYS);
        basis = { kind: "overdueReminded", days: OVERDUE_INVOICE_LANDING_DAYS };
      } else {
        date = addDays(asOf, UNREMINDED_OVERDUE_LANDING_DAYS);
        basis = { kind: "overdueUnreminded", days: UNREMINDED_OVERDUE_LANDING_DAYS };
      }
    }
    inflows.push({
      ...flow(date, cents, "invoice", "Invoice", inv, label, basis),
      ...(overdue && { overdue }),
    });
  }
  for (const a of ledger.accounts) {
    if (a.subType !== "UndepositedFunds" || !a.active || a.balanceCents <= 0) continue;
    const v = toHomeCents(a.balanceCents, a.currency, null, home);
    if (v === null) continue;
    inflows.push({
      date: addDays(asOf, UNDEPOSITED_LANDING_DAYS),
      amountCents: v,
      kind: "undepositedFunds",
      ref: { type: "Account", id: a.id },
      subject: { kind: "undeposited" },
      partyId: null,
      basis: { kind: "undeposited", days: UNDEPOSITED_LANDING_DAYS },
    });
  }

  // ── recurring templates (QBO) ──
  const outflows: TFlow[] = [];
  const templatedVendors = new Set<string>();
  for (const r of ledger.recurring) {
    if (!r.nextDate || !r.amountCents || r.amountCents <= 0) continue;
    const incoming = r.txnType === "Invoice" || r.txnType === "SalesReceipt";
    const outgoing = r.txnType === "Bill" || r.txnType === "Purchase";
    if (!incoming && !outgoing) continue;
    if (outgoing && r.partyId) templatedVendors.add(r.partyId);
    if (incoming && silentCustomer(r.partyId)) continue;
    for (const planned of templateDates(r, asOf, horizonEnd)) {
      const d = movedDate(items, templateKey(r.id), planned, asOf);
      const movedFrom = d === planned ? {} : { movedFrom: planned };
      const party = r.partyId ? (incoming ? customerName : vendorName).get(r.partyId) : undefined;
      const label: TSubject = { kind: "template", name: r.name, txnType: r.txnType, party: party ?? null };
      if (incoming) {
        const habit = r.partyId ? habitOf.get(r.partyId) : undefined;
        const terms = r.txnType === "Invoice" ? (customerTerm.get(r.partyId ?? "") ?? 0) : 0;
        const late = r.txnType === "Invoice" ? (habit?.medianDaysLate ?? 0) : 0;
        const date = maxDate(addDays(d, terms + late), asOf);
        if (date > horizonEnd) continue;
        inflows.push({
          date,
          amountCents: r.amountCents,
          kind: "recurringIncome",
          ref: { type: "RecurringTransaction", id: r.id },
          subject: label,
          partyId: r.partyId,
          basis: { kind: "recurringIncome", txnType: r.txnType, date: d, lagDays: terms + late },
          ...movedFrom,
        });
      } else if (d <= horizonEnd) {
        outflows.push({
          date: d,
          amountCents: r.amountCents,
          kind: "recurringOutflow",
          ref: { type: "RecurringTransaction", id: r.id },
          subject: label,
          partyId: r.partyId,
          basis: { kind: "recurringTemplate" },
          ...movedFrom,
        });
      }
    }
  }

  // ── trailing bank flows: baseline burn, recurring outflows, net burn ──
  // Trailing flows and recurring series depend on the ledger and asOf only, never on hypothetical
  // changes, so what-if recomputations share them.
  const { trailing, series, covered, trailingUnconverted } = memo(ledger, `trailing:${asOf}`, () => {
    const trailingUnconverted: typeof unconverted = [];
    const bankIds = new Set(ledger.accounts.filter((a) => a.type === BANK).map((a) => a.id));
    const trailing = classifyBankFlows(ledger.cashTxns, bankIds, windowStart, windowEnd, (type, d, cents) => {
      const v = toHomeCents(cents, d.currency, d.exchangeRate, home);
      if (v === null) trailingUnconverted.push({ type, id: d.id, currency: d.currency });
      return v;
    });
    return { trailing, trailingUnconverted, ...detectRecurring(trailing.out, templatedVendors, vendorName) };
  });
  unconverted.push(...trailingUnconverted);
  for (const s of series) {
    for (const planned of seriesDates(s, asOf, horizonEnd)) {
      const d = movedDate(items, s.key, planned, asOf);
      if (d > horizonEnd) continue;
      outflows.push({
        date: d,
        amountCents: s.amountCents,
        kind: "recurringOutflow",
        ref: null,
        subject: s.subject,
        partyId: s.vendorId,
        basis: {
          kind: "recurringDetected",
          dayOfMonth: s.dayOfMonth,
          occurrences: s.occurrences,
          windowDays: TRAILING_DAYS,
        },
        ...(d === planned ? {} : { movedFrom: planned }),
      });
    }
  }
  let burnTotal = 0;
  let recurringExcluded = 0;
  for (const o of trailing.out) {
    if (o.kind === "billPayment") continue;
    if (covered.has(o.txn.id)) recurringExcluded += o.cents;
    else burnTotal += o.cents;
  }
  const trailingNetOutCents =
    trailing.out.reduce((s, o) => s + o.cents, 0) - trailing.in.reduce((s, i) => s + i.cents, 0);

  // ── expected outflows: open bills ──
  // A bill without a due date is due its terms after its date (its own terms, else the vendor's):
  // one rule for where the forecast places it and how it is aged.
  const billTerms = (bill: TLedgerDoc) => termDaysOf(bill.termId) ?? vendorTerm.get(bill.partyId ?? "") ?? 0;
  const billDue = (bill: TLedgerDoc) => bill.dueDate ?? addDays(bill.txnDate ?? asOf, billTerms(bill));
  const billsWithoutDueDate: string[] = [];
  for (const bill of sortDocs(ledger.openBills)) {
    if (bill.balanceCents <= 0) continue;
    const cents = convert("Bill", bill, bill.balanceCents);
    if (cents === null) continue;
    const label = docSubject("Bill", bill, vendorName);
    if (!bill.dueDate) billsWithoutDueDate.push(bill.id);
    const chosen = billDates.get(bill.id);
    let date: string;
    let basis: TBasis;
    if (chosen) {
      date = maxDate(chosen, asOf);
      basis = { kind: "scheduled" };
    } else if (bill.dueDate) {
      date = bill.dueDate;
      basis = { kind: "dueDate" };
    } else {
      date = billDue(bill);
      basis = { kind: "billNoDueDate", termDays: billTerms(bill) };
    }
    if (date < asOf) {
      date = asOf;
      basis = { kind: "billOverdue" };
    }
    const pastDue = daysBetween(billDue(bill), asOf);
    outflows.push({
      ...flow(date, cents, "bill", "Bill", bill, label, basis),
      ...(pastDue > 0 && { overdue: { daysPastDue: pastDue, remindedOn: null } }),
    });
  }

  // ── open credits lower what the party's next documents bring or cost ──
  applyCredits(inflows, ledger, "customer", convert);
  applyCredits(outflows, ledger, "vendor", convert);

  // ── reserves ──
  let reservedNow = 0;
  const releases = new Map<string, number>();
  let percentBp = 0;
  for (const r of reserves) {
    if (r.kind === "hold") {
      reservedNow += r.amountCents;
      if (r.releaseDate) {
        const d = maxDate(r.releaseDate, asOf);
        releases.set(d, (releases.get(d) ?? 0) + r.amountCents);
      }
    } else if (r.kind === "setAside") {
      reservedNow += r.amountCents;
      const d = maxDate(r.payDate, asOf);
      releases.set(d, (releases.get(d) ?? 0) + r.amountCents);
      outflows.push({
        date: d,
        amountCents: r.amountCents,
        kind: "setAside",
        ref: { type: "Reserve", id: r.id },
        subject: { kind: "reserve", names: [r.name] },
        partyId: null,
        basis: { kind: "setAside" },
      });
    } else {
      percentBp += r.basisPoints;
    }
  }
  percentBp = Math.min(percentBp, 10_000);

  // ── a scenario's hypothetical items: their own flows; a lost client's inflows gone ──
  const named = new Map(items.map((it) => [it.id, it.name]));
  for (const h of hypotheticalFlows(items, asOf, horizonEnd))
    (h.amountCents > 0 ? inflows : outflows).push({
      date: h.date,
      amountCents: Math.abs(h.amountCents),
      kind: "scenario",
      ref: { type: "ScenarioItem", id: h.itemId },
      subject: { kind: "scenarioItem", name: named.get(h.itemId)!, part: h.part },
      partyId: null,
      basis: { kind: "scenario" },
    });
  if (lost.size > 0)
    for (let i = inflows.length - 1; i >= 0; i--) {
      const f = inflows[i]!;
      const from = f.partyId ? lost.get(f.partyId) : undefined;
      if (from !== undefined && f.date >= from) inflows.splice(i, 1);
    }

  // ── the day-by-day projection ──
  const inByDay = sumByDate(inflows);
  const outByDay = sumByDate(outflows);
  const days: TProjectionDay[] = [];
  let cash = cashOnHandCents;
  let reserved = reservedNow;
  for (let d = 0; d < HORIZON_DAYS; d++) {
    const date = addDays(asOf, d);
    const inflow = inByDay.get(date) ?? 0;
    const outflow = outByDay.get(date) ?? 0;
    const burnCents = spread(burnTotal, TRAILING_DAYS, d);
    cash += inflow - outflow - burnCents;
    reserved += percentOf(inflow, percentBp) - (releases.get(date) ?? 0);
    days.push({
      date,
      inflowCents: inflow,
      outflowCents: outflow,
      burnCents,
      cashCents: cash,
      reservedCents: reserved,
      spendableCents: cash - reserved,
    });
  }
  const lowest = lowOf(asOf, cashOnHandCents - reservedNow, days, HORIZON_DAYS);

  // ── runway ──
  let runway: TRunway;
  const first = ledger.firstActivityDate;
  if (bankAccounts.length === 0) {
    runway = {
      kind: "insufficientData",
      reason: "noBankAccount",
      firstActivityDate: first,
      windowDays: TRAILING_DAYS,
    };
  } else if (!first || first > windowStart) {
    runway = {
      kind: "insufficientData",
      reason: "shortHistory",
      firstActivityDate: first,
      windowDays: TRAILING_DAYS,
    };
  } else {
    const path = runwayOfPath(days.map((day) => day.spendableCents));
    runway =
      path === null
        ? { kind: "notBurning" }
        : {
            kind: "days",
            days: path.days,
            date: addDays(asOf, path.days),
            beyondHorizon: path.beyondHorizon,
          };
  }

  return {
    asOf,
    horizonEnd,
    homeCurrency: home,
    cashOnHandCents,
    bankAccounts,
    reservedCents: reservedNow,
    spendableCents: cashOnHandCents - reservedNow,
    reserves,
    inflows: inflows.filter((f) => f.date <= horizonEnd).sort(byDate),
    outflows: outflows.filter((f) => f.date <= horizonEnd).sort(byDate),
    atRiskAr,
    burn: { windowStart, windowEnd, totalCents: burnTotal, recurringExcludedCents: recurringExcluded },
    trailingNetOutCents,
    recurringSeries: series,
    days,
    lowest: { date: lowest.date, spendableCents: lowest.spendableCents },
    runway,
    arAging: aging(ledger.openInvoices, asOf, (d) => convert("Invoice", d, d.balanceCents), invoiceDue),
    apAging: aging(ledger.openBills, asOf, (d) => convert("Bill", d, d.balanceCents), billDue),
    withoutDueDate: {
      ar: undated(ledger.openInvoices, (d) => convert("Invoice", d, d.balanceCents)),
      ap: undated(ledger.openBills, (d) => convert("Bill", d, d.balanceCents)),
    },
    habits,
    vendorPatterns: memo(ledger, "vendorPatterns", () => computeVendorPatterns(ledger)),
    issues: { billsWithoutDueDate, unconverted: dedupe(unconverted) },
  };
}

/**
 * The runway rule (docs/metrics.md) on a projected path of daily spendable closes, day 0 first:
 * the first day below zero; else, past the horizon, the path's own slope over its last SLOPE_DAYS
 * days goes on (so the headline and the chart tell one story); null when that slope does not go
 * down (not burning).
 */
export function runwayOfPath(closes: readonly number[]): { days: number; beyondHorizon: boolean } | null {
  const below = closes.findIndex((c) => c < 0);
  if (below >= 0) return { days: below, beyondHorizon: false };
  const last = closes[closes.length - 1]!;
  const drop = closes[closes.length - 1 - SLOPE_DAYS]! - last;
  if (drop <= 0) return null;
  // last ÷ (drop ÷ SLOPE_DAYS) more days, in integers.
  return { days: closes.length + Math.floor((last * SLOPE_DAYS) / drop), beyondHorizon: true };
}

/** Derived facts that depend only on the ledger (and asOf), shared by what-if recomputations. */
const memoStore = new WeakMap<TLedger, Map<string, unknown>>();
function memo<T>(ledger: TLedger, key: string, make: () => T): T {
  let m = memoStore.get(ledger);
  if (!m) {
    m = new Map();
    memoStore.set(ledger, m);
  }
  if (!m.has(key)) m.set(key, make());
  return m.get(key) as T;
}

/** A low point of the projected spendable balance. */
export type TLow = { date: string; spendableCents: number };

/**
 * How a hypothetical set of changes moves the projection: runway, the low points over the next
 * 4 and 13 weeks, the days under the alert threshold, spendable on the decision's own date, and
 * both paths day by day (for an overlay). "same" only when the path is identical on every day.
 */
export type TImpact = {
  before: TRunway;
  after: TRunway;
  /** after − before in days when both are a number of days; null otherwise (see `summary`). */
  runwayDeltaDays: number | null;
  summary: "moreDays" | "fewerDays" | "sameRunway" | "same" | "nowNotBurning" | "nowBurning" | "unknown";
  /** Whether any day's projected spendable differs. */
  pathChanged: boolean;
  /** The 13-week low point (opening spendable included). */
  lowestBefore: TLow;
  lowestAfter: TLow;
  lowestDeltaCents: number;
  /** The low point over the next 4 weeks (days 0–27, opening spendable included). */
  low4Weeks: { before: TLow; after: TLow; deltaCents: number };
  /** Days of the 13 weeks whose projected spendable closes under the alert threshold. */
  daysBelowThreshold: { thresholdCents: number; before: number; after: number };
  /** Projected spendable at the close of the decision's date (null when none was given). */
  onDate: { date: string; beforeCents: number; afterCents: number } | null;
  /** Both projections' daily spendable closes, day 0 first. */
  path: { date: string; beforeCents: number; afterCents: number }[];
};

/** The 4-week window the impact's near-term low point covers. */
export const NEAR_TERM_DAYS = 28;

/**
 * Cash on hand:/**
 * Cash on hand: the CurrentBalance of active Bank accounts in home currency. Accounts carry no
 * exchange rate of their own, so a foreign-currency bank account is reported, not mixed in.
 */
export function cashOnHand(
  accounts: TLedgerAccount[],
  home: string,
): {
  bankAccounts: TRunwayResult["bankAccounts"];
  cashOnHandCents: number;
  unconverted: TRunwayResult["issues"]["unconverted"];
} {
  const bankAccounts: TRunwayResult["bankAccounts"] = [];
  const unconverted: TRunwayResult["issues"]["unconverted"] = [];
  for (const a of accounts) {
    if (a.type !== BANK || !a.active) continue;
    const v = toHomeCents(a.balanceCents, a.currency, null, home);
    if (v === null) unconverted.push({ type: "Account", id: a.id, currency: a.currency });
    else bankAccounts.push({ id: a.id, name: a.name, balanceCents: v });
  }
  return { bankAccounts, cashOnHandCents: bankAccounts.reduce((s, a) => s + a.balanceCents, 0), unconverted };
}

export function whatIf(
  ledger: TLedger,
  options: TRunwayOptions,
  changes: TChange[],
  base: TRunwayResult = computeRunway(ledger, options),
  o: { thresholdCents?: number; date?: string } = {},
): TImpact {
  const next = computeRunway(ledger, { ...options, changes: [...(options.changes ?? []), ...changes] });
  return compareRunways(base, next, o);
}

export function compareRunways(
  base: TRunwayResult,
  next: TRunwayResult,
  o: { thresholdCents?: number; date?: string } = {},
): TImpact {
  const a = base.runway;
  const b = next.runway;
  const path = base.days.map((d, i) => ({
    date: d.date,
    beforeCents: d.spendableCents,
    afterCents: next.days[i]!.spendableCents,
  }));
  const pathChanged =
    base.spendableCents !== next.spendableCents || path.some((p) => p.beforeCents !== p.afterCents);
  let runwayDeltaDays: number | null = null;
  let summary: TImpact["summary"] = "unknown";
  const unmoved = pathChanged ? "sameRunway" : "same";
  if (a.kind === "days" && b.kind === "days") {
    runwayDeltaDays = b.days - a.days;
    summary = runwayDeltaDays > 0 ? "moreDays" : runwayDeltaDays < 0 ? "fewerDays" : unmoved;
  } else if (a.kind === "notBurning" && b.kind === "notBurning") summary = unmoved;
  else if (a.kind === "days" && b.kind === "notBurning") summary = "nowNotBurning";
  else if (a.kind === "notBurning" && b.kind === "days") summary = "nowBurning";
  else if (!pathChanged) summary = "same";
  const threshold = o.thresholdCents ?? 0;
  const under = (r: TRunwayResult) => r.days.filter((d) => d.spendableCents < threshold).length;
  const near = (r: TRunwayResult) => lowOf(r.asOf, r.spendableCents, r.days, NEAR_TERM_DAYS);
  const on = o.date ? path.find((p) => p.date === o.date) : undefined;
  return {
    before: a,
    after: b,
    runwayDeltaDays,
    summary,
    pathChanged,
    lowestBefore: base.lowest,
    lowestAfter: next.lowest,
    lowestDeltaCents: next.lowest.spendableCents - base.lowest.spendableCents,
    low4Weeks: {
      before: near(base),
      after: near(next),
      deltaCents: near(next).spendableCents - near(base).spendableCents,
    },
    daysBelowThreshold: { thresholdCents: threshold, before: under(base), after: under(next) },
    onDate: on ? { date: on.date, beforeCents: on.beforeCents, afterCents: on.afterCents } : null,
    path,
  };
}

/**
 * The low point: today's opening spendable or one of the first `n` days' closes, whichever is
 * lowest, at the first date it is reached (an inflow landing today cannot lift the low point
 * above what is spendable now).
 */
export function lowOf(asOf: string, openingCents: number, days: TProjectionDay[], n: number): TLow {
  let low: TLow = { date: asOf, spendableCents: openingCents };
  for (const d of days.slice(0, n)) if (d.spendableCents < low.spendableCents) low = d;
  return { date: low.date, spendableCents: low.spendableCents };
}

/**
 * When a reminded overdue invoice is expected: the customer's habit (median days late; 0 without
 * one) after the reminder, never sooner than `OVERDUE_INVOICE_LANDING_DAYS` after it and never
 * later than an invoice nobody reminded (`UNREMINDED_OVERDUE_LANDING_DAYS`): a reminder cannot
 * make money come in later.
 */
export function reminderLanding(remindedOn: string, medianDaysLate: number): string {
  const days = Math.min(
    Math.max(medianDaysLate, OVERDUE_INVOICE_LANDING_DAYS),
    UNREMINDED_OVERDUE_LANDING_DAYS,
  );
  return addDays(remindedOn, days);
}

/** A customer's payment habit as shown beside its invoices (null: it has no paid invoices yet). */
export function habitLookup(habits: THabit[]) {
  const byCustomer = new Map(habits.map((h) => [h.customerId, h]));
  return (customerId: string | null): { medianDaysLate: number; sample: number } | null => {
    const h = customerId ? byCustomer.get(customerId) : undefined;
    return h ? { medianDaysLate: h.medianDaysLate, sample: h.sample } : null;
  };
}

// ── parts ─────────────────────────────────────────────────────────────────────────────────

function flow(
  date: string,
  amountCents: number,
  kind: TFlow["kind"],
  type: string,
  doc: TLedgerDoc,
  subject: TSubject,
  basis: TBasis,
): TFlow {
  return { date, amountCents, kind, ref: { type, id: doc.id }, subject, partyId: doc.partyId, basis };
}

function docSubject(type: "Invoice" | "Bill", doc: TLedgerDoc, names: Map<string, string>): TSubject {
  return {
    kind: "document",
    type,
    docNumber: doc.docNumber,
    txnDate: doc.txnDate,
    // Stryker disable next-line StringLiteral: no party has the key looked up for a document without one
    party: names.get(doc.partyId ?? "") ?? null,
  };
}

function sortDocs(docs: TLedgerDoc[]): TLedgerDoc[] {
  return [...docs].sort(
    (a, b) => cmp(a.dueDate ?? a.txnDate ?? "", b.dueDate ?? b.txnDate ?? "") || cmpId(a.id, b.id),
  );
}

/** Plain code-unit order: ISO dates sort correctly, and ids and labels only need a stable order. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function cmpId(a: string, b: string): number {
  return a.length - b.length || cmp(a, b);
}

function byDate(a: TFlow, b: TFlow): number {
  return cmp(a.date, b.date) || b.amountCents - a.amountCents || cmp(subjectKey(a), subjectKey(b));
}

/** A stable order for same-day, same-amount flows: by what they are. */
function subjectKey(f: TFlow): string {
  return JSON.stringify(f.subject);
}

function sumByDate(flows: TFlow[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of flows) m.set(f.date, (m.get(f.date) ?? 0) + f.amountCents);
  return m;
}

/** Day `d`'s share of `total` spread over `over` days, in whole cents that add up exactly. */
export function spread(total: number, over: number, d: number): number {
  return Math.floor(((d + 1) * total) / over) - Math.floor((d * total) / over);
}

/** The reserved share of an inflow: basis points, rounded half up. */
function percentOf(cents: number, bp: number): number {
  return bp === 0 ? 0 : Math.floor((cents * bp + 5_000) / 10_000);
}

/**
 * Payment habits: for each customer, days from due date to payment over its most recent paid
 * invoices (the invoice's last payment date). Median; for an even sample the lower of the two
 * middle values' mean, rounded down.
 */
export function computeHabits(ledger: TLedger): THabit[] {
  const paidOn = new Map<string, string>();
  for (const a of ledger.applications)
    if ((paidOn.get(a.invoiceId) ?? "") < a.date) paidOn.set(a.invoiceId, a.date);
  const lastPayment = new Map<string, string>();
  for (const p of ledger.customerPaymentDates)
    if ((lastPayment.get(p.customerId) ?? "") < p.date) lastPayment.set(p.customerId, p.date);
  const byCustomer = new Map<string, { paid: string; late: number; id: string }[]>();
  for (const inv of ledger.paidInvoices) {
    const paid = paidOn.get(inv.id);
    const due = inv.dueDate ?? inv.txnDate;
    if (!inv.partyId || !paid || !due) continue;
    const list = byCustomer.get(inv.partyId) ?? [];
    list.push({ paid, late: daysBetween(due, paid), id: inv.id });
    byCustomer.set(inv.partyId, list);
  }
  const habits: THabit[] = [];
  for (const [customerId, list] of byCustomer) {
    list.sort((a, b) => cmp(b.paid, a.paid) || cmpId(b.id, a.id));
    const recent = list.slice(0, HABIT_SAMPLE).map((x) => x.late);
    habits.push({
      customerId,
      medianDaysLate: median(recent),
      sample: recent.length,
      lastPaymentDate: lastPayment.get(customerId) ?? null,
    });
  }
  return habits.sort((a, b) => cmpId(a.customerId, b.customerId));
}

/**
 * Vendors' payment patterns: for each vendor, days from a paid bill's due date (its date plus its
 * terms, else the vendor's, without one) to the latest bill payment applied to it, over its most
 * recent `HABIT_SAMPLE` paid bills; the median, as for customers.
 */
export function computeVendorPatterns(ledger: TLedger): TVendorPattern[] {
  const paidOn = new Map<string, string>();
  for (const p of ledger.billPayments)
    if ((paidOn.get(p.billId) ?? "") < p.date) paidOn.set(p.billId, p.date);
  const termDays = (termId: string | null | undefined) => (termId ? (ledger.termDays[termId] ?? null) : null);
  const vendorTerm = new Map(ledger.vendors.map((v) => [v.id, termDays(v.termId)]));
  const byVendor = new Map<string, { paid: string; late: number; id: string }[]>();
  for (const bill of ledger.paidBills) {
    const paid = paidOn.get(bill.id);
    if (!bill.partyId || !paid || !(bill.dueDate ?? bill.txnDate)) continue;
    const due =
      bill.dueDate ?? addDays(bill.txnDate!, termDays(bill.termId) ?? vendorTerm.get(bill.partyId) ?? 0);
    const list = byVendor.get(bill.partyId) ?? [];
    list.push({ paid, late: daysBetween(due, paid), id: bill.id });
    byVendor.set(bill.partyId, list);
  }
  const patterns: TVendorPattern[] = [];
  for (const [vendorId, list] of byVendor) {
    list.sort((a, b) => cmp(b.paid, a.paid) || cmpId(b.id, a.id));
    const recent = list.slice(0, HABIT_SAMPLE).map((x) => x.late);
    patterns.push({ vendorId, medianDaysLate: median(recent), sample: recent.length });
  }
  return patterns.sort((a, b) => cmpId(a.vendorId, b.vendorId));
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : Math.floor((s[mid - 1]! + s[mid]!) / 2);
}

type TBankMove = { txn: TLedgerCashTxn; cents: number; kind: string };

/**
 * Money in and out of bank accounts in the window. Transfers between two of the business's bank
 * accounts move nothing; card spend is counted when the card is paid (a CreditCardPayment from the
 * bank), not when it is charged.
 */
function classifyBankFlows(
  txns: TLedgerCashTxn[],
  bankIds: Set<string>,
  from: string,
  to: string,
  convert: (type: string, d: TLedgerCashTxn, cents: number) => number | null,
): { in: TBankMove[]; out: TBankMove[] } {
  const moves = { in: [] as TBankMove[], out: [] as TBankMove[] };
  for (const t of txns) {
    if (t.date < from || t.date > to) continue;
    const fromBank = !!t.accountId && bankIds.has(t.accountId);
    let dir: "in" | "out" | null = null;
    let kind = t.type;
    switch (t.type) {
      case "Transfer": {
        const toBank = !!t.toAccountId && bankIds.has(t.toAccountId);
        if (fromBank && !toBank) dir = "out";
        else if (toBank && !fromBank) dir = "in";
        break;
      }
      case "Purchase":
        if (fromBank) dir = t.isCredit ? "in" : "out";
        kind = "purchase";
        break;
      case "BillPayment":
        if (fromBank) dir = "out";
        kind = "billPayment";
        break;
      case "CreditCardPayment":
        if (fromBank) dir = "out";
        kind = "cardPayment";
        break;
      case "RefundReceipt":
        if (fromBank) dir = "out";
        break;
      case "Payment":
      case "Deposit":
      case "SalesReceipt":
        if (fromBank) dir = "in";
        break;
    }
    if (!dir) continue;
    const cents = convert(t.type, t, t.amountCents);
    if (cents === null) continue;
    moves[dir].push({ txn: t, cents, kind });
  }
  return moves;
}

/**
 * Recurring outflows: bank purchases to one vendor (or payments of one card) on the same day of
 * the month (± RECURRING_DAY_TOLERANCE; the last day of a month counts as day 31), seen in at
 * least RECURRING_MIN_MONTHS distinct months of the window. Vendors with a QBO recurring template
 * are left to the template.
 */
function detectRecurring(
  out: TBankMove[],
  templatedVendors: Set<string>,
  vendorName: Map<string, string>,
): { series: (TRecurringSeries & { last: string })[]; covered: Set<string> } {
  const groups = new Map<string, TBankMove[]>();
  for (const o of out) {
    let key: string | null = null;
    if (o.kind === "purchase" && o.txn.vendorId && !templatedVendors.has(o.txn.vendorId))
      key = `vendor:${o.txn.vendorId}`;
    else if (o.kind === "cardPayment" && o.txn.toAccountId) key = `card:${o.txn.toAccountId}`;
    if (!key) continue;
    const list = groups.get(key);
    if (list) list.push(o);
    else groups.set(key, [o]);
  }
  const series: (TRecurringSeries & { last: string })[] = [];
  const covered = new Set<string>();
  for (const [key, moves] of [...groups].sort(([a], [b]) => cmp(a, b))) {
    const dom = (m: TBankMove) => (isLastDayOfMonth(m.txn.date) ? 31 : Number(m.txn.date.slice(8, 10)));
    const sorted = [...moves].sort((a, b) => dom(a) - dom(b) || cmp(a.txn.date, b.txn.date));
    const clusters: TBankMove[][] = [];
    for (const m of sorted) {
      const c = clusters[clusters.length - 1];
      if (c && dom(m) - dom(c[c.length - 1]!) <= RECURRING_DAY_TOLERANCE) c.push(m);
      else clusters.push([m]);
    }
    for (const c of clusters) {
      const months = new Set(c.map((m) => m.txn.date.slice(0, 7)));
      if (months.size < RECURRING_MIN_MONTHS) continue;
      const doms = c.map(dom).sort((a, b) => a - b);
      const latest = [...c].sort((a, b) => cmp(b.txn.date, a.txn.date) || cmpId(b.txn.id, a.txn.id))[0]!;
      const vendorId = key.startsWith("vendor:") ? key.slice(7) : null;
      for (const m of c) covered.add(m.txn.id);
      series.push({
        key: `${key}:${doms[Math.floor((doms.length - 1) / 2)]}`,
        subject: {
          kind: "detected",
          toCard: !vendorId,
          party: vendorId ? (vendorName.get(vendorId) ?? null) : null,
        },
        vendorId,
        dayOfMonth: doms[Math.floor((doms.length - 1) / 2)]!,
        amountCents: latest.cents,
        occurrences: c.length,
        last: latest.txn.date,
      });
    }
  }
  return { series, covered };
}

/** A series' dates in [asOf, horizonEnd], skipping the month it was last paid in (within a week). */
function seriesDates(s: { dayOfMonth: number; last: string }, asOf: string, horizonEnd: string): string[] {
  const out: string[] = [];
  for (let m = addMonthsFirst(asOf, 0); m <= horizonEnd; m = addMonthsFirst(m, 1)) {
    const d = dayOfMonth(m, s.dayOfMonth);
    if (d < asOf || d > horizonEnd) continue;
    if (daysBetween(s.last, d) <= 7) continue;
    out.push(d);
  }
  return out;
}

/** A QBO template's occurrences in [asOf, horizonEnd], from its NextDate on. */
function templateDates(
  r: {
    nextDate: string | null;
    intervalType: string | null;
    numInterval: number | null;
    dayOfMonth: number | null;
  },
  asOf: string,
  horizonEnd: string,
): string[] {
  const out: string[] = [];
  if (!r.nextDate) return out;
  const n = Math.max(1, r.numInterval ?? 1);
  const step = (d: string, k: number): string | null => {
    switch (r.intervalType) {
      case "Daily":
        return addDays(d, n * k);
      case "Weekly":
        return addDays(d, 7 * n * k);
      case "Monthly":
        return dayOfMonth(addMonthsFirst(d, n * k), r.dayOfMonth ?? Number(d.slice(8, 10)));
      case "Yearly":
        return dayOfMonth(addMonthsFirst(d, 12 * n * k), Number(d.slice(8, 10)));
      default:
        return k === 0 ? d : null;
    }
  };
  for (let k = 0; k < 1000; k++) {
    const d = k === 0 ? r.nextDate : step(r.nextDate, k);
    if (!d || d > horizonEnd) break;
    if (d >= asOf) out.push(d);
  }
  return out;
}

/**
 * Open credits (credit memos, unapplied payments; vendor credits) are applied to the same
 * party's projected documents, earliest first, as QuickBooks will apply them.
 */
function applyCredits(
  flows: TFlow[],
  ledger: TLedger,
  side: "customer" | "vendor",
  convert: (
    type: string,
    d: { id: string; currency: string | null; exchangeRate: string | null },
    c: number,
  ) => number | null,
) {
  const left = new Map<string, number>();
  for (const c of ledger.credits) {
    if ((side === "vendor") !== (c.kind === "vendorCredit") || c.amountCents <= 0) continue;
    const v = convert(c.kind, c, c.amountCents);
    if (v !== null) left.set(c.partyId, (left.get(c.partyId) ?? 0) + v);
  }
  const kind = side === "customer" ? "invoice" : "bill";
  const docs = flows.filter((f) => f.kind === kind && f.partyId && left.has(f.partyId)).sort(byDate);
  for (const f of docs) {
    const credit = left.get(f.partyId!) ?? 0;
    if (credit <= 0) continue;
    const used = Math.min(credit, f.amountCents);
    f.amountCents -= used;
    f.creditAppliedCents = (f.creditAppliedCents ?? 0) + used;
    left.set(f.partyId!, credit - used);
  }
  for (let i = flows.length - 1; i >= 0; i--) if (flows[i]!.amountCents === 0) flows.splice(i, 1);
}

/** An invoice without a due date is due on its date (as the forecast treats it). */
const invoiceDue = (d: TLedgerDoc) => d.dueDate ?? d.txnDate;

/** Open documents without a due date: listed apart (they are aged by the date the forecast uses). */
function undated(
  docs: TLedgerDoc[],
  cents: (d: TLedgerDoc) => number | null,
): { cents: number; count: number } {
  let total = 0;
  let count = 0;
  for (const d of docs) {
    if (d.balanceCents <= 0 || d.dueDate) continue;
    const v = cents(d);
    if (v === null) continue;
    total += v;
    count++;
  }
  return { cents: total, count };
}

function aging(
  docs: TLedgerDoc[],
  asOf: string,
  cents: (d: TLedgerDoc) => number | null,
  dueOf: (d: TLedgerDoc) => string | null,
): TAging {
  const buckets: TAging = {
    current: { cents: 0, count: 0 },
    "1-30": { cents: 0, count: 0 },
    "31-60": { cents: 0, count: 0 },
    "61-90": { cents: 0, count: 0 },
    "91+": { cents: 0, count: 0 },
  };
  for (const d of docs) {
    if (d.balanceCents <= 0) continue;
    const v = cents(d);
    if (v === null) continue;
    const past = daysBetween(dueOf(d) ?? asOf, asOf);
    const b: TAgingBucket =
      past <= 0 ? "current" : past <= 30 ? "1-30" : past <= 60 ? "31-60" : past <= 90 ? "61-90" : "91+";
    buckets[b].cents += v;
    buckets[b].count += 1;
  }
  return buckets;
}

function dedupe<T extends { type: string; id: string }>(xs: T[]): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = `${x.type}:${x.id}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
