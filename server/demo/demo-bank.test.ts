import { describe, expect, it } from "vitest";
import { PlaidEmulator } from "@/plaid-emulator/src/server";
import { demoBankFromBooks, type TBookTxn } from "./demo-bank";

const TODAY = "2026-03-16";
const tx = (o: Partial<TBookTxn> & Pick<TBookTxn, "type" | "qboId" | "date" | "amountCents">): TBookTxn => ({
  accountId: "35",
  toAccountId: null,
  isCredit: false,
  docNumber: null,
  party: null,
  ...o,
});

describe("the demo bank made from the books", () => {
  const books = {
    prefix: "x_",
    today: TODAY,
    currency: "USD",
    accounts: [
      { qboId: "35", name: "Checking", type: "Bank", balanceCents: 1_000_000 },
      { qboId: "41", name: "Mastercard", type: "Credit Card", balanceCents: -12_000 },
      { qboId: "90", name: "Rent", type: "Expense", balanceCents: 0 },
    ],
    txns: [
      tx({ type: "Payment", qboId: "p1", date: "2026-03-06", amountCents: 50_000, party: "Acme" }),
      tx({ type: "BillPayment", qboId: "b1", date: "2026-03-13", amountCents: 20_000, docNumber: "1001" }),
      tx({ type: "BillPayment", qboId: "b2", date: "2026-02-24", amountCents: 30_000, docNumber: "998" }),
      tx({ type: "Purchase", qboId: "u1", date: "2026-03-15", amountCents: 5_000, party: "Staples" }),
      tx({ type: "Purchase", qboId: "c1", date: "2026-03-10", amountCents: 7_000, accountId: "41" }),
      // Older than the bank's 90 days of history, and a document that moves no cash.
      tx({ type: "Payment", qboId: "old", date: "2025-11-01", amountCents: 99_000 }),
      tx({ type: "Invoice", qboId: "i1", date: "2026-03-10", amountCents: 80_000, accountId: null }),
    ],
  };
  const bank = demoBankFromBooks(books);

  it("holds every cleared book movement, leaves the recent check uncleared and the latest debit pending, and adds what the books lack", () => {
    const chk = bank.txns.filter((t) => t.account_id === "x_a35");
    expect(chk.map((t) => [t.name, t.amountCents, t.pending])).toEqual([
      ["CHECK 998", 30_000, false],
      ["DEPOSIT ACME", -50_000, false],
      ["STAPLES", 5_000, true],
      ["MONTHLY SERVICE FEE", 1_500, false],
      ["INCOMING WIRE FEE", 2_500, false],
      ["ONLINE TRANSFER TO SAVINGS ····4471", 50_000, false],
    ]);
    expect(bank.differences.map((d) => [d.kind, d.amountCents])).toEqual([
      ["uncleared_check", 20_000],
      ["pending", 5_000],
      ["unrecorded_fee", 1_500],
      ["unrecorded_fee", 2_500],
      ["unrecorded_transfer", 50_000],
      ["pending", 4_320],
    ]);
    expect(bank.accounts.map((a) => a.account_id)).toEqual(["x_a35", "x_a41"]);
  });

  it("at the bank, checking holds the books' balance plus the uncleared check less the unrecorded fees and transfer; the card owes what the books owe (their balance is debit-positive)", () => {
    const emu = new PlaidEmulator();
    emu.addInstitution({ institution_id: "ins_1", name: "Bank" });
    const login = emu.createLogin({
      login_id: "l",
      institution_id: "ins_1",
      label: "x",
      accounts: bank.accounts,
      txns: bank.txns,
    });
    const chk = login.accounts.find((a) => a.account_id === "x_a35")!;
    // 10,000.00 + 200.00 (check 1001 not cleared) + 50.00 (the books' purchase still pending at
    // the bank) − 15.00 − 25.00 − 500.00 = 9,710.00
    expect(chk.currentCents).toBe(971_000);
    // The pending 50.00 is out of what can be spent.
    expect(chk.availableCents).toBe(966_000);
    const card = login.accounts.find((a) => a.account_id === "x_a41")!;
    expect(card.currentCents).toBe(12_000);
    expect(card.availableCents).toBe(card.limitCents! - 12_000 - 4_320);
  });
});

describe("the demo bank, every kind of book movement", () => {
  const books = {
    prefix: "p_",
    today: TODAY,
    currency: "USD",
    accounts: [
      { qboId: "35", name: "Checking", type: "Bank", balanceCents: 1_000_000 },
      { qboId: "36", name: "Business Savings", type: "Bank", balanceCents: 200_000 },
      { qboId: "41", name: "Mastercard", type: "Credit Card", balanceCents: -12_000 },
    ],
    txns: [
      tx({ type: "Payment", qboId: "pb", date: "2025-12-16", amountCents: 1_000 }),
      tx({ type: "Payment", qboId: "pa", date: "2025-12-15", amountCents: 1_000 }),
      tx({ type: "Payment", qboId: "pf", date: "2026-03-17", amountCents: 1_000 }),
      tx({ type: "Payment", qboId: "px", date: "2026-03-06", amountCents: 1_000, accountId: "99" }),
      tx({ type: "Payment", qboId: "p0", date: "2026-03-06", amountCents: 0 }),
      tx({ type: "Payment", qboId: "p1", date: "2026-03-06", amountCents: 50_000, party: "Acme" }),
      tx({ type: "Deposit", qboId: "d1", date: "2026-03-05", amountCents: 10_000 }),
      tx({ type: "SalesReceipt", qboId: "s1", date: "2026-03-04", amountCents: 7_000, party: "Zed" }),
      tx({ type: "RefundReceipt", qboId: "r1", date: "2026-03-03", amountCents: 2_000, party: "Zed" }),
      tx({ type: "BillPayment", qboId: "b2", date: "2026-02-24", amountCents: 30_000, docNumber: "998" }),
      tx({ type: "BillPayment", qboId: "b3", date: "2026-02-20", amountCents: 5_000, party: "Gusto" }),
      tx({ type: "BillPayment", qboId: "b1", date: "2026-03-13", amountCents: 20_000, docNumber: "1001" }),
      tx({ type: "BillPayment", qboId: "b4", date: "2026-03-12", amountCents: 1_000, docNumber: "1000" }),
      tx({ type: "BillPayment", qboId: "b5", date: "2026-03-11", amountCents: 900, docNumber: "999" }),
      tx({ type: "Purchase", qboId: "u1", date: "2026-03-15", amountCents: 5_000, party: "Staples" }),
      tx({
        type: "Purchase",
        qboId: "u2",
        date: "2026-03-01",
        amountCents: 3_000,
        party: "Staples",
        isCredit: true,
      }),
      tx({ type: "Transfer", qboId: "x1", date: "2026-03-02", amountCents: 40_000, toAccountId: "36" }),
      tx({
        type: "CreditCardPayment",
        qboId: "c2",
        date: "2026-03-08",
        amountCents: 6_000,
        toAccountId: "41",
      }),
      tx({ type: "Purchase", qboId: "c1", date: "2026-03-10", amountCents: 7_000, accountId: "41" }),
      tx({ type: "Purchase", qboId: "c3", date: "2026-03-16", amountCents: 1_200, accountId: "41" }),
      tx({ type: "JournalEntry", qboId: "j1", date: "2026-03-10", amountCents: 7_000 }),
    ],
  };
  const bank = demoBankFromBooks(books);
  const of = (acct: string) =>
    bank.txns
      .filter((t) => t.account_id === acct)
      .map((t) => [t.date, t.name, t.amountCents, t.pending, t.check_number ?? null]);

  it("checking: each document's direction and words, 90 days back to today, the two latest checks of the last six days left out, the latest debit pending, then the bank's own", () => {
    expect(of("p_a35")).toEqual([
      ["2025-12-16", "DEPOSIT", -1_000, false, null],
      ["2026-02-20", "ACH GUSTO", 5_000, false, null],
      ["2026-02-24", "CHECK 998", 30_000, false, "998"],
      ["2026-03-01", "STAPLES", -3_000, false, null],
      ["2026-03-02", "ONLINE TRANSFER", 40_000, false, null],
      ["2026-03-03", "ZED", 2_000, false, null],
      ["2026-03-04", "DEPOSIT ZED", -7_000, false, null],
      ["2026-03-05", "DEPOSIT", -10_000, false, null],
      ["2026-03-06", "DEPOSIT ACME", -50_000, false, null],
      ["2026-03-08", "CARD PAYMENT", 6_000, false, null],
      ["2026-03-11", "CHECK 999", 900, false, "999"],
      ["2026-03-15", "STAPLES", 5_000, true, null],
      ["2026-03-13", "MONTHLY SERVICE FEE", 1_500, false, null],
      ["2026-03-08", "INCOMING WIRE FEE", 2_500, false, null],
      ["2026-03-11", "ONLINE TRANSFER TO SAVINGS ····4471", 50_000, false, null],
    ]);
  });

  it("savings gets the transfer in and its fees; the card its payment, its purchase and a pending coffee", () => {
    expect(of("p_a36")).toEqual([
      ["2026-03-02", "ONLINE TRANSFER", -40_000, false, null],
      ["2026-03-13", "MONTHLY SERVICE FEE", 1_500, false, null],
      ["2026-03-08", "INCOMING WIRE FEE", 2_500, false, null],
    ]);
    expect(of("p_a41")).toEqual([
      ["2026-03-08", "CARD PAYMENT", -6_000, false, null],
      ["2026-03-10", "PURCHASE", 7_000, false, null],
      ["2026-03-16", "PURCHASE", 1_200, true, null],
      ["2026-03-16", "SQ *BLUE BOTTLE COFFEE", 4_320, true, null],
    ]);
    expect(new Set(bank.txns.map((t) => t.transaction_id)).size).toBe(bank.txns.length);
    expect(bank.txns.slice(0, 3).map((t) => t.transaction_id)).toEqual(["p_t0", "p_t1", "p_t2"]);
  });

  it("lists every intended difference, account by account", () => {
    expect(
      bank.differences.map((d) => [d.kind, d.accountId, d.amountCents, "qboId" in d ? d.qboId : null]),
    ).toEqual([
      ["uncleared_check", "p_a35", 1_000, "b4"],
      ["uncleared_check", "p_a35", 20_000, "b1"],
      ["pending", "p_a35", 5_000, "u1"],
      ["unrecorded_fee", "p_a35", 1_500, null],
      ["unrecorded_fee", "p_a35", 2_500, null],
      ["unrecorded_transfer", "p_a35", 50_000, null],
      ["unrecorded_fee", "p_a36", 1_500, null],
      ["unrecorded_fee", "p_a36", 2_500, null],
      ["pending", "p_a41", 1_200, "c3"],
      ["pending", "p_a41", 4_320, null],
    ]);
  });

  it("accounts: masks, kinds, and balances that land where the books and the differences say", () => {
    expect(
      bank.accounts.map((a) => [a.account_id, a.mask, a.type, a.subtype, a.limitCents, a.currency, a.name]),
    ).toEqual([
      ["p_a35", "8165", "depository", "checking", null, "USD", "Checking"],
      ["p_a36", "7084", "depository", "savings", null, "USD", "Business Savings"],
      ["p_a41", "1679", "credit", "credit card", 1_000_000, "USD", "Mastercard"],
    ]);
    const emu = new PlaidEmulator();
    emu.addInstitution({ institution_id: "ins_1", name: "Bank" });
    const login = emu.createLogin({
      login_id: "l",
      institution_id: "ins_1",
      label: "x",
      accounts: bank.accounts,
      txns: bank.txns,
    });
    const [chk, sav, card] = login.accounts;
    // 10,000.00 + 210.00 uncleared + 50.00 pending at the bank − 540.00 the books lack; the
    // pending 50.00 is out of available.
    expect([chk!.currentCents, chk!.availableCents]).toEqual([972_000, 967_000]);
    expect([sav!.currentCents, sav!.availableCents]).toEqual([196_000, 196_000]);
    // The card owes 120.00 in the books, 12.00 of it a purchase still pending at the bank.
    expect([card!.currentCents, card!.availableCents]).toEqual([10_800, 1_000_000 - 10_800 - 1_200 - 4_320]);
  });

  it("a shorter history starts later; a big card debt raises the limit", () => {
    const short = demoBankFromBooks({ ...books, days: 30 });
    expect(short.txns.filter((t) => t.account_id === "p_a35")[0]!.date).toBe("2026-02-20");
    const owing = demoBankFromBooks({
      ...books,
      accounts: [{ qboId: "41", name: "Visa", type: "Credit Card", balanceCents: -900_000 }],
    });
    expect(owing.accounts[0]!.limitCents).toBe(1_400_000);
  });
});
