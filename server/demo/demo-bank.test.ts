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
    // 10,000.00 + 200.00 (check 1001 not cleared) − 15.00 − 25.00 − 500.00 = 9,660.00
    expect(chk.currentCents).toBe(966_000);
    // The pending 50.00 is already out of what can be spent.
    expect(chk.availableCents).toBe(961_000);
    const card = login.accounts.find((a) => a.account_id === "x_a41")!;
    expect(card.currentCents).toBe(12_000);
    expect(card.availableCents).toBe(card.limitCents! - 12_000 - 4_320);
  });
});
