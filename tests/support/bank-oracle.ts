/**
 * The bank mirror's oracle: what the mirror must hold, read from the Plaid emulator's export
 * over HTTP. It imports nothing of the bank rail (its own decimal-to-cents, its own shape).
 */
type TWireTxn = {
  transaction_id: string;
  account_id: string;
  amount: number;
  date: string;
  name: string;
  pending: boolean;
  pending_transaction_id: string | null;
};
type TWireAccount = {
  account_id: string;
  mask: string | null;
  type: string;
  balances: { current: number | null; available: number | null };
};
type TExportItem = { item_id: string; accounts: TWireAccount[]; transactions: TWireTxn[] };

const cents = (n: number | null) => {
  if (n === null) return null;
  const [whole, frac = ""] = Math.abs(n).toFixed(2).split(".");
  const v = Number(whole) * 100 + Number(frac);
  return n < 0 ? -v : v;
};

export async function bankOracle(emulatorBase: string, itemId: string) {
  const res = await fetch(`${emulatorBase}/__admin/export`);
  const { items } = (await res.json()) as { items: TExportItem[] };
  const item = items.find((i) => i.item_id === itemId);
  if (!item) throw new Error(`the emulator has no item ${itemId}`);
  return {
    transactions: item.transactions
      .map((t) => ({
        transactionId: t.transaction_id,
        accountId: t.account_id,
        amountCents: cents(t.amount),
        date: t.date,
        name: t.name,
        pending: t.pending,
        pendingTransactionId: t.pending_transaction_id,
      }))
      .sort((a, b) => a.transactionId.localeCompare(b.transactionId)),
    accounts: item.accounts
      .map((a) => ({
        accountId: a.account_id,
        mask: a.mask,
        type: a.type,
        currentCents: cents(a.balances.current),
        availableCents: cents(a.balances.available),
      }))
      .sort((a, b) => a.accountId.localeCompare(b.accountId)),
  };
}
