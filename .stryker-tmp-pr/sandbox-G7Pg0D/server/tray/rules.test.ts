// @ts-nocheck
import { describe, expect, it } from "vitest";
import { type TTrayBill, type TTrayInput, trayItems } from "./rules";

/**
 * The prep tray's thresholds, pinned at their edges with literal numbers (a changed constant
 * fails here): a duplicate 7 days apart and not 8, a reminder due on the 7th overdue day and not
 * the 6th, a sync stale after 24 hours, an amount unusual beyond 3× its vendor's median with at
 * least 3 earlier bills.
 */
const base = (over: Partial<TTrayInput> = {}): TTrayInput => ({
  asOf: "2026-12-15",
  now: new Date("2026-12-15T17:00:00Z"),
  currency: "USD",
  bills: [],
  openInvoices: [],
  customers: [{ id: "c1", name: "Acme", email: "ap@acme.test" }],
  vendors: [{ id: "v1", name: "Landlord", termId: "t1" }],
  credits: [],
  purchases: [],
  uncategorizedAccountIds: [],
  remindedInvoiceIds: [],
  habits: [],
  sync: { status: "active", lastSuccessAt: new Date("2026-12-15T16:00:00Z"), failing: [] },
  drift: [],
  ...over,
});
const bill = (id: string, txnDate: string, amountCents: number, balanceCents = amountCents): TTrayBill => ({
  id,
  docNumber: id,
  vendorId: "v1",
  txnDate,
  dueDate: "2026-12-30",
  amountCents,
  balanceCents,
});
const rules = (t: TTrayInput) => trayItems(t, "b1").map((i) => i.rule);

describe("prep tray thresholds at their edges", () => {
  it("a bill with the same vendor and amount 7 days after another is a likely duplicate; 8 days is not", () => {
    expect(
      rules(base({ bills: [bill("a", "2026-12-01", 50_000), bill("b", "2026-12-08", 50_000)] })),
    ).toContain("duplicateBill");
    expect(
      rules(base({ bills: [bill("a", "2026-12-01", 50_000), bill("b", "2026-12-09", 50_000)] })),
    ).not.toContain("duplicateBill");
    // A cent apart is another amount; both paid is nothing to fix.
    expect(
      rules(base({ bills: [bill("a", "2026-12-01", 50_000), bill("b", "2026-12-02", 50_001)] })),
    ).not.toContain("duplicateBill");
    expect(
      rules(base({ bills: [bill("a", "2026-12-01", 50_000, 0), bill("b", "2026-12-02", 50_000, 0)] })),
    ).not.toContain("duplicateBill");
    expect(
      rules(base({ bills: [bill("a", "2026-12-01", 50_000, 0), bill("b", "2026-12-02", 50_000, 1)] })),
    ).toContain("duplicateBill");
  });

  it("an invoice 7 days overdue and never reminded is flagged; 6 days is not; one reminded or emailed is not", () => {
    const inv = (dueDate: string, emailStatus: string | null = "NotSet") => ({
      id: "i1",
      docNumber: "1001",
      customerId: "c1",
      txnDate: "2026-11-01",
      dueDate,
      balanceCents: 120_000,
      emailStatus,
    });
    expect(rules(base({ openInvoices: [inv("2026-12-08")] }))).toContain("overdueNotReminded");
    expect(rules(base({ openInvoices: [inv("2026-12-09")] }))).not.toContain("overdueNotReminded");
    expect(rules(base({ openInvoices: [inv("2026-12-01", "EmailSent")] }))).not.toContain(
      "overdueNotReminded",
    );
    expect(rules(base({ openInvoices: [inv("2026-12-01")], remindedInvoiceIds: ["i1"] }))).not.toContain(
      "overdueNotReminded",
    );
    // Due today is not overdue; a day late without an email address already is.
    const noEmail = { customers: [{ id: "c1", name: "Acme", email: null }] };
    expect(rules(base({ ...noEmail, openInvoices: [inv("2026-12-15")] }))).not.toContain("overdueNoEmail");
    expect(rules(base({ ...noEmail, openInvoices: [inv("2026-12-14")] }))).toContain("overdueNoEmail");
    // The customer's habit is shown, and sets when a reminder would bring the invoice in.
    const habits = [{ customerId: "c1", medianDaysLate: 12, sample: 6 }];
    const [reminder] = trayItems(base({ openInvoices: [inv("2026-12-01")], habits }), "biz");
    expect(reminder!.why).toBe(
      "Nobody has reminded Acme, so the forecast expects this invoice only 30 days from now; with a reminder, 12 days after it is sent. Acme usually pays 12 days late (last 6 invoices).",
    );
    const latePayer = [{ customerId: "c1", medianDaysLate: 47, sample: 3 }];
    const [late] = trayItems(base({ openInvoices: [inv("2026-12-01")], habits: latePayer }), "biz");
    expect(late!.why).toBe(
      "Nobody has reminded Acme, so the forecast expects this invoice only 30 days from now; this customer pays so late that a reminder alone is not expected to bring it in sooner. Acme usually pays 47 days late (last 3 invoices).",
    );
    const [noAddress] = trayItems(base({ ...noEmail, openInvoices: [inv("2026-12-01")], habits }), "biz");
    expect(noAddress!.why).toContain("Acme usually pays 12 days late (last 6 invoices).");
  });

  it("a sync is stale after 24 hours, not at 24", () => {
    const at = (iso: string) =>
      base({ sync: { status: "active", lastSuccessAt: new Date(iso), failing: [] } });
    expect(rules(at("2026-12-14T17:00:00Z"))).not.toContain("syncProblem");
    expect(rules(at("2026-12-14T16:59:00Z"))).toContain("syncProblem");
    expect(trayItems(at("2026-12-12T16:00:00Z"), "b1")[0]!.title).toBe("Last successful sync was 3 days ago");
  });

  it("an open bill is unusual beyond 3× (or below a third of) its vendor's median of at least 3 earlier bills", () => {
    const history = [
      bill("h1", "2026-09-01", 10_000, 0),
      bill("h2", "2026-10-01", 10_000, 0),
      bill("h3", "2026-11-01", 10_000, 0),
    ];
    const withOpen = (cents: number, h = history) =>
      base({ bills: [...h, bill("new", "2026-12-01", cents)] });
    expect(rules(withOpen(30_000))).not.toContain("unusualAmount");
    expect(rules(withOpen(30_001))).toContain("unusualAmount");
    expect(rules(withOpen(3_334))).not.toContain("unusualAmount");
    expect(rules(withOpen(3_333))).toContain("unusualAmount");
    expect(rules(withOpen(90_000, history.slice(0, 2)))).not.toContain("unusualAmount");
    // Exactly a third is not below a third; a bill the same day is not an earlier one.
    const thirds = history.map((b) => ({ ...b, amountCents: 30_000 }));
    expect(rules(withOpen(10_000, thirds))).not.toContain("unusualAmount");
    const sameDay = [
      ...history,
      { ...bill("s1", "2026-12-01", 1, 0) },
      { ...bill("s2", "2026-12-01", 1, 0) },
    ];
    expect(trayItems(withOpen(30_001, sameDay), "b1").map((i) => i.rule)).toContain("unusualAmount");
    // An even count: the median is the mean of the middle two (10,000 and 20,000 → 15,000).
    const four = [...history, bill("h4", "2026-11-15", 20_000, 0)];
    expect(
      rules(
        withOpen(
          45_000,
          four.map((b, i) => ({ ...b, amountCents: [10_000, 10_000, 20_000, 20_000][i]! })),
        ),
      ),
    ).not.toContain("unusualAmount");
    expect(
      rules(
        withOpen(
          45_001,
          four.map((b, i) => ({ ...b, amountCents: [10_000, 10_000, 20_000, 20_000][i]! })),
        ),
      ),
    ).toContain("unusualAmount");
  });

  it("orders sync problems first, then by severity and amount", () => {
    const items = trayItems(
      base({
        sync: { status: "needs_reauth", lastSuccessAt: null, failing: [] },
        bills: [
          bill("a", "2026-12-01", 50_000),
          bill("b", "2026-12-02", 50_000),
          bill("c", "2026-12-01", 90_000),
          bill("d", "2026-12-03", 90_000),
        ],
      }),
      "b1",
    );
    expect(items.map((i) => i.key)).toEqual(["sync:reauth", "duplicateBill:c:d", "duplicateBill:a:b"]);
  });
});

describe("every rule's item, in full", () => {
  it("says what is wrong, why it matters, how to fix it and how much is at stake, most urgent first", () => {
    const t = {
      asOf: "2026-12-15",
      now: new Date("2026-12-15T17:00:00Z"),
      currency: "USD",
      bills: [
        {
          id: "b1",
          docNumber: null,
          vendorId: "v2",
          txnDate: "2026-12-01",
          dueDate: null,
          amountCents: 25_000,
          balanceCents: 25_000,
        },
        {
          id: "b2",
          docNumber: "B-2",
          vendorId: null,
          txnDate: null,
          dueDate: null,
          amountCents: 1_000,
          balanceCents: 500,
        },
        {
          id: "b3",
          docNumber: "B-3",
          vendorId: "v9",
          txnDate: "2026-12-02",
          dueDate: "2026-12-20",
          amountCents: 7_000,
          balanceCents: 7_000,
        },
      ],
      openInvoices: [
        {
          id: "i1",
          docNumber: null,
          customerId: null,
          txnDate: "2026-11-10",
          dueDate: "2026-12-10",
          balanceCents: 3_000,
          emailStatus: null,
        },
        {
          id: "i2",
          docNumber: "1002",
          customerId: "c2",
          txnDate: "2026-11-01",
          dueDate: "2026-11-30",
          balanceCents: 8_000,
          emailStatus: "NotSet",
        },
        {
          id: "i3",
          docNumber: "1003",
          customerId: "c1",
          txnDate: "2026-11-01",
          dueDate: "2026-12-01",
          balanceCents: 9_000,
          emailStatus: null,
        },
      ],
      customers: [
        { id: "c1", name: "Acme", email: "ap@acme.test" },
        { id: "c2", name: "Beta", email: null },
      ],
      vendors: [
        { id: "v1", name: "Landlord", termId: "t1" },
        { id: "v2", name: "Printer", termId: null },
      ],
      credits: [
        { type: "Payment", id: "p1", partyId: "c1", cents: 4_000 },
        { type: "CreditMemo", id: "cm1", partyId: null, cents: 1_500 },
        { type: "VendorCredit", id: "vc1", partyId: "v1", cents: 2_500 },
      ],
      purchases: [
        { id: "x1", date: "2026-12-03", amountCents: 6_100, lineAccountIds: ["a1", "a9"] },
        { id: "x2", date: "2026-12-04", amountCents: 700, lineAccountIds: ["a1"] },
      ],
      uncategorizedAccountIds: ["a9"],
      remindedInvoiceIds: [],
      habits: [],
      sync: {
        status: "active",
        lastSuccessAt: new Date("2026-12-15T16:00:00Z"),
        failing: [
          { entity: "Deposit", streak: 1, error: null },
          { entity: "Purchase", streak: 3, error: "QuickBooks is having trouble" },
        ],
      },
      drift: [
        {
          decisionId: "d1",
          label: "Paid Landlord",
          problem: "The bill payment was deleted in QuickBooks",
          billId: "b7",
        },
      ],
    };
    expect(trayItems(t as TTrayInput, "biz")).toEqual([
      {
        key: "drift:d1",
        rule: "writeDrift",
        severity: "high",
        title: "The bill payment was deleted in QuickBooks",
        why: "Oodaloo recorded this (Paid Landlord); QuickBooks no longer shows it, so the bill may look open again or be paid twice.",
        fix: {
          kind: "qbo",
          entity: "bill",
          id: "b7",
          label: "Open the bill in QuickBooks",
        },
        amountCents: null,
      },
      {
        key: "sync:failing:Deposit",
        rule: "syncProblem",
        severity: "medium",
        title: "Deposit fails to sync (1 attempt)",
        why: "Its records may be out of date.",
        fix: {
          kind: "app",
          href: "/b/biz/connections",
          label: "See sync status",
        },
        amountCents: null,
      },
      {
        key: "sync:failing:Purchase",
        rule: "syncProblem",
        severity: "medium",
        title: "Purchase fails to sync (3 attempts)",
        why: "QuickBooks is having trouble",
        fix: {
          kind: "app",
          href: "/b/biz/connections",
          label: "See sync status",
        },
        amountCents: null,
      },
      {
        key: "billNoDueDate:b1",
        rule: "billNoDueDate",
        severity: "medium",
        title: "Bill of Dec 1, 2026 from Printer has no due date",
        why: "The forecast places it at the bill date plus the vendor's terms, which may be wrong.",
        fix: {
          kind: "qbo",
          entity: "bill",
          id: "b1",
          label: "Add the due date in QuickBooks",
        },
        amountCents: 25000,
      },
      {
        key: "overdueNotReminded:i3",
        rule: "overdueNotReminded",
        severity: "medium",
        title: "Invoice 1003 to Acme is 14 days overdue and was never sent a reminder",
        why: "Nobody has reminded Acme, so the forecast expects this invoice only 30 days from now; with a reminder, 5 days after it is sent.",
        fix: {
          kind: "app",
          href: "/b/biz/decisions",
          label: "Chase it in Decisions",
        },
        amountCents: 9000,
      },
      {
        key: "overdueNoEmail:i2",
        rule: "overdueNoEmail",
        severity: "medium",
        title: "Invoice 1002 to Beta is 15 days overdue and the customer has no email",
        why: "No reminder can be sent from QuickBooks until the customer has an email address.",
        fix: {
          kind: "qbo",
          entity: "customer",
          id: "c2",
          label: "Add an email in QuickBooks",
        },
        amountCents: 8000,
      },
      {
        key: "unappliedCredit:Payment:p1",
        rule: "unappliedCredit",
        severity: "medium",
        title: "Unapplied customer payment of $40.00 (Acme)",
        why: "Until applied to an invoice, the invoice looks unpaid and is counted as money still to come.",
        fix: {
          kind: "qbo",
          entity: "recvpayment",
          id: "p1",
          label: "Apply it in QuickBooks",
        },
        amountCents: 4000,
      },
      {
        key: "overdueNoEmail:i1",
        rule: "overdueNoEmail",
        severity: "medium",
        title: "Invoice of Nov 10, 2026 is 5 days overdue and the customer has no email",
        why: "No reminder can be sent from QuickBooks until the customer has an email address.",
        fix: {
          kind: "qbo",
          entity: "invoice",
          id: "i1",
          label: "Open the invoice in QuickBooks",
        },
        amountCents: 3000,
      },
      {
        key: "billNoDueDate:b2",
        rule: "billNoDueDate",
        severity: "medium",
        title: "Bill B-2 has no due date",
        why: "The forecast places it at the bill date plus the vendor's terms, which may be wrong.",
        fix: {
          kind: "qbo",
          entity: "bill",
          id: "b2",
          label: "Add the due date in QuickBooks",
        },
        amountCents: 500,
      },
      {
        key: "uncategorizedExpense:x1",
        rule: "uncategorizedExpense",
        severity: "low",
        title: "Expense of $61.00 on 2026-12-03 is uncategorized",
        why: "Uncategorized spending hides recurring costs from the forecast's baseline and from your books.",
        fix: {
          kind: "qbo",
          entity: "expense",
          id: "x1",
          label: "Categorize it in QuickBooks",
        },
        amountCents: 6100,
      },
      {
        key: "unappliedCredit:VendorCredit:vc1",
        rule: "unappliedCredit",
        severity: "low",
        title: "Open vendor credit of $25.00 (Landlord)",
        why: "Until applied to a bill, the bill looks larger than what you will pay.",
        fix: {
          kind: "qbo",
          entity: "vendorcredit",
          id: "vc1",
          label: "Apply it in QuickBooks",
        },
        amountCents: 2500,
      },
      {
        key: "unappliedCredit:CreditMemo:cm1",
        rule: "unappliedCredit",
        severity: "low",
        title: "Open credit memo of $15.00",
        why: "Until applied to an invoice, the invoice looks unpaid and is counted as money still to come.",
        fix: {
          kind: "qbo",
          entity: "creditmemo",
          id: "cm1",
          label: "Apply it in QuickBooks",
        },
        amountCents: 1500,
      },
      {
        key: "vendorNoTerms:v2",
        rule: "vendorNoTerms",
        severity: "low",
        title: "Printer has no payment terms",
        why: "Bills without a due date from this vendor cannot be placed on the right day.",
        fix: {
          kind: "qbo",
          entity: "vendor",
          id: "v2",
          label: "Set terms in QuickBooks",
        },
        amountCents: null,
      },
    ]);
  });

  it("a lost authorization, a write QuickBooks undid, a duplicate and an unusual amount, in full", () => {
    const t = {
      asOf: "2026-12-15",
      now: new Date("2026-12-15T17:00:00Z"),
      currency: "USD",
      bills: [
        // History of v1: three paid bills (300, 100, 200: median 200), one of another vendor, one undated, one later.
        {
          id: "h1",
          docNumber: "H1",
          vendorId: "v1",
          txnDate: "2026-09-01",
          dueDate: "2026-09-30",
          amountCents: 30_000,
          balanceCents: 0,
        },
        {
          id: "h2",
          docNumber: "H2",
          vendorId: "v1",
          txnDate: "2026-10-01",
          dueDate: "2026-10-30",
          amountCents: 10_000,
          balanceCents: 0,
        },
        {
          id: "h3",
          docNumber: "H3",
          vendorId: "v1",
          txnDate: "2026-11-01",
          dueDate: "2026-11-30",
          amountCents: 20_000,
          balanceCents: 0,
        },
        {
          id: "o1",
          docNumber: "O1",
          vendorId: "v2",
          txnDate: "2026-11-02",
          dueDate: "2026-11-30",
          amountCents: 1_000_000,
          balanceCents: 0,
        },
        {
          id: "u1",
          docNumber: "U1",
          vendorId: "v1",
          txnDate: null,
          dueDate: "2026-11-30",
          amountCents: 1,
          balanceCents: 0,
        },
        {
          id: "n1",
          docNumber: "N1",
          vendorId: "v1",
          txnDate: "2026-12-20",
          dueDate: "2026-12-30",
          amountCents: 1,
          balanceCents: 0,
        },
        // Open and far above the norm.
        {
          id: "big",
          docNumber: "BIG",
          vendorId: "v1",
          txnDate: "2026-12-05",
          dueDate: "2026-12-30",
          amountCents: 95_000,
          balanceCents: 95_000,
        },
        // A duplicate pair of v2 (the first has no number), listed out of order, one open.
        {
          id: "d2",
          docNumber: "D2",
          vendorId: "v2",
          txnDate: "2026-12-06",
          dueDate: "2026-12-30",
          amountCents: 42_000,
          balanceCents: 42_000,
        },
        {
          id: "d1",
          docNumber: null,
          vendorId: "v2",
          txnDate: "2026-12-03",
          dueDate: "2026-12-30",
          amountCents: 42_000,
          balanceCents: 0,
        },
        // A vendor whose bills are all zero: no median to compare with.
        {
          id: "z1",
          docNumber: "Z1",
          vendorId: "v3",
          txnDate: "2026-09-01",
          dueDate: "2026-09-30",
          amountCents: 0,
          balanceCents: 0,
        },
        {
          id: "z2",
          docNumber: "Z2",
          vendorId: "v3",
          txnDate: "2026-10-01",
          dueDate: "2026-10-30",
          amountCents: 0,
          balanceCents: 0,
        },
        {
          id: "z3",
          docNumber: "Z3",
          vendorId: "v3",
          txnDate: "2026-11-01",
          dueDate: "2026-11-30",
          amountCents: 0,
          balanceCents: 0,
        },
        {
          id: "z4",
          docNumber: "Z4",
          vendorId: "v3",
          txnDate: "2026-12-01",
          dueDate: "2026-12-30",
          amountCents: 5_000,
          balanceCents: 5_000,
        },
      ],
      openInvoices: [],
      customers: [],
      vendors: [
        { id: "v1", name: "Landlord", termId: "t1" },
        { id: "v2", name: "Printer", termId: "t1" },
        { id: "v3", name: "Cleaner", termId: null },
        { id: "v4", name: "Paid-up vendor", termId: null },
      ],
      credits: [],
      purchases: [],
      uncategorizedAccountIds: [],
      remindedInvoiceIds: [],
      habits: [],
      sync: { status: "needs_reauth", lastSuccessAt: new Date("2026-12-10T16:00:00Z"), failing: [] },
      drift: [
        {
          decisionId: "d9",
          label: "Paid Printer",
          problem: "The payment was voided in QuickBooks",
          billId: "d2",
        },
      ],
    };
    expect(trayItems(t as TTrayInput, "biz")).toEqual([
      {
        key: "sync:reauth",
        rule: "syncProblem",
        severity: "high",
        title: "QuickBooks needs to be reconnected",
        why: "No data has been read since the connection lost its authorization: the forecast is frozen.",
        fix: {
          kind: "app",
          href: "/b/biz/connections",
          label: "Reconnect QuickBooks",
        },
        amountCents: null,
      },
      {
        key: "drift:d9",
        rule: "writeDrift",
        severity: "high",
        title: "The payment was voided in QuickBooks",
        why: "Oodaloo recorded this (Paid Printer); QuickBooks no longer shows it, so the bill may look open again or be paid twice.",
        fix: {
          kind: "qbo",
          entity: "bill",
          id: "d2",
          label: "Open the bill in QuickBooks",
        },
        amountCents: null,
      },
      {
        key: "duplicateBill:d1:d2",
        rule: "duplicateBill",
        severity: "high",
        title: "Bill D2 from Printer may duplicate Bill of Dec 3, 2026",
        why: "Same vendor and amount ($420.00) 3 days apart: the forecast counts both.",
        fix: {
          kind: "qbo",
          entity: "bill",
          id: "d2",
          label: "Review the bill in QuickBooks",
        },
        amountCents: 42000,
      },
      {
        key: "unusualAmount:big",
        rule: "unusualAmount",
        severity: "medium",
        title: "Bill BIG from Landlord is $950.00; this vendor's usual bill is $200.00",
        why: "An amount far from the norm is often a typo or a one-off worth checking before it is paid.",
        fix: {
          kind: "qbo",
          entity: "bill",
          id: "big",
          label: "Check the bill in QuickBooks",
        },
        amountCents: 95000,
      },
      {
        key: "vendorNoTerms:v3",
        rule: "vendorNoTerms",
        severity: "low",
        title: "Cleaner has no payment terms",
        why: "Bills without a due date from this vendor cannot be placed on the right day.",
        fix: {
          kind: "qbo",
          entity: "vendor",
          id: "v3",
          label: "Set terms in QuickBooks",
        },
        amountCents: null,
      },
    ]);
  });

  it("a stale sync, in full", () => {
    const t = base({
      sync: { status: "active", lastSuccessAt: new Date("2026-12-13T16:00:00Z"), failing: [] },
    });
    expect(trayItems(t, "biz")).toEqual([
      {
        key: "sync:stale",
        rule: "syncProblem",
        severity: "high",
        title: "Last successful sync was 2 days ago",
        why: "Anything entered in QuickBooks since then is missing from the forecast.",
        fix: { kind: "app", href: "/b/biz/connections", label: "Check the connection" },
        amountCents: null,
      },
    ]);
    // Never synced, or disconnected: nothing to say about staleness here.
    expect(trayItems(base({ sync: { status: "active", lastSuccessAt: null, failing: [] } }), "biz")).toEqual(
      [],
    );
    expect(
      trayItems(
        base({ sync: { status: "disconnected", lastSuccessAt: new Date("2026-01-01"), failing: [] } }),
        "biz",
      ),
    ).toEqual([]);
  });
});

describe("prep tray words", () => {
  it("a credit names its own kind of party: vendor 4's credit is not customer 4's", () => {
    const items = trayItems(
      base({
        customers: [{ id: "4", name: "Customer Four", email: "c4@x.test" }],
        vendors: [{ id: "4", name: "Vendor Four", termId: null }],
        credits: [
          { type: "VendorCredit", id: "vc1", partyId: "4", cents: 2_500 },
          { type: "CreditMemo", id: "cm1", partyId: "4", cents: 1_500 },
        ],
      }),
      "b1",
    ).filter((i) => i.rule === "unappliedCredit");
    const text = (key: string) => JSON.stringify(items.find((i) => i.key === key));
    expect(text("unappliedCredit:VendorCredit:vc1")).toContain("Vendor Four");
    expect(text("unappliedCredit:VendorCredit:vc1")).not.toContain("Customer Four");
    expect(text("unappliedCredit:CreditMemo:cm1")).toContain("Customer Four");
    expect(text("unappliedCredit:CreditMemo:cm1")).not.toContain("Vendor Four");
  });

  it("a likely duplicate with the same number says which is which, by date", () => {
    const same = (id: string, txnDate: string): TTrayBill => ({
      ...bill(id, txnDate, 42_000),
      docNumber: "PPL-10-2026",
    });
    const [item] = trayItems(
      base({ bills: [same("287", "2026-12-01"), same("288", "2026-12-04")] }),
      "b1",
    ).filter((i) => i.rule === "duplicateBill");
    expect(item!.title).toBe(
      "Bill PPL-10-2026 from Landlord dated Dec 4, 2026 may duplicate the one dated Dec 1, 2026",
    );
    expect(item!.fix).toMatchObject({ kind: "qbo", entity: "bill", id: "288" });
  });

  it("a bill without a number is named by its date, never by QuickBooks' internal id", () => {
    const items = trayItems(
      base({ bills: [{ ...bill("287", "2026-12-01", 10_000), docNumber: null, dueDate: null }] }),
      "b1",
    );
    const text = JSON.stringify(items);
    expect(text).toContain("Bill of Dec 1, 2026 from Landlord has no due date");
    expect(text).not.toMatch(/Bill 287/);
  });
});
