import { addDays, addMonthsFirst, dayOfMonth } from "./dates";

/**
 * Hypothetical items of a scenario (issue 17, docs/metrics.md "Scenarios"): what a hire, a loan, a
 * new retainer, a lost client or a one-off would add to (or take from) the projection. Never part
 * of the base: they reach the engine only as a scenario's changes. Pure.
 */
export type THypothetical =
  /**
   * A hire: gross pay of `monthlyCents` on `payDay` of each month from `from`, plus the employer's
   * payroll-tax share of it (`taxBp` basis points, e.g. 765 for 7.65%), paid with it.
   */
  | {
      kind: "hire";
      id: string;
      name: string;
      monthlyCents: number;
      from: string;
      payDay: number;
      taxBp: number;
    }
  /**
   * A loan or credit-line draw: `amountCents` in on `on`; then `months` repayments of
   * `repaymentCents` on the same day of the month as `firstRepayment`, from it.
   */
  | {
      kind: "loan";
      id: string;
      name: string;
      amountCents: number;
      on: string;
      repaymentCents: number;
      firstRepayment: string;
      months: number;
    }
  /** A new retainer: `monthlyCents` received on `dayOfMonth` of each month from `from`. */
  | { kind: "retainer"; id: string; name: string; monthlyCents: number; from: string; dayOfMonth: number }
  /** One amount on one day: positive in, negative out. */
  | { kind: "oneOff"; id: string; name: string; amountCents: number; on: string }
  /**
   * A client lost from `from`: every inflow the forecast expects from that customer on or after it
   * — its open invoices and its recurring templates — is gone. (Income that reaches the forecast
   * only through the trailing baseline, such as deposits without an invoice, is not the customer's
   * in the ledger; model it with a negative one-off or retainer.)
   */
  | { kind: "lostClient"; id: string; name: string; customerId: string; from: string }
  /**
   * A recurring item moved (payroll, rent, a subscription): each occurrence of `recurring` on or
   * after `from` lands `shiftDays` later (earlier when negative, never before today). `recurring` is
   * `template:<RecurringTransaction id>` for a QuickBooks template, else the key of a series found
   * in the bank history (`TRecurringSeries.key`). It adds no flow of its own.
   */
  | { kind: "move"; id: string; name: string; recurring: string; from: string; shiftDays: number };

/** One dated amount a hypothetical item adds: positive in, negative out. */
export type THypotheticalFlow = {
  itemId: string;
  date: string;
  amountCents: number;
  part: "pay" | "draw" | "repayment" | "income" | "oneOff";
};

/** The employer's payroll-tax share of a gross amount, rounded half up to the cent. */
export function payrollTax(grossCents: number, taxBp: number): number {
  return Math.floor((grossCents * taxBp + 5_000) / 10_000);
}

/** The dated flows of the items from `asOf` to `horizonEnd` (inclusive); lost clients add none. */
export function hypotheticalFlows(
  items: THypothetical[],
  asOf: string,
  horizonEnd: string,
): THypotheticalFlow[] {
  const out: THypotheticalFlow[] = [];
  const inWindow = (d: string) => d >= asOf && d <= horizonEnd;
  /** `day` of each month from the month of `from`, on or after `from`, `count` times at most. */
  const monthly = (from: string, day: number, count: number) => {
    const dates: string[] = [];
    for (let m = 0; dates.length < count; m++) {
      const d = dayOfMonth(addMonthsFirst(from, m), day);
      if (d > horizonEnd) break;
      if (d >= from) dates.push(d);
    }
    return dates;
  };
  for (const it of items) {
    switch (it.kind) {
      case "hire":
        for (const d of monthly(it.from, it.payDay, Number.POSITIVE_INFINITY))
          if (inWindow(d))
            out.push({
              itemId: it.id,
              date: d,
              amountCents: -(it.monthlyCents + payrollTax(it.monthlyCents, it.taxBp)),
              part: "pay",
            });
        break;
      case "loan":
        if (inWindow(it.on))
          out.push({ itemId: it.id, date: it.on, amountCents: it.amountCents, part: "draw" });
        for (const d of monthly(it.firstRepayment, Number(it.firstRepayment.slice(8, 10)), it.months))
          if (inWindow(d))
            out.push({ itemId: it.id, date: d, amountCents: -it.repaymentCents, part: "repayment" });
        break;
      case "retainer":
        for (const d of monthly(it.from, it.dayOfMonth, Number.POSITIVE_INFINITY))
          if (inWindow(d)) out.push({ itemId: it.id, date: d, amountCents: it.monthlyCents, part: "income" });
        break;
      case "oneOff":
        if (inWindow(it.on))
          out.push({ itemId: it.id, date: it.on, amountCents: it.amountCents, part: "oneOff" });
        break;
      // Stryker disable next-line ConditionalExpression,StringLiteral: a lost client or a move adds no flow, matched or not
      case "lostClient":
      case "move":
        break;
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || cmp(a.itemId, b.itemId));
}

/** Customers lost, each from its date (the earliest when named twice). */
export function lostClients(items: THypothetical[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const it of items)
    if (it.kind === "lostClient" && (out.get(it.customerId) ?? "9999-12-31") > it.from)
      out.set(it.customerId, it.from);
  return out;
}

/** The key a QuickBooks recurring template is moved by. */
export function templateKey(templateId: string): string {
  return `template:${templateId}`;
}

/**
 * Where a move puts an occurrence of a recurring item on `date`: the first move of that item whose
 * `from` is on or before the date applies (items in their order), never before `asOf`. Returns the
 * date unchanged when no move applies.
 */
export function movedDate(items: THypothetical[], recurring: string, date: string, asOf: string): string {
  for (const it of items)
    if (it.kind === "move" && it.recurring === recurring && date >= it.from) {
      const d = addDays(date, it.shiftDays);
      return d < asOf ? asOf : d;
    }
  return date;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
