import { randomBytes, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMULATOR_CLIENT, startPlaidEmulator } from "@/plaid-emulator/test-support";
import type { Clock } from "@/server/clock";
import { bankAccounts, bankItems, bankTransactions, plaidApiCalls } from "@/server/db/schema";
import type { TPlaidConfig } from "@/server/env";
import { encryptSecret } from "@/server/lib/vault";
import { railForBusiness } from "@/server/plaid/rail-for-business";
import { applyPass } from "@/server/plaid/sync/apply";
import { pullPass } from "@/server/plaid/sync/pull";
import { syncBankItem } from "@/server/plaid/sync/sync-item";
import { bankOracle } from "../support/bank-oracle";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser } from "../support/factories";

/**
 * Issue 18: the bank mirror equals the bank. After the first sync, after changes at the bank
 * (added, modified, removed, pending → posted) and after a change between two pages of a pass,
 * the mirror holds exactly what the emulator's export says — an oracle that reads the export over
 * HTTP and imports nothing of the rail. Every Plaid call is counted, as the emulator counted it.
 */
describe(`the bank mirror (${testBackend})`, () => {
  let h: TestDatabase;
  let ctx: Awaited<ReturnType<typeof startPlaidEmulator>>;
  let config: TPlaidConfig;
  let clock: Clock;
  let businessId: string;
  const key = randomBytes(32).toString("base64");

  beforeAll(async () => {
    h = await useTestDatabase();
    ctx = await startPlaidEmulator({ logins: 2 });
    config = { environment: "emulator", basePath: ctx.base, ...EMULATOR_CLIENT, webhookUrl: undefined };
    clock = { now: () => new Date(ctx.emu.now()) };
    businessId = await makeBusiness(h.db, (await makeUser(h.db)).id);
  });
  afterAll(async () => {
    await ctx?.emu.stop();
    await h?.close();
  });

  async function linkItem(login: string) {
    const rail = railForBusiness({ db: h.db, businessId, config, clock });
    const res = await fetch(`${ctx.base}/sandbox/public_token/create`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_id: EMULATOR_CLIENT.clientId,
        secret: EMULATOR_CLIENT.secret,
        institution_id: login === "login_1" ? "ins_109508" : "ins_109509",
        initial_products: ["transactions"],
        options: { override_username: login },
      }),
    });
    const { public_token } = (await res.json()) as { public_token: string };
    const { itemId, accessToken } = await rail.exchange(public_token);
    const id = randomUUID();
    await h.db.insert(bankItems).values({
      id,
      businessId,
      itemId,
      environment: "emulator",
      accessTokenEnc: encryptSecret(accessToken, key),
    });
    return { id, itemId, accessToken };
  }

  const sync = (bankItemId: string, count = 40) =>
    syncBankItem({ db: h.db, config, key, clock, businessId, bankItemId, count });

  async function mirror(bankItemId: string) {
    const txns = await h.db
      .select({
        transactionId: bankTransactions.transactionId,
        accountId: bankTransactions.accountId,
        amountCents: bankTransactions.amountCents,
        date: bankTransactions.date,
        name: bankTransactions.name,
        pending: bankTransactions.pending,
        pendingTransactionId: bankTransactions.pendingTransactionId,
      })
      .from(bankTransactions)
      .where(and(eq(bankTransactions.businessId, businessId), eq(bankTransactions.bankItemId, bankItemId)));
    const accounts = await h.db
      .select({
        accountId: bankAccounts.accountId,
        mask: bankAccounts.mask,
        type: bankAccounts.type,
        currentCents: bankAccounts.currentCents,
        availableCents: bankAccounts.availableCents,
      })
      .from(bankAccounts)
      .where(and(eq(bankAccounts.bankItemId, bankItemId), eq(bankAccounts.gone, false)));
    return {
      transactions: txns.sort((a, b) => a.transactionId.localeCompare(b.transactionId)),
      accounts: accounts.sort((a, b) => a.accountId.localeCompare(b.accountId)),
    };
  }

  it("after the first sync, paged, the mirror is the bank", async () => {
    const item = await linkItem("login_1");
    const r = await sync(item.id, 25);
    expect(r).toMatchObject({ outcome: "synced", restarts: 0 });
    expect(r.outcome === "synced" && r.pages).toBeGreaterThan(3);
    const want = await bankOracle(ctx.base, item.itemId);
    expect(want.transactions.length).toBeGreaterThan(80);
    expect(await mirror(item.id)).toEqual(want);
    const [row] = await h.db.select().from(bankItems).where(eq(bankItems.id, item.id));
    expect(row!.cursor).toBeTruthy();
    expect(row!.lastSyncedAt!.getTime()).toBeLessThanOrEqual(clock.now().getTime());
    expect(row!.lastSyncedAt!.getTime()).toBeGreaterThan(clock.now().getTime() - 60_000);
  });

  it("after additions, modifications, removals and pending → posted, the mirror is the bank", async () => {
    const item = await linkItem("login_2");
    await sync(item.id);
    const before = await mirror(item.id);
    const pending = before.transactions.filter((t) => t.pending);
    const posted = before.transactions.filter((t) => !t.pending);
    expect(pending.length).toBeGreaterThan(1);
    ctx.emu.mutate(
      "login_2",
      [
        {
          op: "add",
          txn: {
            transaction_id: "x_fee",
            account_id: "l2_chk",
            amountCents: 3_500,
            date: "2026-11-26",
            name: "WIRE FEE",
            pending: false,
          },
        },
        {
          op: "add",
          txn: {
            transaction_id: "x_dep",
            account_id: "l2_chk",
            amountCents: -125_000,
            date: "2026-11-26",
            name: "DEPOSIT",
            pending: true,
          },
        },
        {
          op: "modify",
          transaction_id: posted[0]!.transactionId,
          changes: { amountCents: 4_321, name: "CORRECTED" },
        },
        { op: "remove", transaction_id: posted[1]!.transactionId },
        { op: "post", transaction_id: pending[0]!.transactionId, posted_id: "x_posted", amountCents: 9_999 },
      ],
      { notify: false },
    );
    const r = await sync(item.id);
    expect(r).toMatchObject({ outcome: "synced", upserted: 4, removed: 2 });
    const after = await mirror(item.id);
    expect(after).toEqual(await bankOracle(ctx.base, item.itemId));
    expect(after.transactions.find((t) => t.transactionId === "x_posted")).toMatchObject({
      pending: false,
      pendingTransactionId: pending[0]!.transactionId,
      amountCents: 9_999,
    });
    expect(after.transactions.some((t) => t.transactionId === pending[0]!.transactionId)).toBe(false);
  });

  it("a change during pagination discards the pass and restarts it from its first cursor; the mirror is the bank", async () => {
    const item = await linkItem("login_1");
    await sync(item.id);
    ctx.emu.mutate(
      "login_1",
      Array.from({ length: 25 }, (_, i) => ({
        op: "add" as const,
        txn: {
          transaction_id: `p_${i}`,
          account_id: "l1_chk",
          amountCents: 1_000 + i,
          date: "2026-11-26",
          name: `P${i}`,
          pending: false,
        },
      })),
      { notify: false },
    );
    ctx.emu.logins.get("login_1")!.mutateDuringNextPass = [
      { op: "remove", transaction_id: "p_3" },
      { op: "modify", transaction_id: "p_4", changes: { amountCents: 77_700 } },
    ];
    const [{ cursor: before }] = (await h.db
      .select({ cursor: bankItems.cursor })
      .from(bankItems)
      .where(eq(bankItems.id, item.id))) as [{ cursor: string }];
    const r = await sync(item.id, 10);
    expect(r).toMatchObject({ outcome: "synced", restarts: 1 });
    const got = await mirror(item.id);
    expect(got).toEqual(await bankOracle(ctx.base, item.itemId));
    expect(got.transactions.some((t) => t.transactionId === "p_3")).toBe(false);
    expect(got.transactions.find((t) => t.transactionId === "p_4")?.amountCents).toBe(77_700);
    const [{ cursor: after }] = (await h.db
      .select({ cursor: bankItems.cursor })
      .from(bankItems)
      .where(eq(bankItems.id, item.id))) as [{ cursor: string }];
    expect(after).not.toBe(before);
  });

  it("two passes from one cursor: the first lands, the second is dropped as superseded", async () => {
    const item = await linkItem("login_2");
    await sync(item.id);
    ctx.emu.mutate(
      "login_2",
      [
        {
          op: "add",
          txn: {
            transaction_id: "s_1",
            account_id: "l2_chk",
            amountCents: 500,
            date: "2026-11-26",
            name: "S1",
            pending: false,
          },
        },
      ],
      { notify: false },
    );
    const rail = railForBusiness({ db: h.db, businessId, config, clock });
    const [row] = await h.db.select().from(bankItems).where(eq(bankItems.id, item.id));
    const ref = { itemId: item.itemId, accessToken: item.accessToken };
    const a = await pullPass(rail, ref, row!.cursor);
    const b = await pullPass(rail, ref, row!.cursor);
    expect(
      (await applyPass(h.db, { businessId, bankItemId: item.id, pass: a, now: clock.now() })).applied,
    ).toBe(true);
    expect(await applyPass(h.db, { businessId, bankItemId: item.id, pass: b, now: clock.now() })).toEqual({
      applied: false,
      reason: "superseded",
    });
    expect(await mirror(item.id)).toEqual(await bankOracle(ctx.base, item.itemId));
  });

  it("ITEM_LOGIN_REQUIRED marks the Item and keeps its cursor; nothing is applied", async () => {
    const item = await linkItem("login_2");
    await sync(item.id);
    const [before] = await h.db.select().from(bankItems).where(eq(bankItems.id, item.id));
    await fetch(`${ctx.base}/sandbox/item/reset_login`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "plaid-client-id": EMULATOR_CLIENT.clientId,
        "plaid-secret": EMULATOR_CLIENT.secret,
      },
      body: JSON.stringify({ access_token: item.accessToken }),
    });
    expect(await sync(item.id)).toEqual({ outcome: "needs_user", errorCode: "ITEM_LOGIN_REQUIRED" });
    const [after] = await h.db.select().from(bankItems).where(eq(bankItems.id, item.id));
    expect([after!.status, after!.errorCode, after!.cursor]).toEqual([
      "needs_login",
      "ITEM_LOGIN_REQUIRED",
      before!.cursor,
    ]);
    expect(await sync(item.id)).toEqual({ outcome: "skipped", reason: "not_active" });
  });

  it("every call is counted per Item, month and endpoint exactly as the emulator counted it", async () => {
    const ours = await h.db.select().from(plaidApiCalls).where(eq(plaidApiCalls.businessId, businessId));
    const mine = new Set(ours.map((c) => c.itemId));
    const theirs = ctx.emu
      .callCounts()
      .filter((c) => mine.has(c.item_id))
      .map((c) => `${c.item_id} ${c.month} ${c.endpoint} ${c.count}`)
      .sort();
    expect(ours.map((c) => `${c.itemId} ${c.month} ${c.endpoint} ${c.count}`).sort()).toEqual(theirs);
    expect(theirs.length).toBeGreaterThan(5);
  });
});
