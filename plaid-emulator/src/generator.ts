/**
 * Deterministic bank data for a login: a checking account (and optionally savings and a card)
 * with months of a small service business's transactions — customer deposits, payroll, rent,
 * card spend, bank fees, transfers — and a few pending items in the last days.
 */
import type { TAccount, TNewTxn } from "./bank";

export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export type TGeneratedLogin = { accounts: TAccount[]; txns: TNewTxn[] };

export function generateLogin(opts: {
  seed: number;
  today: string;
  /** Prefix for ids, so two logins never share one. */
  prefix: string;
  days?: number;
  /** Opening balance of checking, `days` ago, in cents. */
  openingCents?: number;
  withCard?: boolean;
  withSavings?: boolean;
  masks?: { checking?: string; savings?: string; card?: string };
}): TGeneratedLogin {
  const r = rng(opts.seed);
  const days = opts.days ?? 90;
  const id = (s: string) => `${opts.prefix}${s}`;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const checking: TAccount = {
    account_id: id("chk"),
    name: "Business Checking",
    official_name: "Platinum Business Checking",
    mask: opts.masks?.checking ?? String(1000 + Math.floor(r() * 9000)),
    type: "depository",
    subtype: "checking",
    currentCents: opts.openingCents ?? 4_000_000,
    availableCents: opts.openingCents ?? 4_000_000,
    limitCents: null,
    currency: "USD",
  };
  const accounts: TAccount[] = [checking];
  if (opts.withSavings)
    accounts.push({
      account_id: id("sav"),
      name: "Business Savings",
      official_name: null,
      mask: opts.masks?.savings ?? String(1000 + Math.floor(r() * 9000)),
      type: "depository",
      subtype: "savings",
      currentCents: 2_500_000,
      availableCents: 2_500_000,
      limitCents: null,
      currency: "USD",
    });
  if (opts.withCard)
    accounts.push({
      account_id: id("card"),
      name: "Business Card",
      official_name: "Business Rewards Visa",
      mask: opts.masks?.card ?? String(1000 + Math.floor(r() * 9000)),
      type: "credit",
      subtype: "credit card",
      currentCents: 0,
      availableCents: 1_500_000,
      limitCents: 1_500_000,
      currency: "USD",
    });
  const txns: TNewTxn[] = [];
  let n = 0;
  const push = (t: Omit<TNewTxn, "transaction_id">) =>
    txns.push({ transaction_id: id(`t${(n++).toString(36)}`), ...t });
  const customers = ["Acme Robotics", "Blue Fern Dental", "Harbor & Co", "Kestrel Labs", "Maple Street Cafe"];
  const vendors = ["Adobe", "Google Workspace", "Delta Air Lines", "Staples", "Uber", "AWS"];
  const start = addDays(opts.today, -days);
  for (let d = 0; d <= days; d++) {
    const date = addDays(start, d);
    const dom = Number(date.slice(8, 10));
    const pending = d >= days - 2;
    if (r() < 0.25)
      push({
        account_id: checking.account_id,
        amountCents: -Math.round(150_000 + r() * 900_000),
        date,
        name: `DEPOSIT ${pick(customers).toUpperCase()}`,
        pending: false,
        payment_channel: "other",
        category: "INCOME",
      });
    if (dom === 1)
      push({
        account_id: checking.account_id,
        amountCents: 520_000,
        date,
        name: "RENT 14 HARBOR ST",
        pending: false,
        category: "RENT_AND_UTILITIES",
      });
    if (dom === 15 || dom === 28)
      push({
        account_id: checking.account_id,
        amountCents: 1_150_000,
        date,
        name: "GUSTO PAYROLL",
        pending: false,
        category: "GENERAL_SERVICES",
      });
    if (dom === 3)
      push({
        account_id: checking.account_id,
        amountCents: 1_500,
        date,
        name: "MONTHLY SERVICE FEE",
        pending: false,
        category: "BANK_FEES",
      });
    if (opts.withCard && r() < 0.4) {
      const v = pick(vendors);
      push({
        account_id: id("card"),
        amountCents: Math.round(1_500 + r() * 40_000),
        date,
        name: v.toUpperCase(),
        merchant_name: v,
        pending,
        payment_channel: "online",
        category: "GENERAL_MERCHANDISE",
      });
    }
    if (opts.withSavings && dom === 20) {
      push({
        account_id: checking.account_id,
        amountCents: 100_000,
        date,
        name: "TRANSFER TO SAVINGS",
        pending: false,
        category: "TRANSFER_OUT",
      });
      push({
        account_id: id("sav"),
        amountCents: -100_000,
        date,
        name: "TRANSFER FROM CHECKING",
        pending: false,
        category: "TRANSFER_IN",
      });
    }
    if (pending && r() < 0.7)
      push({
        account_id: checking.account_id,
        amountCents: Math.round(2_000 + r() * 60_000),
        date,
        name: `POS ${pick(vendors).toUpperCase()}`,
        pending: true,
        payment_channel: "in store",
        category: "GENERAL_MERCHANDISE",
      });
  }
  return { accounts, txns };
}
