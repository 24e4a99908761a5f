import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlaidEmulator } from "@/plaid-emulator/test-support";
import { getBusinessContext } from "@/server/access/business-context";
import { refreshBankBalances, refreshBeforeMoneyWrite } from "@/server/banks/balances";
import { disconnectBank } from "@/server/banks/disconnect";
import { completeBankLink, startBankLink } from "@/server/banks/link";
import { mapBankAccount } from "@/server/banks/mapping";
import { getBankSummary } from "@/server/banks/summary";
import { receivePlaidWebhook } from "@/server/banks/webhook";
import { type Clock, setClockForProcess } from "@/server/clock";
import {
  auditLog,
  bankAccounts,
  bankItems,
  bankLinkSessions,
  bankTransactions,
  outboxEvents,
  portfolioSnapshots,
  qboAccounts,
} from "@/server/db/schema";
import { getEnv, resetEnvForTests, type TPlaidConfig } from "@/server/env";
import { dispatchOnce } from "@/server/jobs/dispatcher";
import { syncBankItem } from "@/server/plaid/sync/sync-item";
import { refreshPortfolioSnapshot } from "@/server/portfolio/snapshots";
import { bankOracle } from "../support/bank-oracle";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { addMember, makeBusiness, makeUser } from "../support/factories";

/**
 * Issue 18, the product over the bank rail: connecting through Hosted Link (success, exit),
 * the outcome read from Plaid and finished once however it comes back, verified webhooks acted
 * on once and forged ones refused with nothing queued, ITEM_LOGIN_REQUIRED → update mode →
 * syncing resumes from the saved cursor, real-time balances at most once per Item per 24 hours,
 * disconnect.
 */
describe(`banks through Hosted Link (${testBackend})`, () => {
  let h: TestDatabase;
  let ctx: Awaited<ReturnType<typeof startPlaidEmulator>>;
  let config: TPlaidConfig;
  let clock: Clock;
  let businessId: string;
  let owner: string;
  let viewer: string;
  const key = randomBytes(32).toString("base64");
  const saved = { ...process.env };

  beforeAll(async () => {
    h = await useTestDatabase();
    ctx = await startPlaidEmulator({ logins: 2 });
    Object.assign(process.env, { PLAID_BASE_URL: ctx.base, TOKEN_ENCRYPTION_KEY: key });
    resetEnvForTests();
    config = getEnv().plaid!;
    clock = { now: () => new Date(ctx.emu.now()) };
    setClockForProcess(clock);
    owner = (await makeUser(h.db)).id;
    viewer = (await makeUser(h.db)).id;
    businessId = await makeBusiness(h.db, owner);
    await addMember(h.db, businessId, viewer, "viewer");
  });
  afterAll(async () => {
    process.env = saved;
    resetEnvForTests();
    setClockForProcess(undefined);
    await ctx?.emu.stop();
    await h?.close();
  });

  const deps = () => ({ db: h.db, config, key, clock });
  const business = (userId = owner) => getBusinessContext({ db: h.db, userId, businessId });
  const form = (url: string, fields: Record<string, string>) =>
    fetch(url, {
      method: "POST",
      body: new URLSearchParams(fields),
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  /** The person on Plaid's page; returns our session id from the completion redirect. */
  async function person(url: string, steps: Record<string, string>[]) {
    expect((await fetch(url)).status).toBe(200);
    let res: Response | undefined;
    for (const s of steps) res = await form(url, s);
    expect(res!.status).toBe(303);
    const back = new URL(res!.headers.get("location")!);
    expect(back.pathname).toBe("/api/plaid/return");
    return back.searchParams.get("session")!;
  }
  const pendingSyncs = async () =>
    (await h.db.select().from(outboxEvents).where(eq(outboxEvents.businessId, businessId))).filter(
      (e) => e.name === "plaid/item.sync.requested" && !e.processedAt,
    ).length;
  const items = () => h.db.select().from(bankItems).where(eq(bankItems.businessId, businessId));
  const drain = async () => {
    while ((await dispatchOnce(h.db)) > 0) {}
  };
  /** The last webhook the emulator sent, as our route would receive it. */
  async function lastHook(code: string) {
    await ctx.emu.flushWebhooks();
    const d = [...ctx.emu.deliveries].reverse().find((x) => JSON.parse(x.body).webhook_code === code);
    expect(d, `a ${code} webhook was sent`).toBeDefined();
    return d!;
  }
  const receive = (rawBody: string, header: string | null) =>
    receivePlaidWebhook({ ...deps(), rawBody, header });

  it("connects a bank: the redirect proves nothing until Plaid says so; the token is sealed; the first sync fills the mirror", async () => {
    const { url } = await startBankLink({ ...deps(), ctx: await business(), origin: "http://app.test" });
    expect(url).toContain("/hosted-link/link-sandbox-");
    const session = await person(url, [{ action: "connect", login: "login_1", password: "pass_good" }]);
    const r = await completeBankLink({ ...deps(), where: { sessionId: session, userId: owner } });
    expect(r).toMatchObject({ status: "connected", institution: "First Platypus Bank", accounts: 3 });
    const [item] = await items();
    expect(item!.accessTokenEnc).toMatch(/^v1:/);
    expect(item!.accessTokenEnc).not.toContain("access-sandbox");
    // Someone else's session id, or the same one again, changes nothing.
    expect(await completeBankLink({ ...deps(), where: { sessionId: session, userId: viewer } })).toBeNull();
    expect(await completeBankLink({ ...deps(), where: { sessionId: session, userId: owner } })).toMatchObject(
      {
        status: "already",
        outcome: "connected",
      },
    );
    // Plaid's SESSION_FINISHED webhook arriving after the redirect finished it: no second Item.
    const fin = await lastHook("SESSION_FINISHED");
    expect(await receive(fin.body, fin.jwt)).toEqual({ status: 200, action: "link_completed" });
    expect(await items()).toHaveLength(1);

    expect(await pendingSyncs()).toBe(1);
    await drain();
    const mirror = await h.db
      .select({ id: bankTransactions.transactionId })
      .from(bankTransactions)
      .where(eq(bankTransactions.bankItemId, item!.id));
    const oracle = await bankOracle(ctx.base, item!.itemId);
    expect(mirror.map((m) => m.id).sort()).toEqual(oracle.transactions.map((t) => t.transactionId));
    const summary = await getBankSummary({ db: h.db, businessId, now: clock.now() });
    expect(summary.items[0]).toMatchObject({ status: "active", fresh: true });
    expect(summary.bankCashCents).toBe(
      oracle.accounts.filter((a) => a.type === "depository").reduce((s, a) => s + a.currentCents!, 0),
    );
    const audit = await h.db.select().from(auditLog).where(eq(auditLog.businessId, businessId));
    expect(audit.map((a) => a.action)).toContain("bank.connected");
  });

  it("an exit after a wrong password is shown with the bank's words; nothing is connected", async () => {
    const before = (await items()).length;
    const { url } = await startBankLink({ ...deps(), ctx: await business(), origin: "http://app.test" });
    // Coming back before finishing on Plaid's page (a back button): still open, nothing made.
    await fetch(url);
    const [open] = await h.db.select().from(bankLinkSessions).where(eq(bankLinkSessions.status, "open"));
    expect(
      await completeBankLink({ ...deps(), where: { sessionId: open!.id, userId: owner } }),
    ).toMatchObject({ status: "open" });
    const session = await person(url, [
      { action: "connect", login: "login_2", password: "wrong" },
      { action: "exit" },
    ]);
    const r = await completeBankLink({ ...deps(), where: { sessionId: session, userId: owner } });
    expect(r).toMatchObject({ status: "exited" });
    expect(r?.status === "exited" && r.message).toMatch(/credentials you provided were incorrect/);
    expect(await items()).toHaveLength(before);
  });

  it("a viewer may not connect a bank nor ask for real-time balances", async () => {
    await expect(
      startBankLink({ ...deps(), ctx: await business(viewer), origin: "http://app.test" }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      refreshBankBalances({
        ...deps(),
        ctx: await business(viewer),
        businessId,
        reason: "asked",
        actorUserId: viewer,
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("webhooks: a genuine one queues one sync and its replay nothing; forged, tampered or unsigned ones are refused with nothing queued", async () => {
    await drain();
    const [item] = await items();
    const login = ctx.emu.items.get(item!.itemId)!.login_id;
    ctx.emu.mutate(login, [
      {
        op: "add",
        txn: {
          transaction_id: "w_fee",
          account_id: "l1_chk",
          amountCents: 2_500,
          date: "2026-11-26",
          name: "WIRE FEE",
          pending: false,
        },
      },
    ]);
    const hook = await lastHook("SYNC_UPDATES_AVAILABLE");
    const tampered = hook.body.replace("SYNC_UPDATES_AVAILABLE", "SYNC_UPDATES_AVAILABLE ");
    expect(await receive(tampered, hook.jwt)).toEqual({ status: 401, reason: "body_mismatch" });
    expect(await receive(hook.body, null)).toEqual({ status: 401, reason: "no_header" });
    const [h1, p1, s1] = hook.jwt.split(".");
    const none = `${Buffer.from(JSON.stringify({ alg: "none", kid: JSON.parse(Buffer.from(h1!, "base64url").toString()).kid })).toString("base64url")}.${p1}.`;
    expect(await receive(hook.body, none)).toEqual({ status: 401, reason: "wrong_alg" });
    expect(await receive(hook.body, `${h1}.${p1}.${s1!.slice(0, -4)}AAAA`)).toMatchObject({ status: 401 });
    expect(await pendingSyncs()).toBe(0);
    expect(await receive(hook.body, hook.jwt)).toEqual({ status: 200, action: "queued_sync" });
    expect(await receive(hook.body, hook.jwt)).toEqual({ status: 200, action: "duplicate" });
    expect(await pendingSyncs()).toBe(1);
    await drain();
    const fee = await h.db
      .select()
      .from(bankTransactions)
      .where(and(eq(bankTransactions.bankItemId, item!.id), eq(bankTransactions.transactionId, "w_fee")));
    expect(fee).toHaveLength(1);
  });

  it("ITEM_LOGIN_REQUIRED → the Item needs its person → update mode → syncing resumes from the saved cursor", async () => {
    const [item] = await items();
    const plaidItem = ctx.emu.items.get(item!.itemId)!;
    await fetch(`${ctx.base}/sandbox/item/reset_login`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "plaid-client-id": config.clientId,
        "plaid-secret": config.secret,
      },
      body: JSON.stringify({ access_token: plaidItem.access_token }),
    });
    const err = await lastHook("ERROR");
    expect(await receive(err.body, err.jwt)).toEqual({ status: 200, action: "item_updated" });
    const [broken] = await items();
    expect([broken!.status, broken!.errorCode]).toEqual(["needs_login", "ITEM_LOGIN_REQUIRED"]);
    const cursor = broken!.cursor;
    // The bank moves on meanwhile.
    ctx.emu.mutate(
      plaidItem.login_id,
      [1, 2, 3].map((i) => ({
        op: "add" as const,
        txn: {
          transaction_id: `u_${i}`,
          account_id: "l1_chk",
          amountCents: 100 * i,
          date: "2026-11-26",
          name: `U${i}`,
          pending: false,
        },
      })),
      { notify: false },
    );
    const { url } = await startBankLink({
      ...deps(),
      ctx: await business(),
      origin: "http://app.test",
      bankItemId: item!.id,
    });
    expect(await (await fetch(url)).text()).toContain("Sign in again");
    const session = await person(url, [{ action: "connect", password: "pass_good" }]);
    expect(await completeBankLink({ ...deps(), where: { sessionId: session, userId: owner } })).toMatchObject(
      {
        status: "repaired",
      },
    );
    const [fixed] = await items();
    expect([fixed!.status, fixed!.errorCode, fixed!.cursor]).toEqual(["active", null, cursor]);
    const callsBefore = ctx.emu
      .callCounts()
      .find((c) => c.item_id === item!.itemId && c.endpoint === "/transactions/sync")!.count;
    await drain();
    const callsAfter = ctx.emu
      .callCounts()
      .find((c) => c.item_id === item!.itemId && c.endpoint === "/transactions/sync")!.count;
    // One page from the saved cursor brought exactly the three new ones (a restart from scratch
    // would have paged through the whole history).
    expect(callsAfter - callsBefore).toBe(1);
    const got = await h.db.select().from(bankTransactions).where(eq(bankTransactions.bankItemId, item!.id));
    expect(got.filter((t) => t.transactionId.startsWith("u_")).length).toBe(3);
    expect(got.map((t) => t.transactionId).sort()).toEqual(
      (await bankOracle(ctx.base, item!.itemId)).transactions.map((t) => t.transactionId),
    );
  });

  it("real-time balances: read at most once per Item per 24 hours, whoever asks and however often", async () => {
    const run = async () =>
      refreshBankBalances({
        ...deps(),
        ctx: await business(),
        businessId,
        reason: "asked",
        actorUserId: owner,
      });
    const [item] = await items();
    const live = () =>
      ctx.emu.callCounts().find((c) => c.item_id === item!.itemId && c.endpoint === "/accounts/balance/get")
        ?.count ?? 0;
    expect((await run()).refreshed).toBe(1);
    const again = await run();
    expect(again.refreshed).toBe(0);
    expect(
      Math.abs(again.notBefore[0]!.at.getTime() - (clock.now().getTime() + 24 * 3_600_000)),
    ).toBeLessThan(5_000);
    expect(await Promise.all([run(), run()]).then((rs) => rs.map((r) => r.refreshed))).toEqual([0, 0]);
    expect(live()).toBe(1);
    const [acct] = await h.db.select().from(bankAccounts).where(eq(bankAccounts.bankItemId, item!.id));
    expect(acct!.balancesSource).toBe("realtime");
    // A sync's cached balances do not overwrite a reading this fresh.
    ctx.emu.advance(25 * 3_600_000);
    expect((await run()).refreshed).toBe(1);
    expect(live()).toBe(2);
    // Before a commit that writes money: the same allowance — nothing now, the read a day later.
    const beforeCommit = async () =>
      (await refreshBeforeMoneyWrite({ ...deps(), businessId, actorUserId: owner }))!.refreshed;
    expect(await beforeCommit()).toBe(0);
    ctx.emu.advance(25 * 3_600_000);
    expect(await beforeCommit()).toBe(1);
    expect(live()).toBe(3);
  });

  it("each bank account is matched to its QuickBooks account: suggested by kind, confirmed by a person, the same kind only, one each", async () => {
    await h.db.insert(qboAccounts).values([
      {
        businessId,
        qboId: "35",
        syncToken: 0,
        name: "Operating account",
        accountType: "Bank",
        currentBalanceCents: 5_000_000,
        active: true,
      },
      {
        businessId,
        qboId: "36",
        syncToken: 0,
        name: "Savings",
        accountType: "Bank",
        currentBalanceCents: 1_000_000,
        active: true,
      },
      {
        businessId,
        qboId: "41",
        syncToken: 0,
        name: "Mastercard",
        accountType: "Credit Card",
        currentBalanceCents: -50_000,
        active: true,
      },
    ]);
    const view = async () =>
      (await getBankSummary({ db: h.db, businessId, now: clock.now() })).items[0]!.accounts;
    const [item] = await items();
    const by = (accts: Awaited<ReturnType<typeof view>>, subtype: string) =>
      accts.find((a) => a.subtype === subtype)!;
    let accts = await view();
    expect(by(accts, "savings").suggestion).toEqual({ qboId: "36", name: "Savings", reason: "kind" });
    expect(by(accts, "credit card").suggestion).toMatchObject({ qboId: "41", reason: "only" });
    // Checking has two Bank accounts to choose from and no name, mask or kind that tells: none.
    expect(by(accts, "checking").suggestion).toBeNull();
    expect(by(accts, "checking").options.map((o) => o.qboId)).toEqual(["35", "36"]);
    const map = async (subtype: string, qboAccountId: string | null) =>
      mapBankAccount({
        db: h.db,
        ctx: await business(),
        clock,
        bankItemId: item!.id,
        accountId: by(accts, subtype).accountId,
        qboAccountId,
      });
    await expect(map("checking", "41")).rejects.toMatchObject({ code: "invalid_input" });
    await map("savings", "36");
    await expect(map("checking", "36")).rejects.toMatchObject({ code: "conflict" });
    await map("checking", "35");
    await map("credit card", "41");
    accts = await view();
    expect(by(accts, "checking")).toMatchObject({
      confirmed: true,
      book: { qboId: "35", balanceCents: 5_000_000 },
    });
    // The card: QuickBooks' −500.00 (debit-positive) is 500.00 owed, as the bank says it.
    expect(by(accts, "credit card").book).toMatchObject({ balanceCents: 50_000 });
    await expect(
      mapBankAccount({
        db: h.db,
        ctx: await business(viewer),
        clock,
        bankItemId: item!.id,
        accountId: by(accts, "checking").accountId,
        qboAccountId: null,
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("the advisor's portfolio row carries the bank: its cash, bank − books over matched accounts, freshness", async () => {
    const rowNow = async () => {
      await refreshPortfolioSnapshot({ db: h.db, businessId, clock });
      return (
        await h.db.select().from(portfolioSnapshots).where(eq(portfolioSnapshots.businessId, businessId))
      )[0]!;
    };
    // The clock moved 25 hours in the test before: the last sync is more than a day old.
    expect((await rowNow()).bankState).toBe("stale");
    const [item] = await items();
    await syncBankItem({ ...deps(), businessId, bankItemId: item!.id });
    const row = await rowNow();
    const summary = await getBankSummary({ db: h.db, businessId, now: clock.now() });
    expect(summary.compare).not.toBeNull();
    expect(row).toMatchObject({
      bankState: "fresh",
      bankCashCents: summary.bankCashCents,
      bankGapCents: summary.compare!.bankCents - summary.compare!.bookCents,
    });
    // Two Bank accounts matched (checking 5,000,000 and savings 1,000,000 in the books).
    expect(summary.compare).toMatchObject({ accounts: 2, bookCents: 6_000_000 });
  });

  it("a new account at the bank: NEW_ACCOUNTS_AVAILABLE flags the Item, update mode shares it, the next sync brings it", async () => {
    const [item] = await items();
    const plaidItem = ctx.emu.items.get(item!.itemId)!;
    ctx.emu.openAccount(plaidItem.login_id, {
      account_id: "l1_new",
      name: "Tax Reserve",
      official_name: null,
      mask: "7777",
      type: "depository",
      subtype: "savings",
      currentCents: 500_000,
      availableCents: 500_000,
      limitCents: null,
      currency: "USD",
    });
    const hook = await lastHook("NEW_ACCOUNTS_AVAILABLE");
    expect(await receive(hook.body, hook.jwt)).toEqual({ status: 200, action: "item_updated" });
    expect((await items())[0]!.newAccountsAvailable).toBe(true);
    const { url } = await startBankLink({
      ...deps(),
      ctx: await business(),
      origin: "http://app.test",
      bankItemId: item!.id,
    });
    const session = await person(url, [{ action: "connect", password: "pass_good" }]);
    expect(await completeBankLink({ ...deps(), where: { sessionId: session, userId: owner } })).toMatchObject(
      { status: "repaired" },
    );
    expect((await items())[0]!.newAccountsAvailable).toBe(false);
    await drain();
    const accts = await h.db.select().from(bankAccounts).where(eq(bankAccounts.bankItemId, item!.id));
    expect(accts.find((a) => a.accountId === "l1_new")).toMatchObject({
      name: "Tax Reserve",
      currentCents: 500_000,
      gone: false,
    });
  });

  it("Item webhooks: pending expiration, new accounts and revoked access are each shown; unknown keys and stale tokens are refused", async () => {
    const [item] = await items();
    const plaidItem = ctx.emu.items.get(item!.itemId)!;
    const fire = async (code: string) => {
      await fetch(`${ctx.base}/sandbox/item/fire_webhook`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "plaid-client-id": config.clientId,
          "plaid-secret": config.secret,
        },
        body: JSON.stringify({ access_token: plaidItem.access_token, webhook_code: code }),
      });
      return lastHook(code);
    };
    const exp = await fire("PENDING_EXPIRATION");
    expect(await receive(exp.body, exp.jwt)).toEqual({ status: 200, action: "item_updated" });
    let [row] = await items();
    expect(row!.consentExpiresAt?.toISOString()).toBe(JSON.parse(exp.body).consent_expiration_time);
    expect(row!.errorCode).toBe("PENDING_EXPIRATION");
    const na = await fire("NEW_ACCOUNTS_AVAILABLE");
    expect(await receive(na.body, na.jwt)).toEqual({ status: 200, action: "item_updated" });
    [row] = await items();
    expect(row!.newAccountsAvailable).toBe(true);

    // A JWT from a key Plaid never issued, and a genuine one replayed too late: refused, nothing queued.
    const { SignJWT, generateKeyPair } = await import("jose");
    const { privateKey } = await generateKeyPair("ES256");
    const { createHash } = await import("node:crypto");
    const forged = await new SignJWT({
      request_body_sha256: createHash("sha256").update(na.body).digest("hex"),
    })
      .setProtectedHeader({ alg: "ES256", kid: "not-a-plaid-key" })
      .setIssuedAt(Math.floor(clock.now().getTime() / 1000))
      .sign(privateKey);
    const queuedBefore = await pendingSyncs();
    expect(await receive(na.body, forged)).toEqual({ status: 401, reason: "unknown_key" });
    ctx.emu.advance(6 * 60_000);
    const late = await receive(exp.body, exp.jwt);
    expect(late).toEqual({ status: 401, reason: "stale" });
    expect(await pendingSyncs()).toBe(queuedBefore);

    const rev = await fire("USER_PERMISSION_REVOKED");
    expect(await receive(rev.body, rev.jwt)).toEqual({ status: 200, action: "item_updated" });
    [row] = await items();
    expect([row!.status, row!.errorCode]).toEqual(["revoked", "USER_PERMISSION_REVOKED"]);
    // Revoked: update mode cannot help; the person disconnects and links again.
    await expect(
      startBankLink({ ...deps(), ctx: await business(), origin: "http://app.test", bankItemId: item!.id }),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("disconnect removes the Item at Plaid and its accounts and transactions here", async () => {
    const [item] = await items();
    const r = await disconnectBank({ ...deps(), ctx: await business(), bankItemId: item!.id });
    expect(r).toEqual({ disconnected: "First Platypus Bank" });
    expect(ctx.emu.items.get(item!.itemId)!.removed).toBe(true);
    expect(await items()).toHaveLength(0);
    expect(
      await h.db.select().from(bankTransactions).where(eq(bankTransactions.businessId, businessId)),
    ).toHaveLength(0);
    expect(
      await h.db.select().from(bankAccounts).where(eq(bankAccounts.businessId, businessId)),
    ).toHaveLength(0);
  });
});
