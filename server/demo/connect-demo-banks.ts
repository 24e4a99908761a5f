import "server-only";
import { and, asc, eq, gte, inArray, isNotNull } from "drizzle-orm";
import { CASH_MOVING_TYPES } from "../banks/book-movements";
import { addBankItem } from "../banks/link";
import { businessDate, type Clock } from "../clock";
import type { DB } from "../db/client";
import {
  bankItems,
  businesses,
  memberships,
  qboAccounts,
  qboConnections,
  qboParties,
  qboTransactions,
  users,
} from "../db/schema";
import type { TPlaidConfig } from "../env";
import { railForBusiness } from "../plaid/rail-for-business";
import { demoBankFromBooks } from "./demo-bank";
import { DEMO_BUSINESS, DEMO_USERS } from "./demo-identities";

/** The demo business and this many of the demo firm's clients get a bank. */
export const DEMO_BANK_CLIENTS = 6;
const INSTITUTION = { institution_id: "ins_demo_firstplatypus", name: "First Platypus Bank" };

/**
 * Demo mode with the Plaid emulator: once a demo business's first QuickBooks sync has finished,
 * its bank is made from its books (server/demo/demo-bank.ts: the same movements, and the usual
 * differences) in the emulator's admin API, then linked as a person would through Link (the
 * sandbox public token) — so the demo shows bank beside book without configuring anything.
 * Returns how many demo businesses still wait for their first sync.
 */
export async function connectDemoBanks({
  db,
  config,
  key,
  clock,
}: {
  db: DB;
  config: TPlaidConfig;
  key: string;
  clock: Clock;
}): Promise<{ connected: number; waiting: number }> {
  if (config.environment !== "emulator") return { connected: 0, waiting: 0 };
  const targets = await demoTargets(db);
  let connected = 0;
  let waiting = 0;
  for (const biz of targets) {
    const [has] = await db
      .select({ id: bankItems.id })
      .from(bankItems)
      .where(eq(bankItems.businessId, biz.id))
      .limit(1);
    if (has) continue;
    const [conn] = await db
      .select({ at: qboConnections.lastFullSyncAt })
      .from(qboConnections)
      .where(and(eq(qboConnections.businessId, biz.id), isNotNull(qboConnections.lastFullSyncAt)));
    if (!conn) {
      waiting++;
      continue;
    }
    await connectDemoBank(db, { config, key, clock, biz });
    connected++;
  }
  return { connected, waiting };
}

async function demoTargets(db: DB) {
  const [main] = await db
    .select({
      id: businesses.id,
      name: businesses.name,
      timezone: businesses.timezone,
      currency: businesses.currency,
    })
    .from(businesses)
    .where(eq(businesses.name, DEMO_BUSINESS.name));
  const clients = await db
    .select({
      id: businesses.id,
      name: businesses.name,
      timezone: businesses.timezone,
      currency: businesses.currency,
    })
    .from(businesses)
    .innerJoin(memberships, eq(memberships.businessId, businesses.id))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(users.email, DEMO_USERS.clients.email))
    .orderBy(asc(businesses.name))
    .limit(DEMO_BANK_CLIENTS);
  return [...(main ? [main] : []), ...clients.filter((c) => c.id !== main?.id)];
}

/**
 * One business's bank made from its books and linked; returns the differences the bank was made
 * with (what reconciliation must find) and the Plaid login it lives in.
 */
export async function connectDemoBank(
  db: DB,
  {
    config,
    key,
    clock,
    biz,
  }: {
    config: TPlaidConfig;
    key: string;
    clock: Clock;
    biz: { id: string; name: string; timezone: string; currency: string };
  },
) {
  const today = businessDate(clock.now(), biz.timezone);
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - 91 * 86_400_000).toISOString().slice(0, 10);
  const accounts = await db
    .select({
      qboId: qboAccounts.qboId,
      name: qboAccounts.name,
      type: qboAccounts.accountType,
      balanceCents: qboAccounts.currentBalanceCents,
    })
    .from(qboAccounts)
    .where(
      and(
        eq(qboAccounts.businessId, biz.id),
        eq(qboAccounts.active, true),
        eq(qboAccounts.deleted, false),
        inArray(qboAccounts.accountType, ["Bank", "Credit Card"]),
      ),
    )
    .orderBy(asc(qboAccounts.qboId));
  const rows = await db
    .select({
      type: qboTransactions.type,
      qboId: qboTransactions.qboId,
      date: qboTransactions.txnDate,
      amountCents: qboTransactions.amountCents,
      accountId: qboTransactions.accountId,
      toAccountId: qboTransactions.toAccountId,
      isCredit: qboTransactions.isCredit,
      docNumber: qboTransactions.docNumber,
      customerId: qboTransactions.customerId,
      vendorId: qboTransactions.vendorId,
    })
    .from(qboTransactions)
    .where(
      and(
        eq(qboTransactions.businessId, biz.id),
        eq(qboTransactions.deleted, false),
        inArray(qboTransactions.type, [...CASH_MOVING_TYPES]),
        gte(qboTransactions.txnDate, from),
      ),
    );
  const parties = new Map(
    (
      await db
        .select({ id: qboParties.qboId, kind: qboParties.kind, name: qboParties.displayName })
        .from(qboParties)
        .where(eq(qboParties.businessId, biz.id))
    ).map((p) => [`${p.kind}:${p.id}`, p.name]),
  );
  const bank = demoBankFromBooks({
    prefix: `d${biz.id.slice(0, 8)}_`,
    today,
    currency: biz.currency,
    accounts,
    txns: rows
      .filter((r) => r.date)
      .map((r) => ({
        ...r,
        date: r.date!,
        party:
          (r.customerId && parties.get(`customer:${r.customerId}`)) ||
          (r.vendorId && parties.get(`vendor:${r.vendorId}`)) ||
          null,
      })),
  });
  const admin = (path: string, body: unknown) =>
    fetch(`${config.basePath}/__admin/${path}`, {
      method: "POST",
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  await admin("institutions", INSTITUTION);
  const loginId = `demo-${biz.id}`;
  const made = await admin("logins", {
    login_id: loginId,
    institution_id: INSTITUTION.institution_id,
    label: biz.name,
    accounts: bank.accounts,
    txns: bank.txns,
  });
  // 400 "exists": the emulator kept its banks while the app's data was reset; link to it again.
  if (!made.ok && made.status !== 400)
    throw new Error(`Plaid emulator refused the demo bank: HTTP ${made.status}`);
  const res = await fetch(`${config.basePath}/sandbox/public_token/create`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "plaid-client-id": config.clientId,
      "plaid-secret": config.secret,
    },
    body: JSON.stringify({
      institution_id: INSTITUTION.institution_id,
      initial_products: ["transactions"],
      options: { override_username: loginId, webhook: config.webhookUrl },
    }),
    signal: AbortSignal.timeout(10_000),
  });
  const { public_token } = (await res.json()) as { public_token: string };
  // The rail counts its calls on the same transaction (PGlite has one connection).
  const { bankItemId } = await db.transaction((tx) =>
    addBankItem({
      db: tx as unknown as DB,
      rail: railForBusiness({ db: tx as unknown as DB, businessId: biz.id, config, clock }),
      config,
      key,
      businessId: biz.id,
      createdBy: null,
      publicToken: public_token,
      institution: { id: INSTITUTION.institution_id, name: INSTITUTION.name },
      now: clock.now(),
      demo: true,
    }),
  );
  return { bankItemId, loginId, differences: bank.differences, accounts: bank.accounts };
}

/** At start-up: keep checking (first syncs take a while) until every demo business has its bank. */
export async function connectDemoBanksWhenReady(deps: {
  db: DB;
  config: TPlaidConfig;
  key: string;
  clock: Clock;
  onQueued: () => void;
  log?: Pick<Console, "info" | "warn">;
  attempts?: number;
}) {
  const log = deps.log ?? console;
  let warned = false;
  for (let i = 0; i < (deps.attempts ?? 120); i++) {
    try {
      const r = await connectDemoBanks(deps);
      if (r.connected > 0) {
        log.info(
          `[oodaloo] ${r.connected} demo ${r.connected === 1 ? "business" : "businesses"} connected to the Plaid emulator's bank; syncs queued`,
        );
        deps.onQueued();
      }
      // Firm clients are created once QuickBooks answers: keep looking for a minute at least.
      if (r.waiting === 0 && i >= 12) return;
    } catch (err) {
      // Said once, then retried quietly (the emulator may still be starting).
      if (!warned)
        log.warn(
          `[oodaloo] demo banks not connected yet: ${err instanceof Error ? err.message : String(err)}`,
        );
      warned = true;
    }
    await new Promise((r) => setTimeout(r, 5_000));
  }
}
