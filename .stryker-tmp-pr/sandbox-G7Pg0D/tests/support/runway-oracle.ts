/**
 * An independent recomputation of the digest's figures from the QBO emulator's export (its own
 * cents and dates), written straight from docs/metrics.md. It imports nothing from server/ — not
 * the mappers, not the runway engine — and knows the generated company's schedule by
 * construction (payroll runs through the payroll provider on the 15th and the last day of the
 * month; the card is paid on the 25th) instead of re-running the engine's recurrence detection.
 */
// @ts-nocheck

// biome-ignore lint/suspicious/noExplicitAny: the export is QBO JSON read field by field, as a test reads a wire format
type TRow = Record<string, any>;
export type TExport = { today: string; entities: Record<string, TRow[]> };

const DAY = 86_400_000;
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
const plus = (d: string, n: number) => new Date(ms(d) + n * DAY).toISOString().slice(0, 10);
const diff = (a: string, b: string) => Math.round((ms(b) - ms(a)) / DAY);
const lastDay = (d: string) => plus(d, 1).slice(8) === "01";
const monthDay = (ym: string, day: number) => {
  const len = new Date(Date.UTC(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)), 0)).getUTCDate();
  return `${ym}-${String(Math.min(day, len)).padStart(2, "0")}`;
};
const nextMonth = (ym: string) => plus(`${ym}-28`, 7).slice(0, 7);

/**
 * A what-if, as the advice tries it: a bill paid on another date, a reminder sent today for an
 * overdue invoice, a customer's promise date.
 */
export type TOracleChange =
  | { delayBill: string; date: string }
  | { remind: string }
  | { promise: string; date: string };

export function oracleRunway(exp: TExport, asOf: string, changes: TOracleChange[] = []) {
  const delayed = new Map(changes.flatMap((c) => ("delayBill" in c ? [[c.delayBill, c.date]] : [])));
  const reminded = new Set(changes.flatMap((c) => ("remind" in c ? [c.remind] : [])));
  const promised = new Map(changes.flatMap((c) => ("promise" in c ? [[c.promise, c.date]] : [])));
  const rows = (t: string) => exp.entities[t] ?? [];
  const ref = (x: unknown) => (x as { value?: string } | undefined)?.value ?? null;
  const end = plus(asOf, 90);
  const from = plus(asOf, -90);
  const to = plus(asOf, -1);
  const inWindow = (d: string) => d >= from && d <= to;
  const banks = new Set(
    rows("Account")
      .filter((a) => a.AccountType === "Bank")
      .map((a) => a.Id),
  );
  const cash = rows("Account")
    .filter((a) => a.AccountType === "Bank" && a.Active)
    .reduce((s, a) => s + a.CurrentBalance, 0);
  const termDays = new Map(rows("Term").map((t) => [t.Id, t.DueDays ?? null]));
  const customerTerm = new Map(
    rows("Customer").map((c) => [c.Id, termDays.get(ref(c.SalesTermRef)) ?? null]),
  );
  const vendorTerm = new Map(rows("Vendor").map((v) => [v.Id, termDays.get(ref(v.TermRef)) ?? null]));

  // Payment habits.
  const paidOn = new Map<string, string>();
  const lastPayment = new Map<string, string>();
  for (const p of rows("Payment")) {
    const c = ref(p.CustomerRef)!;
    if ((lastPayment.get(c) ?? "") < p.TxnDate) lastPayment.set(c, p.TxnDate);
    for (const l of p.Line ?? [])
      for (const t of l.LinkedTxn ?? [])
        if (t.TxnType === "Invoice" && (paidOn.get(t.TxnId) ?? "") < p.TxnDate)
          paidOn.set(t.TxnId, p.TxnDate);
  }
  const lateness = new Map<string, number>();
  const byCustomer = new Map<string, { paid: string; id: number; late: number }[]>();
  for (const inv of rows("Invoice")) {
    if (inv.Balance !== 0 || !paidOn.has(inv.Id)) continue;
    const c = ref(inv.CustomerRef)!;
    const list = byCustomer.get(c) ?? [];
    list.push({
      paid: paidOn.get(inv.Id)!,
      id: Number(inv.Id),
      late: diff(inv.DueDate ?? inv.TxnDate, paidOn.get(inv.Id)!),
    });
    byCustomer.set(c, list);
  }
  for (const [c, list] of byCustomer) {
    const six = list
      .sort((a, b) => (a.paid === b.paid ? b.id - a.id : a.paid < b.paid ? 1 : -1))
      .slice(0, 6)
      .map((x) => x.late)
      .sort((a, b) => a - b);
    const m = six.length >> 1;
    lateness.set(c, six.length % 2 ? six[m]! : Math.floor((six[m - 1]! + six[m]!) / 2));
  }
  const firstInvoice = new Map<string, string>();
  for (const inv of rows("Invoice")) {
    const c = ref(inv.CustomerRef)!;
    if (!firstInvoice.has(c) || inv.TxnDate < firstInvoice.get(c)!) firstInvoice.set(c, inv.TxnDate);
  }
  const silent = (c: string) => firstInvoice.get(c)! <= from && (lastPayment.get(c) ?? "") < from;

  type TIn = { date: string; cents: number; customer: string | null; invoice: boolean; id?: string };
  const ins: (TIn & { overdue?: { late: number; pastDue: number } })[] = [];
  const outs: {
    date: string;
    cents: number;
    vendor: string | null;
    bill: boolean;
    id?: string;
    overdue?: boolean;
  }[] = [];
  let atRisk = 0;
  const atRiskIds: string[] = [];
  for (const inv of rows("Invoice")) {
    if (inv.Balance <= 0) continue;
    const c = ref(inv.CustomerRef)!;
    const due = inv.DueDate ?? inv.TxnDate;
    if (promised.has(inv.Id)) {
      const p = promised.get(inv.Id)!;
      ins.push({ date: p < asOf ? asOf : p, cents: inv.Balance, customer: c, invoice: true, id: inv.Id });
      continue;
    }
    if (diff(due, asOf) > 90 || silent(c)) {
      atRisk += inv.Balance;
      atRiskIds.push(inv.Id);
      continue;
    }
    const late = lateness.get(c) ?? 0;
    let date = plus(due, late);
    let overdue: { late: number; pastDue: number } | undefined;
    if (date < asOf) {
      overdue = { late, pastDue: Math.max(diff(due, asOf), 0) };
      // Reminded today: the customer's habit after it, at least 5 days and at most the 30 an
      // unreminded one waits; else 30 days out.
      date = reminded.has(inv.Id) ? plus(asOf, Math.min(Math.max(late, 5), 30)) : plus(asOf, 30);
    }
    ins.push({ date, cents: inv.Balance, customer: c, invoice: true, id: inv.Id, overdue });
  }
  for (const a of rows("Account"))
    if (a.AccountSubType === "UndepositedFunds" && a.Active && a.CurrentBalance > 0)
      ins.push({ date: plus(asOf, 2), cents: a.CurrentBalance, customer: null, invoice: false });

  // QuickBooks recurring templates.
  const templated = new Set<string>();
  for (const r of rows("RecurringTransaction")) {
    const [type, body] = Object.entries(r).find(
      ([, v]) => v && typeof v === "object" && "RecurringInfo" in v,
    )!;
    const info = body.RecurringInfo;
    if (!info.Active) continue;
    const party = ref(body.CustomerRef) ?? ref(body.VendorRef);
    if (type === "Bill" && party) templated.add(party);
    for (let ym = info.ScheduleInfo.NextDate.slice(0, 7); ; ym = nextMonth(ym)) {
      const d = monthDay(ym, info.ScheduleInfo.DayOfMonth);
      if (d > end) break;
      if (d < asOf) continue;
      if (type === "Bill") outs.push({ date: d, cents: body.TotalAmt, vendor: party, bill: false });
      if (type === "Invoice" && !silent(party!)) {
        const date = plus(d, (customerTerm.get(party!) ?? 0) + (lateness.get(party!) ?? 0));
        if (date <= end)
          ins.push({
            date: date < asOf ? asOf : date,
            cents: body.TotalAmt,
            customer: party,
            invoice: false,
          });
      }
    }
  }

  // Open bills.
  // A bill without a due date is due its terms (its own, else the vendor's) after its date.
  const billDue = (b: ReturnType<typeof rows>[number]) =>
    b.DueDate ?? plus(b.TxnDate, termDays.get(ref(b.SalesTermRef)) ?? vendorTerm.get(ref(b.VendorRef)!) ?? 0);
  for (const b of rows("Bill")) {
    if (b.Balance <= 0) continue;
    const v = ref(b.VendorRef)!;
    let date = delayed.get(b.Id) ?? billDue(b);
    if (date < asOf) date = asOf;
    outs.push({ date, cents: b.Balance, vendor: v, bill: true, id: b.Id, overdue: billDue(b) < asOf });
  }

  // Open credits, earliest document first.
  const applyCredit = (rows: { date: string; cents: number }[], credit: number) => {
    for (const r of rows.sort((a, b) => (a.date === b.date ? b.cents - a.cents : a.date < b.date ? -1 : 1))) {
      const used = Math.min(credit, r.cents);
      r.cents -= used;
      credit -= used;
    }
  };
  const customerCredit = new Map<string, number>();
  for (const cm of rows("CreditMemo"))
    if (cm.Balance > 0)
      customerCredit.set(ref(cm.CustomerRef)!, (customerCredit.get(ref(cm.CustomerRef)!) ?? 0) + cm.Balance);
  for (const p of rows("Payment"))
    if (p.UnappliedAmt > 0)
      customerCredit.set(
        ref(p.CustomerRef)!,
        (customerCredit.get(ref(p.CustomerRef)!) ?? 0) + p.UnappliedAmt,
      );
  for (const [c, credit] of customerCredit)
    applyCredit(
      ins.filter((i) => i.invoice && i.customer === c),
      credit,
    );
  for (const vc of rows("VendorCredit"))
    if (vc.Balance > 0)
      applyCredit(
        outs.filter((o) => o.bill && o.vendor === ref(vc.VendorRef)),
        vc.Balance,
      );

  // Trailing bank movements.
  const payroll = rows("Vendor").find((v) => v.DisplayName === "Gusto Payroll")!.Id;
  let baseline = 0;
  let netOut = 0;
  // A schedule counts as recurring once seen in three distinct months of the window; until then
  // its payments are part of the baseline.
  const series = new Map<
    string,
    { day: number; cents: number; last: string; months: Set<string>; total: number }
  >();
  const remember = (key: string, day: number, date: string, cents: number) => {
    const s = series.get(key) ?? { day, cents, last: date, months: new Set<string>(), total: 0 };
    if (date >= s.last) Object.assign(s, { cents, last: date });
    s.months.add(date.slice(0, 7));
    s.total += cents;
    series.set(key, s);
  };
  for (const p of rows("Purchase")) {
    if (!inWindow(p.TxnDate) || !banks.has(ref(p.AccountRef)!)) continue;
    if (p.Credit) {
      netOut -= p.TotalAmt;
      continue;
    }
    netOut += p.TotalAmt;
    if (ref(p.EntityRef) === payroll && p.EntityRef.type === "Vendor") {
      const day = lastDay(p.TxnDate) ? 31 : 15;
      remember(`payroll:${day}`, day, p.TxnDate, p.TotalAmt);
    } else baseline += p.TotalAmt;
  }
  for (const p of rows("CreditCardPayment")) {
    if (!inWindow(p.TxnDate) || !banks.has(ref(p.BankAccountRef)!)) continue;
    netOut += p.Amount;
    remember("card", 25, p.TxnDate, p.Amount);
  }
  for (const p of rows("BillPayment"))
    if (inWindow(p.TxnDate) && banks.has(ref(p.CheckPayment?.BankAccountRef)!)) netOut += p.TotalAmt;
  for (const p of rows("RefundReceipt"))
    if (inWindow(p.TxnDate) && banks.has(ref(p.DepositToAccountRef)!)) {
      netOut += p.TotalAmt;
      baseline += p.TotalAmt;
    }
  for (const t of rows("Transfer")) {
    if (!inWindow(t.TxnDate)) continue;
    const f = banks.has(ref(t.FromAccountRef)!);
    const g = banks.has(ref(t.ToAccountRef)!);
    if (f && !g) {
      netOut += t.Amount;
      baseline += t.Amount;
    } else if (g && !f) netOut -= t.Amount;
  }
  for (const type of ["Deposit", "Payment", "SalesReceipt"])
    for (const x of rows(type))
      if (inWindow(x.TxnDate) && banks.has(ref(x.DepositToAccountRef)!)) netOut -= x.TotalAmt;
  for (const s of series.values()) if (s.months.size < 3) baseline += s.total;
  for (const s of [...series.values()].filter((x) => x.months.size >= 3))
    for (let ym = asOf.slice(0, 7); `${ym}-01` <= end; ym = nextMonth(ym)) {
      const d = monthDay(ym, s.day);
      if (d >= asOf && d <= end && diff(s.last, d) > 7)
        outs.push({ date: d, cents: s.cents, vendor: null, bill: false });
    }

  // Day by day.
  const days: { date: string; spendableCents: number }[] = [];
  let balance = cash;
  for (let i = 0; i < 91; i++) {
    const date = plus(asOf, i);
    const burn = Math.floor(((i + 1) * baseline) / 90) - Math.floor((i * baseline) / 90);
    balance += ins.filter((x) => x.date === date).reduce((s, x) => s + x.cents, 0);
    balance -= outs.filter((x) => x.date === date).reduce((s, x) => s + x.cents, 0) + burn;
    days.push({ date, spendableCents: balance });
  }
  // Past the horizon the projection's slope over days 63–90 goes on (docs/metrics.md).
  const firstBelow = days.findIndex((d) => d.spendableCents < 0);
  const fall28 = days[62]!.spendableCents - days[90]!.spendableCents;
  const runway =
    firstBelow >= 0
      ? { kind: "days", days: firstBelow }
      : fall28 <= 0
        ? { kind: "notBurning" }
        : { kind: "days", days: 91 + Math.floor((days[90]!.spendableCents * 28) / fall28) };
  const aging = (type: string) => {
    const b = { current: 0, "1-30": 0, "31-60": 0, "61-90": 0, "91+": 0 };
    for (const x of rows(type)) {
      if (x.Balance <= 0) continue;
      const past = diff(type === "Bill" ? billDue(x) : (x.DueDate ?? x.TxnDate), asOf);
      const k =
        past <= 0 ? "current" : past <= 30 ? "1-30" : past <= 60 ? "31-60" : past <= 90 ? "61-90" : "91+";
      b[k] += x.Balance;
    }
    return b;
  };
  return {
    cash,
    baseline,
    netOut,
    atRisk,
    atRiskIds,
    days,
    runway,
    ar: aging("Invoice"),
    ap: aging("Bill"),
    /** Bills and invoices as projected (after credits), for choosing what to try. */
    bills: outs.filter((o) => o.bill),
    invoices: ins.filter((i) => i.invoice),
  };
}
