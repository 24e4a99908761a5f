import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import { Configuration, CountryCode, PlaidApi, Products, type Transaction } from "plaid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMULATOR_CLIENT, startPlaidEmulator } from "./test-support";

// The emulator through the official SDK, as the app reaches it: if the SDK can parse it, the
// wire format is Plaid's.
let ctx: Awaited<ReturnType<typeof startPlaidEmulator>>;
let plaid: PlaidApi;
const hooks: { headers: http.IncomingHttpHeaders; body: string }[] = [];
let hookServer: http.Server;
let hookUrl = "";

beforeAll(async () => {
  ctx = await startPlaidEmulator({ logins: 2 });
  plaid = new PlaidApi(
    new Configuration({
      basePath: ctx.base,
      baseOptions: {
        headers: { "PLAID-CLIENT-ID": EMULATOR_CLIENT.clientId, "PLAID-SECRET": EMULATOR_CLIENT.secret },
      },
    }),
  );
  hookServer = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      hooks.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.end("ok");
    });
  });
  await new Promise<void>((r) => hookServer.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await ctx.emu.stop();
  hookServer.closeAllConnections();
  await new Promise((r) => hookServer.close(r));
});

const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return (e as { response?: { status: number; data: Record<string, unknown> } }).response;
  }
  throw new Error("expected a Plaid error");
};

async function newItem(login = "login_1") {
  const { data } = await plaid.sandboxPublicTokenCreate({
    institution_id: login === "login_1" ? "ins_109508" : "ins_109509",
    initial_products: [Products.Transactions],
    options: { webhook: hookUrl, override_username: login },
  });
  return (await plaid.itemPublicTokenExchange({ public_token: data.public_token })).data;
}

async function syncAll(accessToken: string, cursor = "", count = 37) {
  const added: Transaction[] = [];
  const modified: Transaction[] = [];
  const removed: string[] = [];
  let pages = 0;
  for (;;) {
    const { data } = await plaid.transactionsSync({ access_token: accessToken, cursor, count });
    pages++;
    added.push(...data.added);
    modified.push(...data.modified);
    removed.push(...data.removed.map((r) => r.transaction_id));
    cursor = data.next_cursor;
    if (!data.has_more) return { added, modified, removed, cursor, pages };
  }
}

describe("the Plaid emulator through the official SDK", () => {
  it("refuses wrong keys, unknown tokens and a bad body in Plaid's error shape", async () => {
    const wrong = new PlaidApi(
      new Configuration({
        basePath: ctx.base,
        baseOptions: { headers: { "PLAID-CLIENT-ID": "x", "PLAID-SECRET": "y" } },
      }),
    );
    const e1 = await errorOf(wrong.accountsGet({ access_token: "access-sandbox-x" }));
    expect(e1?.status).toBe(400);
    expect(e1?.data).toMatchObject({ error_type: "INVALID_INPUT", error_code: "INVALID_API_KEYS" });
    expect(typeof e1?.data.request_id).toBe("string");
    const e2 = await errorOf(plaid.accountsGet({ access_token: "access-sandbox-nope" }));
    expect(e2?.data.error_code).toBe("INVALID_ACCESS_TOKEN");
    const e3 = await errorOf(plaid.itemPublicTokenExchange({ public_token: "public-sandbox-nope" }));
    expect(e3?.data.error_code).toBe("INVALID_PUBLIC_TOKEN");
  });

  it("a full first pass, paged, is every live transaction of the shared accounts; balances match the transactions", async () => {
    const { access_token, item_id } = await newItem();
    const { data: accounts } = await plaid.accountsGet({ access_token });
    expect(accounts.accounts.map((a) => a.subtype).sort()).toEqual(["checking", "credit card", "savings"]);
    const first = await syncAll(access_token);
    expect(first.pages).toBeGreaterThan(2);
    expect(first.modified).toEqual([]);
    expect(first.removed).toEqual([]);
    const exported = ctx.emu.exportState().find((i) => i.item_id === item_id)!;
    expect(first.added.map((t) => t.transaction_id).sort()).toEqual(
      exported.transactions.map((t) => t.transaction_id),
    );
    // Checking: opening 40,000.00 less posted money out equals current; pending only moves available.
    const chk = accounts.accounts.find((a) => a.subtype === "checking")!;
    const posted = first.added.filter((t) => t.account_id === chk.account_id && !t.pending);
    const pending = first.added.filter((t) => t.account_id === chk.account_id && t.pending);
    const cents = (xs: Transaction[]) => xs.reduce((s, t) => s + Math.round(t.amount * 100), 0);
    expect(Math.round(chk.balances.current! * 100)).toBe(4_000_000 - cents(posted));
    expect(Math.round(chk.balances.available! * 100)).toBe(4_000_000 - cents(posted) - cents(pending));
    expect(pending.length).toBeGreaterThan(0);
    // Nothing new: an empty pass with the same cursor position.
    const again = await syncAll(access_token, first.cursor);
    expect([again.added.length, again.modified.length, again.removed.length]).toEqual([0, 0, 0]);
  });

  it("mutations arrive as net changes: added, modified, removed, and pending → posted as remove + add", async () => {
    const { access_token } = await newItem();
    const first = await syncAll(access_token);
    const pend = first.added.find((t) => t.pending)!;
    const old = first.added.find((t) => !t.pending)!;
    const gone = first.added.filter((t) => !t.pending && t.transaction_id !== old.transaction_id)[3]!;
    ctx.emu.mutate("login_1", [
      {
        op: "add",
        txn: {
          transaction_id: "fee_1",
          account_id: old.account_id,
          amountCents: 3_500,
          date: "2026-11-26",
          name: "WIRE FEE",
          pending: false,
        },
      },
      { op: "modify", transaction_id: old.transaction_id, changes: { name: "RENAMED" } },
      { op: "remove", transaction_id: gone.transaction_id },
      { op: "post", transaction_id: pend.transaction_id, posted_id: "posted_1" },
      // Added then removed within one pass: never seen.
      {
        op: "add",
        txn: {
          transaction_id: "blip",
          account_id: old.account_id,
          amountCents: 100,
          date: "2026-11-26",
          name: "BLIP",
          pending: true,
        },
      },
      { op: "remove", transaction_id: "blip" },
    ]);
    const next = await syncAll(access_token, first.cursor);
    expect(next.added.map((t) => t.transaction_id).sort()).toEqual(["fee_1", "posted_1"]);
    expect(next.added.find((t) => t.transaction_id === "posted_1")).toMatchObject({
      pending: false,
      pending_transaction_id: pend.transaction_id,
    });
    expect(next.modified.map((t) => [t.transaction_id, t.name])).toEqual([[old.transaction_id, "RENAMED"]]);
    expect(next.removed.sort()).toEqual([gone.transaction_id, pend.transaction_id].sort());
    await ctx.emu.flushWebhooks();
    expect(hooks.some((h) => JSON.parse(h.body).webhook_code === "SYNC_UPDATES_AVAILABLE")).toBe(true);
  });

  it("a change between two pages of a pass answers TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION; restarting from the pass's first cursor sees it", async () => {
    const { access_token } = await newItem("login_2");
    const base = await syncAll(access_token);
    ctx.emu.mutate(
      "login_2",
      Array.from({ length: 30 }, (_, i) => ({
        op: "add" as const,
        txn: {
          transaction_id: `m${i}`,
          account_id: "l2_chk",
          amountCents: 100 + i,
          date: "2026-11-26",
          name: `M${i}`,
          pending: false,
        },
      })),
      { notify: false },
    );
    const { data: page1 } = await plaid.transactionsSync({ access_token, cursor: base.cursor, count: 10 });
    expect(page1.has_more).toBe(true);
    ctx.emu.mutate("login_2", [{ op: "remove", transaction_id: "m0" }], { notify: false });
    const e = await errorOf(plaid.transactionsSync({ access_token, cursor: page1.next_cursor, count: 10 }));
    expect(e?.data).toMatchObject({
      error_type: "TRANSACTIONS_ERROR",
      error_code: "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION",
    });
    const redo = await syncAll(access_token, base.cursor, 10);
    expect(redo.added.map((t) => t.transaction_id).sort()).toEqual(
      Array.from({ length: 29 }, (_, i) => `m${i + 1}`).sort(),
    );
    expect(redo.removed).toEqual([]);
  });

  it("webhooks are signed: an ES256 JWT whose key /webhook_verification_key/get returns and whose body hash matches", async () => {
    const { access_token, item_id } = await newItem();
    hooks.length = 0;
    await plaid.sandboxItemResetLogin({ access_token });
    await ctx.emu.flushWebhooks();
    const hook = hooks.find((h) => JSON.parse(h.body).item_id === item_id)!;
    expect(JSON.parse(hook.body)).toMatchObject({
      webhook_type: "ITEM",
      webhook_code: "ERROR",
      error: { error_code: "ITEM_LOGIN_REQUIRED" },
    });
    const jwt = hook.headers["plaid-verification"] as string;
    const { kid, alg } = decodeProtectedHeader(jwt);
    expect(alg).toBe("ES256");
    const { data } = await plaid.webhookVerificationKeyGet({ key_id: kid! });
    const { payload } = await jwtVerify(jwt, await importJWK(data.key as never, "ES256"), {
      algorithms: ["ES256"],
      maxTokenAge: "5 min",
      currentDate: new Date(ctx.emu.now()),
    });
    expect(payload.request_body_sha256).toBe(createHash("sha256").update(hook.body).digest("hex"));
    const e = await errorOf(plaid.webhookVerificationKeyGet({ key_id: "unknown" }));
    expect(e?.data.error_code).toBe("INVALID_WEBHOOK_VERIFICATION_KEY_ID");
    // The Item now needs its user: data endpoints answer ITEM_LOGIN_REQUIRED until update mode.
    const e2 = await errorOf(plaid.transactionsSync({ access_token }));
    expect(e2?.data).toMatchObject({ error_type: "ITEM_ERROR", error_code: "ITEM_LOGIN_REQUIRED" });
  });

  it("Hosted Link: the page connects or exits, redirects to completion_redirect_uri, and /link/token/get holds the outcome", async () => {
    const create = async (access_token?: string) =>
      (
        await plaid.linkTokenCreate({
          user: { client_user_id: "biz-1" },
          client_name: "Oodaloo",
          products: access_token ? undefined : [Products.Transactions],
          access_token,
          country_codes: [CountryCode.Us],
          language: "en",
          webhook: hookUrl,
          hosted_link: { completion_redirect_uri: "http://app.test/done" },
        })
      ).data;
    const post = (url: string, form: Record<string, string>) =>
      fetch(url, {
        method: "POST",
        body: new URLSearchParams(form),
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });

    const ok = await create();
    expect(ok.hosted_link_url).toMatch(/\/hosted-link\/link-sandbox-/);
    expect(await (await fetch(ok.hosted_link_url!)).text()).toContain("Tartan Bank");
    const bad = await post(ok.hosted_link_url!, { action: "connect", login: "login_2", password: "nope" });
    expect(await bad.text()).toContain("credentials you provided were incorrect");
    const done = await post(ok.hosted_link_url!, {
      action: "connect",
      login: "login_2",
      password: "pass_good",
    });
    expect([done.status, done.headers.get("location")]).toEqual([303, "http://app.test/done"]);
    const got = (await plaid.linkTokenGet({ link_token: ok.link_token })).data;
    const result = got.link_sessions![0]!.results!.item_add_results[0]!;
    expect(result.institution?.name).toBe("Tartan Bank");
    const { access_token } = (await plaid.itemPublicTokenExchange({ public_token: result.public_token }))
      .data;
    expect((await plaid.accountsGet({ access_token })).data.accounts.length).toBe(2);
    expect((await fetch(ok.hosted_link_url!)).status).toBe(410);

    const quit = await create();
    await fetch(quit.hosted_link_url!);
    await post(quit.hosted_link_url!, { action: "connect", login: "login_1", password: "nope" });
    await post(quit.hosted_link_url!, { action: "exit" });
    const q = (await plaid.linkTokenGet({ link_token: quit.link_token })).data.link_sessions![0]!;
    expect(q.results).toBeNull();
    expect(q.exit?.error?.error_code).toBe("INVALID_CREDENTIALS");
    await ctx.emu.flushWebhooks();
    expect(
      hooks
        .filter((h) => JSON.parse(h.body).webhook_code === "SESSION_FINISHED")
        .map((h) => JSON.parse(h.body).status),
    ).toEqual(expect.arrayContaining(["SUCCESS", "EXITED"]));

    // Update mode repairs the Item in place; no new public token.
    await plaid.sandboxItemResetLogin({ access_token });
    const upd = await create(access_token);
    await post(upd.hosted_link_url!, { action: "connect", password: "pass_good" });
    const u = (await plaid.linkTokenGet({ link_token: upd.link_token })).data.link_sessions![0]!;
    expect([u.exit, u.results?.item_add_results]).toEqual([null, []]);
    expect((await plaid.transactionsSync({ access_token })).status).toBe(200);
  });

  it("counts calls per Item, month and endpoint", async () => {
    const { access_token, item_id } = await newItem();
    await plaid.accountsGet({ access_token });
    await plaid.accountsBalanceGet({ access_token });
    await plaid.accountsBalanceGet({ access_token });
    const mine = ctx.emu.callCounts().filter((c) => c.item_id === item_id);
    expect(Object.fromEntries(mine.map((c) => [c.endpoint, c.count]))).toEqual({
      "/item/public_token/exchange": 1,
      "/accounts/get": 1,
      "/accounts/balance/get": 2,
    });
    expect(mine.every((c) => c.month === "2026-11")).toBe(true);
  });
});
