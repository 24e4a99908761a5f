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
  });

  it("a sync is stale after 24 hours, not at 24", () => {
    const at = (iso: string) =>
      base({ sync: { status: "active", lastSuccessAt: new Date(iso), failing: [] } });
    expect(rules(at("2026-12-14T17:00:00Z"))).not.toContain("syncProblem");
    expect(rules(at("2026-12-14T16:59:00Z"))).toContain("syncProblem");
    expect(trayItems(at("2026-12-12T16:00:00Z"), "b1")[0]!.title).toBe(
      "Last successful sync was 3 day(s) ago",
    );
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
