import { beforeAll, describe, expect, it } from "vitest";
import { basisText, subjectText } from "@/lib/flow-words";
import { asOf, bank, cash, d, doc, ledger } from "@/tests/support/ledger";
import { compareRunways, computeRunway, whatIf } from "./engine";
import { needsRoom, quickScore, recoveredSoon, topActions, underWater as underWaterOf } from "./top-actions";
import type {
  TChange,
  TLedger,
  TLedgerAccount,
  TLedgerCredit,
  TLedgerDoc,
  TLedgerRecurring,
  TRunway,
  TRunwayResult,
} from "./types";

/*
 * Every expected figure here is computed by hand in the comment beside it, from the definitions
 * in docs/metrics.md — never by calling the engine twice.
 */
/** 90,000 cents of one-off spend in the trailing window: a baseline burn of exactly 1,000 a day. */
const oneOffSpend = [cash("Purchase", d(-80), 40_000), cash("Purchase", d(-30), 50_000)];

describe("cash, projection and runway", () => {
  it("projects bills and invoices on their dates over the burn, and extrapolates past the horizon", () => {
    const r = computeRunway(
      ledger({
        cashTxns: oneOffSpend,
        openInvoices: [
          doc("INV1", { partyId: "c1", dueDate: d(10), amountCents: 200_000, balanceCents: 200_000 }),
        ],
        openBills: [doc("B1", { partyId: "v1", dueDate: d(5), amountCents: 150_000, balanceCents: 150_000 })],
      }),
      { asOf },
    );
    expect(r.cashOnHandCents).toBe(1_000_000);
    expect(r.spendableCents).toBe(1_000_000);
    expect(r.burn.totalCents).toBe(90_000);
    expect(r.days).toHaveLength(91);
    expect(r.horizonEnd).toBe(d(90));
    // day d: 1,000,000 − 1,000·(d+1) − 150,000 (d ≥ 5) + 200,000 (d ≥ 10)
    expect(r.days[0]).toMatchObject({ date: asOf, burnCents: 1_000, spendableCents: 999_000 });
    expect(r.days[5]!.spendableCents).toBe(1_000_000 - 6_000 - 150_000);
    expect(r.days[10]!.spendableCents).toBe(1_000_000 - 11_000 - 150_000 + 200_000);
    expect(r.days[90]!.spendableCents).toBe(959_000);
    // lowest: day 9, 1,000,000 − 10,000 − 150,000
    expect(r.lowest).toEqual({ date: d(9), spendableCents: 840_000 });
    // never below zero; trailing net out 90,000 over 90 days → 959,000·90/90,000 = 959 more days
    expect(r.trailingNetOutCents).toBe(90_000);
    expect(r.runway).toEqual({ kind: "days", days: 91 + 959, date: d(1050), beyondHorizon: true });
  });

  it("gives the first day the spendable balance drops below zero", () => {
    const r = computeRunway(
      ledger({
        accounts: [bank("1", "Checking", 100_000)],
        cashTxns: oneOffSpend,
        openBills: [doc("B1", { partyId: "v1", dueDate: d(3), amountCents: 50_000, balanceCents: 50_000 })],
      }),
      { asOf },
    );
    // 100,000 − 50,000 − 1,000·(d+1) < 0 first at d = 50
    expect(r.days[49]!.spendableCents).toBe(0);
    expect(r.runway).toEqual({ kind: "days", days: 50, date: d(50), beyondHorizon: false });
    expect(r.lowest).toEqual({ date: d(90), spendableCents: 100_000 - 50_000 - 91_000 });
  });

  it("past the horizon, runway follows the projection's own slope over days 63–90, not the trailing rate", () => {
    const r = computeRunway(
      ledger({
        cashTxns: oneOffSpend,
        openBills: [doc("B1", { partyId: "v1", dueDate: d(80), amountCents: 56_000, balanceCents: 56_000 })],
      }),
      { asOf },
    );
    // day 62: 1,000,000 − 63,000 = 937,000; day 90: 1,000,000 − 91,000 − 56,000 = 853,000
    expect(r.days[62]!.spendableCents).toBe(937_000);
    expect(r.days[90]!.spendableCents).toBe(853_000);
    // slope (853,000 − 937,000) ÷ 28 = −3,000 a day → 91 + ⌊853,000 ÷ 3,000⌋ = 91 + 284
    // (the trailing rate of 1,000 a day would have said 91 + 853)
    expect(r.runway).toEqual({ kind: "days", days: 375, date: d(375), beyondHorizon: true });
  });

  it("says not burning when the projection's last 28 days do not go down, whatever the trailing 90 days did", () => {
    // 1,000 a day of burn; an invoice of exactly 28,000 due on day 70 offsets days 63–90.
    const flat = computeRunway(
      ledger({
        cashTxns: oneOffSpend,
        openInvoices: [
          doc("I1", { partyId: "c1", dueDate: d(70), amountCents: 28_000, balanceCents: 28_000 }),
        ],
      }),
      { asOf },
    );
    expect(flat.days[90]!.spendableCents - flat.days[62]!.spendableCents).toBe(0);
    expect(flat.trailingNetOutCents).toBe(90_000); // cash did shrink over the trailing window
    expect(flat.runway).toEqual({ kind: "notBurning" });
    // One cent less: the slope is −1 cent over 28 days → 91 + ⌊936,999 × 28 ÷ 1⌋.
    const barely = computeRunway(
      ledger({
        cashTxns: oneOffSpend,
        openInvoices: [
          doc("I1", { partyId: "c1", dueDate: d(70), amountCents: 27_999, balanceCents: 27_999 }),
        ],
      }),
      { asOf },
    );
    expect(barely.days[90]!.spendableCents).toBe(1_000_000 - 91_000 + 27_999);
    expect(barely.runway).toEqual({
      kind: "days",
      days: 91 + 936_999 * 28,
      date: d(91 + 936_999 * 28),
      beyondHorizon: true,
    });
    // Cash that grew over the trailing window but burns from here on is burning.
    const grew = computeRunway(ledger({ cashTxns: [...oneOffSpend, cash("Deposit", d(-10), 120_000)] }), {
      asOf,
    });
    expect(grew.trailingNetOutCents).toBe(90_000 - 120_000);
    expect(grew.runway).toEqual({ kind: "days", days: 91 + 909, date: d(1000), beyondHorizon: true });
  });

  it("the lowest point is never above what is spendable today", () => {
    // No burn; 50,000 lands today and a 20,000 hold is kept: every close is 130,000, the opening 80,000.
    const r = computeRunway(
      ledger({
        accounts: [bank("1", "Checking", 100_000)],
        openInvoices: [
          doc("I1", { partyId: "c1", dueDate: d(0), amountCents: 50_000, balanceCents: 50_000 }),
        ],
      }),
      { asOf, reserves: [{ kind: "hold", id: "h1", name: "Tax", amountCents: 20_000, releaseDate: null }] },
    );
    expect(r.spendableCents).toBe(80_000);
    expect(r.days.every((day) => day.spendableCents === 130_000)).toBe(true);
    expect(r.lowest).toEqual({ date: asOf, spendableCents: 80_000 });
    expect(r.runway).toEqual({ kind: "notBurning" });
    // A close equal to the opening keeps the opening (the first date it is reached).
    const same = computeRunway(ledger({ accounts: [bank("1", "Checking", 100_000)] }), { asOf });
    expect(same.lowest).toEqual({ date: asOf, spendableCents: 100_000 });
  });

  it("starts at zero days, not 'no data', when spendable is already negative", () => {
    const r = computeRunway(
      ledger({
        accounts: [bank("1", "Checking", -50_000)],
        cashTxns: oneOffSpend,
      }),
      { asOf },
    );
    expect(r.cashOnHandCents).toBe(-50_000);
    expect(r.runway).toEqual({ kind: "days", days: 0, date: asOf, beyondHorizon: false });
  });

  it("has insufficient data without a bank account, or with under 90 days of history", () => {
    const noBank = computeRunway(
      ledger({
        accounts: [
          {
            id: "9",
            name: "Visa",
            type: "Credit Card",
            subType: null,
            active: true,
            balanceCents: -20_000,
            currency: "USD",
          },
        ],
      }),
      { asOf },
    );
    expect(noBank.cashOnHandCents).toBe(0);
    expect(noBank.runway).toMatchObject({ kind: "insufficientData", reason: "noBankAccount" });
    const young = computeRunway(ledger({ firstActivityDate: d(-45), cashTxns: oneOffSpend }), { asOf });
    expect(young.runway).toMatchObject({ kind: "insufficientData", reason: "shortHistory" });
    expect(young.runway).toMatchObject({ firstActivityDate: d(-45), windowDays: 90 });
    const empty = computeRunway(ledger({ firstActivityDate: null }), { asOf });
    expect(empty.runway).toMatchObject({ kind: "insufficientData", reason: "shortHistory" });
  });

  it("counts only active bank accounts, at CurrentBalance", () => {
    const r = computeRunway(
      ledger({
        accounts: [
          bank("1", "Checking", 300_00),
          bank("2", "Savings", 700_00, { currency: null }),
          bank("3", "Old", 5_000_00, { active: false }),
          {
            id: "4",
            name: "Visa",
            type: "Credit Card",
            subType: null,
            active: true,
            balanceCents: -900_00,
            currency: "USD",
          },
          bank("5", "EUR acct", 100_00, { currency: "EUR" }),
        ],
      }),
      { asOf },
    );
    expect(r.cashOnHandCents).toBe(1_000_00);
    expect(r.issues.unconverted).toEqual([{ type: "Account", id: "5", currency: "EUR" }]);
  });
});

describe("vendors' payment patterns", () => {
  it("the median days from a paid bill's due date to its latest payment, over the vendor's last six bills", () => {
    // Figma (v1), newest payment first: 3 early, on time, 2 late, 5 late, 1 early, 4 late | 3 late
    // (the 7th and oldest, left out: with it the median would be 2). Sorted −3, −1, 0, 2, 4, 5 →
    // ⌊(0 + 2) / 2⌋ = 1 day late.
    const lates = [-3, 0, 2, 5, -1, 4, 3];
    const paidBills = lates.map((_l, i) =>
      doc(`PB${i}`, { partyId: "v1", dueDate: d(-20 - 15 * i), amountCents: 100, balanceCents: 0 }),
    );
    const billPayments = lates.map((late, i) => ({ billId: `PB${i}`, date: d(-20 - 15 * i + late) }));
    // Studio Ink (v3, net 15): a bill without a due date, dated d(-40), paid d(-20): due d(-25), 5 late.
    // Gusto (v2): a bill paid in two parts counts its last payment: due d(-10), paid d(-12) and d(-8).
    const r = computeRunway(
      ledger({
        paidBills: [
          ...paidBills,
          doc("INK", { partyId: "v3", txnDate: d(-40), dueDate: null, amountCents: 100, balanceCents: 0 }),
          doc("GUS", { partyId: "v2", dueDate: d(-10), amountCents: 100, balanceCents: 0 }),
          doc("NOPAY", { partyId: "v2", dueDate: d(-90), amountCents: 100, balanceCents: 0 }),
        ],
        billPayments: [
          ...billPayments,
          { billId: "INK", date: d(-20) },
          { billId: "GUS", date: d(-12) },
          { billId: "GUS", date: d(-8) },
        ],
      }),
      { asOf },
    );
    expect(r.vendorPatterns).toEqual([
      { vendorId: "v1", medianDaysLate: 1, sample: 6 },
      { vendorId: "v2", medianDaysLate: 2, sample: 1 },
      { vendorId: "v3", medianDaysLate: 5, sample: 1 },
    ]);
  });
});

describe("expected inflows", () => {
  it("shifts an invoice by the customer's median lateness over its last six paid invoices", () => {
    // lateness of 7 paid invoices, newest payment first: 10, 14, 12, 30, 11, 13 | 20 (the 7th,
    // left out: with it the median would be 13)
    const lates = [10, 14, 12, 30, 11, 13, 20];
    const paid = lates.map((_late, i) =>
      doc(`P${i}`, { partyId: "c1", dueDate: d(-40 - 20 * i), amountCents: 100, balanceCents: 0 }),
    );
    const applications = lates.map((late, i) => ({
      invoiceId: `P${i}`,
      customerId: "c1",
      date: d(-40 - 20 * i + late),
    }));
    const r = computeRunway(
      ledger({
        paidInvoices: paid,
        applications,
        customerPaymentDates: applications.map((a) => ({ customerId: "c1", date: a.date })),
        openInvoices: [
          doc("INV", { partyId: "c1", dueDate: d(5), amountCents: 70_000, balanceCents: 70_000 }),
        ],
      }),
      { asOf },
    );
    // sorted 10, 11, 12, 13, 14, 30 → median ⌊(12 + 13) / 2⌋ = 12
    expect(r.habits).toEqual([{ customerId: "c1", medianDaysLate: 12, sample: 6, lastPaymentDate: d(-30) }]);
    expect(r.inflows).toEqual([
      expect.objectContaining({ date: d(17), amountCents: 70_000, kind: "invoice" }),
    ]);
    expect(r.inflows[0]!.basis).toEqual({ kind: "habit", medianDaysLate: 12, sample: 6 });
    expect(basisText(r.inflows[0]!.basis)).toBe(
      "pays 12 days after due (median of the last 6 paid invoices)",
    );
  });

  it("a reminded overdue invoice lands the customer's habit after the reminder, at least 5 days after it", () => {
    const late12 = {
      // Acme paid its one earlier invoice 12 days after its due date.
      paidInvoices: [doc("P1", { partyId: "c1", dueDate: d(-42), amountCents: 5_000, balanceCents: 0 })],
      applications: [{ invoiceId: "P1", customerId: "c1", date: d(-30) }],
      customerPaymentDates: [{ customerId: "c1", date: d(-30) }],
    };
    const overdue = (partyId: string) =>
      doc("LATE", { partyId, dueDate: d(-20), amountCents: 30_000, balanceCents: 30_000 });
    const landing = (l: Partial<TLedger>, changes: TChange[]) =>
      computeRunway(ledger(l), { asOf, changes }).inflows.map((f) => [f.date, f.basis]);
    const remind = (date: string): TChange => ({ kind: "remind", invoiceId: "LATE", date });
    // Not reminded: 30 days out.
    expect(landing({ ...late12, openInvoices: [overdue("c1")] }, [])[0]![0]).toBe(d(30));
    // Reminded today by a customer 12 days late: day 12; the day before: day 11.
    expect(landing({ ...late12, openInvoices: [overdue("c1")] }, [remind(d(0))])).toEqual([
      [d(12), { kind: "reminded", on: "2026-03-16", days: 12 }],
    ]);
    expect(landing({ ...late12, openInvoices: [overdue("c1")] }, [remind(d(-1))])[0]![0]).toBe(d(11));
    // No habit yet: five days after the reminder (day 5 for today's, day 3 for one two days ago).
    expect(landing({ openInvoices: [overdue("c2")] }, [remind(d(0))])[0]![0]).toBe(d(5));
    expect(landing({ openInvoices: [overdue("c2")] }, [remind(d(-2))])[0]![0]).toBe(d(3));
    // A reminder long enough ago that its landing has passed: five days out, not in the past.
    expect(landing({ openInvoices: [overdue("c2")] }, [remind(d(-6))])).toEqual([
      [d(5), { kind: "overdueReminded", days: 5 }],
    ]);
    // A customer 40 days late: a reminder cannot make it later than the unreminded 30 days.
    const late40 = {
      paidInvoices: [doc("P1", { partyId: "c1", dueDate: d(-80), amountCents: 5_000, balanceCents: 0 })],
      applications: [{ invoiceId: "P1", customerId: "c1", date: d(-40) }],
      customerPaymentDates: [{ customerId: "c1", date: d(-40) }],
    };
    const veryOverdue = doc("LATE", {
      partyId: "c1",
      dueDate: d(-50),
      amountCents: 30_000,
      balanceCents: 30_000,
    });
    expect(landing({ ...late40, openInvoices: [veryOverdue] }, [remind(d(0))])[0]![0]).toBe(d(30));
    expect(landing({ ...late40, openInvoices: [veryOverdue] }, [remind(d(-1))])[0]![0]).toBe(d(29));
    // The latest of two reminders counts; a promise wins over a reminder.
    expect(landing({ openInvoices: [overdue("c2")] }, [remind(d(-2)), remind(d(0))])[0]![0]).toBe(d(5));
    expect(
      landing({ openInvoices: [overdue("c2")] }, [
        remind(d(0)),
        { kind: "promise", invoiceId: "LATE", date: d(40) },
      ])[0]![0],
    ).toBe(d(40));
  });

  it("lands an overdue invoice nobody reminded 30 days out, and leaves at-risk AR out of the projection", () => {
    const r = computeRunway(
      ledger({
        customers: [
          { id: "c1", name: "Acme", termId: null },
          { id: "c2", name: "Silent", termId: null },
        ],
        openInvoices: [
          doc("LATE", { partyId: "c1", dueDate: d(-10), amountCents: 30_000, balanceCents: 30_000 }),
          doc("OLD", { partyId: "c1", dueDate: d(-91), amountCents: 40_000, balanceCents: 40_000 }),
          doc("SIL", {
            partyId: "c2",
            txnDate: d(-200),
            dueDate: d(-20),
            amountCents: 50_000,
            balanceCents: 50_000,
          }),
        ],
        customerPaymentDates: [
          { customerId: "c1", date: d(-3) },
          { customerId: "c2", date: d(-120) },
        ],
      }),
      { asOf },
    );
    expect(r.inflows.map((f) => [f.ref?.id, f.date, f.amountCents])).toEqual([["LATE", d(30), 30_000]]);
    expect(r.atRiskAr.map((a) => [a.invoiceId, a.cents, a.why])).toEqual([
      ["OLD", 40_000, { kind: "pastDue", days: 91 }],
      ["SIL", 50_000, { kind: "noRecentPayment", days: 90 }],
    ]);
    // a promise brings at-risk AR back in, on the promised date
    const promised = computeRunway(
      ledger({
        openInvoices: [
          doc("OLD", { partyId: "c1", dueDate: d(-91), amountCents: 40_000, balanceCents: 40_000 }),
        ],
      }),
      { asOf, changes: [{ kind: "promise", invoiceId: "OLD", date: d(12) }] },
    );
    expect(promised.inflows.map((f) => [f.date, f.amountCents, f.basis])).toEqual([
      [d(12), 40_000, { kind: "promised" }],
    ]);
  });

  it("counts what is still open of a partly paid invoice, less the customer's open credits", () => {
    const r = computeRunway(
      ledger({
        openInvoices: [
          doc("A", { partyId: "c1", dueDate: d(4), amountCents: 100_000, balanceCents: 40_000 }),
          doc("B", { partyId: "c1", dueDate: d(20), amountCents: 60_000, balanceCents: 60_000 }),
        ],
        credits: [
          {
            id: "CM1",
            kind: "creditMemo",
            partyId: "c1",
            amountCents: 30_000,
            currency: "USD",
            exchangeRate: null,
          },
          {
            id: "PAY9",
            kind: "unappliedPayment",
            partyId: "c1",
            amountCents: 25_000,
            currency: "USD",
            exchangeRate: null,
          },
        ],
      }),
      { asOf },
    );
    // 55,000 of credit: all 40,000 of A, then 15,000 of B → A disappears, B brings 45,000
    expect(r.inflows.map((f) => [f.ref?.id, f.date, f.amountCents])).toEqual([["B", d(20), 45_000]]);
    expect(r.arAging.current).toEqual({ cents: 100_000, count: 2 });
  });

  it("converts foreign documents at their own rate and reports those it cannot convert", () => {
    const r = computeRunway(
      ledger({
        openInvoices: [
          doc("EUR1", {
            partyId: "c1",
            dueDate: d(7),
            amountCents: 100_000,
            balanceCents: 100_000,
            currency: "EUR",
            exchangeRate: "1.0825",
          }),
          doc("GBP1", {
            partyId: "c1",
            dueDate: d(7),
            amountCents: 50_000,
            balanceCents: 50_000,
            currency: "GBP",
            exchangeRate: null,
          }),
        ],
      }),
      { asOf },
    );
    // 1,000.00 EUR × 1.0825 = 1,082.50 USD
    expect(r.inflows.map((f) => [f.ref?.id, f.amountCents])).toEqual([["EUR1", 108_250]]);
    expect(r.issues.unconverted).toEqual([{ type: "Invoice", id: "GBP1", currency: "GBP" }]);
    expect(r.arAging.current.cents).toBe(108_250);
  });

  it("brings Undeposited Funds into the bank two days out", () => {
    const r = computeRunway(
      ledger({
        accounts: [
          ...ledger().accounts,
          {
            id: "4",
            name: "Undeposited Funds",
            type: "Other Current Asset",
            subType: "UndepositedFunds",
            active: true,
            balanceCents: 12_345,
            currency: "USD",
          },
        ],
      }),
      { asOf },
    );
    expect(r.cashOnHandCents).toBe(1_000_000);
    expect(r.inflows).toEqual([
      expect.objectContaining({ date: d(2), amountCents: 12_345, kind: "undepositedFunds" }),
    ]);
  });
});

describe("expected outflows", () => {
  it("places a bill without a due date at its date plus the vendor's terms, and flags it", () => {
    const r = computeRunway(
      ledger({
        openBills: [
          doc("ND1", {
            partyId: "v3",
            txnDate: d(-3),
            dueDate: null,
            amountCents: 18_500,
            balanceCents: 18_500,
          }),
          doc("ND2", {
            partyId: "v1",
            txnDate: d(-3),
            dueDate: null,
            amountCents: 1_000,
            balanceCents: 1_000,
          }),
          doc("OVD", { partyId: "v1", dueDate: d(-8), amountCents: 2_000, balanceCents: 2_000 }),
        ],
      }),
      { asOf },
    );
    // ND1: bill date −3 + Net 15 = day 12; ND2: no terms → its own date, already past → today; OVD overdue → today
    expect(r.outflows.map((f) => [f.ref?.id, f.date, f.amountCents])).toEqual([
      ["OVD", asOf, 2_000],
      ["ND2", asOf, 1_000],
      ["ND1", d(12), 18_500],
    ]);
    expect(r.issues.billsWithoutDueDate.sort()).toEqual(["ND1", "ND2"]);
    // aging counts from the date the forecast uses: ND1 is due on day 12 (current, as the forecast
    // expects it then), ND2 at its own date (3 days late), OVD 8 days late; the two without a due
    // date are also listed apart
    expect(r.apAging).toMatchObject({
      current: { cents: 18_500, count: 1 },
      "1-30": { cents: 3_000, count: 2 },
    });
    expect(r.withoutDueDate).toEqual({ ar: { cents: 0, count: 0 }, ap: { cents: 19_500, count: 2 } });
  });

  it("projects recurring outflows on their day of the month and leaves them out of baseline burn", () => {
    const payroll = [d(-60), d(-30), d(-2)]; // 2026-01-15, 02-14, 03-14 → days 15, 14, 14
    const monthEnd = ["2025-12-31", "2026-01-31", "2026-02-28"]; // the last day, three months
    const txns = [
      ...payroll.map((date, i) => cash("Purchase", date, 500_000 + i, { vendorId: "v2" })),
      ...monthEnd.map((date) => cash("Purchase", date, 480_000, { vendorId: "v2" })),
      cash("Purchase", d(-50), 9_000, { vendorId: "v1" }), // once: baseline
      cash("BillPayment", d(-20), 70_000, { vendorId: "v1" }), // bills are projected one by one
      cash("Transfer", d(-15), 100_000, { toAccountId: "2" }), // between own accounts
      cash("CreditCardPayment", d(-5), 27_000, { toAccountId: "9" }), // card spend, when paid
    ];
    const r = computeRunway(
      ledger({
        accounts: [...ledger().accounts, bank("2", "Savings", 0)],
        cashTxns: txns,
      }),
      { asOf },
    );
    expect(
      r.recurringSeries.map((s) => [subjectText(s.subject), s.dayOfMonth, s.amountCents, s.occurrences]),
    ).toEqual([
      ["Gusto", 14, 500_002, 3],
      ["Gusto", 31, 480_000, 3],
    ]);
    // baseline: 9,000 + 27,000 (not payroll, not the bill payment, not the transfer)
    expect(r.burn).toMatchObject({
      totalCents: 36_000,
      recurringExcludedCents: 3 * 500_000 + 3 + 3 * 480_000,
    });
    // 03-14 was paid 2 days ago: next 04-14, 05-14, 06-14; the last day: 03-31, 04-30, 05-31
    expect(
      r.outflows.filter((f) => f.kind === "recurringOutflow").map((f) => [f.date, f.amountCents]),
    ).toEqual([
      ["2026-03-31", 480_000],
      ["2026-04-14", 500_002],
      ["2026-04-30", 480_000],
      ["2026-05-14", 500_002],
      ["2026-05-31", 480_000],
      ["2026-06-14", 500_002],
    ]);
    // net out: 1,500,003 + 1,440,000 + 9,000 + 70,000 + 27,000 (the transfer is internal)
    expect(r.trailingNetOutCents).toBe(3_046_003);
  });

  it("projects QuickBooks recurring templates forward, bills out and invoices in", () => {
    const r = computeRunway(
      ledger({
        customers: [{ id: "c1", name: "Acme", termId: "net15" }],
        recurring: [
          {
            id: "R1",
            txnType: "Bill",
            name: "Rent",
            intervalType: "Monthly",
            numInterval: 1,
            dayOfMonth: 1,
            nextDate: "2026-04-01",
            amountCents: 900_000,
            partyId: "v1",
          },
          {
            id: "R2",
            txnType: "Invoice",
            name: "Retainer",
            intervalType: "Monthly",
            numInterval: 1,
            dayOfMonth: 1,
            nextDate: "2026-04-01",
            amountCents: 600_000,
            partyId: "c1",
          },
        ],
      }),
      { asOf },
    );
    expect(r.outflows.map((f) => [f.date, f.amountCents])).toEqual([
      ["2026-04-01", 900_000],
      ["2026-05-01", 900_000],
      ["2026-06-01", 900_000],
    ]);
    // invoices on the 1st, paid on Net 15 (no habit yet); 06-16 is past the horizon end 06-14
    expect(r.inflows.map((f) => [f.date, f.amountCents])).toEqual([
      ["2026-04-16", 600_000],
      ["2026-05-16", 600_000],
    ]);
  });
});

describe("expected inflows at their edges", () => {
  const inv = (id: string, over: Partial<TLedgerDoc>) =>
    doc(id, { partyId: "c1", dueDate: d(5), amountCents: 10_000, balanceCents: 10_000, ...over });
  const ids = (l: Partial<TLedger>) => {
    const r = computeRunway(ledger(l), { asOf });
    return { in: r.inflows.map((f) => f.ref?.id), atRisk: r.atRiskAr.map((a) => a.invoiceId) };
  };

  it("a customer is silent when first invoiced by day −90 and not paid since: each side of both edges", () => {
    const open = inv("I", { txnDate: d(-10) });
    const firstAt = (date: string) => inv("OLD", { txnDate: date, balanceCents: 0 });
    const paidAt = (...dates: string[]) => dates.map((date) => ({ customerId: "c1", date }));
    // First invoiced on day −90 (the window's first day), never paid: silent.
    expect(ids({ openInvoices: [open], paidInvoices: [firstAt(d(-90))] }).atRisk).toEqual(["I"]);
    // …first invoiced on day −89: not yet.
    expect(ids({ openInvoices: [open], paidInvoices: [firstAt(d(-89))] }).atRisk).toEqual([]);
    // A payment on day −90 counts; one on day −91 does not; one tomorrow is not a payment yet.
    const first = { openInvoices: [open], paidInvoices: [firstAt(d(-200))] };
    expect(ids({ ...first, customerPaymentDates: paidAt(d(-90)) }).atRisk).toEqual([]);
    expect(ids({ ...first, customerPaymentDates: paidAt(d(-91)) }).atRisk).toEqual(["I"]);
    expect(ids({ ...first, customerPaymentDates: paidAt(d(1)) }).atRisk).toEqual(["I"]);
    // The latest payment counts, in whatever order they come.
    expect(ids({ ...first, customerPaymentDates: paidAt(d(-10), d(-150)) }).atRisk).toEqual([]);
    expect(ids({ ...first, customerPaymentDates: paidAt(d(-150), d(-10)) }).atRisk).toEqual([]);
    // The earliest invoice counts, open or paid, in whatever order; one without a date is skipped.
    const both = (a: string, b: string) => ({
      openInvoices: [open, inv("J", { txnDate: a })],
      paidInvoices: [firstAt(b), inv("U", { txnDate: null, balanceCents: 0 })],
    });
    expect(ids(both(d(-95), d(-20))).atRisk).toEqual(["I", "J"]);
    expect(ids(both(d(-20), d(-95))).atRisk).toEqual(["I", "J"]);
    expect(ids(both(d(-20), d(-30))).atRisk).toEqual([]);
    // Another customer's history says nothing about this one.
    expect(
      ids({
        openInvoices: [open],
        paidInvoices: [inv("X", { partyId: "c2", txnDate: d(-200), balanceCents: 0 })],
      }).atRisk,
    ).toEqual([]);
  });

  it("90 days past due is still expected; 91 is at risk; a paid-up balance is nothing", () => {
    expect(ids({ openInvoices: [inv("A", { dueDate: d(-90) })] })).toEqual({ in: ["A"], atRisk: [] });
    expect(ids({ openInvoices: [inv("B", { dueDate: d(-91) })] })).toEqual({ in: [], atRisk: ["B"] });
    expect(ids({ openInvoices: [inv("Z", { balanceCents: 0 }), inv("N", { balanceCents: -5 })] })).toEqual({
      in: [],
      atRisk: [],
    });
    const r = computeRunway(ledger({ openInvoices: [inv("B", { dueDate: d(-91), docNumber: "12" })] }), {
      asOf,
    });
    expect(r.atRiskAr).toEqual([
      {
        invoiceId: "B",
        docNumber: "12",
        txnDate: d(-20),
        customerId: "c1",
        customerName: "Acme",
        cents: 10_000,
        why: { kind: "pastDue", days: 91 },
      },
    ]);
  });

  it("an invoice is labelled and based as it is: due date or invoice date, customer or none", () => {
    const r = computeRunway(
      ledger({
        openInvoices: [
          inv("A", { docNumber: "1001", dueDate: d(3) }),
          inv("B", { docNumber: null, txnDate: "2026-03-10", dueDate: null, partyId: null }),
        ],
      }),
      { asOf },
    );
    expect(r.inflows.map((f) => [subjectText(f.subject), f.basis, f.ref, f.kind])).toEqual([
      ["Invoice 1001 · Acme", { kind: "dueDate" }, { type: "Invoice", id: "A" }, "invoice"],
      [
        "Invoice of Mar 10, 2026 · no customer",
        { kind: "overdueUnreminded", days: 30 },
        { type: "Invoice", id: "B" },
        "invoice",
      ],
    ]);
    // A reminder on exactly the day it would land (today): it lands today, not five days out.
    const today = computeRunway(
      ledger({
        paidInvoices: [doc("P", { partyId: "c1", dueDate: d(-40), amountCents: 1, balanceCents: 0 })],
        applications: [{ invoiceId: "P", customerId: "c1", date: d(-34) }],
        customerPaymentDates: [{ customerId: "c1", date: d(-34) }],
        openInvoices: [inv("L", { dueDate: d(-20) })],
      }),
      { asOf, changes: [{ kind: "remind", invoiceId: "L", date: d(-6) }] },
    );
    expect(today.inflows.map((f) => [f.date, f.basis])).toEqual([
      [d(0), { kind: "reminded", on: d(-6), days: 6 }],
    ]);
  });

  it("payments not yet deposited land in two days; an inactive, empty or unconvertible account adds nothing", () => {
    const uf = (over: Partial<TLedgerAccount>) => ({
      id: "UF",
      name: "Undeposited Funds",
      type: "Other Current Asset",
      subType: "UndepositedFunds",
      active: true,
      balanceCents: 5_000,
      currency: "USD",
      ...over,
    });
    const flows = (over: Partial<TLedgerAccount>) =>
      computeRunway(ledger({ accounts: [bank("1", "Checking", 1_000), uf(over)] }), { asOf }).inflows;
    expect(flows({})).toEqual([
      {
        date: d(2),
        amountCents: 5_000,
        kind: "undepositedFunds",
        ref: { type: "Account", id: "UF" },
        subject: { kind: "undeposited" },
        partyId: null,
        basis: { kind: "undeposited", days: 2 },
      },
    ]);
    expect(flows({ active: false })).toEqual([]);
    expect(flows({ balanceCents: 0 })).toEqual([]);
    expect(flows({ subType: "OtherCurrentAssets" })).toEqual([]);
    expect(flows({ currency: "EUR" })).toEqual([]);
  });

  it("recurring templates: only dated, positive invoices, sales receipts, bills and purchases project", () => {
    const t = (over: Partial<TLedgerRecurring>): TLedgerRecurring => ({
      id: "R",
      txnType: "Bill",
      name: null,
      intervalType: "Monthly",
      numInterval: 1,
      dayOfMonth: 20,
      nextDate: "2026-03-20",
      amountCents: 1_000,
      partyId: "v1",
      ...over,
    });
    const out = (...recurring: TLedgerRecurring[]) => {
      const r = computeRunway(ledger({ recurring }), { asOf });
      return [
        ...r.inflows.map((f) => ["in", f.date, subjectText(f.subject), f.basis]),
        ...r.outflows.map((f) => ["out", f.date, subjectText(f.subject), f.basis]),
      ].slice(0, 2);
    };
    expect(out(t({}))).toEqual([
      ["out", "2026-03-20", "Bill · Figma", { kind: "recurringTemplate" }],
      ["out", "2026-04-20", "Bill · Figma", { kind: "recurringTemplate" }],
    ]);
    expect(out(t({ txnType: "Purchase", name: "Cloud", partyId: null }))[0]).toEqual([
      "out",
      "2026-03-20",
      "Cloud",
      { kind: "recurringTemplate" },
    ]);
    expect(out(t({ txnType: "SalesReceipt", name: "Shop", partyId: "c1" }))[0]).toEqual([
      "in",
      "2026-03-20",
      "Shop · Acme",
      { kind: "recurringIncome", txnType: "SalesReceipt", date: "2026-03-20", lagDays: 0 },
    ]);
    expect(out(t({ txnType: "JournalEntry" }))).toEqual([]);
    expect(out(t({ nextDate: null }))).toEqual([]);
    expect(out(t({ amountCents: 0 }))).toEqual([]);
    expect(out(t({ amountCents: -5 }))).toEqual([]);
    expect(out(t({ amountCents: null }))).toEqual([]);
  });
});

describe("templates, aging and credits at their edges", () => {
  const template = (over: Partial<TLedgerRecurring>): TLedgerRecurring => ({
    id: "R",
    txnType: "Bill",
    name: "T",
    intervalType: "Monthly",
    numInterval: 1,
    dayOfMonth: null,
    nextDate: d(0),
    amountCents: 1_000,
    partyId: "v1",
    ...over,
  });
  const dates = (over: Partial<TLedgerRecurring>) =>
    computeRunway(ledger({ recurring: [template(over)] }), { asOf }).outflows.map((f) => f.date);

  it("each interval steps from the next date; past dates are skipped and the horizon's last day counts", () => {
    expect(dates({ intervalType: "Daily", numInterval: 30 })).toEqual([d(0), d(30), d(60), d(90)]);
    expect(dates({ intervalType: "Weekly", numInterval: 6 })).toEqual([d(0), d(42), d(84)]);
    expect(dates({ intervalType: "Weekly", numInterval: null, nextDate: d(80) })).toEqual([d(80), d(87)]);
    // Monthly keeps the day of the next date when the template names none (the 16th).
    expect(dates({ intervalType: "Monthly", numInterval: 2 })).toEqual(["2026-03-16", "2026-05-16"]);
    expect(dates({ intervalType: "Monthly", dayOfMonth: 31, nextDate: "2026-03-31" })).toEqual([
      "2026-03-31",
      "2026-04-30",
      "2026-05-31",
    ]);
    // A yearly template dated last year recurs a year on: Apr 1 is inside the horizon, Jul 1 past it.
    expect(dates({ intervalType: "Yearly", nextDate: "2025-04-01" })).toEqual(["2026-04-01"]);
    expect(dates({ intervalType: "Yearly", nextDate: "2025-07-01" })).toEqual([]);
    expect(dates({ intervalType: "Yearly", nextDate: "2025-03-16" })).toEqual(["2026-03-16"]);
    // Started before today: only today on. An unknown interval: its next date only.
    expect(dates({ intervalType: "Daily", numInterval: 45, nextDate: d(-44) })).toEqual([d(1), d(46)]);
    expect(dates({ intervalType: "Daily", numInterval: 1, nextDate: d(-1) })[0]).toBe(d(0));
    expect(dates({ intervalType: "Daily", numInterval: 91, nextDate: d(-1) })).toEqual([d(90)]);
    expect(dates({ intervalType: "Daily", numInterval: 91, nextDate: d(0) })).toEqual([d(0)]);
    expect(dates({ intervalType: "Fortnightly", nextDate: d(3) })).toEqual([d(3)]);
    expect(dates({ intervalType: null, nextDate: d(-3) })).toEqual([]);
  });

  it("ages each open document into one bucket by how late it is: 0, 1, 30, 31, 60, 61, 90, 91", () => {
    const late = [0, 1, 30, 31, 60, 61, 90, 91];
    const r = computeRunway(
      ledger({
        openInvoices: late.map((n) =>
          doc(`I${n}`, { partyId: "c1", dueDate: d(-n), amountCents: 100 + n, balanceCents: 100 + n }),
        ),
        openBills: [
          doc("B", { partyId: "v1", dueDate: d(-31), amountCents: 7, balanceCents: 7 }),
          doc("P", { partyId: "v1", dueDate: d(-31), amountCents: 7, balanceCents: 0 }),
        ],
      }),
      { asOf },
    );
    expect(r.arAging).toEqual({
      current: { cents: 100, count: 1 },
      "1-30": { cents: 101 + 130, count: 2 },
      "31-60": { cents: 131 + 160, count: 2 },
      "61-90": { cents: 161 + 190, count: 2 },
      "91+": { cents: 191, count: 1 },
    });
    expect(r.apAging["31-60"]).toEqual({ cents: 7, count: 1 });
    expect(r.apAging.current).toEqual({ cents: 0, count: 0 });
  });

  it("a credit lowers only its own side and party, earliest first, and never below zero", () => {
    const credit = (kind: TLedgerCredit["kind"], partyId: string, amountCents: number): TLedgerCredit => ({
      id: `${kind}${partyId}${amountCents}`,
      kind,
      partyId,
      amountCents,
      currency: "USD",
      exchangeRate: null,
    });
    const r = computeRunway(
      ledger({
        openInvoices: [
          doc("I2", { partyId: "c1", dueDate: d(8), amountCents: 3_000, balanceCents: 3_000 }),
          doc("I1", { partyId: "c1", dueDate: d(4), amountCents: 2_000, balanceCents: 2_000 }),
          doc("OTHER", { partyId: "c2", dueDate: d(4), amountCents: 2_000, balanceCents: 2_000 }),
        ],
        openBills: [doc("B1", { partyId: "v1", dueDate: d(4), amountCents: 5_000, balanceCents: 5_000 })],
        credits: [
          credit("creditMemo", "c1", 2_500),
          credit("vendorCredit", "v1", 1_000),
          // A vendor credit for a customer's id, a zero credit, a foreign one without a rate: nothing.
          { ...credit("vendorCredit", "c2", 900), id: "vc-c2" },
          credit("creditMemo", "c2", 0),
          { ...credit("unappliedPayment", "c2", 700), currency: "EUR" },
        ],
      }),
      { asOf },
    );
    expect(r.inflows.map((f) => [f.ref?.id, f.amountCents, f.creditAppliedCents ?? 0])).toEqual([
      ["OTHER", 2_000, 0],
      ["I2", 2_500, 500],
    ]);
    expect(r.outflows.map((f) => [f.ref?.id, f.amountCents, f.creditAppliedCents])).toEqual([
      ["B1", 4_000, 1_000],
    ]);
  });
});

describe("bank movements in the trailing window", () => {
  // Two bank accounts (1, 2) and a card (9). Each case: [baseline burn, net cash out].
  const flows = (...txns: ReturnType<typeof cash>[]) => {
    const r = computeRunway(
      ledger({
        accounts: [
          bank("1", "Checking", 1_000_000),
          bank("2", "Savings", 0),
          { ...bank("9", "Card", 0), type: "Credit Card" },
        ],
        cashTxns: txns,
      }),
      { asOf },
    );
    return [r.burn.totalCents, r.trailingNetOutCents];
  };
  it("counts what crosses the bank's edge, once, by kind", () => {
    // Between the business's own bank accounts: nothing moves.
    expect(flows(cash("Transfer", d(-5), 700, { toAccountId: "2" }))).toEqual([0, 0]);
    // Bank to the card account (not a bank): out, and part of the burn; card to bank: in.
    expect(flows(cash("Transfer", d(-5), 700, { toAccountId: "9" }))).toEqual([700, 700]);
    expect(flows(cash("Transfer", d(-5), 700, { accountId: "9", toAccountId: "1" }))).toEqual([0, -700]);
    // A purchase out of the bank is burn; a refund back in is money in; one on the card is not yet cash.
    expect(flows(cash("Purchase", d(-5), 300))).toEqual([300, 300]);
    expect(flows(cash("Purchase", d(-5), 300, { isCredit: true }))).toEqual([0, -300]);
    expect(flows(cash("Purchase", d(-5), 300, { accountId: "9" }))).toEqual([0, 0]);
    // A bill payment is cash out but not burn (bills are projected one by one).
    expect(flows(cash("BillPayment", d(-5), 400))).toEqual([0, 400]);
    expect(flows(cash("BillPayment", d(-5), 400, { accountId: "9" }))).toEqual([0, 0]);
    // Paying the card is when card spend becomes burn.
    expect(flows(cash("CreditCardPayment", d(-5), 500, { toAccountId: "9" }))).toEqual([500, 500]);
    expect(flows(cash("RefundReceipt", d(-5), 60))).toEqual([60, 60]);
    expect(flows(cash("RefundReceipt", d(-5), 60, { accountId: "9" }))).toEqual([0, 0]);
    for (const type of ["Payment", "Deposit", "SalesReceipt"]) {
      expect(flows(cash(type, d(-5), 800)), type).toEqual([0, -800]);
      expect(flows(cash(type, d(-5), 800, { accountId: "9" })), type).toEqual([0, 0]);
    }
    // A journal entry is not a cash movement; a foreign one without a rate is left out.
    expect(flows(cash("JournalEntry", d(-5), 900))).toEqual([0, 0]);
    expect(flows(cash("Purchase", d(-5), 300, { currency: "EUR" }))).toEqual([0, 0]);
    expect(flows(cash("Purchase", d(-5), 300, { accountId: null }))).toEqual([0, 0]);
  });
});

describe("recurring outflows found in history, at their edges", () => {
  const series = (txns: ReturnType<typeof cash>[], over: Partial<TLedger> = {}) =>
    computeRunway(ledger({ cashTxns: txns, ...over }), { asOf }).recurringSeries.map((x) => [
      subjectText(x.subject),
      x.vendorId,
      x.dayOfMonth,
      x.amountCents,
      x.occurrences,
    ]);
  const on = (dates: string[], over: Partial<ReturnType<typeof cash>> = { vendorId: "v1" }, cents = 1_000) =>
    dates.map((date) => cash("Purchase", date, cents, over));

  it("three distinct months within three days of each other make a series; two months, or four days apart, do not", () => {
    expect(series(on(["2026-01-10", "2026-02-12", "2026-03-13"]))).toEqual([["Figma", "v1", 12, 1_000, 3]]);
    expect(series(on(["2026-01-10", "2026-02-14", "2026-03-10"]))).toEqual([]); // 14 is 4 days from 10
    // Two payments in one month and one in another: two months only.
    expect(series(on(["2026-02-10", "2026-02-11", "2026-03-10"]))).toEqual([]);
    // The day taken is the median of the days (10, 11, 13 → 11); the amount is the latest one's.
    expect(
      series([
        cash("Purchase", "2026-01-13", 700, { vendorId: "v1" }),
        cash("Purchase", "2026-03-11", 900, { vendorId: "v1" }),
        cash("Purchase", "2026-02-10", 800, { vendorId: "v1" }),
      ]),
    ).toEqual([["Figma", "v1", 11, 900, 3]]);
  });

  it("card payments make a series per card; purchases without a vendor, or a templated vendor's, do not", () => {
    const card = (date: string) => cash("CreditCardPayment", date, 2_000, { toAccountId: "9" });
    expect(series([card("2026-01-25"), card("2026-02-25"), card("2026-03-02")])).toEqual([]);
    expect(series([card("2025-12-25"), card("2026-01-25"), card("2026-02-25")])).toEqual([
      ["Credit card payment", null, 25, 2_000, 3],
    ]);
    expect(series(on(["2026-01-10", "2026-02-10", "2026-03-10"], { vendorId: null }))).toEqual([]);
    const templated = {
      recurring: [
        {
          id: "R",
          txnType: "Purchase",
          name: "Figma",
          intervalType: "Monthly",
          numInterval: 1,
          dayOfMonth: 10,
          nextDate: "2026-04-10",
          amountCents: 1_000,
          partyId: "v1",
        },
      ],
    };
    expect(series(on(["2026-01-10", "2026-02-10", "2026-03-10"]), templated)).toEqual([]);
    // An unknown vendor id is still a series, named plainly.
    expect(series(on(["2026-01-10", "2026-02-10", "2026-03-10"], { vendorId: "v404" }))).toEqual([
      ["A vendor", "v404", 10, 1_000, 3],
    ]);
  });
});

describe("more edges: recurring income, bills, reminders, order", () => {
  it("a recurring invoice lands after the customer's terms plus its habit; a sales receipt on its date; a silent customer's not at all", () => {
    const acmeLate6 = {
      customers: [{ id: "c1", name: "Acme", termId: "net15" }],
      paidInvoices: [doc("P", { partyId: "c1", dueDate: d(-40), amountCents: 1, balanceCents: 0 })],
      applications: [{ invoiceId: "P", customerId: "c1", date: d(-34) }],
      customerPaymentDates: [{ customerId: "c1", date: d(-34) }],
    };
    const t = (txnType: string, nextDate: string): TLedgerRecurring => ({
      id: "R",
      txnType,
      name: "Retainer",
      intervalType: null,
      numInterval: null,
      dayOfMonth: null,
      nextDate,
      amountCents: 2_000,
      partyId: "c1",
    });
    const flowsOf = (recurring: TLedgerRecurring[], over: Partial<TLedger> = acmeLate6) =>
      computeRunway(ledger({ ...over, recurring }), { asOf }).inflows.map((f) => [
        f.date,
        f.ref,
        f.kind,
        f.basis,
      ]);
    // Net 15 + 6 days late: d2 → d23.
    expect(flowsOf([t("Invoice", d(2))])).toEqual([
      [
        d(23),
        { type: "RecurringTransaction", id: "R" },
        "recurringIncome",
        { kind: "recurringIncome", txnType: "Invoice", date: d(2), lagDays: 21 },
      ],
    ]);
    // A sales receipt is paid on the spot: no terms, no habit.
    expect(flowsOf([t("SalesReceipt", d(2))])[0]![0]).toBe(d(2));
    // Landing on the horizon's last day counts; the day after does not.
    expect(flowsOf([t("Invoice", d(69))])[0]![0]).toBe(d(90));
    expect(flowsOf([t("Invoice", d(70))])).toEqual([]);
    // A customer silent for 90 days gets no recurring income either.
    const silent = {
      customers: [{ id: "c1", name: "Acme", termId: null }],
      paidInvoices: [
        doc("P", { partyId: "c1", txnDate: d(-200), dueDate: d(-170), amountCents: 1, balanceCents: 0 }),
      ],
    };
    expect(flowsOf([t("SalesReceipt", d(2))], silent)).toEqual([]);
    // A recurring bill goes out as a recurring outflow, named by its template.
    const out = computeRunway(ledger({ recurring: [{ ...t("Bill", d(3)), partyId: "v1" }] }), {
      asOf,
    }).outflows;
    expect(out.map((f) => [f.date, f.ref, f.kind, subjectText(f.subject)])).toEqual([
      [d(3), { type: "RecurringTransaction", id: "R" }, "recurringOutflow", "Retainer · Figma"],
    ]);
  });

  it("each open bill is based as it is placed, labelled by number or date, vendor or none; a paid-up one is nothing", () => {
    const r = computeRunway(
      ledger({
        openBills: [
          doc("DUE", { docNumber: "88", partyId: "v1", dueDate: d(4), amountCents: 100, balanceCents: 100 }),
          doc("NODUE", {
            docNumber: null,
            txnDate: "2026-03-10",
            partyId: "v3",
            amountCents: 200,
            balanceCents: 200,
          }),
          doc("LATE", { partyId: null, dueDate: d(-2), amountCents: 300, balanceCents: 300 }),
          doc("SCHED", { partyId: "v2", dueDate: d(4), amountCents: 400, balanceCents: 400 }),
          doc("PAID", { partyId: "v1", dueDate: d(4), amountCents: 500, balanceCents: 0 }),
        ],
      }),
      { asOf, changes: [{ kind: "payBill", billId: "SCHED", date: d(9) }] },
    );
    expect(r.outflows.map((f) => [f.ref?.id, f.date, subjectText(f.subject), f.basis])).toEqual([
      ["LATE", d(0), "Bill LATE · no vendor", { kind: "billOverdue" }],
      ["DUE", d(4), "Bill 88 · Figma", { kind: "dueDate" }],
      ["SCHED", d(9), "Bill SCHED · Gusto", { kind: "scheduled" }],
      // Studio Ink's net 15 from Mar 10.
      ["NODUE", "2026-03-25", "Bill of Mar 10, 2026 · Studio Ink", { kind: "billNoDueDate", termDays: 15 }],
    ]);
    expect(r.issues.billsWithoutDueDate).toEqual(["NODUE"]);
    expect(r.withoutDueDate).toEqual({ ar: { cents: 0, count: 0 }, ap: { cents: 200, count: 1 } });
  });

  it("the latest reminder and the latest payment count, in whatever order they are given", () => {
    const l = ledger({
      openInvoices: [doc("L", { partyId: "c2", dueDate: d(-20), amountCents: 1_000, balanceCents: 1_000 })],
    });
    const landing = (dates: string[]) =>
      computeRunway(l, {
        asOf,
        changes: dates.map((date) => ({ kind: "remind" as const, invoiceId: "L", date })),
      }).inflows[0]!.date;
    expect(landing([d(0), d(-2)])).toBe(d(5));
    expect(landing([d(-2), d(0)])).toBe(d(5));
    // Paid in two parts, the later payment is when it was paid: due d−40, paid d−38 and d−30 → 10 late.
    const habits = (dates: string[]) =>
      computeRunway(
        ledger({
          paidInvoices: [doc("P", { partyId: "c1", dueDate: d(-40), amountCents: 1, balanceCents: 0 })],
          applications: dates.map((date) => ({ invoiceId: "P", customerId: "c1", date })),
        }),
        { asOf },
      ).habits.map((h) => h.medianDaysLate);
    expect(habits([d(-38), d(-30)])).toEqual([10]);
    expect(habits([d(-30), d(-38)])).toEqual([10]);
  });

  it("flows on the same day: the larger first; documents of the same date by id", () => {
    const r = computeRunway(
      ledger({
        openBills: [
          doc("B2", { partyId: "v1", dueDate: d(4), amountCents: 100, balanceCents: 100 }),
          doc("B10", { partyId: "v1", dueDate: d(4), amountCents: 900, balanceCents: 900 }),
          doc("B1", { partyId: "v1", dueDate: d(4), amountCents: 100, balanceCents: 100 }),
          doc("B0", { partyId: "v1", dueDate: d(3), amountCents: 5, balanceCents: 5 }),
        ],
      }),
      { asOf },
    );
    expect(r.outflows.map((f) => f.ref?.id)).toEqual(["B0", "B10", "B1", "B2"]);
  });
});

describe("edges of history, due dates and the horizon", () => {
  it("a first transaction on day −90 is enough history; on day −89 it is not", () => {
    expect(computeRunway(ledger({ firstActivityDate: d(-90) }), { asOf }).runway.kind).not.toBe(
      "insufficientData",
    );
    expect(computeRunway(ledger({ firstActivityDate: d(-89) }), { asOf }).runway).toMatchObject({
      kind: "insufficientData",
      reason: "shortHistory",
      firstActivityDate: d(-89),
    });
    expect(computeRunway(ledger({ firstActivityDate: null }), { asOf }).runway).toMatchObject({
      reason: "shortHistory",
      firstActivityDate: null,
    });
  });

  it("a bill due today is due, not overdue; one due yesterday is a day overdue and paid today", () => {
    const r = computeRunway(
      ledger({
        openBills: [
          doc("TODAY", { partyId: "v1", dueDate: d(0), amountCents: 100, balanceCents: 100 }),
          doc("YEST", { partyId: "v1", dueDate: d(-1), amountCents: 200, balanceCents: 200 }),
        ],
      }),
      { asOf },
    );
    expect(r.outflows.map((f) => [f.ref?.id, f.date, f.basis, f.overdue ?? null])).toEqual([
      ["YEST", d(0), { kind: "billOverdue" }, { daysPastDue: 1, remindedOn: null }],
      ["TODAY", d(0), { kind: "dueDate" }, null],
    ]);
  });

  it("a silent customer's invoice 90 days past due is at risk for its silence; 91 days, for being late", () => {
    const silent = (due: string) =>
      computeRunway(
        ledger({
          openInvoices: [
            doc("S", { partyId: "c1", txnDate: d(-200), dueDate: due, amountCents: 1, balanceCents: 1 }),
          ],
        }),
        { asOf },
      ).atRiskAr[0]!.why;
    expect(silent(d(-90))).toEqual({ kind: "noRecentPayment", days: 90 });
    expect(silent(d(-91))).toEqual({ kind: "pastDue", days: 91 });
  });

  it("a bill due on the horizon's last day is in the projection; the day after is not; paid-up undated bills are not counted", () => {
    const r = computeRunway(
      ledger({
        openBills: [
          doc("LAST", { partyId: "v1", dueDate: d(90), amountCents: 100, balanceCents: 100 }),
          doc("AFTER", { partyId: "v1", dueDate: d(91), amountCents: 100, balanceCents: 100 }),
          doc("PAIDUNDATED", { partyId: "v1", dueDate: null, amountCents: 100, balanceCents: 0 }),
        ],
        openInvoices: [
          doc("LATERIN", { partyId: "c1", dueDate: d(91), amountCents: 100, balanceCents: 100 }),
        ],
      }),
      { asOf },
    );
    expect(r.outflows.map((f) => f.ref?.id)).toEqual(["LAST"]);
    expect(r.inflows).toEqual([]);
    expect(r.withoutDueDate.ap).toEqual({ cents: 0, count: 0 });
  });
});

describe("reserves", () => {
  it("keeps holds and set-asides out of spendable, releases them on their dates, and reserves a share of inflows", () => {
    const r = computeRunway(
      ledger({
        openInvoices: [
          doc("I", { partyId: "c1", dueDate: d(10), amountCents: 200_000, balanceCents: 200_000 }),
        ],
      }),
      {
        asOf,
        reserves: [
          { id: "h", name: "Tax hold", kind: "hold", amountCents: 100_000, releaseDate: d(30) },
          { id: "s", name: "Insurance", kind: "setAside", amountCents: 50_000, payDate: d(20) },
          { id: "p", name: "Profit first", kind: "percentOfInflows", basisPoints: 1_250 },
        ],
      },
    );
    expect(r.reservedCents).toBe(150_000);
    expect(r.spendableCents).toBe(850_000);
    // day 10: +200,000 cash, 12.5% = 25,000 reserved
    expect(r.days[10]).toMatchObject({
      cashCents: 1_200_000,
      reservedCents: 175_000,
      spendableCents: 1_025_000,
    });
    // day 20: the insurance leaves cash and its reserve at once: spendable unchanged
    expect(r.days[20]).toMatchObject({
      cashCents: 1_150_000,
      reservedCents: 125_000,
      spendableCents: 1_025_000,
    });
    // day 30: the hold is released
    expect(r.days[30]).toMatchObject({ reservedCents: 25_000, spendableCents: 1_125_000 });
  });
});

describe("what if", () => {
  it("measures delaying a bill in runway days and the lowest balance", () => {
    const l = ledger({
      accounts: [bank("1", "Checking", 100_000)],
      cashTxns: oneOffSpend,
      openBills: [doc("BIG", { partyId: "v1", dueDate: d(3), amountCents: 80_000, balanceCents: 80_000 })],
    });
    // before: 20,000 − 1,000·(d+1) < 0 first at d = 20; after (paid on day 40): first at d = 40
    const impact = whatIf(l, { asOf }, [{ kind: "payBill", billId: "BIG", date: d(40) }]);
    expect(impact.before).toMatchObject({ kind: "days", days: 20 });
    expect(impact.after).toMatchObject({ kind: "days", days: 40 });
    expect(impact.runwayDeltaDays).toBe(20);
    expect(impact.summary).toBe("moreDays");
    expect(impact.lowestDeltaCents).toBe(0); // both end at 100,000 − 80,000 − 91,000 on day 90
    // a reserve costs runway
    const reserve = whatIf(l, { asOf }, [
      {
        kind: "reserve",
        reserve: { id: "x", name: "Hold", kind: "hold", amountCents: 10_000, releaseDate: null },
      },
    ]);
    // 10,000 − 1,000·(d+1) < 0 first at d = 10
    expect(reserve.runwayDeltaDays).toBe(10 - 20);
    expect(reserve.lowestDeltaCents).toBe(-10_000);
  });
});

describe("timing-aware impact", () => {
  // 1,000,000 in the bank, 1,000 a day of burn, $9,000 of rent due today.
  const rent = () =>
    ledger({
      cashTxns: oneOffSpend,
      openBills: [doc("RENT", { partyId: "v1", dueDate: d(0), amountCents: 9_000, balanceCents: 9_000 })],
    });
  const seen = (date: string) => ({ thresholdCents: 950_000, date });

  it("the same bill paid on two dates gives two different impacts, each computed by hand", () => {
    // Before: day d closes at 1,000,000 − 1,000·(d+1) − 9,000 = 990,000 − 1,000·d.
    // Runway: day 62 928,000, day 90 900,000: −1,000 a day → 91 + 900 = 991 days.
    const at30 = whatIf(
      rent(),
      { asOf },
      [{ kind: "payBill", billId: "RENT", date: d(30) }],
      undefined,
      seen(d(30)),
    );
    const at60 = whatIf(
      rent(),
      { asOf },
      [{ kind: "payBill", billId: "RENT", date: d(60) }],
      undefined,
      seen(d(60)),
    );
    for (const i of [at30, at60]) {
      expect(i.before).toMatchObject({ kind: "days", days: 991 });
      expect(i.after).toMatchObject({ kind: "days", days: 991 }); // days 62–90 are unchanged
      expect(i.runwayDeltaDays).toBe(0);
      expect(i.summary).toBe("sameRunway"); // not "no change": the path moved
      expect(i.pathChanged).toBe(true);
      // 4-week low: day 27, 963,000 before; 9,000 more while the rent waits
      expect(i.low4Weeks.before).toEqual({ date: d(27), spendableCents: 963_000 });
      expect(i.low4Weeks.after).toEqual({ date: d(27), spendableCents: 972_000 });
      expect(i.low4Weeks.deltaCents).toBe(9_000);
      // 13-week low: day 90 at 900,000 either way
      expect(i.lowestDeltaCents).toBe(0);
    }
    // Days under 950,000: before, 990,000 − 1,000·d < 950,000 from day 41 → days 41–90 = 50.
    // Paid on day 30 it changes nothing past day 29 → 50; paid on day 60, days 0–59 close at
    // 999,000 − 1,000·d, under from day 50 → days 50–59 and 60–90 = 10 + 31 = 41.
    expect(at30.daysBelowThreshold).toEqual({ thresholdCents: 950_000, before: 50, after: 50 });
    expect(at60.daysBelowThreshold).toEqual({ thresholdCents: 950_000, before: 50, after: 41 });
    // Spendable at the close of the chosen date (the payment included): 990,000 − 1,000·d.
    expect(at30.onDate).toEqual({ date: d(30), beforeCents: 960_000, afterCents: 960_000 });
    expect(at60.onDate).toEqual({ date: d(60), beforeCents: 930_000, afterCents: 930_000 });
    // The overlay: 91 days, the rent's 9,000 back in the bank until the day it is paid.
    expect(at60.path).toHaveLength(91);
    expect(at60.path[59]).toEqual({ date: d(59), beforeCents: 931_000, afterCents: 940_000 });
    expect(at60.path[60]).toEqual({ date: d(60), beforeCents: 930_000, afterCents: 930_000 });
  });

  it("a payment moved into the last four weeks steepens the slope: runway past the horizon falls", () => {
    const i = whatIf(rent(), { asOf }, [{ kind: "payBill", billId: "RENT", date: d(70) }]);
    // after: day 62 closes at 1,000,000 − 63,000 = 937,000, day 90 at 900,000: fall 37,000 in 28
    // days → 91 + ⌊900,000 × 28 ÷ 37,000⌋ = 91 + 681
    expect(i.after).toMatchObject({ kind: "days", days: 772, beyondHorizon: true });
    expect(i.runwayDeltaDays).toBe(772 - 991);
    expect(i.summary).toBe("fewerDays");
    expect(i.daysBelowThreshold.thresholdCents).toBe(0); // no threshold given: below zero
    expect(i.onDate).toBeNull();
  });

  it("'no change' only when the path is identical on every day", () => {
    const i = whatIf(rent(), { asOf }, [{ kind: "payBill", billId: "RENT", date: d(0) }]);
    expect(i.pathChanged).toBe(false);
    expect(i.summary).toBe("same");
    expect(i.low4Weeks.deltaCents).toBe(0);
    // A hold changes only what is spendable today onwards: the path moved.
    const hold = whatIf(rent(), { asOf }, [
      {
        kind: "reserve",
        reserve: { id: "h", name: "Hold", kind: "hold", amountCents: 1, releaseDate: null },
      },
    ]);
    expect(hold.pathChanged).toBe(true);
    expect(hold.summary).not.toBe("same");
  });
});

describe("comparing two projections (every pair of runway kinds)", () => {
  // Computed in beforeAll, not at collection: a mutant that breaks the engine then fails these
  // tests instead of stopping the whole file from loading (which Stryker would count as survived).
  let r: TRunwayResult;
  beforeAll(() => {
    r = computeRunway(ledger(), { asOf });
  });
  const days = (n: number): TRunway => ({ kind: "days", days: n, date: d(n), beyondHorizon: false });
  const notBurning: TRunway = { kind: "notBurning" };
  const none: TRunway = {
    kind: "insufficientData",
    reason: "shortHistory",
    firstActivityDate: null,
    windowDays: 90,
  };
  const as = (runway: TRunway, shift = 0, open = 0): TRunwayResult => ({
    ...r,
    runway,
    spendableCents: r.spendableCents + open,
    days: r.days.map((x) => ({ ...x, spendableCents: x.spendableCents + shift })),
  });
  const summary = (a: TRunwayResult, b: TRunwayResult) => {
    const i = compareRunways(a, b);
    return [i.summary, i.runwayDeltaDays, i.pathChanged];
  };

  it("names the change from one runway to another, and 'same' only when no day moved", () => {
    expect(summary(as(days(10)), as(days(15), 1))).toEqual(["moreDays", 5, true]);
    expect(summary(as(days(15)), as(days(10), -1))).toEqual(["fewerDays", -5, true]);
    expect(summary(as(days(10)), as(days(10), 1))).toEqual(["sameRunway", 0, true]);
    expect(summary(as(days(10)), as(days(10)))).toEqual(["same", 0, false]);
    expect(summary(as(notBurning), as(notBurning, 1))).toEqual(["sameRunway", null, true]);
    expect(summary(as(notBurning), as(notBurning))).toEqual(["same", null, false]);
    expect(summary(as(days(10)), as(notBurning, 1))).toEqual(["nowNotBurning", null, true]);
    expect(summary(as(notBurning), as(days(10), -1))).toEqual(["nowBurning", null, true]);
    expect(summary(as(none), as(none))).toEqual(["same", null, false]);
    expect(summary(as(none), as(none, 1))).toEqual(["unknown", null, true]);
    expect(summary(as(days(10)), as(none, 1))).toEqual(["unknown", null, true]);
    expect(summary(as(none), as(days(10), 1))).toEqual(["unknown", null, true]);
    expect(summary(as(none), as(notBurning, 1))).toEqual(["unknown", null, true]);
    expect(summary(as(notBurning), as(none, 1))).toEqual(["unknown", null, true]);
    expect(summary(as(none), as(notBurning))).toEqual(["same", null, false]);
    // Only today's opening spendable differs: the path changed.
    expect(summary(as(days(10)), as(days(10), 0, 5))).toEqual(["sameRunway", 0, true]);
  });

  it("counts days under the alert line, reads the decision's date, and the 4-week and 13-week lows", () => {
    // No burn: every close is 1,000,000; the after path is 2,000 higher.
    const i = compareRunways(as(days(10)), as(days(10), 2_000), { thresholdCents: 1_000_001, date: d(3) });
    expect(i.daysBelowThreshold).toEqual({ thresholdCents: 1_000_001, before: 91, after: 0 });
    expect(i.onDate).toEqual({ date: d(3), beforeCents: 1_000_000, afterCents: 1_002_000 });
    expect(compareRunways(as(days(10)), as(days(10)), { date: d(200) }).onDate).toBeNull();
    expect(compareRunways(as(days(10)), as(days(10))).onDate).toBeNull();
    expect(compareRunways(as(days(10)), as(days(10))).daysBelowThreshold).toEqual({
      thresholdCents: 0,
      before: 0,
      after: 0,
    });
    // The opening is part of both lows: raising every close leaves them at today's spendable.
    expect(i.low4Weeks).toEqual({
      before: { date: asOf, spendableCents: 1_000_000 },
      after: { date: asOf, spendableCents: 1_000_000 },
      deltaCents: 0,
    });
    // Lower closes on days 27 and 28: only day 27 is in the 4 weeks; both are in the 13.
    const dip = (day: number, by: number): TRunwayResult => ({
      ...r,
      days: r.days.map((x, k) => (k === day ? { ...x, spendableCents: x.spendableCents - by } : x)),
      lowest: { date: d(day), spendableCents: 1_000_000 - by },
    });
    const j = compareRunways(dip(27, 100), dip(28, 300));
    expect(j.low4Weeks).toEqual({
      before: { date: d(27), spendableCents: 999_900 },
      after: { date: asOf, spendableCents: 1_000_000 },
      deltaCents: 100,
    });
    expect([j.lowestBefore.spendableCents, j.lowestAfter.spendableCents, j.lowestDeltaCents]).toEqual([
      999_900, 999_700, -200,
    ]);
    expect(j.path[27]).toEqual({ date: d(27), beforeCents: 999_900, afterCents: 1_000_000 });
  });
});

describe("this week's actions", () => {
  it("no delay advice for a business that never goes under its threshold; rent due today stays due", () => {
    // $1,000,000, 1,000 a day of burn, $9,000 of rent due today: never below zero in 13 weeks.
    const rich = ledger({
      cashTxns: oneOffSpend,
      openBills: [doc("RENT", { partyId: "v1", dueDate: d(0), amountCents: 9_000, balanceCents: 9_000 })],
    });
    const base = computeRunway(rich, { asOf });
    expect(needsRoom(base, 0)).toBe(false);
    expect(topActions(rich, { asOf }, base)).toEqual([]);
    // $1M, $9,000 rent due today and $500,000 coming in on day 5: delaying the rent would lift the
    // low point (991,000 today → 1,000,000), yet a business this far above water is not told to.
    const flush = ledger({
      openBills: [doc("RENT", { partyId: "v1", dueDate: d(0), amountCents: 9_000, balanceCents: 9_000 })],
      openInvoices: [
        doc("BIG", { partyId: "c1", dueDate: d(5), amountCents: 500_000, balanceCents: 500_000 }),
      ],
    });
    const flushBase = computeRunway(flush, { asOf });
    expect(flushBase.lowest).toEqual({ date: asOf, spendableCents: 991_000 });
    expect(topActions(flush, { asOf }, flushBase)).toEqual([]);
    // Under an alert line of 995,000 it does need room: the delay is advised, and it helps.
    const advised = topActions(flush, { asOf }, flushBase, { thresholdCents: 995_000 });
    expect(advised.map((a) => [a.ref.id, a.impact.lowestDeltaCents])).toEqual([["RENT", 9_000]]);
    // With an alert line above its day-27 low (963,000) it needs room, and delays are weighed again.
    expect(needsRoom(base, 965_000)).toBe(true);
    // Exactly at the line is not under it: the day-90 close is 900,000.
    expect(needsRoom(base, 900_000)).toBe(false);
    expect(needsRoom(base, 900_001)).toBe(true);
  });

  it("a delay of an overdue bill says how long it has been overdue", () => {
    const l = ledger({
      accounts: [bank("1", "Checking", 10_000)],
      cashTxns: oneOffSpend,
      openBills: [doc("LATE", { partyId: "v1", dueDate: d(-41), amountCents: 9_000, balanceCents: 9_000 })],
    });
    const [delay] = topActions(l, { asOf });
    expect(delay).toMatchObject({ kind: "delayBill", fromDate: asOf, overdueDays: 41 });
  });

  it("a chase names the customer's payment habit", () => {
    const l = ledger({
      accounts: [bank("1", "Checking", 20_000)],
      cashTxns: oneOffSpend,
      paidInvoices: [doc("P1", { partyId: "c1", dueDate: d(-40), amountCents: 5_000, balanceCents: 0 })],
      applications: [{ invoiceId: "P1", customerId: "c1", date: d(-30) }],
      customerPaymentDates: [{ customerId: "c1", date: d(-30) }],
      openInvoices: [
        doc("OLD", { partyId: "c1", dueDate: d(-100), amountCents: 50_000, balanceCents: 50_000 }),
      ],
    });
    const [chase] = topActions(l, { asOf });
    // P1 was paid 10 days after its due date: one paid invoice
    expect(chase).toMatchObject({ kind: "chaseInvoice", habit: { medianDaysLate: 10, sample: 1 } });
  });

  it("under water, a promise date for at-risk AR ranks before a delay, by the rise in the 4-week low", () => {
    const l = ledger({
      accounts: [bank("1", "Checking", 40_000)],
      cashTxns: oneOffSpend,
      openBills: [
        doc("B10", { partyId: "v1", dueDate: d(10), amountCents: 30_000, balanceCents: 30_000 }),
        doc("B30", { partyId: "v1", dueDate: d(30), amountCents: 1_000, balanceCents: 1_000 }), // not due within two weeks
      ],
      openInvoices: [
        doc("OLD", { partyId: "c1", dueDate: d(-100), amountCents: 50_000, balanceCents: 50_000 }),
      ],
    });
    const actions = topActions(l, { asOf });
    // close of day i: 40,000 − 1,000·(i+1) − 30,000 from day 10: −1,000 on day 10 (under water);
    // the 4-week low is day 27's −18,000.
    // promise on OLD (in on day 14): the low becomes day 13's −4,000 → +14,000;
    // delay B10 to day 24: day 27 still pays it → +0 in the 4-week low, but +14 days of runway.
    expect(
      actions.map((a) => [
        a.kind,
        a.ref.id,
        a.impact.low4Weeks.deltaCents,
        a.impact.runwayDeltaDays,
        a.impact.lowestDeltaCents,
      ]),
    ).toEqual([
      ["chaseInvoice", "OLD", 14_000, 0, 50_000],
      ["delayBill", "B10", 0, 14, 0],
    ]);
    expect(actions[1]).toMatchObject({ date: d(24), fromDate: d(10) });
    expect(subjectText(actions[0]!.subject)).toBe("Invoice OLD · Acme");
  });

  it("under water with an overdue invoice: a reminder first (habit after today), then delays not yet due, then overdue ones", () => {
    const l = ledger({
      accounts: [bank("1", "Checking", 10_000)],
      cashTxns: oneOffSpend,
      // Acme paid its last invoice 10 days late.
      paidInvoices: [doc("P1", { partyId: "c1", dueDate: d(-40), amountCents: 5_000, balanceCents: 0 })],
      applications: [{ invoiceId: "P1", customerId: "c1", date: d(-30) }],
      customerPaymentDates: [{ customerId: "c1", date: d(-30) }],
      openInvoices: [
        doc("INV", { partyId: "c1", dueDate: d(-20), amountCents: 50_000, balanceCents: 50_000 }),
      ],
      openBills: [
        doc("B5", { partyId: "v1", dueDate: d(5), amountCents: 5_000, balanceCents: 5_000 }),
        doc("LATE", { partyId: "v2", dueDate: d(-41), amountCents: 2_000, balanceCents: 2_000 }),
      ],
    });
    const base = computeRunway(l, { asOf });
    // Nobody reminded INV: the forecast expects it on day 30, outside the next 4 weeks.
    expect(base.inflows.find((f) => f.ref?.id === "INV")).toMatchObject({
      date: d(30),
      overdue: { daysPastDue: 20, remindedOn: null },
    });
    const actions = topActions(l, { asOf }, base);
    // close of day i: 10,000 − 1,000·(i+1) − 2,000 (LATE, paid today) − 5,000 from day 5;
    // 4-week low: day 27's −25,000. A reminder today lands INV on day 10 (Acme's 10 days):
    // the low becomes day 9's −7,000 → +18,000. Either delay leaves day 27 as it was.
    expect(
      actions.map((a) => [
        a.kind,
        a.ref.id,
        a.date,
        a.fromDate,
        a.overdueDays,
        a.impact.low4Weeks.deltaCents,
      ]),
    ).toEqual([
      ["remindInvoice", "INV", d(10), d(30), 20, 18_000],
      ["delayBill", "B5", d(19), d(5), 0, 0],
      ["delayBill", "LATE", d(14), d(0), 41, 0],
    ]);
    expect(actions[0]).toMatchObject({
      habit: { medianDaysLate: 10, sample: 1 },
      change: { kind: "remind", invoiceId: "INV", date: asOf },
    });
    // The payment run's chase list (chaseOnly): the same reminder, and no delay however low cash is.
    expect(
      topActions(l, { asOf }, base, { chaseOnly: true, thresholdCents: 1_000_000 }).map((a) => [
        a.kind,
        a.ref.id,
        a.impact.low4Weeks.deltaCents,
      ]),
    ).toEqual([["remindInvoice", "INV", 18_000]]);
    // Once reminded (yesterday), INV is expected on day 9 and is not advised again.
    const reminded = { asOf, changes: [{ kind: "remind" as const, invoiceId: "INV", date: d(-1) }] };
    expect(computeRunway(l, reminded).inflows.find((f) => f.ref?.id === "INV")?.date).toBe(d(9));
    expect(topActions(l, reminded).map((a) => a.ref.id)).not.toContain("INV");
  });

  it("not under water but under its alert line: ranked by the rise in the 4-week low alone", () => {
    // 100,000 and 1,000 a day: never below zero in 4 weeks; an alert line of 80,000 is crossed on day 20.
    const l = ledger({
      accounts: [bank("1", "Checking", 100_000)],
      cashTxns: oneOffSpend,
      openBills: [
        doc("SMALL", { partyId: "v1", dueDate: d(2), amountCents: 3_000, balanceCents: 3_000 }),
        doc("BIG", { partyId: "v2", dueDate: d(13), amountCents: 20_000, balanceCents: 20_000 }),
      ],
      openInvoices: [
        doc("OLD", { partyId: "c1", dueDate: d(-100), amountCents: 1_000, balanceCents: 1_000 }),
      ],
    });
    const base = computeRunway(l, { asOf });
    expect(underWaterOf(base)).toBe(false);
    const actions = topActions(l, { asOf }, base, { thresholdCents: 80_000 });
    // 4-week low: day 27's 100,000 − 28,000 − 23,000 = 49,000. Delaying BIG to day 27 pays it that
    // very day: +0; SMALL to day 16: +0; the promise (1,000 on day 14): +1,000. Only moves with a
    // rise or recovered spendable are kept, the 4-week rise first.
    expect(actions.map((a) => [a.ref.id, a.impact.low4Weeks.deltaCents])).toEqual([
      ["OLD", 1_000],
      ["BIG", 0],
      ["SMALL", 0],
    ]);
  });
});

describe("this week's actions: tiers, limits and edges", () => {
  // No burn. An overdue bill (30,000, due 5 days ago: paid today), a bill of 20,000 due on d2, an
  // invoice of 60,000 due d10, and two small at-risk invoices (2,000 and 1,000).
  const tiers = (cashCents: number) =>
    ledger({
      accounts: [bank("1", "Checking", cashCents)],
      openBills: [
        doc("OLDB", { partyId: "v1", dueDate: d(-5), amountCents: 30_000, balanceCents: 30_000 }),
        doc("BIG", { partyId: "v2", dueDate: d(2), amountCents: 20_000, balanceCents: 20_000 }),
      ],
      openInvoices: [
        doc("INC", { partyId: "c1", dueDate: d(10), amountCents: 60_000, balanceCents: 60_000 }),
        doc("R1", { partyId: "c1", dueDate: d(-100), amountCents: 2_000, balanceCents: 2_000 }),
        doc("R2", { partyId: "c1", dueDate: d(-120), amountCents: 1_000, balanceCents: 1_000 }),
      ],
    });
  const rows = (actions: ReturnType<typeof topActions>) =>
    actions.map((a) => [a.ref.id, a.impact.low4Weeks.deltaCents]);

  it("under water the tiers decide before the gain: promise dates, then a bill not yet due, then the overdue bill", () => {
    // 40,000: d0 10,000; d2–d9 −10,000 (under water); d10 on 50,000. The 4-week low: −10,000.
    // Delay OLDB to d14: low 20,000 (+30,000); delay BIG to d16: low 10,000 (+20,000); a promise
    // on R1 or R2 (d14) leaves the low where it is but brings cash in within the 4 weeks.
    const l = tiers(40_000);
    expect(rows(topActions(l, { asOf }, undefined, { limit: 5 }))).toEqual([
      ["R1", 0],
      ["R2", 0],
      ["BIG", 20_000],
      ["OLDB", 30_000],
    ]);
    // Up to three by default; fewer when asked.
    expect(rows(topActions(l, { asOf }))).toEqual([
      ["R1", 0],
      ["R2", 0],
      ["BIG", 20_000],
    ]);
    expect(topActions(l, { asOf }, undefined, { limit: 1 })).toHaveLength(1);
  });

  it("above water but under its alert line, the gain alone decides", () => {
    // 60,000: d0 30,000, d2–d9 10,000 — never below zero, under a 50,000 line.
    expect(
      rows(topActions(tiers(60_000), { asOf }, undefined, { thresholdCents: 50_000, limit: 5 })),
    ).toEqual([
      ["OLDB", 30_000],
      ["BIG", 20_000],
      ["R1", 0],
      ["R2", 0],
    ]);
  });

  it("under water means below zero today or on one of days 0–27; the alert line is crossed only below it", () => {
    // 1,000 a day of burn: the close of day i is cash − 1,000·(i+1).
    const burning = (cashCents: number) =>
      computeRunway(ledger({ accounts: [bank("1", "Checking", cashCents)], cashTxns: oneOffSpend }), {
        asOf,
      });
    expect(underWaterOf(burning(28_000))).toBe(false); // day 27 closes at 0, day 28 at −1,000
    expect(underWaterOf(burning(27_999))).toBe(true); // day 27 closes at −1
    expect(underWaterOf(burning(-1))).toBe(true);
    const flat = computeRunway(ledger({ accounts: [bank("1", "Checking", 10_000)] }), { asOf });
    expect(underWaterOf(flat)).toBe(false);
    expect(needsRoom(flat, 10_000)).toBe(false);
    expect(needsRoom(flat, 10_001)).toBe(true);
    // Spendable at 0 today and after is not under water.
    expect(underWaterOf(computeRunway(ledger({ accounts: [bank("1", "Checking", 0)] }), { asOf }))).toBe(
      false,
    );
  });

  it("with more candidates than are recomputed exactly, the best is still among them (the quick score ranks)", () => {
    // Thirteen bills of 1,000 due d1–d13 are tried before the at-risk invoice of 50,000; only 12
    // candidates are recomputed exactly. The promise brings 50,000 in on d14 — the most
    // spendable recovered in the 4 weeks — so it must survive the cut and come first.
    const l = ledger({
      accounts: [bank("1", "Checking", 100_000)],
      openBills: Array.from({ length: 13 }, (_, i) =>
        doc(`B${i + 1}`, { partyId: "v1", dueDate: d(i + 1), amountCents: 1_000, balanceCents: 1_000 }),
      ),
      openInvoices: [
        doc("R", { partyId: "c1", dueDate: d(-100), amountCents: 50_000, balanceCents: 50_000 }),
      ],
    });
    const actions = topActions(l, { asOf }, undefined, { thresholdCents: 1_000_000 });
    expect(actions.map((a) => a.ref.id)).toEqual(["R", "B1", "B2"]);
  });

  it("the quick score agrees with the engine's exact impact for delays, reminders and promises", () => {
    // 30,000 and 1,000 a day: bills on d0 (overdue), d6 and d13 (the last day of the window), one
    // on d14 (outside it); an invoice 20 days overdue (no habit: a reminder lands on d5, else d30);
    // an at-risk invoice (a promise: d14).
    const l = ledger({
      accounts: [bank("1", "Checking", 30_000)],
      cashTxns: oneOffSpend,
      openBills: [
        doc("B0", { partyId: "v1", dueDate: d(-3), amountCents: 4_000, balanceCents: 4_000 }),
        doc("B6", { partyId: "v1", dueDate: d(6), amountCents: 6_000, balanceCents: 6_000 }),
        doc("B13", { partyId: "v2", dueDate: d(13), amountCents: 8_000, balanceCents: 8_000 }),
        doc("B14", { partyId: "v2", dueDate: d(14), amountCents: 9_000, balanceCents: 9_000 }),
      ],
      openInvoices: [
        doc("LATE", { partyId: "c1", dueDate: d(-20), amountCents: 12_000, balanceCents: 12_000 }),
        doc("RISK", { partyId: "c1", dueDate: d(-95), amountCents: 7_000, balanceCents: 7_000 }),
      ],
    });
    const base = computeRunway(l, { asOf });
    const actions = topActions(l, { asOf }, base, { limit: 10 });
    expect(actions.map((a) => [a.kind, a.ref.type, a.ref.id]).sort()).toEqual([
      ["chaseInvoice", "Invoice", "RISK"],
      ["delayBill", "Bill", "B0"],
      ["delayBill", "Bill", "B13"],
      ["delayBill", "Bill", "B6"],
      ["remindInvoice", "Invoice", "LATE"],
    ]);
    for (const a of actions)
      expect(quickScore(base, a), `${a.kind} ${a.ref.id}`).toEqual({
        low4Weeks: a.impact.low4Weeks.deltaCents,
        recovered: recoveredSoon(a.impact),
        days: a.impact.runwayDeltaDays,
      });
  });

  it("equal on the 4-week low and on cash recovered, the longer runway ranks first", () => {
    // 9,000, no burn, two bills of 5,000 (d3, d8): −1,000 from d8, runway 8. Delaying the d8 bill
    // to d22 gives runway 22 (+14), the d3 one to d17 runway 17 (+9); both leave the 4-week low at
    // −1,000 and keep 5,000 for 14 days.
    const l = ledger({
      accounts: [bank("1", "Checking", 9_000)],
      openBills: [
        doc("A", { partyId: "v1", dueDate: d(3), amountCents: 5_000, balanceCents: 5_000 }),
        doc("B", { partyId: "v2", dueDate: d(8), amountCents: 5_000, balanceCents: 5_000 }),
      ],
    });
    expect(topActions(l, { asOf }).map((a) => [a.ref.id, a.impact.runwayDeltaDays])).toEqual([
      ["B", 14],
      ["A", 9],
    ]);
  });

  it("today's opening spendable alone can put a business under its line or under water", () => {
    // 1,000 now and 10,000 coming in today: every close is 11,000, but the opening is what is spendable now.
    const l = (cashCents: number) =>
      computeRunway(
        ledger({
          accounts: [bank("1", "Checking", cashCents)],
          openInvoices: [
            doc("I", { partyId: "c1", dueDate: d(0), amountCents: 10_000, balanceCents: 10_000 }),
          ],
        }),
        { asOf },
      );
    expect(needsRoom(l(1_000), 5_000)).toBe(true);
    expect(needsRoom(l(5_000), 5_000)).toBe(false);
    expect(underWaterOf(l(-1))).toBe(true);
    expect(underWaterOf(l(0))).toBe(false);
  });

  it("an action that only lengthens runway is kept: a reminder landing after the 4 weeks", () => {
    // 10,000, no burn; Acme pays 28 days late, so a reminder today lands LATE (5,000) on d28 instead
    // of d30. Bill X (11,000, d28) takes the base below zero on d28; bill Y (20,000, d60) makes the
    // 13-week low −16,000 either way. Reminded: d28 closes at 4,000, and runway runs to d60.
    const l = ledger({
      accounts: [bank("1", "Checking", 10_000)],
      paidInvoices: [doc("P1", { partyId: "c1", dueDate: d(-58), amountCents: 100, balanceCents: 0 })],
      applications: [{ invoiceId: "P1", customerId: "c1", date: d(-30) }],
      customerPaymentDates: [{ customerId: "c1", date: d(-30) }],
      openInvoices: [
        doc("LATE", { partyId: "c1", dueDate: d(-40), amountCents: 5_000, balanceCents: 5_000 }),
      ],
      openBills: [
        doc("X", { partyId: "v1", dueDate: d(28), amountCents: 11_000, balanceCents: 11_000 }),
        doc("Y", { partyId: "v2", dueDate: d(60), amountCents: 20_000, balanceCents: 20_000 }),
      ],
    });
    const [a, ...rest] = topActions(l, { asOf });
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ kind: "remindInvoice", date: d(28), fromDate: d(30) });
    expect([
      a!.impact.low4Weeks.deltaCents,
      recoveredSoon(a!.impact),
      a!.impact.lowestDeltaCents,
      a!.impact.runwayDeltaDays,
    ]).toEqual([0, 0, 0, 32]);
  });

  it("a candidate that moves no spendable is not advised (all of a promised inflow reserved)", () => {
    // Under water, an at-risk invoice: but a 100% reserve keeps every inflow out of spendable.
    const l = ledger({
      accounts: [bank("1", "Checking", 1_000)],
      cashTxns: oneOffSpend,
      openInvoices: [
        doc("OLD", { partyId: "c1", dueDate: d(-100), amountCents: 50_000, balanceCents: 50_000 }),
      ],
    });
    const reserves = [{ id: "r", name: "All of it", kind: "percentOfInflows" as const, basisPoints: 10_000 }];
    expect(topActions(l, { asOf, reserves })).toEqual([]);
    expect(topActions(l, { asOf }).map((a) => a.ref.id)).toEqual(["OLD"]);
    // An invoice without a customer is still named, never by an id alone.
    const orphan = ledger({
      accounts: [bank("1", "Checking", 1_000)],
      cashTxns: oneOffSpend,
      openInvoices: [
        doc("ORPH", {
          docNumber: "77",
          partyId: null,
          dueDate: d(-100),
          amountCents: 5_000,
          balanceCents: 5_000,
        }),
      ],
    });
    expect(subjectText(topActions(orphan, { asOf })[0]!.subject)).toBe("Invoice 77 · no customer");
  });

  it("each try adds to the plan already committed, and is judged against the alert line", () => {
    // A committed schedule pays BIG (30,000) on d2; delaying SMALL is tried on top of it.
    const l = ledger({
      accounts: [bank("1", "Checking", 20_000)],
      openBills: [
        doc("BIG", { partyId: "v1", dueDate: d(20), amountCents: 30_000, balanceCents: 30_000 }),
        doc("SMALL", { partyId: "v2", dueDate: d(5), amountCents: 1_000, balanceCents: 1_000 }),
      ],
    });
    const plan = { asOf, changes: [{ kind: "payBill" as const, billId: "BIG", date: d(2) }] };
    const a = topActions(l, plan, undefined, { thresholdCents: 5_000 }).find((x) => x.ref.id === "SMALL");
    // With BIG on d2 the business is under water from d2: −10,000, then −11,000 from d5; the try
    // keeps BIG on d2 (−10,000 that day) and moves SMALL to d19.
    expect(a!.impact.path[2]).toEqual({ date: d(2), beforeCents: -10_000, afterCents: -10_000 });
    expect(a!.impact.path[5]).toEqual({ date: d(5), beforeCents: -11_000, afterCents: -10_000 });
    expect(a!.impact.daysBelowThreshold).toMatchObject({ thresholdCents: 5_000, before: 89 });
  });

  it("the quick score of a reminder counts the invoice only until the date it was expected", () => {
    // 60,000 and 1,000 a day: below zero only after d30, when the unreminded invoice would land.
    const l = ledger({
      accounts: [bank("1", "Checking", 60_000)],
      cashTxns: oneOffSpend,
      openInvoices: [
        doc("LATE", { partyId: "c1", dueDate: d(-20), amountCents: 12_000, balanceCents: 12_000 }),
      ],
    });
    const base = computeRunway(l, { asOf });
    const [a] = topActions(l, { asOf }, base, { thresholdCents: 100_000 });
    expect(a).toMatchObject({ kind: "remindInvoice", date: d(5), fromDate: d(30) });
    expect(quickScore(base, a!)).toEqual({
      low4Weeks: a!.impact.low4Weeks.deltaCents,
      recovered: recoveredSoon(a!.impact),
      days: a!.impact.runwayDeltaDays,
    });
    expect(a!.impact.runwayDeltaDays).toBe(0);
  });

  it("no reminder is advised when the customer's habit would land it no sooner than the forecast does", () => {
    // Acme pays 35 days late: a reminder today lands on d35, after the unreminded d30.
    const l = ledger({
      accounts: [bank("1", "Checking", 1_000)],
      cashTxns: oneOffSpend,
      paidInvoices: [doc("P1", { partyId: "c1", dueDate: d(-65), amountCents: 5_000, balanceCents: 0 })],
      applications: [{ invoiceId: "P1", customerId: "c1", date: d(-30) }],
      customerPaymentDates: [{ customerId: "c1", date: d(-30) }],
      openInvoices: [
        doc("INV", { partyId: "c1", dueDate: d(-40), amountCents: 50_000, balanceCents: 50_000 }),
      ],
    });
    const base = computeRunway(l, { asOf });
    expect(base.inflows.find((f) => f.ref?.id === "INV")?.date).toBe(d(30));
    expect(topActions(l, { asOf }, base).filter((a) => a.kind === "remindInvoice")).toEqual([]);
  });
});

describe("dates", () => {
  it("counts calendar days across daylight-saving changes inside the horizon", () => {
    // US clocks go forward on 2026-03-08 and back on 2026-11-01; neither shifts a business date.
    const spring = computeRunway(
      ledger({
        openInvoices: [
          doc("I", { partyId: "c1", dueDate: "2026-03-10", amountCents: 1_000, balanceCents: 1_000 }),
        ],
      }),
      { asOf: "2026-03-01" },
    );
    expect(spring.days.slice(6, 10).map((x) => x.date)).toEqual([
      "2026-03-07",
      "2026-03-08",
      "2026-03-09",
      "2026-03-10",
    ]);
    expect(spring.days[9]!.inflowCents).toBe(1_000);
    const autumn = computeRunway(ledger(), { asOf: "2026-10-15" });
    expect(autumn.days[17]!.date).toBe("2026-11-01");
    expect(autumn.days[18]!.date).toBe("2026-11-02");
    expect(autumn.horizonEnd).toBe("2027-01-13");
  });
});

describe("issue 15: guarantees at their edges", () => {
  it("the trailing window is the 90 days before today: day −90 and day −1 count, day −91 and today do not", () => {
    const burn = (extra: ReturnType<typeof cash>[]) =>
      computeRunway(ledger({ cashTxns: [...oneOffSpend, ...extra] }), { asOf }).burn.totalCents;
    expect(burn([])).toBe(90_000);
    expect(burn([cash("Purchase", d(-90), 9_000)])).toBe(99_000);
    expect(burn([cash("Purchase", d(-1), 9_000)])).toBe(99_000);
    expect(burn([cash("Purchase", d(-91), 9_000)])).toBe(90_000);
    expect(burn([cash("Purchase", d(0), 9_000)])).toBe(90_000);
  });

  it("an open bill in another currency is paid at its home-currency amount, never its foreign one", () => {
    const r = computeRunway(
      ledger({
        cashTxns: oneOffSpend,
        openBills: [
          doc("EURB", {
            partyId: "v1",
            dueDate: d(5),
            amountCents: 100_000,
            balanceCents: 100_000,
            currency: "EUR",
            exchangeRate: "1.0825",
          }),
          doc("GBPB", {
            partyId: "v1",
            dueDate: d(5),
            amountCents: 70_000,
            balanceCents: 70_000,
            currency: "GBP",
            exchangeRate: null,
          }),
        ],
      }),
      { asOf },
    );
    const bills = r.outflows.filter((o) => o.ref?.id === "EURB" || o.ref?.id === "GBPB");
    expect(bills.map((o) => [o.ref?.id, o.amountCents])).toEqual([["EURB", 108_250]]);
    expect(r.apAging.current.cents).toBe(108_250);
    expect(r.issues.unconverted).toEqual([{ type: "Bill", id: "GBPB", currency: "GBP" }]);
  });
});
