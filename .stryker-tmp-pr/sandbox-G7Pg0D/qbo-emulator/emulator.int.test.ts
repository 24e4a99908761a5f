// @ts-nocheck
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import OAuthClient from "intuit-oauth";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readFixture, startEmulator } from "./test-support";

type Env = Awaited<ReturnType<typeof startEmulator>>;
type Exported = {
  entities: Record<string, Record<string, unknown>[]>;
  deleted: Record<string, { Id: string }[]>;
};
const q = (s: string) => `query?query=${encodeURIComponent(s)}`;
const ref = (v: unknown) => (v as { value: string }).value;

/**
 * An independent ledger: recompute every balance from the exported documents (money in cents)
 * and compare with what the emulator says. Imports nothing from the emulator's ledger.
 */
function reconcile(exp: Exported): string[] {
  const E = exp.entities;
  const problems: string[] = [];
  const acct = new Map<string, number>();
  const add = (id: string, v: number) => acct.set(id, (acct.get(id) ?? 0) + v);
  const byType = (t: string) => E.Account!.find((a) => a.AccountType === t)!.Id as string;
  const AR = byType("Accounts Receivable");
  const AP = byType("Accounts Payable");
  const undeposited = E.Account!.find((a) => a.AccountSubType === "UndepositedFunds")!.Id as string;
  const party = new Map<string, number>();
  const addParty = (k: string, v: number) => party.set(k, (party.get(k) ?? 0) + v);
  const paidOn = new Map<string, number>();
  const addPaid = (k: string, v: number) => paidOn.set(k, (paidOn.get(k) ?? 0) + v);

  for (const je of E.JournalEntry!) {
    for (const l of je.Line as {
      Amount: number;
      JournalEntryLineDetail: { PostingType: string; AccountRef: { value: string } };
    }[]) {
      add(
        l.JournalEntryLineDetail.AccountRef.value,
        l.JournalEntryLineDetail.PostingType === "Debit" ? l.Amount : -l.Amount,
      );
    }
  }
  for (const d of E.Invoice!) {
    add(AR, d.TotalAmt as number);
    addParty(`C${ref(d.CustomerRef)}`, d.TotalAmt as number);
  }
  for (const d of E.CreditMemo!) {
    add(AR, -(d.TotalAmt as number));
    addParty(`C${ref(d.CustomerRef)}`, -(d.TotalAmt as number));
  }
  for (const d of E.Payment!) {
    add(AR, -(d.TotalAmt as number));
    add(ref(d.DepositToAccountRef), d.TotalAmt as number);
    addParty(`C${ref(d.CustomerRef)}`, -(d.TotalAmt as number));
    for (const l of d.Line as { Amount: number; LinkedTxn: { TxnId: string }[] }[])
      addPaid(`I${l.LinkedTxn[0]!.TxnId}`, l.Amount);
  }
  for (const d of E.Deposit!) {
    add(ref(d.DepositToAccountRef), d.TotalAmt as number);
    for (const l of d.Line as { Amount: number; LinkedTxn?: { TxnType: string }[] }[]) {
      if (l.LinkedTxn?.[0]?.TxnType === "Payment") add(undeposited, -l.Amount);
    }
  }
  for (const d of E.Bill!) {
    add(AP, -(d.TotalAmt as number));
    addParty(`V${ref(d.VendorRef)}`, d.TotalAmt as number);
  }
  for (const d of E.VendorCredit!) {
    add(AP, d.TotalAmt as number);
    addParty(`V${ref(d.VendorRef)}`, -(d.TotalAmt as number));
  }
  for (const d of E.BillPayment!) {
    add(AP, d.TotalAmt as number);
    const paying =
      d.PayType === "Check"
        ? (d.CheckPayment as { BankAccountRef: unknown }).BankAccountRef
        : (d.CreditCardPayment as { CCAccountRef: unknown }).CCAccountRef;
    add(ref(paying), -(d.TotalAmt as number));
    addParty(`V${ref(d.VendorRef)}`, -(d.TotalAmt as number));
    for (const l of d.Line as { Amount: number; LinkedTxn: { TxnId: string }[] }[])
      addPaid(`B${l.LinkedTxn[0]!.TxnId}`, l.Amount);
  }
  for (const d of E.Purchase!)
    add(ref(d.AccountRef), d.Credit ? (d.TotalAmt as number) : -(d.TotalAmt as number));
  for (const d of E.Transfer!) {
    add(ref(d.FromAccountRef), -(d.Amount as number));
    add(ref(d.ToAccountRef), d.Amount as number);
  }
  for (const d of E.CreditCardPayment!) {
    add(ref(d.BankAccountRef), -(d.Amount as number));
    add(ref(d.CreditCardAccountRef), d.Amount as number);
  }
  for (const d of E.SalesReceipt!) add(ref(d.DepositToAccountRef), d.TotalAmt as number);
  for (const d of E.RefundReceipt!) add(ref(d.DepositToAccountRef), -(d.TotalAmt as number));

  for (const a of E.Account!) {
    if (
      !["Bank", "Credit Card", "Accounts Receivable", "Accounts Payable", "Other Current Asset"].includes(
        a.AccountType as string,
      )
    )
      continue;
    const expected = acct.get(a.Id as string) ?? 0;
    if (a.CurrentBalance !== expected) problems.push(`Account ${a.Name}: ${a.CurrentBalance} ≠ ${expected}`);
  }
  for (const c of E.Customer!) {
    const expected = party.get(`C${c.Id}`) ?? 0;
    if (c.Balance !== expected) problems.push(`Customer ${c.Id}: ${c.Balance} ≠ ${expected}`);
  }
  for (const v of E.Vendor!) {
    const expected = party.get(`V${v.Id}`) ?? 0;
    if (v.Balance !== expected) problems.push(`Vendor ${v.Id}: ${v.Balance} ≠ ${expected}`);
  }
  for (const d of E.Invoice!) {
    const expected = (d.TotalAmt as number) - (paidOn.get(`I${d.Id}`) ?? 0);
    if (d.Balance !== expected) problems.push(`Invoice ${d.Id}: ${d.Balance} ≠ ${expected}`);
    const links = (d.LinkedTxn as { TxnType: string }[]).filter((l) => l.TxnType === "Payment").length;
    const payments = E.Payment!.filter((p) =>
      (p.Line as { LinkedTxn: { TxnId: string }[] }[]).some((l) => l.LinkedTxn[0]!.TxnId === d.Id),
    ).length;
    if (links !== payments) problems.push(`Invoice ${d.Id}: ${links} payment links, ${payments} payments`);
  }
  for (const d of E.Bill!) {
    const expected = (d.TotalAmt as number) - (paidOn.get(`B${d.Id}`) ?? 0);
    if (d.Balance !== expected) problems.push(`Bill ${d.Id}: ${d.Balance} ≠ ${expected}`);
    const links = (d.LinkedTxn as unknown[]).length;
    const payments = E.BillPayment!.filter((p) =>
      (p.Line as { LinkedTxn: { TxnId: string }[] }[]).some((l) => l.LinkedTxn[0]!.TxnId === d.Id),
    ).length;
    if (links !== payments) problems.push(`Bill ${d.Id}: ${links} links, ${payments} bill payments`);
  }
  return problems;
}

/** A webhook receiver on a free port; `answer` decides each delivery's status. */
async function startSink(answer: (body: string, signature: string) => number) {
  const sink = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => {
      body += c;
    });
    req.on("end", () => {
      res.writeHead(answer(body, String(req.headers["intuit-signature"]))).end();
    });
  });
  await new Promise<void>((r) => sink.listen(0, "127.0.0.1", r));
  return sink;
}

describe("QBO emulator", () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEmulator({ limits: { perSecond: 10_000, perMinute: 1_000_000 } });
  });
  afterEach(async () => {
    env.emu.faults.clear();
  });
  afterAll(async () => env?.emu.stop());
  const exportNow = async () => (await env.admin(`companies/${env.realmId}/export`)) as unknown as Exported;

  it("a generated company reconciles, and keeps reconciling after every kind of bookkeeper change", async () => {
    expect(reconcile(await exportNow())).toEqual([]);
    const exp = await exportNow();
    const customer = exp.entities.Customer!.find(
      (c) => c.Active && (c.PrimaryEmailAddr as object | undefined),
    )!.Id as string;
    const vendor = exp.entities.Vendor!.find((v) => v.Active)!.Id as string;
    const bank = exp.entities.Account!.find((a) => a.AccountType === "Bank" && a.Active)!.Id as string;
    const mutate = async (body: Record<string, unknown>) => {
      const r = await env.admin(`companies/${env.realmId}/mutations`, body);
      expect(r.error, JSON.stringify(body)).toBeUndefined();
      expect(reconcile(await exportNow()), `after ${body.op}`).toEqual([]);
      return r.result as Record<string, unknown>;
    };
    const inv = await mutate({ op: "createInvoice", customerId: customer, amountCents: 123_456 });
    await mutate({ op: "editInvoice", id: inv.Id, amountCents: 150_000, dueDate: "2026-12-31" });
    const pay = await mutate({ op: "createPayment", invoiceId: inv.Id, amountCents: 50_000 });
    await mutate({ op: "deletePayment", id: pay.Id });
    await mutate({ op: "voidInvoice", id: inv.Id });
    const inv2 = await mutate({ op: "createInvoice", customerId: customer, amountCents: 9_999 });
    await mutate({ op: "deleteInvoice", id: inv2.Id });
    const bill = await mutate({ op: "createBill", vendorId: vendor, amountCents: 77_700, dueDate: null });
    expect(bill.DueDate).toBeUndefined();
    await mutate({ op: "editBill", id: bill.Id, amountCents: 80_000, dueDate: "2026-12-15" });
    const bp = await mutate({ op: "createBillPayment", billId: bill.Id, amountCents: 30_000 });
    await mutate({ op: "voidBillPayment", id: bp.Id });
    const bp2 = await mutate({ op: "createBillPayment", billId: bill.Id });
    await mutate({ op: "deleteBillPayment", id: bp2.Id });
    const bill2 = await mutate({ op: "createBill", vendorId: vendor, amountCents: 5_000 });
    await mutate({ op: "deleteBill", id: bill2.Id });
    await mutate({ op: "setBankBalance", accountId: bank, cents: 4_242_42 });
    const after = await exportNow();
    expect(after.entities.Account!.find((a) => a.Id === bank)!.CurrentBalance).toBe(4_242_42);
    await mutate({ op: "deactivate", entity: "Vendor", id: vendor });
    // A bill with payments cannot be deleted: refused, nothing changes.
    const bill3 = await mutate({
      op: "createBill",
      vendorId: exp.entities.Vendor![2]!.Id,
      amountCents: 1_000,
    });
    await mutate({ op: "createBillPayment", billId: bill3.Id });
    const refused = await env.admin(`companies/${env.realmId}/mutations`, { op: "deleteBill", id: bill3.Id });
    expect(String(refused.error)).toMatch(/has payments applied/);
    expect(reconcile(await exportNow())).toEqual([]);
  });

  it("records a BillPayment once per requestid, even when the same POST arrives concurrently", async () => {
    const bills = JSON.parse((await env.api(q("select * from Bill where Balance > '0' MAXRESULTS 5"))).text)
      .QueryResponse.Bill;
    const bill = bills[0];
    const checking = JSON.parse((await env.api(q("select * from Account where AccountType = 'Bank'"))).text)
      .QueryResponse.Account[0];
    const amount = Math.min(100, bill.Balance);
    const body = JSON.stringify({
      VendorRef: { value: bill.VendorRef.value },
      PayType: "Check",
      CheckPayment: { BankAccountRef: { value: checking.Id } },
      TotalAmt: amount,
      Line: [{ Amount: amount, LinkedTxn: [{ TxnId: bill.Id, TxnType: "Bill" }] }],
    });
    const before = JSON.parse((await env.api(q("select count(*) from BillPayment"))).text).QueryResponse
      .totalCount;
    const post = () =>
      env.api("billpayment?requestid=rq-0001&minorversion=75", {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
      });
    const [a, b] = await Promise.all([post(), post()]);
    const c = await post();
    expect(a.status).toBe(200);
    expect(b.text).toBe(a.text);
    expect(c.text).toBe(a.text);
    const after = JSON.parse((await env.api(q("select count(*) from BillPayment"))).text).QueryResponse
      .totalCount;
    expect(after).toBe(before + 1);
    const created = JSON.parse(a.text).BillPayment;
    const billAfter = JSON.parse((await env.api(`bill/${bill.Id}`)).text).Bill;
    expect(Math.round(billAfter.Balance * 100)).toBe(
      Math.round(bill.Balance * 100) - Math.round(amount * 100),
    );
    expect(billAfter.LinkedTxn).toContainEqual({ TxnId: created.Id, TxnType: "BillPaymentCheck" });
    expect(billAfter.SyncToken).toBe(bill.SyncToken); // a balance-only change
    expect(billAfter.MetaData.LastUpdatedTime >= bill.MetaData.LastUpdatedTime).toBe(true);

    // A stale SyncToken is refused with 5010; the right one deletes and undoes.
    const stale = await env.api("billpayment?operation=delete", {
      method: "POST",
      body: JSON.stringify({ Id: created.Id, SyncToken: "7" }),
    });
    expect(stale.status).toBe(400);
    expect(JSON.parse(stale.text).Fault.Error[0].code).toBe("5010");
    const del = await env.api("billpayment?operation=delete", {
      method: "POST",
      body: JSON.stringify({ Id: created.Id, SyncToken: created.SyncToken }),
    });
    expect(JSON.parse(del.text).BillPayment).toEqual({ status: "Deleted", domain: "QBO", Id: created.Id });
    expect(JSON.parse((await env.api(`bill/${bill.Id}`)).text).Bill.Balance).toBe(bill.Balance);
    expect(reconcile(await exportNow())).toEqual([]);

    // Over the open balance: refused, nothing written.
    const over = await env.api("billpayment", {
      method: "POST",
      body: body
        .replaceAll(`"TotalAmt":${amount}`, `"TotalAmt":${bill.Balance + 1}`)
        .replace(`"Amount":${amount}`, `"Amount":${bill.Balance + 1}`),
    });
    expect(over.status).toBe(400);
    expect(JSON.parse(over.text).Fault.Error[0].code).toBe("6000");
  });

  it("CDC returns changes and tombstones, and refuses a changedSince older than 30 days", async () => {
    const since = new Date(env.emu.clock.now() - 1000).toISOString();
    const exp = await exportNow();
    const vendor = exp.entities.Vendor!.find((v) => v.Active)!.Id;
    const bill = (
      await env.admin(`companies/${env.realmId}/mutations`, {
        op: "createBill",
        vendorId: vendor,
        amountCents: 4_200,
      })
    ).result as { Id: string };
    await env.admin(`companies/${env.realmId}/mutations`, { op: "deleteBill", id: bill.Id });
    const res = JSON.parse(
      (await env.api(`cdc?entities=Bill,Vendor&changedSince=${encodeURIComponent(since)}`)).text,
    );
    const [bills, vendors] = res.CDCResponse[0].QueryResponse;
    expect(bills.Bill).toContainEqual({
      status: "Deleted",
      domain: "QBO",
      Id: bill.Id,
      MetaData: { LastUpdatedTime: expect.stringMatching(/-0[78]:00$/) },
    });
    expect(vendors.Vendor.map((v: { Id: string }) => v.Id)).toContain(vendor); // its Balance moved
    const old = new Date(env.emu.clock.now() - 31 * 86_400_000).toISOString();
    const refused = await env.api(`cdc?entities=Bill&changedSince=${encodeURIComponent(old)}`);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text).Fault.Error[0].Detail).toMatch(/older than fixed days is not supported/);
  });

  it("caps a CDC response at 1000 objects", async () => {
    const since = new Date(env.emu.clock.now() - 29 * 86_400_000).toISOString();
    const res = JSON.parse(
      (
        await env.api(
          `cdc?entities=Invoice,Payment,Bill,BillPayment,Purchase,Account,Customer,Vendor&changedSince=${encodeURIComponent(since)}`,
        )
      ).text,
    );
    const n = res.CDCResponse[0].QueryResponse.reduce(
      (s: number, r: Record<string, unknown>) => s + (Object.values(r).find(Array.isArray)?.length ?? 0),
      0,
    );
    expect(n).toBeLessThanOrEqual(1000);
    // 1100 changes in a window: the response stops at 1000.
    const c = env.emu.company(env.realmId)!;
    const exp = await exportNow();
    const customer = exp.entities.Customer!.find((x) => x.Active)!.Id;
    const from = new Date(env.emu.clock.now() - 1000).toISOString();
    for (let i = 0; i < 1100; i++)
      env.emu.mutate(
        c,
        { op: "createInvoice", customerId: customer, amountCents: 100 + i },
        env.emu.clock.now(),
      );
    const big = JSON.parse(
      (await env.api(`cdc?entities=Invoice&changedSince=${encodeURIComponent(from)}`)).text,
    );
    expect(big.CDCResponse[0].QueryResponse[0].Invoice).toHaveLength(1000);
    expect(big.CDCResponse[0].QueryResponse[0].maxResults).toBe(1000);
  });

  it("refuses another realm's token (403) and an expired one (401, lowercase fault)", async () => {
    const other = env.emu.createCompany({
      seed: 99,
      today: "2026-11-26",
      profile: "thriving",
      realmId: "9130350000000002",
    });
    const otherToken = env.emu.oauth.issueForRealm(other.realmId, env.emu.clock.now()).access_token;
    const wrong = await fetch(`${env.base}/v3/company/${env.realmId}/companyinfo/${env.realmId}`, {
      headers: { authorization: `Bearer ${otherToken}` },
    });
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).Fault.type).toBe("AuthorizationFault");
    env.emu.clock.advance(3601_000);
    try {
      const expired = await env.api(`companyinfo/${env.realmId}`);
      expect(expired.status).toBe(401);
      expect(JSON.parse(expired.text).fault.error[0].detail).toMatch(/^Token expired/);
    } finally {
      env.emu.clock.advance(-3601_000);
    }
  });

  it("sends an invoice: EmailStatus, DeliveryInfo, SyncToken", async () => {
    const inv = JSON.parse((await env.api(q("select * from Invoice where Balance > '0' MAXRESULTS 1"))).text)
      .QueryResponse.Invoice[0];
    const res = await env.api(`invoice/${inv.Id}/send?sendTo=${encodeURIComponent("owner@example.com")}`, {
      method: "POST",
    });
    expect(res.status).toBe(200);
    const sent = JSON.parse(res.text).Invoice;
    expect(sent).toMatchObject({
      EmailStatus: "EmailSent",
      BillEmail: { Address: "owner@example.com" },
      DeliveryInfo: { DeliveryType: "Email" },
    });
    expect(Number(sent.SyncToken)).toBe(Number(inv.SyncToken) + 1);
  });

  it("fault schedules are deterministic and counted", async () => {
    const schedule = () => [
      {
        id: "storm",
        realmId: env.realmId,
        target: "data",
        action: { kind: "status", status: 429 },
        nth: [2, 3],
      },
      {
        id: "flaky",
        realmId: env.realmId,
        target: "data",
        action: { kind: "status", status: 503 },
        probability: 0.3,
        seed: 42,
      },
    ];
    await env.admin("faults", { rules: schedule() });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await env.api(`companyinfo/${env.realmId}`)).status);
    const counters = (await env.admin("counters")) as { faults: Record<string, { injected: number }> };
    expect(statuses[1]).toBe(429);
    expect(statuses[2]).toBe(429);
    expect(counters.faults.storm!.injected).toBe(2);
    expect(statuses.filter((s) => s === 503).length).toBe(counters.faults.flaky!.injected);
    // The same schedule replayed gives the same statuses.
    await env.admin("faults", { rules: schedule() });
    const again: number[] = [];
    for (let i = 0; i < 12; i++) again.push((await env.api(`companyinfo/${env.realmId}`)).status);
    expect(again).toEqual(statuses);
    expect(again.some((s) => s === 503)).toBe(true);
  });

  it("drops the connection after committing when asked (a write whose answer is lost)", async () => {
    const bill = JSON.parse((await env.api(q("select * from Bill where Balance > '1' MAXRESULTS 1"))).text)
      .QueryResponse.Bill[0];
    const checking = JSON.parse((await env.api(q("select * from Account where AccountType = 'Bank'"))).text)
      .QueryResponse.Account[0];
    await env.admin("faults", {
      rules: [
        {
          id: "lost",
          realmId: env.realmId,
          method: "POST",
          pathIncludes: "/billpayment",
          action: { kind: "dropAfterCommit" },
          count: 1,
        },
      ],
    });
    const body = JSON.stringify({
      VendorRef: bill.VendorRef,
      PayType: "Check",
      CheckPayment: { BankAccountRef: { value: checking.Id } },
      TotalAmt: 1,
      Line: [{ Amount: 1, LinkedTxn: [{ TxnId: bill.Id, TxnType: "Bill" }] }],
    });
    await expect(env.api("billpayment?requestid=lost-1", { method: "POST", body })).rejects.toThrow();
    const retry = await env.api("billpayment?requestid=lost-1", { method: "POST", body });
    expect(retry.status).toBe(200);
    const count = JSON.parse(
      (await env.api(q(`select count(*) from BillPayment where VendorRef = '${bill.VendorRef.value}'`))).text,
    );
    const links = JSON.parse((await env.api(`bill/${bill.Id}`)).text).Bill.LinkedTxn.filter(
      (l: { TxnId: string }) => l.TxnId === JSON.parse(retry.text).BillPayment.Id,
    );
    expect(links).toHaveLength(1);
    expect(count.QueryResponse.totalCount).toBeGreaterThan(0);
  });
});

describe("QBO emulator limits, OAuth, webhooks, determinism", () => {
  it("the 11th request in one second and the 501st in one minute get the XML throttle; other realms are unaffected", async () => {
    const env = await startEmulator();
    try {
      const other = env.emu.createCompany({ seed: 5, realmId: "9130350000000009", today: "2026-11-26" });
      const otherToken = env.emu.oauth.issueForRealm(other.realmId, env.emu.clock.now()).access_token;
      const statuses = await Promise.all(
        Array.from({ length: 11 }, () => env.api(`companyinfo/${env.realmId}`)),
      );
      expect(statuses.filter((r) => r.status === 200)).toHaveLength(10);
      const throttled = statuses.find((r) => r.status === 429)!;
      expect(throttled.headers.get("content-type")).toContain("xml");
      expect(throttled.text).toContain(
        "<Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>",
      );
      const otherRes = await fetch(`${env.base}/v3/company/${other.realmId}/companyinfo/${other.realmId}`, {
        headers: { authorization: `Bearer ${otherToken}` },
      });
      expect(otherRes.status).toBe(200);

      // Per minute: lift only the per-second limit so 501 requests fit in a test.
      await env.admin("limits", { perSecond: 100_000 });
      const codes: number[] = [];
      for (let i = 0; i < 501; i++) codes.push((await env.api(`companyinfo/${env.realmId}`)).status);
      expect(codes.slice(0, 500).every((s) => s === 200)).toBe(true);
      expect(codes[500]).toBe(429);
      const counters = (await env.admin("counters")) as { realms: Record<string, Record<string, number>> };
      expect(counters.realms[env.realmId]!.throttled).toBe(2);
    } finally {
      await env.emu.stop();
    }
  });

  it("intuit-oauth completes authorize → code exchange → API call → refresh (rotated) → revoke → invalid_grant", async () => {
    const env = await startEmulator({ oauth: { rotateAfterSec: 0, graceSec: 0 } });
    const saved = {
      authorize: OAuthClient.authorizeEndpoint,
      token: OAuthClient.tokenEndpoint,
      revoke: OAuthClient.revokeEndpoint,
      sandbox: OAuthClient.environment.sandbox,
    };
    try {
      OAuthClient.authorizeEndpoint = `${env.base}/connect/oauth2`;
      OAuthClient.tokenEndpoint = `${env.base}/oauth2/v1/tokens/bearer`;
      OAuthClient.revokeEndpoint = `${env.base}/v2/oauth2/tokens/revoke`;
      OAuthClient.environment.sandbox = `${env.base}/`;
      const redirectUri = "http://localhost:3000/api/qbo/callback";
      const client = new OAuthClient({
        clientId: "emulator-client-id",
        clientSecret: "emulator-client-secret",
        environment: "sandbox",
        redirectUri,
      });
      const authUrl = client.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: "nonce-123" });
      const page = await fetch(authUrl);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`<option value="${env.realmId}">`);
      // The user picks the company and approves (what the browser form posts).
      const decide = await fetch(`${env.base}/connect/oauth2/decide`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          redirect_uri: redirectUri,
          state: "nonce-123",
          realmId: env.realmId,
          decision: "approve",
        }).toString(),
      });
      expect(decide.status).toBe(302);
      const redirect = new URL(decide.headers.get("location")!);
      expect(redirect.searchParams.get("state")).toBe("nonce-123");
      expect(redirect.searchParams.get("realmId")).toBe(env.realmId);

      // The raw token response has exactly the captured keys (hard expiry on the opt-in header).
      const raw = await fetch(`${env.base}/oauth2/v1/tokens/bearer`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from("emulator-client-id:emulator-client-secret").toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
          "x-include-refresh-token-hard-expires-in": "true",
        },
        body: new URLSearchParams({
          grant_type: "refresh_token",
          refresh_token: env.emu.oauth.issueForRealm(env.realmId, env.emu.clock.now()).refresh_token,
        }).toString(),
      });
      const captured = JSON.parse(readFixture("token-response-hard-expiry.intuit-oauth-test.json"));
      expect(Object.keys(await raw.json()).sort()).toEqual(Object.keys(captured).sort());

      const created = await client.createToken(redirect.toString());
      const first = created.getJson() as {
        refresh_token: string;
        access_token: string;
        expires_in: number;
        x_refresh_token_expires_in: number;
      };
      expect(first.expires_in).toBe(3600);
      expect(first.x_refresh_token_expires_in).toBe(8_726_400);
      expect(client.getToken().realmId).toBe(env.realmId);

      const call = await client.makeApiCall({
        url: `v3/company/${env.realmId}/companyinfo/${env.realmId}?minorversion=75`,
      });
      expect((call.json as { CompanyInfo: { CompanyName: string } }).CompanyInfo.CompanyName).toBe(
        "Northwind Creative",
      );

      env.emu.clock.advance(1000);
      const refreshed = (await client.refresh()).getJson() as { refresh_token: string; access_token: string };
      expect(refreshed.refresh_token).not.toBe(first.refresh_token);
      // The superseded refresh token is dead once the grace period (0 here) has passed.
      await expect(client.refreshUsingToken(first.refresh_token)).rejects.toMatchObject({
        error: "invalid_grant",
      });

      await client.revoke({ refresh_token: refreshed.refresh_token });
      await expect(client.refreshUsingToken(refreshed.refresh_token)).rejects.toMatchObject({
        error: "invalid_grant",
      });
      const after = await fetch(`${env.base}/v3/company/${env.realmId}/companyinfo/${env.realmId}`, {
        headers: { authorization: `Bearer ${refreshed.access_token}` },
      });
      expect(after.status).toBe(401);

      // A code is single-use: exchanging it twice fails and poisons the grant it produced.
      const again = await fetch(`${env.base}/connect/oauth2/decide`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          redirect_uri: redirectUri,
          state: "n2",
          realmId: env.realmId,
          decision: "approve",
        }).toString(),
      });
      const second = new URL(again.headers.get("location")!);
      const grant = (await client.createToken(second.toString())).getJson() as { refresh_token: string };
      await expect(client.createToken(second.toString())).rejects.toMatchObject({ error: "invalid_grant" });
      await expect(client.refreshUsingToken(grant.refresh_token)).rejects.toMatchObject({
        error: "invalid_grant",
      });
    } finally {
      OAuthClient.authorizeEndpoint = saved.authorize;
      OAuthClient.tokenEndpoint = saved.token;
      OAuthClient.revokeEndpoint = saved.revoke;
      OAuthClient.environment.sandbox = saved.sandbox;
      await env.emu.stop();
    }
  });

  it("refresh tokens roll: the same value within a day, x_refresh_token_expires_in counting down, hard expiry on request", async () => {
    const env = await startEmulator();
    try {
      const basic = `Basic ${Buffer.from("emulator-client-id:emulator-client-secret").toString("base64")}`;
      const refresh = async (token: string) => {
        const res = await fetch(`${env.base}/oauth2/v1/tokens/bearer`, {
          method: "POST",
          headers: {
            authorization: basic,
            "content-type": "application/x-www-form-urlencoded",
            "x-include-refresh-token-hard-expires-in": "true",
          },
          body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: token }).toString(),
        });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };
      const t0 = env.emu.oauth.issueForRealm(env.realmId, env.emu.clock.now());
      env.emu.clock.advance(3600_000);
      const r1 = await refresh(t0.refresh_token);
      expect(r1.body.refresh_token).toBe(t0.refresh_token);
      // Counting down (the clock also moves in real time while the test runs).
      expect(r1.body.x_refresh_token_expires_in).toBeLessThanOrEqual(8_726_400 - 3600);
      expect(r1.body.x_refresh_token_expires_in).toBeGreaterThan(8_726_400 - 3600 - 30);
      expect(r1.body.x_refresh_token_hard_expires_in).toBeGreaterThan(150_000_000);
      env.emu.clock.advance(86_400_000);
      const r2 = await refresh(t0.refresh_token);
      expect(r2.body.refresh_token).not.toBe(t0.refresh_token);
      // The previous value still works within its grace period…
      expect((await refresh(t0.refresh_token)).status).toBe(200);
      // …and not after.
      env.emu.clock.advance(86_400_000 + 1000);
      expect(await refresh(t0.refresh_token)).toEqual({ status: 400, body: { error: "invalid_grant" } });
      const bad = await fetch(`${env.base}/oauth2/v1/tokens/bearer`, {
        method: "POST",
        headers: { authorization: "Basic eDp5" },
        body: "grant_type=refresh_token&refresh_token=x",
      });
      expect(bad.status).toBe(401);
    } finally {
      await env.emu.stop();
    }
  });

  it("webhooks are signed with the verifier token; a tampered body does not verify", async () => {
    const received: { body: string; signature: string }[] = [];
    const sink = await startSink((body, signature) => {
      received.push({ body, signature });
      return 200;
    });
    const env = await startEmulator({ webhookDelayMs: 10 });
    try {
      const url = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/hook`;
      await env.admin("webhooks", { url, verifierToken: "verifier-abc", format: "legacy" });
      await env.admin("webhooks", { url, verifierToken: "verifier-abc", format: "cloudevents" });
      const vendor = (await env.admin(`companies/${env.realmId}/export`)) as unknown as Exported;
      await env.admin(`companies/${env.realmId}/mutations`, {
        op: "createBill",
        vendorId: vendor.entities.Vendor![0]!.Id,
        amountCents: 1_000,
      });
      await expect.poll(() => received.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
      const verify = (body: string, sig: string) =>
        createHmac("sha256", "verifier-abc").update(body).digest("base64") === sig;
      for (const r of received) expect(verify(r.body, r.signature)).toBe(true);
      const legacy = JSON.parse(received.find((r) => r.body.startsWith("{"))!.body);
      expect(legacy.eventNotifications[0].realmId).toBe(env.realmId);
      expect(
        legacy.eventNotifications[0].dataChangeEvent.entities.map((e: { name: string }) => e.name),
      ).toContain("Bill");
      expect(legacy.eventNotifications[0].dataChangeEvent.entities[0].lastUpdated).toMatch(/[+-]\d{4}$/);
      const cloud = JSON.parse(received.find((r) => r.body.startsWith("["))!.body);
      expect(cloud[0]).toMatchObject({ specversion: "1.0", intuitaccountid: env.realmId });
      const tampered = received[0]!.body.replace(env.realmId, "1");
      expect(verify(tampered, received[0]!.signature)).toBe(false);
    } finally {
      await env.emu.stop();
      sink.close();
    }
  });

  it("webhooks: a failing receiver gets retries; on request a delivery comes twice", async () => {
    let calls = 0;
    const bodies: string[] = [];
    const sink = await startSink((body) => {
      calls++;
      bodies.push(body);
      return calls === 1 ? 500 : 200;
    });
    const env = await startEmulator({ webhookDelayMs: 5, webhookRetryMs: [20, 20, 20] });
    try {
      const url = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/hook`;
      await env.admin("webhooks", { url, verifierToken: "v", format: "legacy", duplicate: true });
      const exp = (await env.admin(`companies/${env.realmId}/export`)) as unknown as Exported;
      await env.admin(`companies/${env.realmId}/mutations`, {
        op: "createBill",
        vendorId: exp.entities.Vendor![0]!.Id,
        amountCents: 500,
      });
      // Two copies; the first attempt of one fails with 500 and is retried once.
      await expect.poll(() => calls, { timeout: 5000 }).toBe(3);
      expect(new Set(bodies).size).toBe(1);
      const deliveries = (
        (await env.admin("webhooks")) as { deliveries: { status: number; attempt: number }[] }
      ).deliveries;
      expect(deliveries.map((d) => `${d.status}@${d.attempt}`).sort()).toEqual(["200@1", "200@2", "500@1"]);
    } finally {
      await env.emu.stop();
      sink.close();
    }
  });

  it("the same seed gives the same company; another seed does not", async () => {
    // Same seed and the same clock (the generator stamps nothing after "now").
    // 18:00 in the company timezone: after its 17:00 cut-off, so "now" clamps nothing.
    const startMs = Date.parse("2026-11-27T02:00:00Z");
    const a = await startEmulator({ seed: 11, startMs });
    const b = await startEmulator({ seed: 11, startMs: startMs + 1 }); // a different ms than a's must not matter
    const c = await startEmulator({ seed: 12, startMs });
    try {
      const strip = (e: Record<string, unknown>) => ({
        ...e,
        now: undefined,
        today: undefined,
        companyInfo: undefined,
      });
      const [ea, eb, ec] = await Promise.all([a, b, c].map((x) => x.admin(`companies/${x.realmId}/export`)));
      expect(JSON.stringify(strip(ea!))).toBe(JSON.stringify(strip(eb!)));
      expect(JSON.stringify(strip(ea!))).not.toBe(JSON.stringify(strip(ec!)));
    } finally {
      await Promise.all([a, b, c].map((x) => x.emu.stop()));
    }
  });
});

describe("QBO emulator persistence", () => {
  it("saves companies, tokens' effects and the clock to its state file and reloads them", async () => {
    const os = await import("node:os");
    const fs = await import("node:fs");
    const path = await import("node:path");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "qbo-emu-")), "state.json");
    const first = await startEmulator({ stateFile: file, seed: 21 });
    const exp = (await first.admin(`companies/${first.realmId}/export`)) as unknown as Exported;
    const vendor = exp.entities.Vendor![0]!.Id;
    const bill = (
      await first.admin(`companies/${first.realmId}/mutations`, {
        op: "createBill",
        vendorId: vendor,
        amountCents: 31_415,
      })
    ).result as { Id: string };
    await first.admin("clock", { advanceMs: 86_400_000 });
    const before = await first.admin(`companies/${first.realmId}/export`);
    await first.emu.stop(); // flushes the pending save
    expect(fs.existsSync(file)).toBe(true);

    const { QboEmulator } = await import("./src/server");
    const second = new QboEmulator({ stateFile: file });
    await second.start();
    try {
      expect([...second.companies.keys()]).toEqual([first.realmId]);
      const after = second.exportCompany(first.realmId)!;
      expect(JSON.stringify({ ...after, now: undefined, today: undefined, companyInfo: undefined })).toBe(
        JSON.stringify({ ...before, now: undefined, today: undefined, companyInfo: undefined }),
      );
      expect(after.entities.Bill!.some((b) => (b as { Id: string }).Id === bill.Id)).toBe(true);
      // New ids continue after the saved ones.
      const next = second.mutate(
        second.company(first.realmId)!,
        { op: "createBill", vendorId: vendor, amountCents: 1 },
        second.clock.now(),
      ) as { Id: string };
      expect(Number(next.Id)).toBeGreaterThan(Number(bill.Id));
      expect(second.clock.now() - Date.now()).toBeGreaterThan(86_000_000);
    } finally {
      await second.stop();
    }
  });
});
