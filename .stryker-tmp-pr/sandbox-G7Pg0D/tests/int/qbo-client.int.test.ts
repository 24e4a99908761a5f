// @ts-nocheck
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QboError } from "@/server/qbo/errors";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser } from "../support/factories";
import { connectToEmulator } from "../support/qbo";

/**
 * Issue 15: the client's retry guarantees, seen on the wire (the emulator's counters and request
 * log) and through the injected sleep — asserted, never timed.
 */
describe(`the QuickBooks client's retries (${testBackend})`, () => {
  let h: TestDatabase;
  let qbo: Awaited<ReturnType<typeof connectToEmulator>>;
  beforeAll(async () => {
    h = await useTestDatabase();
    const businessId = await makeBusiness(h.db, (await makeUser(h.db)).id);
    qbo = await connectToEmulator(h.db, businessId, { seed: 41, realmId: "9130350000000041" });
  });
  afterAll(async () => {
    await qbo?.emu.stop();
    await h?.close();
  });

  const faults = (rules: unknown[]) => qbo.admin("faults", { rules });
  const clear = () => qbo.admin("faults", undefined, "DELETE");
  /** A client whose waits are recorded, with Intuit's 60 s throttle wait. */
  const recording = () => {
    const sleeps: number[] = [];
    const client = qbo.client({
      config: { ...qbo.config, throttleWaitMs: 60_000 },
      backoffMs: 500,
      maxAttempts: 4,
      // The app's own rate budget (which waits through the same sleep) out of the way.
      limits: { perMinute: 100_000, perSecond: 100_000, inFlight: 100, leaseMs: 120_000 },
      sleep: async (ms) => void sleeps.push(ms),
    });
    return { client, sleeps };
  };

  it("a permanent 4xx is not retried: one request, no wait", async () => {
    const { client, sleeps } = recording();
    const err = await client.query("SELECT * FROM Invoice STARTPOSITION 0").catch((e) => e);
    expect(err).toBeInstanceOf(QboError);
    expect((err as QboError).kind).toBe("permanent");
    expect(client.calls).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it("a 429 is waited out for at least Intuit's 60 s before the retry, without using an attempt", async () => {
    await faults([
      {
        id: "t",
        realmId: qbo.realmId,
        target: "data",
        nth: [1, 2, 3, 4],
        action: { kind: "status", status: 429 },
      },
    ]);
    try {
      const { client, sleeps } = recording();
      await client.companyInfo();
      // Four throttles with four attempts allowed: the fifth request is answered.
      expect(client.calls).toBe(5);
      expect(sleeps.filter((ms) => ms >= 60_000)).toHaveLength(4);
      expect(sleeps.every((ms) => ms < 65_000)).toBe(true);
    } finally {
      await clear();
    }
  });

  it("a 5xx backs off exponentially and gives up after the last attempt, without waiting after it", async () => {
    await faults([
      { id: "s", realmId: qbo.realmId, target: "data", action: { kind: "status", status: 503 } },
    ]);
    try {
      const { client, sleeps } = recording();
      const err = await client.companyInfo().catch((e) => e);
      expect((err as QboError).kind).toBe("transient");
      expect(client.calls).toBe(4);
      expect(sleeps).toEqual([500, 1000, 2000]);
    } finally {
      await clear();
    }
  });

  it("a write retried after its connection dropped (QuickBooks had committed it) sends the first requestid: one bill payment", async () => {
    const exp = (await qbo.admin(`companies/${qbo.realmId}/export`)) as {
      entities: Record<string, { Id: string; Balance?: number; VendorRef?: { value: string } }[]>;
    };
    const bill = exp.entities.Bill!.find((b) => (b.Balance ?? 0) > 10)!;
    const before = exp.entities.BillPayment!.length;
    await faults([
      {
        id: "d",
        realmId: qbo.realmId,
        target: "data",
        method: "POST",
        nth: [1],
        action: { kind: "dropAfterCommit" },
      },
    ]);
    try {
      const { client, sleeps } = recording();
      const bank = (
        (await client.query("SELECT * FROM Account WHERE AccountType = 'Bank'")) as {
          QueryResponse: { Account: { Id: string }[] };
        }
      ).QueryResponse.Account[0]!.Id;
      const res = await client.post(
        "billpayment",
        {
          VendorRef: bill.VendorRef,
          PayType: "Check",
          CheckPayment: { BankAccountRef: { value: bank } },
          TotalAmt: 10,
          Line: [{ Amount: 10, LinkedTxn: [{ TxnId: bill.Id, TxnType: "Bill" }] }],
        },
        "decision-requestid-1",
      );
      expect(res.BillPayment).toBeDefined();
      expect(sleeps).toHaveLength(1); // the dropped connection's back-off
      const company = qbo.emu.company(qbo.realmId)!;
      expect([...company.requestLog.keys()].filter((k) => k.includes("decision-requestid-1"))).toHaveLength(
        1,
      );
      const after = (await qbo.admin(`companies/${qbo.realmId}/export`)) as typeof exp;
      expect(after.entities.BillPayment!.length).toBe(before + 1);
    } finally {
      await clear();
    }
  });
});
