/**
 * A simulated month of bank traffic (issue 18): N businesses, each with a bank on the Plaid
 * emulator, through the product's real paths — the bank posts transactions every day and tells
 * Plaid's webhook (verified, queued, synced by the in-process dispatcher), the daily safety poll
 * runs from the cron registry, a weekly digest is made for each, the owner asks for the bank
 * balance twice in the month and commits one payment (the real-time read before it). The
 * emulator's own counters say what it cost, per Item and endpoint. Used by `npm run bench`
 * (100 clients) and by an integration test (a few).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { generateLogin } from "../plaid-emulator/src/generator";
import { PlaidEmulator } from "../plaid-emulator/src/server";
import { refreshBankBalances, refreshBeforeMoneyWrite } from "../server/banks/balances";
import { addBankItem } from "../server/banks/link";
import { receivePlaidWebhook } from "../server/banks/webhook";
import { businessDate, setClockForProcess } from "../server/clock";
import type { DB } from "../server/db/client";
import { bankItems, bankTransactions, businesses, users } from "../server/db/schema";
import { computeDigestSnapshot } from "../server/digest/digests";
import { getEnv, resetEnvForTests } from "../server/env";
import { dispatchOnce } from "../server/jobs/dispatcher";
import { runDueCrons } from "../server/jobs/registry";
import { railForBusiness } from "../server/plaid/rail-for-business";

export type TBankMonthProfile = {
  days: number;
  /** The first day (UTC). */
  start: string;
  /** Transactions the bank posts each day, per business. */
  txnsPerDay: number;
  /** Day indexes (0-based) on which the owner presses "refresh bank balance". */
  refreshDays: number[];
  /** Day index on which the owner commits a payment (a real-time read before the write). */
  commitDay: number;
  /** Weekly digest: every this many days. */
  digestEvery: number;
};

export const BANK_MONTH_PROFILE: TBankMonthProfile = {
  days: 30,
  start: "2026-12-07",
  txnsPerDay: 4,
  refreshDays: [3, 17],
  commitDay: 10,
  digestEvery: 7,
};

export type TBankMonthResult = {
  clients: number;
  days: number;
  /** Emulator-counted calls summed over every Item, by endpoint. */
  byEndpoint: Record<string, number>;
  /** The same per client (average). */
  perClient: Record<string, number>;
  /** Real-time balance calls per client per week (average). */
  balancePerClientWeek: number;
  /** Largest number of real-time balance calls any one Item took. */
  maxBalancePerItem: number;
  webhooks: { delivered: number; queued: number; duplicate: number; refused: number };
  /** Transactions the bank posted this month; what the bank holds and the mirror holds at the end. */
  posted: number;
  atBank: number;
  mirrored: number;
  realMs: number;
};

export async function simulateBankMonth({
  db,
  clients,
  profile = BANK_MONTH_PROFILE,
}: {
  db: DB;
  clients: number;
  profile?: TBankMonthProfile;
}): Promise<TBankMonthResult> {
  const t0 = Date.now();
  const emu = new PlaidEmulator({ startMs: Date.parse(`${profile.start}T04:00:00Z`) });
  const base = await emu.start();
  const saved = { ...process.env };
  Object.assign(process.env, {
    PLAID_ENVIRONMENT: "emulator",
    PLAID_BASE_URL: base,
    // Deliveries to a closed port fail fast; the simulation hands each to the webhook use case.
    PLAID_WEBHOOK_URL: "http://127.0.0.1:9/api/webhooks/plaid",
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  });
  resetEnvForTests();
  const env = getEnv();
  const config = env.plaid!;
  const clock = { now: () => new Date(emu.now()) };
  setClockForProcess(clock);
  try {
    emu.addInstitution({ institution_id: "ins_sim", name: "Simulated Bank" });
    const [{ id: owner }] = (await db
      .insert(users)
      .values({ email: `sim-${randomUUID()}@example.test`, name: "Sim Owner" })
      .returning({ id: users.id })) as [{ id: string }];
    const bizIds: string[] = [];
    for (let i = 0; i < clients; i++) {
      const id = randomUUID();
      await db
        .insert(businesses)
        .values({ id, name: `Bank client ${i + 1}`, timezone: "UTC", currency: "USD" });
      bizIds.push(id);
      const loginId = `sim_${i}`;
      emu.createLogin({
        login_id: loginId,
        institution_id: "ins_sim",
        label: `Bank client ${i + 1}`,
        ...generateLogin({
          seed: 100 + i,
          today: profile.start,
          prefix: `s${i}_`,
          withCard: i % 2 === 0,
          days: 60,
        }),
      });
      const publicToken = await sandboxToken(base, config, loginId);
      await db.transaction((tx) =>
        addBankItem({
          db: tx as unknown as DB,
          rail: railForBusiness({ db: tx as unknown as DB, businessId: id, config, clock }),
          config,
          key: env.tokenEncryptionKey,
          businessId: id,
          createdBy: null,
          publicToken,
          institution: { id: "ins_sim", name: "Simulated Bank" },
          now: clock.now(),
        }),
      );
    }
    const webhooks = { delivered: 0, queued: 0, duplicate: 0, refused: 0 };
    let seen = emu.deliveries.length;
    let posted = 0;
    const drain = async () => {
      while ((await dispatchOnce(db, 20)) > 0) {}
    };
    const handHooks = async () => {
      await emu.flushWebhooks();
      const fresh = emu.deliveries.slice(seen);
      seen = emu.deliveries.length;
      for (const d of fresh) {
        webhooks.delivered++;
        const r = await receivePlaidWebhook({
          db,
          config,
          key: env.tokenEncryptionKey,
          clock,
          rawBody: d.body,
          header: d.jwt,
        });
        if (r.status === 401) webhooks.refused++;
        else if (r.action === "queued_sync") webhooks.queued++;
        else if (r.action === "duplicate") webhooks.duplicate++;
      }
    };
    await drain();
    let n = 0;
    for (let day = 0; day < profile.days; day++) {
      // 05:50 UTC: the cron registry's due jobs (the daily bank safety poll among them).
      await runDueCrons(db, clock.now());
      await drain();
      // The bank's day: transactions posted in the afternoon, each login's Items told.
      emu.advance(9 * 3_600_000);
      const date = businessDate(clock.now(), "UTC");
      for (let i = 0; i < clients; i++) {
        emu.mutate(
          `sim_${i}`,
          Array.from({ length: profile.txnsPerDay }, (_, k) => ({
            op: "add" as const,
            txn: {
              transaction_id: `m${i}_${day}_${k}_${(n++).toString(36)}`,
              account_id: `s${i}_chk`,
              amountCents: k % 3 === 0 ? -(50_000 + k * 1_000) : 2_000 + k * 700,
              date,
              name: k % 3 === 0 ? "DEPOSIT" : "POS PURCHASE",
              pending: false,
            },
          })),
        );
        posted += profile.txnsPerDay;
      }
      await handHooks();
      await drain();
      // The owner's day.
      for (const id of bizIds) {
        if (profile.refreshDays.includes(day))
          await refreshBankBalances({
            db,
            businessId: id,
            config,
            key: env.tokenEncryptionKey,
            clock,
            reason: "asked",
            actorUserId: null,
          });
        if (day === profile.commitDay)
          await refreshBeforeMoneyWrite({
            db,
            businessId: id,
            config,
            key: env.tokenEncryptionKey,
            clock,
            actorUserId: owner,
          }).catch(() => null);
        if (day % profile.digestEvery === 0)
          await computeDigestSnapshot({
            db,
            business: { id, name: "Bank client", timezone: "UTC", currency: "USD" },
            asOf: businessDate(clock.now(), "UTC"),
          });
      }
      emu.advance(15 * 3_600_000);
    }
    const real = new Set(
      (await db.select({ itemId: bankItems.itemId }).from(bankItems)).map((r) => r.itemId),
    );
    const byEndpoint: Record<string, number> = {};
    const balanceByItem = new Map<string, number>();
    for (const c of emu.callCounts()) {
      if (c.item_id !== "" && !real.has(c.item_id)) continue;
      byEndpoint[c.endpoint] = (byEndpoint[c.endpoint] ?? 0) + c.count;
      if (c.endpoint === "/accounts/balance/get")
        balanceByItem.set(c.item_id, (balanceByItem.get(c.item_id) ?? 0) + c.count);
    }
    const perClient = Object.fromEntries(Object.entries(byEndpoint).map(([k, v]) => [k, v / clients]));
    const [{ mirrored }] = (await db
      .select({ mirrored: sql<number>`count(*)::int` })
      .from(bankTransactions)) as [{ mirrored: number }];
    return {
      clients,
      days: profile.days,
      byEndpoint,
      perClient,
      balancePerClientWeek: (byEndpoint["/accounts/balance/get"] ?? 0) / clients / (profile.days / 7),
      maxBalancePerItem: Math.max(0, ...balanceByItem.values()),
      webhooks,
      posted,
      atBank: emu
        .exportState()
        .filter((i) => real.has(i.item_id))
        .reduce((k, i) => k + i.transactions.length, 0),
      mirrored,
      realMs: Date.now() - t0,
    };
  } finally {
    setClockForProcess(undefined);
    process.env = saved;
    resetEnvForTests();
    await emu.stop();
  }
}

async function sandboxToken(
  base: string,
  config: { clientId: string; secret: string; webhookUrl?: string },
  loginId: string,
) {
  const res = await fetch(`${base}/sandbox/public_token/create`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "plaid-client-id": config.clientId,
      "plaid-secret": config.secret,
    },
    body: JSON.stringify({
      institution_id: "ins_sim",
      initial_products: ["transactions"],
      options: { override_username: loginId, webhook: config.webhookUrl },
    }),
  });
  return ((await res.json()) as { public_token: string }).public_token;
}
