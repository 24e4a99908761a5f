// @ts-nocheck
import { TZDate } from "@date-fns/tz";
import { Company, currencyRef } from "./company";
import type { TWire } from "./entities";
import {
  accountByType,
  adjustAccount,
  createBill,
  createBillPayment,
  createCreditCardPayment,
  createCreditMemo,
  createDeposit,
  createInvoice,
  createJournalEntry,
  createPayment,
  createPurchase,
  createRefundReceipt,
  createSalesReceipt,
  createTransfer,
  createVendorCredit,
  docAddress,
} from "./ledger";
import { Money } from "./money";
import { Rng, seedOf } from "./rng";
import { addDaysIso, daysBetween } from "./time";

/**
 * A deterministic service agency: customers with distinct payment habits (early, on time, 15 and
 * 45 days late, one that stopped paying), monthly retainers and project invoices, rent,
 * software on the card, contractors, payroll, payments through Undeposited Funds and deposits,
 * bill payments, credit memos, two bank accounts and a credit card — `months` of history up to
 * `today`, plus a little messiness (a bill without due date, a likely duplicate bill, an
 * uncategorized expense, an unapplied payment). `scale` multiplies people and activity.
 */
export type TProfile = "thriving" | "tight" | "trouble";

export type TGenerateOptions = {
  realmId: string;
  name?: string;
  seed: number | string;
  today: string; // YYYY-MM-DD, the company's local date
  months?: number;
  scale?: number;
  profile?: TProfile;
  /** Checking balance "today" in cents, instead of the profile's (sets how soon cash runs out). */
  checkingCents?: number;
  timezone?: string;
  /** The emulator clock's now: no document is created or changed after it. */
  nowMs?: number;
};

/** Monthly economics per profile; `trend` scales project revenue from the first month to the last. */
const PROFILES: Record<
  TProfile,
  {
    openingChecking: number;
    openingSavings: number;
    retainers: number;
    retainerMin: number;
    retainerMax: number;
    projectsPerMonth: number;
    projectMin: number;
    projectMax: number;
    trend: [number, number];
    /** Checking balance "today"; the opening balance is solved for it (null: keep the opening). */
    targetChecking: number | null;
    payroll: number;
    rent: number;
    contractorsPerMonth: number;
    contractorMax: number;
  }
> = {
  thriving: {
    openingChecking: 140_000_00,
    openingSavings: 60_000_00,
    retainers: 6,
    retainerMin: 7_000_00,
    retainerMax: 11_000_00,
    projectsPerMonth: 4,
    projectMin: 9_000_00,
    projectMax: 22_000_00,
    trend: [0.9, 1.15],
    targetChecking: null,
    payroll: 58_000_00,
    rent: 7_500_00,
    contractorsPerMonth: 5,
    contractorMax: 5_000_00,
  },
  tight: {
    openingChecking: 90_000_00,
    openingSavings: 20_000_00,
    retainers: 5,
    retainerMin: 5_000_00,
    retainerMax: 8_000_00,
    projectsPerMonth: 4,
    projectMin: 8_000_00,
    projectMax: 20_000_00,
    trend: [1.15, 0.8],
    targetChecking: 142_000_00,
    payroll: 64_000_00,
    rent: 9_000_00,
    contractorsPerMonth: 5,
    contractorMax: 6_000_00,
  },
  trouble: {
    openingChecking: 70_000_00,
    openingSavings: 5_000_00,
    retainers: 3,
    retainerMin: 4_000_00,
    retainerMax: 6_000_00,
    projectsPerMonth: 4,
    projectMin: 8_000_00,
    projectMax: 18_000_00,
    trend: [1.1, 0.55],
    targetChecking: 54_000_00,
    payroll: 60_000_00,
    rent: 10_000_00,
    contractorsPerMonth: 5,
    contractorMax: 6_000_00,
  },
};

type Habit = "early" | "onTime" | "late15" | "late45" | "stopped";
const HABIT_DAYS: Record<Habit, number> = { early: -4, onTime: 0, late15: 15, late45: 45, stopped: 30 };

const FIRST = [
  "Ava",
  "Ben",
  "Cora",
  "Dev",
  "Elena",
  "Finn",
  "Gia",
  "Hugo",
  "Iris",
  "Jonah",
  "Kira",
  "Leo",
  "Maya",
  "Nico",
  "Omar",
  "Pia",
  "Quinn",
  "Rosa",
  "Sam",
  "Tess",
  "Uma",
  "Vik",
  "Wren",
  "Xavi",
  "Yara",
  "Zane",
];
const LAST = [
  "Alvarez",
  "Brooks",
  "Chen",
  "Diaz",
  "Evans",
  "Fischer",
  "Garcia",
  "Hughes",
  "Ibrahim",
  "Jensen",
  "Kowalski",
  "Lopez",
  "Moreau",
  "Nakamura",
  "Okafor",
  "Patel",
  "Quint",
  "Rossi",
  "Singh",
  "Takahashi",
  "Usman",
  "Varga",
  "Weber",
  "Xu",
  "Young",
  "Zimmer",
];
const COMPANY_A = [
  "Bright",
  "North",
  "Cedar",
  "Harbor",
  "Summit",
  "Lumen",
  "Atlas",
  "Willow",
  "Granite",
  "Copper",
  "Maple",
  "Orbit",
  "Pioneer",
  "Riverside",
  "Silver",
  "Tidal",
];
const COMPANY_B = [
  "Labs",
  "Foods",
  "Health",
  "Logistics",
  "Outfitters",
  "Dental",
  "Realty",
  "Brewing",
  "Fitness",
  "Studios",
  "Analytics",
  "Clinics",
  "Motors",
  "Bakery",
  "Partners",
  "Robotics",
];
const CITIES = [
  ["Portland", "OR", "97205"],
  ["Oakland", "CA", "94607"],
  ["Austin", "TX", "78701"],
  ["Denver", "CO", "80202"],
  ["Seattle", "WA", "98101"],
  ["Boise", "ID", "83702"],
] as const;
const SOFTWARE = [
  ["Figma", 75_00],
  ["Google Workspace", 216_00],
  ["Slack", 145_00],
  ["Adobe Creative Cloud", 420_00],
  ["Amazon Web Services", 310_00],
  ["Notion", 96_00],
  ["Zoom", 65_00],
  ["GitHub", 84_00],
] as const;

export function generateCompany(opts: TGenerateOptions): Company {
  const rng = new Rng(seedOf(opts.seed));
  const profile = PROFILES[opts.profile ?? "tight"];
  const months = opts.months ?? 18;
  const scale = Math.max(0.05, opts.scale ?? 1);
  const tz = opts.timezone ?? "America/Los_Angeles";
  const start = firstOfMonth(addDaysIso(opts.today, -Math.round(months * 30.44)));
  const rawAt = (date: string, hour = 10, minute = 0) => {
    const [y, mo, d] = date.split("-").map(Number);
    return new TZDate(y!, mo! - 1, d!, hour, minute, rng.int(0, 59), tz).getTime();
  };
  // Nothing is stamped later than the emulator's "now" (or 17:00 on `today` without one).
  const todayEnd = Math.min(rawAt(opts.today, 17, 0), opts.nowMs ?? Number.POSITIVE_INFINITY);
  const clampMs = (ms: number) => Math.min(ms, todayEnd);
  const at = (date: string, hour = 10, minute = 0) => clampMs(rawAt(date, hour, minute));
  const c = new Company({
    realmId: opts.realmId,
    name: opts.name ?? agencyName(opts.seed),
    timezone: tz,
    createdMs: at(addDaysIso(start, -1), 9),
  });
  const setupMs = at(addDaysIso(start, -1), 9);

  // ── chart of accounts ──
  const acct = (
    Name: string,
    AccountType: string,
    AccountSubType: string,
    Classification: string,
    parent?: TWire,
  ) =>
    c.create(
      "Account",
      {
        Name,
        SubAccount: Boolean(parent),
        ...(parent ? { ParentRef: { value: parent.Id } } : {}),
        FullyQualifiedName: parent ? `${parent.Name}:${Name}` : Name,
        Active: true,
        Classification,
        AccountType,
        AccountSubType,
        CurrentBalance: new Money(0),
        CurrentBalanceWithSubAccounts: new Money(0),
        CurrencyRef: currencyRef("USD"),
      },
      setupMs,
    );
  const checking = acct("Checking", "Bank", "Checking", "Asset");
  const savings = acct("Savings", "Bank", "Savings", "Asset");
  const undeposited = acct("Undeposited Funds", "Other Current Asset", "UndepositedFunds", "Asset");
  acct("Accounts Receivable (A/R)", "Accounts Receivable", "AccountsReceivable", "Asset");
  acct("Accounts Payable (A/P)", "Accounts Payable", "AccountsPayable", "Liability");
  const card = acct("Mastercard", "Credit Card", "CreditCard", "Liability");
  const equity = acct("Opening Balance Equity", "Equity", "OpeningBalanceEquity", "Equity");
  const services = acct("Services", "Income", "ServiceFeeIncome", "Revenue");
  const retainerIncome = acct("Retainers", "Income", "ServiceFeeIncome", "Revenue", services);
  const rentAcct = acct("Rent or Lease", "Expense", "RentOrLeaseOfBuildings", "Expense");
  const software = acct("Software & Subscriptions", "Expense", "OtherMiscellaneousServiceCost", "Expense");
  const contractors = acct("Contractors", "Expense", "OtherMiscellaneousServiceCost", "Expense");
  const payroll = acct("Payroll Expenses", "Expense", "PayrollExpenses", "Expense");
  const wages = acct("Wages", "Expense", "PayrollExpenses", "Expense", payroll);
  const insurance = acct("Insurance", "Expense", "Insurance", "Expense");
  const utilities = acct("Utilities", "Expense", "Utilities", "Expense");
  const uncategorized = acct("Uncategorized Expense", "Expense", "OtherMiscellaneousServiceCost", "Expense");
  const meals = acct("Meals and Entertainment", "Expense", "EntertainmentMeals", "Expense");
  acct("Discounts given", "Income", "DiscountsRefundsGiven", "Revenue");
  const inactive = acct("Old Petty Cash", "Bank", "CashOnHand", "Asset");
  inactive.Active = false;
  inactive.FullyQualifiedName = "Old Petty Cash";

  // ── terms, items, payment methods ──
  const term = (Name: string, DueDays: number) =>
    c.create(
      "Term",
      { Name, Active: true, Type: "STANDARD", DiscountPercent: 0, DueDays, DiscountDays: 0 },
      setupMs,
    );
  const net15 = term("Net 15", 15);
  const net30 = term("Net 30", 30);
  const net60 = term("Net 60", 60);
  const dueOnReceipt = term("Due on receipt", 0);
  const item = (Name: string, income: TWire) =>
    c.create(
      "Item",
      {
        Name,
        Description: Name,
        Active: true,
        FullyQualifiedName: Name,
        Taxable: false,
        UnitPrice: new Money(0),
        Type: "Service",
        IncomeAccountRef: { value: income.Id, name: String(income.Name) },
        PurchaseCost: new Money(0),
        TrackQtyOnHand: false,
      },
      setupMs,
    );
  const retainerItem = item("Monthly retainer", retainerIncome);
  const projectItem = item("Project work", services);
  const hoursItem = item("Hours", services);
  const stockItem = c.create(
    "Item",
    {
      Name: "Stock photography",
      Description: "Licensed images",
      Active: true,
      FullyQualifiedName: "Stock photography",
      Taxable: false,
      UnitPrice: new Money(0),
      Type: "NonInventory",
      ExpenseAccountRef: { value: contractors.Id, name: String(contractors.Name) },
      PurchaseCost: new Money(45_00),
      TrackQtyOnHand: false,
    },
    setupMs,
  );
  const methods = ["Check", "ACH", "Credit Card"].map(
    (Name) =>
      c.create(
        "PaymentMethod",
        { Name, Active: true, Type: Name === "Credit Card" ? "CREDIT_CARD" : "NON_CREDIT_CARD" },
        setupMs,
      ).Id,
  );

  // ── opening balances ──
  const opening = createJournalEntry(c, {
    txnDate: start,
    ms: at(start, 8),
    docNumber: "OB-1",
    privateNote: "Opening balances",
    lines: [
      {
        accountId: checking.Id,
        postingType: "Debit",
        amountCents: profile.openingChecking,
        description: "Opening balance",
      },
      {
        accountId: savings.Id,
        postingType: "Debit",
        amountCents: profile.openingSavings,
        description: "Opening balance",
      },
      {
        accountId: equity.Id,
        postingType: "Credit",
        amountCents: profile.openingChecking + profile.openingSavings,
        description: "Opening balance",
      },
    ],
  });

  // ── customers ──
  const nCustomers = Math.max(6, Math.round(40 * scale));
  const habits: Habit[] = ["early", "onTime", "onTime", "late15", "late45"];
  type Cust = { w: TWire; habit: Habit; retainer: number; stopFrom: string | null };
  const customers: Cust[] = [];
  const usedNames = new Set<string>();
  for (let i = 0; i < nCustomers; i++) {
    let companyName = `${rng.pick(COMPANY_A)} ${rng.pick(COMPANY_B)}`;
    while (usedNames.has(companyName))
      companyName = `${rng.pick(COMPANY_A)} ${rng.pick(COMPANY_B)} ${usedNames.size}`;
    usedNames.add(companyName);
    const given = rng.pick(FIRST);
    const family = rng.pick(LAST);
    const [city, st, zip] = rng.pick(CITIES);
    const addr = (id: string) => ({
      Id: id,
      Line1: `${rng.int(10, 9999)} ${rng.pick(["Main", "Oak", "Pine", "Market", "Harbor"])} St`,
      City: city,
      Country: "USA",
      CountrySubDivisionCode: st,
      PostalCode: zip,
      Lat: (37 + rng.next()).toFixed(7),
      Long: (-122 + rng.next()).toFixed(7),
    });
    const noEmail = i === 3; // messiness: an overdue customer nobody can email
    const slug = companyName.toLowerCase().replace(/[^a-z]+/g, "");
    const w = c.create(
      "Customer",
      {
        Taxable: false,
        BillAddr: addr(String(2 * i + 10)),
        ShipAddr: addr(String(2 * i + 11)),
        Notes: rng.chance(0.2) ? "Prefers invoices on the 1st" : undefined,
        Job: false,
        BillWithParent: false,
        Balance: new Money(0),
        BalanceWithJobs: new Money(0),
        CurrencyRef: currencyRef("USD"),
        PreferredDeliveryMethod: "Print",
        IsProject: false,
        ClientEntityId: "0",
        ...(rng.chance(0.3) ? { MiddleName: rng.pick(FIRST).slice(0, 1) } : {}),
        GivenName: given,
        FamilyName: family,
        FullyQualifiedName: companyName,
        CompanyName: companyName,
        DisplayName: companyName,
        PrintOnCheckName: companyName,
        Active: true,
        V4IDPseudonym: `0020${rng.int(10 ** 8, 10 ** 9 - 1)}${slug.slice(0, 6)}`,
        PrimaryPhone: { FreeFormNumber: `(555) 555-${String(1000 + i).slice(-4)}` },
        ...(rng.chance(0.3) ? { Mobile: { FreeFormNumber: `(555) 555-${String(5000 + i)}` } } : {}),
        ...(rng.chance(0.15) ? { Fax: { FreeFormNumber: `(555) 555-${String(7000 + i)}` } } : {}),
        ...(noEmail ? {} : { PrimaryEmailAddr: { Address: `ap@${slug}.example.com` } }),
        ...(rng.chance(0.4) ? { WebAddr: { URI: `http://${slug}.example.com` } } : {}),
      },
      setupMs,
    );
    const habit: Habit = i === 5 ? "stopped" : i === 3 ? "late45" : habits[i % habits.length]!;
    const isRetainer =
      i % Math.max(1, Math.floor(nCustomers / Math.max(1, Math.round(profile.retainers * scale)))) === 0 &&
      customers.filter((x) => x.retainer > 0).length < Math.round(profile.retainers * scale);
    customers.push({
      w,
      habit,
      retainer: isRetainer ? roundTo(rng.int(profile.retainerMin, profile.retainerMax), 50_00) : 0,
      stopFrom: habit === "stopped" ? addDaysIso(opts.today, -150) : null,
    });
  }
  // A sub-customer (project), as QBO models jobs.
  const parent = customers[0]!.w;
  const sub = c.create(
    "Customer",
    {
      Taxable: false,
      Job: true,
      BillWithParent: true,
      ParentRef: { value: parent.Id },
      Level: 1,
      Balance: new Money(0),
      BalanceWithJobs: new Money(0),
      CurrencyRef: currencyRef("USD"),
      PreferredDeliveryMethod: "Email",
      IsProject: false,
      ClientEntityId: "0",
      FullyQualifiedName: `${parent.DisplayName}:Website refresh`,
      CompanyName: String(parent.CompanyName),
      DisplayName: "Website refresh",
      PrintOnCheckName: String(parent.CompanyName),
      Active: true,
      V4IDPseudonym: `0020${rng.int(10 ** 8, 10 ** 9 - 1)}sub`,
      PrimaryEmailAddr: (parent.PrimaryEmailAddr as object | undefined) ?? { Address: "ap@example.com" },
    },
    setupMs,
  );
  customers.push({ w: sub, habit: "onTime", retainer: 0, stopFrom: null });

  // ── vendors ──
  const nVendors = Math.max(10, Math.round(60 * scale));
  const vendor = (DisplayName: string, extra: Record<string, unknown> = {}) => {
    const [city, st, zip] = rng.pick(CITIES);
    const slug = DisplayName.toLowerCase().replace(/[^a-z]+/g, "");
    return c.create(
      "Vendor",
      {
        BillAddr: {
          Id: String(500 + c.table("Vendor").size),
          Line1: `${rng.int(10, 999)} Commerce Way`,
          City: city,
          Country: "USA",
          CountrySubDivisionCode: st,
          PostalCode: zip,
          Lat: (37 + rng.next()).toFixed(7),
          Long: (-122 + rng.next()).toFixed(7),
        },
        Balance: new Money(0),
        Vendor1099: false,
        CurrencyRef: currencyRef("USD"),
        CompanyName: DisplayName,
        DisplayName,
        PrintOnCheckName: DisplayName,
        Active: true,
        V4IDPseudonym: `0020${rng.int(10 ** 8, 10 ** 9 - 1)}${slug.slice(0, 6)}`,
        PrimaryPhone: { FreeFormNumber: `(555) 600-${String(1000 + c.table("Vendor").size).slice(-4)}` },
        PrimaryEmailAddr: { Address: `billing@${slug}.example.com` },
        ...extra,
      },
      setupMs,
    );
  };
  const landlord = vendor("Pearl District Properties", {
    TermRef: { value: dueOnReceipt.Id },
    AcctNum: "LEASE-2291",
  });
  const gusto = vendor("Gusto Payroll", { WebAddr: { URI: "http://gusto.example.com" } });
  const insurer = vendor("Hartwell Insurance", {
    TermRef: { value: net30.Id },
    Fax: { FreeFormNumber: "(555) 600-0999" },
  });
  const utility = vendor("City Power & Light", {
    TermRef: { value: net15.Id },
    Mobile: { FreeFormNumber: "(555) 600-0888" },
  });
  const softwareVendors = SOFTWARE.map(([n]) =>
    vendor(n, { WebAddr: { URI: `http://${n.toLowerCase().replace(/[^a-z]+/g, "")}.example.com` } }),
  );
  const contractorVendors: TWire[] = [];
  while (c.table("Vendor").size < nVendors) {
    const given = rng.pick(FIRST);
    const family = rng.pick(LAST);
    const name = `${given} ${family}${c.table("Vendor").size > 30 ? ` ${c.table("Vendor").size}` : ""}`;
    const hasTerms = rng.chance(0.75); // some vendors without terms (a prep-tray item)
    contractorVendors.push(
      vendor(name, {
        GivenName: given,
        FamilyName: family,
        Vendor1099: true,
        ...(rng.chance(0.2) ? { Title: rng.pick(["Ms.", "Mr.", "Dr."]) } : {}),
        ...(rng.chance(0.1) ? { Suffix: "Jr." } : {}),
        ...(rng.chance(0.2) ? { MiddleName: rng.pick(FIRST).slice(0, 1) } : {}),
        ...(rng.chance(0.3) ? { BillRate: rng.int(60, 180) } : {}),
        ...(hasTerms ? { TermRef: { value: rng.pick([net15, net30, net60]).Id } } : {}),
        ...(rng.chance(0.2) ? { AcctNum: `C-${rng.int(1000, 9999)}` } : {}),
      }),
    );
  }

  // ── history, month by month ──
  let invoiceNo = 1001;
  let checkNo = 5001;
  const pendingDeposits: { id: string; date: string }[] = [];
  const termDays = (t: TWire) => Number(t.DueDays);
  const monthsList: string[] = [];
  for (let m = start; m <= opts.today; m = firstOfMonth(addDaysIso(m, 32))) monthsList.push(m);

  const payInvoice = (cust: Cust, inv: TWire, dueDate: string) => {
    if (cust.stopFrom && String(inv.TxnDate) >= cust.stopFrom) return;
    const late = HABIT_DAYS[cust.habit] + rng.int(-3, 4);
    const payDate = addDaysIso(dueDate, late);
    if (payDate > opts.today || payDate < String(inv.TxnDate)) return;
    const total = (inv.TotalAmt as Money).cents;
    const toUndeposited = rng.chance(0.6);
    const partial = rng.chance(0.06) && total > 2_000_00;
    const first = partial ? roundTo(Math.floor(total / 2), 100) : total;
    const pay = createPayment(c, {
      customerId: cust.w.Id,
      txnDate: payDate,
      totalCents: first,
      applications: [{ txnId: inv.Id, amountCents: first }],
      depositToAccountId: toUndeposited ? undeposited.Id : checking.Id,
      ms: clampMs(at(payDate, 11)),
      refNum: String(rng.int(1000, 99999)),
      paymentMethodId: rng.chance(0.6) ? rng.pick(methods) : undefined,
      privateNote: rng.chance(0.1) ? "Paid by ACH" : undefined,
    });
    if (toUndeposited) pendingDeposits.push({ id: pay.Id, date: payDate });
    if (partial) {
      const rest = total - first;
      const restDate = addDaysIso(payDate, rng.int(10, 25));
      if (restDate <= opts.today) {
        createPayment(c, {
          customerId: cust.w.Id,
          txnDate: restDate,
          totalCents: rest,
          applications: [{ txnId: inv.Id, amountCents: rest }],
          depositToAccountId: checking.Id,
          ms: clampMs(at(restDate, 11)),
        });
      }
    }
  };

  const flushDeposits = (upTo: string) => {
    const ready = pendingDeposits.filter((p) => addDaysIso(p.date, 2) <= upTo);
    if (ready.length === 0) return;
    const date = addDaysIso(ready[ready.length - 1]!.date, 2);
    createDeposit(c, {
      accountId: checking.Id,
      txnDate: date,
      paymentIds: ready.map((r) => r.id),
      ms: clampMs(at(date, 15)),
    });
    for (const r of ready) pendingDeposits.splice(pendingDeposits.indexOf(r), 1);
  };

  const payBill = (bill: TWire, dueDate: string, lateBy: number) => {
    const payDate = addDaysIso(dueDate, lateBy);
    if (payDate > addDaysIso(opts.today, -1)) return;
    const byCard = rng.chance(0.1);
    const paidOn = laterDate(payDate, String(bill.TxnDate));
    createBillPayment(c, {
      vendorId: (bill.VendorRef as { value: string }).value,
      txnDate: paidOn,
      payType: byCard ? "CreditCard" : "Check",
      accountId: byCard ? card.Id : checking.Id,
      applications: [{ txnId: bill.Id, amountCents: (bill.Balance as Money).cents }],
      ms: clampMs(at(paidOn, 14)),
      docNumber: byCard ? undefined : String(checkNo++),
    });
  };

  for (const [monthIndex, month] of monthsList.entries()) {
    const trend =
      profile.trend[0] +
      ((profile.trend[1] - profile.trend[0]) * monthIndex) / Math.max(1, monthsList.length - 1);
    const lastDay = addDaysIso(firstOfMonth(addDaysIso(month, 32)), -1);
    const inMonth = (d: number) => {
      const date = addDaysIso(month, d - 1);
      return earlierDate(date, lastDay);
    };
    // Retainers on the 1st, Net 30.
    for (const cust of customers) {
      if (!cust.retainer || month > opts.today) continue;
      const due = addDaysIso(month, termDays(net30));
      const inv = createInvoice(c, {
        customerId: cust.w.Id,
        txnDate: month,
        dueDate: due,
        docNumber: String(invoiceNo++),
        termId: net30.Id,
        lines: [
          {
            amountCents: cust.retainer,
            description: `Retainer — ${monthName(month)}`,
            itemId: retainerItem.Id,
            serviceDate: month,
          },
        ],
        ms: at(month, 9, 30),
      });
      payInvoice(cust, inv, due);
    }
    // Project invoices.
    const nProjects = Math.max(
      1,
      Math.round(rng.around(profile.projectsPerMonth * scale * trend, Math.sqrt(scale))),
    );
    for (let k = 0; k < nProjects; k++) {
      const date = inMonth(rng.int(2, 28));
      if (date > opts.today) continue;
      const cust = customers[rng.int(0, customers.length - 1)]!;
      const t = rng.pick([net15, net30, net30, net60]);
      const due = addDaysIso(date, termDays(t));
      const amount = roundTo(rng.int(profile.projectMin, profile.projectMax) * Math.min(1.1, trend), 25_00);
      const hours = rng.chance(0.4);
      const discounted = rng.chance(0.08);
      const taxed = !hours && rng.chance(0.08);
      const inv = createInvoice(c, {
        customerId: cust.w.Id,
        txnDate: date,
        dueDate: due,
        docNumber: String(invoiceNo++),
        termId: t.Id,
        discountPercent: discounted ? 10 : undefined,
        taxPercent: taxed ? 8 : undefined,
        lines: hours
          ? [
              {
                amountCents: amount,
                description: "Design and development hours",
                itemId: hoursItem.Id,
                qty: Math.max(1, Math.round(amount / 150_00)),
                serviceDate: date,
                linkedTxn: rng.chance(0.5)
                  ? [{ TxnId: String(rng.int(100, 999)), TxnType: "TimeActivity" }]
                  : undefined,
              },
            ]
          : [
              {
                amountCents: roundTo(Math.floor(amount * 0.6), 100),
                description: "Project milestone",
                itemId: projectItem.Id,
              },
              {
                amountCents: amount - roundTo(Math.floor(amount * 0.6), 100),
                description: "Project expenses at cost plus",
                itemId: projectItem.Id,
                taxable: taxed,
                extra: rng.chance(0.5)
                  ? {
                      MarkupInfo: {
                        PercentBased: true,
                        Value: 10.5,
                        MarkUpIncomeAccountRef: { value: services.Id, name: "Services" },
                      },
                    }
                  : undefined,
              },
            ],
        ms: clampMs(at(date, 10)),
        extra: {
          ...(rng.chance(0.3) ? { CustomerMemo: { value: "Thank you for your business." } } : {}),
          ...(rng.chance(0.2) ? { PrivateNote: `PO ${rng.int(1000, 9999)}` } : {}),
          ...(rng.chance(0.15)
            ? { ShipFromAddr: { Id: "900", Line1: "123 Main Street", Line2: "Mountain View, CA  94042" } }
            : {}),
          ...(rng.chance(0.15) ? { ShipAddr: docAddress(cust.w.ShipAddr) } : {}),
          ...(rng.chance(0.1)
            ? {
                BillAddr: {
                  Id: String(rng.int(3000, 3999)),
                  Line1: String(cust.w.DisplayName),
                  Line2: "Attn: Accounts Payable",
                  Line3: "PO Box 1200",
                  Line4: "Suite 300",
                  City: "Portland",
                  CountrySubDivisionCode: "OR",
                  PostalCode: "97205",
                  Lat: "45.5190000",
                  Long: "-122.6790000",
                },
              }
            : {}),
        },
      });
      if (rng.chance(0.5) && date <= opts.today) {
        inv.EmailStatus = "EmailSent";
        inv.DeliveryInfo = { DeliveryType: "Email", DeliveryTime: c.ts(clampMs(at(date, 10, 30))) };
      }
      payInvoice(cust, inv, due);
    }
    // Rent on the 1st, paid on time.
    if (month <= opts.today) {
      const rent = createBill(c, {
        vendorId: landlord.Id,
        txnDate: month,
        dueDate: month,
        termId: dueOnReceipt.Id,
        lines: [
          { amountCents: profile.rent, accountId: rentAcct.Id, description: `Rent ${monthName(month)}` },
        ],
        ms: at(month, 8, 15),
      });
      payBill(rent, month, rng.int(0, 2));
    }
    // Software on the card.
    for (const v of softwareVendors) {
      const date = inMonth(rng.int(3, 12));
      if (date > opts.today) continue;
      const base = SOFTWARE.find(([n]) => n === v.DisplayName)![1];
      createPurchase(c, {
        accountId: card.Id,
        paymentType: "CreditCard",
        vendorId: v.Id,
        txnDate: date,
        lines: [
          {
            amountCents: Math.round(base * scale * (1 + rng.next() * 0.1)),
            accountId: software.Id,
            description: `${v.DisplayName} subscription`,
          },
        ],
        ms: clampMs(at(date, 6)),
      });
    }
    // Meals now and then.
    const mealDate = inMonth(rng.int(5, 25));
    if (mealDate <= opts.today)
      createPurchase(c, {
        accountId: card.Id,
        paymentType: "CreditCard",
        txnDate: mealDate,
        lines: [
          {
            amountCents: rng.int(40_00, 260_00),
            accountId: meals.Id,
            description: "Client lunch",
            customerId: rng.chance(0.3) ? rng.pick(customers).w.Id : undefined,
          },
        ],
        ms: clampMs(at(mealDate, 13)),
      });
    const photoDate = inMonth(rng.int(5, 25));
    if (monthIndex % 3 === 1 && photoDate <= opts.today) {
      createPurchase(c, {
        accountId: checking.Id,
        paymentType: "Check",
        vendorId: rng.pick(contractorVendors).Id,
        txnDate: photoDate,
        docNumber: String(checkNo++),
        lines: [
          {
            amountCents: 45_00 * 6,
            accountId: contractors.Id,
            description: "Stock photos for campaign",
            item: { id: stockItem.Id, qty: 6 },
          },
        ],
        ms: clampMs(at(photoDate, 14)),
      });
    }
    // Contractors: bills on their terms.
    const nContractorBills = Math.max(
      1,
      Math.round(rng.around(profile.contractorsPerMonth * scale, Math.sqrt(scale))),
    );
    for (let k = 0; k < nContractorBills; k++) {
      const date = inMonth(rng.int(1, 28));
      if (date > opts.today) continue;
      const v = rng.pick(contractorVendors);
      const t = v.TermRef ? c.get("Term", (v.TermRef as { value: string }).value)! : net30;
      const due = addDaysIso(date, termDays(t));
      const bill = createBill(c, {
        vendorId: v.Id,
        txnDate: date,
        dueDate: due,
        termId: t.Id,
        privateNote: rng.chance(0.4) ? `Ref INV-${rng.int(100, 999)}` : undefined,
        lines: [
          {
            amountCents: roundTo(rng.int(800_00, profile.contractorMax), 5_00),
            accountId: contractors.Id,
            description: "Contract design work",
            customerId: rng.chance(0.3) ? rng.pick(customers).w.Id : undefined,
            linkedTxn: rng.chance(0.1)
              ? [{ TxnId: String(rng.int(100, 999)), TxnType: "PurchaseOrder" }]
              : undefined,
          },
          ...(rng.chance(0.1)
            ? [
                {
                  amountCents: 45_00 * 4,
                  accountId: contractors.Id,
                  description: "Stock photos",
                  item: { id: stockItem.Id, qty: 4 },
                },
              ]
            : []),
        ],
        ms: clampMs(at(date, 12)),
      });
      payBill(bill, due, rng.int(-2, 5));
    }
    // Utilities and quarterly insurance.
    const utilDate = inMonth(20);
    if (utilDate <= opts.today) {
      const bill = createBill(c, {
        vendorId: utility.Id,
        txnDate: utilDate,
        dueDate: addDaysIso(utilDate, 15),
        termId: net15.Id,
        lines: [
          { amountCents: rng.int(380_00, 620_00), accountId: utilities.Id, description: "Electricity" },
        ],
        ms: clampMs(at(utilDate, 9)),
      });
      payBill(bill, addDaysIso(utilDate, 15), 0);
    }
    if (["01", "04", "07", "10"].includes(month.slice(5, 7)) && month <= opts.today) {
      const bill = createBill(c, {
        vendorId: insurer.Id,
        txnDate: month,
        dueDate: addDaysIso(month, 30),
        termId: net30.Id,
        lines: [
          { amountCents: 4_200_00, accountId: insurance.Id, description: "General liability, quarterly" },
        ],
        ms: at(month, 9),
      });
      payBill(bill, addDaysIso(month, 30), 0);
    }
    // Payroll on the 15th and the last day (ACH debits through the payroll provider).
    for (const d of [addDaysIso(month, 14), lastDay]) {
      if (d > opts.today) continue;
      createPurchase(c, {
        accountId: checking.Id,
        paymentType: "Cash",
        vendorId: gusto.Id,
        txnDate: d,
        lines: [
          {
            amountCents: Math.round((profile.payroll / 2) * scale * (1 + (rng.next() - 0.5) * 0.04)),
            accountId: wages.Id,
            description: "Payroll",
          },
        ],
        ms: clampMs(at(d, 7)),
        privateNote: "Payroll run",
      });
    }
    // Pay the card on the 25th.
    const cardDate = inMonth(25);
    if (cardDate <= opts.today) {
      const owed = -(c.get("Account", card.Id)!.CurrentBalance as Money).cents;
      if (owed > 0)
        createCreditCardPayment(c, {
          bankAccountId: checking.Id,
          cardAccountId: card.Id,
          amountCents: owed,
          txnDate: cardDate,
          ms: clampMs(at(cardDate, 16)),
        });
    }
    flushDeposits(earlierDate(lastDay, opts.today));
  }
  flushDeposits(opts.today);

  // ── occasional documents ──
  const mid = monthsList[Math.floor(monthsList.length / 2)]!;
  createTransfer(c, {
    fromAccountId: checking.Id,
    toAccountId: savings.Id,
    amountCents: 10_000_00,
    txnDate: addDaysIso(mid, 3),
    ms: at(addDaysIso(mid, 3), 10),
  });
  const cmCust = customers[1]!;
  createCreditMemo(c, {
    customerId: cmCust.w.Id,
    txnDate: addDaysIso(opts.today, -40),
    docNumber: String(invoiceNo++),
    privateNote: "Goodwill credit",
    shipFrom: { Id: "901", Line1: "123 Main Street", Line2: "Mountain View, CA  94042" },
    lines: [{ amountCents: 500_00, description: "Credit for delayed delivery", itemId: projectItem.Id }],
    ms: at(addDaysIso(opts.today, -40), 10),
  });
  const refundDate = addDaysIso(opts.today, -45);
  createDeposit(c, {
    accountId: checking.Id,
    txnDate: refundDate,
    privateNote: "Vendor refund, less petty cash",
    otherLines: [
      {
        amountCents: 860_00,
        accountId: contractors.Id,
        paymentMethodId: methods[0],
        checkNum: String(rng.int(1000, 9999)),
      },
    ],
    cashBack: { amountCents: 60_00, accountId: meals.Id, memo: "Petty cash" },
    ms: at(refundDate, 15),
  });
  createSalesReceipt(c, {
    customerId: customers[2]!.w.Id,
    depositToAccountId: checking.Id,
    txnDate: addDaysIso(opts.today, -60),
    docNumber: String(invoiceNo++),
    lines: [{ amountCents: 1_200_00, description: "Workshop seat", itemId: hoursItem.Id }],
    ms: at(addDaysIso(opts.today, -60), 12),
  });
  createRefundReceipt(c, {
    customerId: customers[2]!.w.Id,
    fromAccountId: checking.Id,
    txnDate: addDaysIso(opts.today, -55),
    docNumber: String(invoiceNo++),
    lines: [{ amountCents: 300_00, description: "Partial refund, workshop", itemId: hoursItem.Id }],
    ms: at(addDaysIso(opts.today, -55), 12),
  });
  createVendorCredit(c, {
    vendorId: utility.Id,
    txnDate: addDaysIso(opts.today, -35),
    lines: [{ amountCents: 120_00, accountId: utilities.Id, description: "Billing correction" }],
    ms: at(addDaysIso(opts.today, -35), 9),
  });

  // Recurring templates (what QBO would generate next).
  const recurring = (txnType: string, name: string, body: Record<string, unknown>) =>
    c.create(
      "RecurringTransaction",
      {
        [txnType]: {
          ...body,
          RecurringInfo: {
            Name: name,
            RecurType: "Automated",
            Active: true,
            ScheduleInfo: {
              IntervalType: "Monthly",
              NumInterval: 1,
              DayOfMonth: 1,
              NextDate: firstOfMonth(addDaysIso(opts.today, 32)),
              StartDate: start,
            },
          },
        },
      },
      setupMs,
    );
  recurring("Bill", "Rent", {
    VendorRef: { value: landlord.Id, name: String(landlord.DisplayName) },
    TotalAmt: new Money(profile.rent),
    CurrencyRef: currencyRef("USD"),
  });
  for (const cust of customers.filter((x) => x.retainer > 0).slice(0, 3)) {
    recurring("Invoice", `Retainer ${cust.w.DisplayName}`, {
      CustomerRef: { value: cust.w.Id, name: String(cust.w.DisplayName) },
      TotalAmt: new Money(cust.retainer),
      CurrencyRef: currencyRef("USD"),
    });
  }

  // ── messiness the prep tray should find ──
  const recent = addDaysIso(opts.today, -6);
  const v1 = contractorVendors[0]!;
  createBill(c, {
    vendorId: v1.Id,
    txnDate: recent,
    lines: [
      {
        amountCents: 1_850_00,
        accountId: contractors.Id,
        description: "Illustrations (no due date entered)",
      },
    ],
    ms: at(recent, 11),
  });
  const v2 = contractorVendors[1]!;
  const dupDate = addDaysIso(opts.today, -9);
  createBill(c, {
    vendorId: v2.Id,
    txnDate: dupDate,
    dueDate: addDaysIso(dupDate, 30),
    privateNote: "Ref A-778",
    lines: [{ amountCents: 2_400_00, accountId: contractors.Id, description: "Motion graphics" }],
    ms: at(dupDate, 10),
  });
  createBill(c, {
    vendorId: v2.Id,
    txnDate: addDaysIso(dupDate, 2),
    dueDate: addDaysIso(dupDate, 32),
    privateNote: "Ref A-778",
    lines: [{ amountCents: 2_400_00, accountId: contractors.Id, description: "Motion graphics" }],
    ms: at(addDaysIso(dupDate, 2), 10),
  });
  const unc = addDaysIso(opts.today, -12);
  createPurchase(c, {
    accountId: checking.Id,
    paymentType: "Check",
    txnDate: unc,
    docNumber: String(checkNo++),
    lines: [{ amountCents: 640_00, accountId: uncategorized.Id, description: "" }],
    ms: at(unc, 15),
  });
  const unap = addDaysIso(opts.today, -8);
  createPayment(c, {
    customerId: customers[4]!.w.Id,
    txnDate: unap,
    totalCents: 1_000_00,
    applications: [],
    depositToAccountId: checking.Id,
    ms: at(unap, 11),
    refNum: "UNAPPLIED-1",
  });

  // Solve the opening balance so that "today" lands on the profile's cash position.
  const target = opts.checkingCents ?? profile.targetChecking;
  if (target !== null) {
    const delta = target - (c.mustGet("Account", checking.Id).CurrentBalance as Money).cents;
    const lines = opening.Line as { Amount: Money }[];
    lines[0]!.Amount = new Money(lines[0]!.Amount.cents + delta);
    lines[2]!.Amount = new Money(lines[2]!.Amount.cents + delta);
    opening.TotalAmt = new Money((opening.TotalAmt as Money).cents + delta);
    adjustAccount(c, checking.Id, delta, setupMs);
  }

  // An inactive ("deleted") customer, as QBO keeps them.
  const gone = customers[customers.length - 2]!.w;
  if ((gone.Balance as Money).cents === 0) {
    gone.Active = false;
    gone.DisplayName = `${gone.DisplayName} (deleted)`;
    c.touch("Customer", gone.Id, at(addDaysIso(opts.today, -20), 10), "edit");
  }
  return c;
}

/** A plausible agency name from the seed (the demo passes its own names). */
export function agencyName(seed: number | string): string {
  const r = new Rng(seedOf(seed) ^ 0x5bd1e995);
  return `${r.pick(COMPANY_A)} ${r.pick(["Studio", "Creative", "Design Co.", "Digital", "Collective", "Works", "Agency"])}`;
}

/** ISO dates compare as strings; these say which one is meant. */
function laterDate(a: string, b: string): string {
  return [a, b].sort()[1]!;
}

function earlierDate(a: string, b: string): string {
  return [a, b].sort()[0]!;
}

function firstOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

function monthName(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleString("en-US", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

function roundTo(n: number, step: number): number {
  return Math.max(step, Math.round(n / step) * step);
}

export { accountByType, daysBetween };
