import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMULATOR_CLIENT, startPlaidEmulator } from "@/plaid-emulator/test-support";
import { getBusinessContext } from "@/server/access/business-context";
import { mapBankAccount } from "@/server/banks/mapping";
import { type Clock, setClockForProcess } from "@/server/clock";
import { bankAccounts } from "@/server/db/schema";
import { connectDemoBank } from "@/server/demo/connect-demo-banks";
import { resetEnvForTests, type TPlaidConfig } from "@/server/env";
import { runSyncForBusiness } from "@/server/jobs/run-sync";
import { syncBankItem } from "@/server/plaid/sync/sync-item";
import { reconcileBusiness } from "@/server/reconcile/reconcile";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser } from "../support/factories";
import { connectToEmulator, testKey } from "../support/qbo";

/**
 * Issue 19, first increment: on a generated company pair — a QuickBooks emulator company and the
 * bank made from its books on the Plaid emulator, with known differences (checks not cleared,
 * fees and a transfer the books lack, pending items) — every intended difference is found,
 * nothing else is flagged, and each account's reconciled cash equals the figure computed from
 * the two emulators' exports and the differences the bank was made with. The oracle below reads
 * the exports over HTTP and imports nothing of the matcher.
 */
const NOW = Date.parse("2026-11-26T18:00:00Z");
const TODAY = "2026-11-26";

// Two generated companies (each with at least one check written in the last six days).
describe.each([92, 95])(`book and bank reconciled, company %i (${testBackend})`, (seed) => {
  let h: TestDatabase;
  let qbo: Awaited<ReturnType<typeof connectToEmulator>>;
  let plaid: Awaited<ReturnType<typeof startPlaidEmulator>>;
  let made: Awaited<ReturnType<typeof connectDemoBank>>;
  let owner: string;
  let biz: string;
  const saved = { ...process.env };
  const clock: Clock = { now: () => new Date(NOW) };
  const key = randomBytes(32).toString("base64");

  beforeAll(async () => {
    h = await useTestDatabase();
    owner = (await makeUser(h.db)).id;
    biz = await makeBusiness(h.db, owner, { name: "Pair Co", timezone: "America/Los_Angeles" });
    qbo = await connectToEmulator(h.db, biz, { seed, months: 4, today: TODAY, startMs: NOW });
    Object.assign(process.env, {
      QBO_BASE_URL: qbo.base,
      TOKEN_ENCRYPTION_KEY: testKey,
      QBO_THROTTLE_WAIT_MS: "20",
    });
    resetEnvForTests();
    setClockForProcess(clock);
    expect((await runSyncForBusiness({ db: h.db, businessId: biz, trigger: "manual" })).status).toBe(
      "succeeded",
    );
    plaid = await startPlaidEmulator({ logins: 0, today: TODAY });
    const config: TPlaidConfig = {
      environment: "emulator",
      basePath: plaid.base,
      ...EMULATOR_CLIENT,
      webhookUrl: undefined,
    };
    made = await connectDemoBank(h.db, {
      config,
      key,
      clock,
      biz: { id: biz, name: "Pair Co", timezone: "America/Los_Angeles", currency: "USD" },
    });
    expect(
      (await syncBankItem({ db: h.db, config, key, clock, businessId: biz, bankItemId: made.bankItemId }))
        .outcome,
    ).toBe("synced");
    // A person confirms each bank account's QuickBooks account (the demo bank's carry their names).
    const ctx = await getBusinessContext({ db: h.db, userId: owner, businessId: biz });
    for (const a of await h.db.select().from(bankAccounts).where(eq(bankAccounts.businessId, biz)))
      await mapBankAccount({
        db: h.db,
        ctx,
        clock,
        bankItemId: a.bankItemId,
        accountId: a.accountId,
        qboAccountId: a.accountId.split("_a")[1]!,
      });
  }, 120_000);
  afterAll(async () => {
    process.env = saved;
    resetEnvForTests();
    setClockForProcess(undefined);
    await plaid?.emu.stop();
    await qbo?.emu.stop();
    await h?.close();
  });

  /** The oracle: the books' balances and the bank's, from the exports; the intended differences. */
  async function oracle() {
    const q = (await qbo.admin(`companies/${qbo.realmId}/export`)) as unknown as {
      entities: { Account: { Id: string; AccountType: string; CurrentBalance: number; Active: boolean }[] };
    };
    const p = (await (await fetch(`${plaid.base}/__admin/export`)).json()) as {
      items: {
        transactions: { transaction_id: string; account_id: string; amount: number; pending: boolean }[];
      }[];
    };
    const bankIds = new Set(p.items.flatMap((i) => i.transactions.map((t) => t.transaction_id)));
    const d = made.differences;
    const notInBooks = d.filter(
      (x) =>
        x.kind === "unrecorded_fee" ||
        x.kind === "unrecorded_transfer" ||
        (x.kind === "pending" && x.qboId === null),
    );
    return {
      // What the books lack: the bank's own fees and transfer, and the pending card purchase.
      unmatchedBank: notInBooks.map((x) => ("transactionId" in x ? x.transactionId : "")).sort(),
      // What the bank has not cleared: the checks left out of it.
      uncleared: d
        .filter((x) => x.kind === "uncleared_check")
        .map((x) => ("qboId" in x ? x.qboId : ""))
        .sort(),
      // Reconciled cash = the books' balance less what the bank took that the books lack.
      reconciled: Object.fromEntries(
        q.entities.Account.filter((a) => a.AccountType === "Bank" && a.Active).map((a) => [
          a.Id,
          a.CurrentBalance -
            notInBooks
              .filter((x) => x.accountId.endsWith(`_a${a.Id}`))
              .reduce((s, x) => s + x.amountCents, 0),
        ]),
      ),
      bankIds,
    };
  }

  it("every intended difference is found and nothing else is flagged", async () => {
    const want = await oracle();
    expect(want.unmatchedBank.length).toBeGreaterThanOrEqual(3);
    expect(want.uncleared.length).toBeGreaterThanOrEqual(1);
    const r = await reconcileBusiness({ db: h.db, businessId: biz, asOf: TODAY });
    expect(r.unmatchedBank.map((b) => b.id.split("|")[1]).sort()).toEqual(want.unmatchedBank);
    expect(r.uncleared.map((b) => b.qboId).sort()).toEqual(want.uncleared);
    // Every other bank transaction found its book movement.
    expect(r.matches.length + r.unmatchedBank.length).toBe(want.bankIds.size);
    expect(r.matches.every((m) => m.confidence >= 60 && m.reasons.includes("amount"))).toBe(true);
  });

  it("reconciled cash of each bank account equals the hand figure: the books less what the bank took that the books lack", async () => {
    const want = await oracle();
    const r = await reconcileBusiness({ db: h.db, businessId: biz, asOf: TODAY });
    const got = Object.fromEntries(
      r.accounts.filter((a) => a.depository).map((a) => [a.qboAccountId, a.reconciledCents]),
    );
    expect(got).toEqual(want.reconciled);
    // And the bank's own balance differs from the books (the point of reconciling).
    const checking = r.accounts.find((a) => a.depository)!;
    expect(checking.bankCurrentCents).not.toBe(checking.bookBalanceCents);
  });
});
