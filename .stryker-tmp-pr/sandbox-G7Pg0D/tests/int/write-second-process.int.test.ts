// @ts-nocheck
import { spawn } from "node:child_process";
import path from "node:path";
import { and, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBusinessContext } from "@/server/access/business-context";
import { systemClock } from "@/server/clock";
import { decisions, qboAccounts, qboTransactions } from "@/server/db/schema";
import { writeClient } from "@/server/decisions/qbo-client";
import { recordBillPayment } from "@/server/decisions/write-back";
import { resetEnvForTests } from "@/server/env";
import { runSyncForBusiness } from "@/server/jobs/run-sync";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser } from "../support/factories";
import { connectToEmulator, testKey } from "../support/qbo";

const root = path.resolve(__dirname, "../..");

/**
 * Exactly once across processes (issue 15): a process records a bill payment, QuickBooks commits
 * it and the connection drops, and the process dies (SIGKILL) before it learns the outcome. A
 * second process retrying the same decision must send the first process's `requestid`, so
 * QuickBooks answers with the payment it already made instead of making another. PostgreSQL
 * only: two processes on one database.
 */
describe.runIf(testBackend === "postgres")("a write retried by a second process", () => {
  let h: TestDatabase;
  let qbo: Awaited<ReturnType<typeof connectToEmulator>>;
  let businessId: string;
  let userId: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    h = await useTestDatabase();
    userId = (await makeUser(h.db)).id;
    businessId = await makeBusiness(h.db, userId, { timezone: "America/Los_Angeles" });
    qbo = await connectToEmulator(h.db, businessId, { seed: 7, realmId: "9130350000000077" });
    Object.assign(process.env, { QBO_BASE_URL: qbo.base, TOKEN_ENCRYPTION_KEY: testKey });
    resetEnvForTests();
    const r = await runSyncForBusiness({ db: h.db, businessId, trigger: "manual" });
    expect(r.status).toBe("succeeded");
  }, 120_000);
  afterAll(async () => {
    process.env = saved;
    resetEnvForTests();
    await qbo?.emu.stop();
    await h?.close();
  });

  it("a retry by a second process, after the first died mid-write, sends the first requestid: one BillPayment", async () => {
    const [bill] = await h.db
      .select()
      .from(qboTransactions)
      .where(
        and(
          eq(qboTransactions.businessId, businessId),
          eq(qboTransactions.type, "Bill"),
          eq(qboTransactions.deleted, false),
          gt(qboTransactions.balanceCents, 0),
          sql`${qboTransactions.txnDate} <= '2026-11-26'`,
        ),
      )
      .limit(1);
    const [bank] = await h.db
      .select()
      .from(qboAccounts)
      .where(and(eq(qboAccounts.businessId, businessId), eq(qboAccounts.accountType, "Bank")))
      .limit(1);
    const input = {
      billId: bill!.qboId,
      accountId: bank!.qboId,
      date: "2026-11-26",
      amount: bill!.balanceCents!,
    };
    const paymentsOfBill = async () => {
      const exp = (await qbo.admin(`companies/${qbo.realmId}/export`)) as {
        entities: { BillPayment: { Id: string; Line: { LinkedTxn: { TxnId: string }[] }[] }[] };
      };
      return exp.entities.BillPayment.filter((p) =>
        p.Line.some((l) => l.LinkedTxn.some((x) => x.TxnId === bill!.qboId)),
      );
    };
    expect(await paymentsOfBill()).toHaveLength(0);

    // Every answer to the payment is lost after QuickBooks commits it.
    await qbo.admin("faults", {
      rules: [
        { id: "drop-bp", method: "POST", pathIncludes: "/billpayment", action: { kind: "dropAfterCommit" } },
      ],
    });
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--import",
        "./scripts/server-only-hook.mjs",
        "tests/support/record-payment-once.ts",
        JSON.stringify({ businessId, userId, input }),
      ],
      {
        cwd: root,
        env: {
          ...process.env,
          OODALOO_MODE: "demo",
          DATABASE_URL: h.url!,
          TOKEN_ENCRYPTION_KEY: testKey,
          QBO_ENVIRONMENT: "emulator",
          QBO_BASE_URL: qbo.base,
        },
        stdio: "pipe",
      },
    );
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    // As soon as QuickBooks has committed the first process's payment, kill it without warning.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const c = (await qbo.admin("faults")) as { rules: Record<string, { injected: number }> };
      if ((c.rules["drop-bp"]?.injected ?? 0) >= 1) break;
      if (Date.now() > deadline) throw new Error(`the first process never wrote:\n${output}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill("SIGKILL");
    await new Promise((r) => child.on("exit", r));
    await qbo.admin("faults", { rules: [] });

    // QuickBooks has the payment; the first process never recorded it: its decision is still
    // committed, with the requestid it sent, and its lease is held by a dead process.
    const first = await paymentsOfBill();
    expect(first).toHaveLength(1);
    const [pending] = await h.db
      .select()
      .from(decisions)
      .where(and(eq(decisions.businessId, businessId), eq(decisions.targetId, bill!.qboId)));
    expect(pending).toMatchObject({ status: "committed", qboTxnId: null });
    expect(pending!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(pending!.leaseUntil!.getTime()).toBeGreaterThan(Date.now());
    // The dead holder's 30-second lease runs out (moved to the past rather than waited for).
    await h.db
      .update(decisions)
      .set({ leaseUntil: sql`clock_timestamp() - interval '1 second'` })
      .where(eq(decisions.id, pending!.id));

    // This process retries the same payment (the owner clicks again).
    const ctx = await getBusinessContext({ db: h.db, userId, businessId });
    const retried = await recordBillPayment({
      db: h.db,
      ctx,
      input,
      clock: systemClock,
      client: () => writeClient({ db: h.db, ctx, clock: systemClock }),
    });
    expect(retried).toMatchObject({
      decisionId: pending!.id,
      requestId: pending!.requestId,
      qboTxnId: first[0]!.Id,
    });
    expect(await paymentsOfBill()).toHaveLength(1);
    const rows = await h.db
      .select()
      .from(decisions)
      .where(and(eq(decisions.businessId, businessId), eq(decisions.targetId, bill!.qboId)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: "executed",
      requestId: pending!.requestId,
      qboTxnId: first[0]!.Id,
    });
  }, 120_000);
});
