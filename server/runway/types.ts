import type { THypothetical, THypotheticalFlow } from "./scenario-items";
/**
 * The runway engine's input (a business's synced ledger, read once) and output. Money is integer
 * cents; dates are business dates (`YYYY-MM-DD` in the business's timezone). Documents keep their
 * own currency here; the engine converts to home currency (see currency.ts).
 */

export type TLedgerAccount = {
  id: string;
  name: string;
  /** QBO AccountType: "Bank", "Credit Card", "Other Current Asset"… */
  type: string;
  subType: string | null;
  active: boolean;
  /** QBO CurrentBalance (not the with-sub-accounts figure), in the account's currency. */
  balanceCents: number;
  currency: string | null;
};

/** An invoice or a bill. `balanceCents` is what is still open (partial payments lower it). */
export type TLedgerDoc = {
  id: string;
  docNumber: string | null;
  partyId: string | null;
  txnDate: string | null;
  dueDate: string | null;
  amountCents: number;
  balanceCents: number;
  currency: string | null;
  exchangeRate: string | null;
  termId: string | null;
};

/** Open credit a party can still apply: credit memos, unapplied customer payments, vendor credits. */
export type TLedgerCredit = {
  id: string;
  kind: "creditMemo" | "unappliedPayment" | "vendorCredit";
  partyId: string;
  amountCents: number;
  currency: string | null;
  exchangeRate: string | null;
};

/** A customer payment applied to an invoice, on the payment's date (for payment habits). */
export type TLedgerApplication = { invoiceId: string; customerId: string | null; date: string };

/** A document that moves money through an account (Purchase, Deposit, Transfer, BillPayment…). */
export type TLedgerCashTxn = {
  id: string;
  type: string;
  date: string;
  amountCents: number;
  currency: string | null;
  exchangeRate: string | null;
  accountId: string | null;
  toAccountId: string | null;
  vendorId: string | null;
  isCredit: boolean;
};

/** A QBO recurring template: what QuickBooks will create next, and how often. */
export type TLedgerRecurring = {
  id: string;
  txnType: string;
  name: string | null;
  intervalType: string | null;
  numInterval: number | null;
  dayOfMonth: number | null;
  nextDate: string | null;
  amountCents: number | null;
  partyId: string | null;
};

export type TLedgerParty = { id: string; name: string; termId: string | null };

export type TLedger = {
  homeCurrency: string;
  /** The earliest transaction date in the ledger (null when there is none). */
  firstActivityDate: string | null;
  accounts: TLedgerAccount[];
  openInvoices: TLedgerDoc[];
  /** Invoices fully paid, with their due dates, for payment habits. */
  paidInvoices: TLedgerDoc[];
  openBills: TLedgerDoc[];
  /** Bills fully paid, with their due dates, for vendors' payment patterns. */
  paidBills: TLedgerDoc[];
  /** A bill payment applied to a bill, on the payment's date (for payment patterns). */
  billPayments: { billId: string; date: string }[];
  credits: TLedgerCredit[];
  applications: TLedgerApplication[];
  /** Dates of every customer payment (applied or not), for "no payment in 90 days". */
  customerPaymentDates: { customerId: string; date: string }[];
  cashTxns: TLedgerCashTxn[];
  recurring: TLedgerRecurring[];
  customers: TLedgerParty[];
  vendors: TLedgerParty[];
  /** Term id → due days (null for terms without a fixed number of days). */
  termDays: Record<string, number | null>;
};

// ── options: reserves and hypothetical changes ───────────────────────────────────────────────

export type TReserve =
  /** Kept out of spendable until released (on `releaseDate`, or never). */
  | { id: string; name: string; kind: "hold"; amountCents: number; releaseDate: string | null }
  /** Set aside for a payment: kept out of spendable now, paid out on `payDate`. */
  | { id: string; name: string; kind: "setAside"; amountCents: number; payDate: string }
  /** A share of every projected inflow, in basis points (2000 = 20%), kept out as it arrives. */
  | { id: string; name: string; kind: "percentOfInflows"; basisPoints: number };

export type TChange =
  /** Pay (or schedule) an open bill on `date` instead of its expected date. */
  | { kind: "payBill"; billId: string; date: string }
  /** The customer promised to pay this invoice on `date` (it also brings at-risk AR back in). */
  | { kind: "promise"; invoiceId: string; date: string }
  /** A reminder for this overdue invoice went out (or would go out) on `date`. */
  | { kind: "remind"; invoiceId: string; date: string }
  | { kind: "reserve"; reserve: TReserve }
  /** A hypothetical item of a scenario (a hire, a loan, a retainer, a lost client, a one-off). */
  | { kind: "hypothetical"; item: THypothetical };

export type TRunwayOptions = { asOf: string; reserves?: TReserve[]; changes?: TChange[] };

// ── results ───────────────────────────────────────────────────────────────────────────────

export type TRunway =
  | { kind: "days"; days: number; date: string; beyondHorizon: boolean }
  | { kind: "notBurning" }
  /**
   * Not enough to forecast: no active bank account, or less than `windowDays` of history (the first
   * transaction on `firstActivityDate`, null when there is none). Worded by lib/format.ts.
   */
  | {
      kind: "insufficientData";
      reason: "noBankAccount" | "shortHistory";
      firstActivityDate: string | null;
      windowDays: number;
    };

export type TFlowKind =
  | "invoice"
  | "undepositedFunds"
  | "recurringIncome"
  | "bill"
  | "recurringOutflow"
  | "setAside"
  | "scenario";

/** Why an invoice is at-risk AR: long past due, or its customer has paid nothing for `days`. */
export type TAtRiskWhy = { kind: "pastDue"; days: number } | { kind: "noRecentPayment"; days: number };

/** Why a projected flow falls on its date. */
export type TBasis =
  | { kind: "dueDate" }
  | { kind: "invoiceDate" }
  /** The customer's median days late (negative: early) over its last `sample` paid invoices. */
  | { kind: "habit"; medianDaysLate: number; sample: number }
  | { kind: "promised" }
  /** Overdue, reminded on `on`: expected `days` after the reminder. */
  | { kind: "reminded"; on: string; days: number }
  /** Overdue, reminded long enough ago that the landing passed: `days` after today. */
  | { kind: "overdueReminded"; days: number }
  | { kind: "overdueUnreminded"; days: number }
  | { kind: "undeposited"; days: number }
  /** A QuickBooks recurring invoice or sales receipt dated `date`, paid `lagDays` later. */
  | { kind: "recurringIncome"; txnType: string; date: string; lagDays: number }
  | { kind: "recurringTemplate" }
  /** Detected in history: the same day of the month (31: the last), `occurrences` times. */
  | { kind: "recurringDetected"; dayOfMonth: number; occurrences: number; windowDays: number }
  | { kind: "scheduled" }
  | { kind: "billNoDueDate"; termDays: number }
  | { kind: "billOverdue" }
  | { kind: "setAside" }
  /** A scenario's hypothetical item, on the day the item says. */
  | { kind: "scenario" };

/**
 * What a flow (or a driver of an alert) is, as data; lib/flow-words.ts `subjectText` words it
 * ("Invoice 1042 · Acme", "Payments not yet deposited").
 */
export type TSubject =
  /** An open invoice or bill: its number, else its date; its party's name (null: none). */
  | {
      kind: "document";
      type: "Invoice" | "Bill";
      docNumber: string | null;
      txnDate: string | null;
      party: string | null;
    }
  /** Customer payments received into Undeposited Funds, not yet in the bank. */
  | { kind: "undeposited" }
  /** A QuickBooks recurring template: its name (null: none), its type and party. */
  | { kind: "template"; name: string | null; txnType: string; party: string | null }
  /** A monthly outflow found in the bank history: to a vendor (its name, null: unknown) or a card. */
  | { kind: "detected"; toCard: boolean; party: string | null }
  /** One or more reserves (a set-aside paid out, or what reserves keep out of spendable). */
  | { kind: "reserve"; names: string[] }
  /** A scenario's hypothetical item: its name and which part of it (a hire's pay, a loan's draw…). */
  | { kind: "scenarioItem"; name: string; part: THypotheticalFlow["part"] };

export type TFlow = {
  date: string;
  amountCents: number;
  kind: TFlowKind;
  /** The QBO document (or template) behind it. */
  ref: { type: string; id: string } | null;
  subject: TSubject;
  partyId: string | null;
  /** Why the date is what it is, as data (lib/flow-words.ts words it). */
  basis: TBasis;
  /** Open credit of the same party applied to it, already taken off `amountCents`. */
  creditAppliedCents?: number;
  /** A recurring occurrence a scenario moved: the date it would have landed on. */
  movedFrom?: string;
  /**
   * An invoice past the date it was expected (its due date shifted by the customer's habit), or
   * a bill past its due date (its date plus terms without one): how many days past its due date,
   * and for an invoice the latest reminder (null: none sent; always null for a bill).
   */
  overdue?: { daysPastDue: number; remindedOn: string | null };
};

export type TProjectionDay = {
  date: string;
  inflowCents: number;
  outflowCents: number;
  burnCents: number;
  /** Projected cash in the bank at the end of the day. */
  cashCents: number;
  /** Projected reserved at the end of the day. */
  reservedCents: number;
  /** cash − reserved: what runway is measured on. */
  spendableCents: number;
};

export type TAgingBucket = "current" | "1-30" | "31-60" | "61-90" | "91+";
export type TAging = Record<TAgingBucket, { cents: number; count: number }>;

export type THabit = {
  customerId: string;
  /** Median days paid after the due date (negative: early) over `sample` paid invoices. */
  medianDaysLate: number;
  sample: number;
  lastPaymentDate: string | null;
};

/** How the business pays a vendor: median days after the bill's due date over `sample` bills. */
export type TVendorPattern = {
  vendorId: string;
  /** Negative: paid early. A bill without a due date is due its terms after its date. */
  medianDaysLate: number;
  sample: number;
};

export type TRecurringSeries = {
  key: string;
  subject: TSubject;
  vendorId: string | null;
  /** Day of the month it lands on (31 = the last day). */
  dayOfMonth: number;
  amountCents: number;
  occurrences: number;
};

export type TRunwayResult = {
  asOf: string;
  horizonEnd: string;
  homeCurrency: string;
  cashOnHandCents: number;
  bankAccounts: { id: string; name: string; balanceCents: number }[];
  reservedCents: number;
  spendableCents: number;
  /** The reserves the projection kept out (active ones, and any a what-if added). */
  reserves: TReserve[];
  inflows: TFlow[];
  outflows: TFlow[];
  atRiskAr: {
    invoiceId: string;
    docNumber: string | null;
    txnDate: string | null;
    customerId: string | null;
    customerName: string | null;
    cents: number;
    why: TAtRiskWhy;
  }[];
  /** Baseline burn: non-bill, non-recurring bank outflows over the trailing 90 days. */
  burn: { windowStart: string; windowEnd: string; totalCents: number; recurringExcludedCents: number };
  /** Actual net cash out over the trailing 90 days (out − in; negative: cash grew). */
  trailingNetOutCents: number;
  recurringSeries: TRecurringSeries[];
  days: TProjectionDay[];
  lowest: { date: string; spendableCents: number };
  runway: TRunway;
  arAging: TAging;
  apAging: TAging;
  /** Open documents without a due date (included in the aging at the date the forecast uses). */
  withoutDueDate: { ar: { cents: number; count: number }; ap: { cents: number; count: number } };
  habits: THabit[];
  vendorPatterns: TVendorPattern[];
  issues: {
    billsWithoutDueDate: string[];
    /** Foreign-currency documents or accounts with no exchange rate: left out, never mixed in. */
    unconverted: { type: string; id: string; currency: string | null }[];
  };
};
