// @ts-nocheck
import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, setClockForProcess } from "@/server/clock";
import { outboxEvents, qboTransactions } from "@/server/db/schema";
import { resetEnvForTests } from "@/server/env";
import { dispatchOnce } from "@/server/jobs/dispatcher";
import { syncConnection } from "@/server/qbo/sync/sync-connection";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser } from "../support/factories";
import { connectToEmulator, testKey } from "../support/qbo";

const VERIFIER = "webhook-verifier-for-tests";
const sign = (body: string, token = VERIFIER) => createHmac("sha256", token).update(body).digest("base64");

describe(`QBO webhooks (${testBackend})`, () => {
  let h: TestDatabase;
  let businessId: string;
  let qbo: Awaited<ReturnType<typeof connectToEmulator>>;
  let POST: (req: Request) => Promise<Response>;
  const saved = { ...process.env };
  const pinned = new Date();

  beforeAll(async () => {
    h = await useTestDatabase();
    businessId = await makeBusiness(h.db, (await makeUser(h.db)).id);
    qbo = await connectToEmulator(h.db, businessId);
    Object.assign(process.env, {
      QBO_WEBHOOK_VERIFIER_TOKEN: VERIFIER,
      QBO_BASE_URL: qbo.base,
      TOKEN_ENCRYPTION_KEY: testKey,
      QBO_THROTTLE_WAIT_MS: "20",
    });
    resetEnvForTests();
    // Pin the app clock so the 10-second debounce buckets cannot roll over mid-test.
    setClockForProcess(fixedClock(pinned));
    await syncConnection({
      db: h.db,
      businessId,
      client: qbo.client(),
      clock: qbo.clock,
      trigger: "connect",
    });
    ({ POST } = await import("@/app/api/qbo/webhooks/route"));
  });
  afterAll(async () => {
    process.env = saved;
    resetEnvForTests();
    setClockForProcess(undefined);
    await qbo?.emu.stop();
    await h?.close();
  });

  const pending = async () =>
    (await h.db.select().from(outboxEvents).where(eq(outboxEvents.businessId, businessId))).filter(
      (e) => !e.processedAt,
    );
  const legacy = (ids: string[], realmId = qbo.realmId) =>
    JSON.stringify({
      eventNotifications: [
        {
          realmId,
          dataChangeEvent: {
            entities: ids.map((id) => ({
              name: "Bill",
              id,
              operation: "Update",
              lastUpdated: "2026-11-26T10:00:00-0800",
            })),
          },
        },
      ],
    });
  const post = (body: string, signature: string | null = sign(body)) =>
    POST(
      new Request("http://localhost/api/qbo/webhooks", {
        method: "POST",
        body,
        headers: signature ? { "intuit-signature": signature } : {},
      }),
    );

  it("a forged or missing signature gets 401 and queues nothing", async () => {
    const body = legacy(["1"]);
    expect((await post(body, sign(body, "wrong-token"))).status).toBe(401);
    expect((await post(body, null)).status).toBe(401);
    expect((await post(`${body} `, sign(body))).status).toBe(401); // tampered body
    expect(await pending()).toEqual([]);
  });

  /** A body of `total` bytes that counts what the route pulled from it (no Content-Length: chunked). */
  const streamed = (total: number) => {
    const counter = { pulled: 0 };
    const chunk = new Uint8Array(64 * 1024).fill(32);
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (counter.pulled >= total) return c.close();
        counter.pulled += chunk.byteLength;
        c.enqueue(chunk);
      },
    });
    return { body, counter };
  };

  it("finding 3: an unsigned 100 MB POST gets 401 before its body is read; a signed one over 2 MB gets 413, read no further than the limit", async () => {
    const unsigned = streamed(100 * 1024 * 1024);
    const res = await POST(
      new Request("http://localhost/api/qbo/webhooks", {
        method: "POST",
        body: unsigned.body,
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(401);
    // The stream may have been primed with a chunk or two; it was never read through.
    expect(unsigned.counter.pulled).toBeLessThanOrEqual(2 * 64 * 1024);

    const big = streamed(100 * 1024 * 1024);
    const signed = await POST(
      new Request("http://localhost/api/qbo/webhooks", {
        method: "POST",
        body: big.body,
        headers: { "intuit-signature": sign("anything") },
        duplex: "half",
      } as RequestInit),
    );
    expect(signed.status).toBe(413);
    expect(big.counter.pulled).toBeLessThanOrEqual(2 * 1024 * 1024 + 3 * 64 * 1024);

    // A declared length over the limit is refused without reading.
    const declared = streamed(3 * 1024 * 1024);
    const byLength = await POST(
      new Request("http://localhost/api/qbo/webhooks", {
        method: "POST",
        body: declared.body,
        headers: { "intuit-signature": sign("x"), "content-length": String(3 * 1024 * 1024) },
        duplex: "half",
      } as RequestInit),
    );
    expect(byLength.status).toBe(413);
    expect(declared.counter.pulled).toBeLessThanOrEqual(2 * 64 * 1024);
    expect(await pending()).toEqual([]);
  });

  it("finding 3: a signed batch of about 1 MB (within the limit) is accepted", async () => {
    // For a realm no business has, so nothing is queued for the tests below.
    const entities = Array.from({ length: 12_000 }, (_, i) => String(50_000 + i));
    const body = legacy(entities, "9999999999999999");
    expect(body.length).toBeGreaterThan(900_000);
    expect(body.length).toBeLessThan(2 * 1024 * 1024);
    const res = await post(body);
    expect(res.status).toBe(200);
  });

  it("a burst of 20 notifications queues one debounced sync; duplicates queue nothing; QuickBooks is not called inline", async () => {
    // Every data-API request would take 5 s: the route must not make one (the bench times it).
    await qbo.admin("faults", {
      rules: [
        { id: "slow-api", realmId: qbo.realmId, target: "data", action: { kind: "latency", ms: 5_000 } },
      ],
    });
    const before = ((await qbo.admin("counters")) as { realms: Record<string, { total: number }> }).realms[
      qbo.realmId
    ]!.total;
    const ids = Array.from({ length: 20 }, (_, i) => String(1000 + i));
    const sent = Date.now();
    const res = await post(legacy(ids));
    const answered = Date.now();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, fresh: 20, queued: 1 });
    for (const id of ids.slice(0, 5))
      expect(await (await post(legacy([id]))).json()).toEqual({ ok: true, fresh: 0, queued: 0 });
    const events = await pending();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ name: "qbo/sync.requested", data: { businessId, trigger: "webhook" } });
    // Debounced by 2 s of real time (the dispatcher's clock, whatever the app's says).
    expect(events[0]!.availableAt.getTime()).toBeGreaterThanOrEqual(sent + 2_000);
    expect(events[0]!.availableAt.getTime()).toBeLessThanOrEqual(answered + 2_000);
    const after = ((await qbo.admin("counters")) as { realms: Record<string, { total: number }> }).realms[
      qbo.realmId
    ]!.total;
    expect(after).toBe(before);
    const faults = (await qbo.admin("faults")) as { rules: Record<string, { matched: number }> };
    expect(faults.rules["slow-api"]!.matched).toBe(0);
    await qbo.admin("faults", undefined, "DELETE");
  });

  it("CloudEvents bodies are accepted; an unknown realm is acknowledged and ignored", async () => {
    const ce = JSON.stringify([
      {
        specversion: "1.0",
        id: "ce-1",
        source: "intuit.x",
        type: "qbo.bill.updated.v1",
        time: "2026-11-26T18:00:00Z",
        intuitentityid: "5",
        intuitaccountid: qbo.realmId,
        data: {},
      },
    ]);
    expect(await (await post(ce)).json()).toEqual({ ok: true, fresh: 1, queued: 0 }); // a sync is already waiting
    const stranger = legacy(["1"], "999999");
    expect(await (await post(stranger)).json()).toEqual({ ok: true, fresh: 0, queued: 0 });
    expect((await post("not json", sign("not json"))).status).toBe(400);
  });

  it("the queued sync brings the change in with one CDC call", async () => {
    const exp = (await qbo.admin(`companies/${qbo.realmId}/export`)) as {
      entities: Record<string, { Id: string; Active?: boolean }[]>;
    };
    const vendor = exp.entities.Vendor!.find((v) => v.Active)!.Id;
    const bill = (
      await qbo.admin(`companies/${qbo.realmId}/mutations`, {
        op: "createBill",
        vendorId: vendor,
        amountCents: 12_345,
      })
    ).result as { Id: string };
    const before = ((await qbo.admin("counters")) as { realms: Record<string, { total: number }> }).realms[
      qbo.realmId
    ]!.total;
    // The debounce window passes (checked above: the event waits until pinned + 2 s).
    await h.db
      .update(outboxEvents)
      .set({ availableAt: new Date(Date.now() - 1000) })
      .where(eq(outboxEvents.businessId, businessId));
    expect(await dispatchOnce(h.db)).toBe(1);
    const [row] = await h.db.select().from(qboTransactions).where(eq(qboTransactions.qboId, bill.Id));
    expect(row).toMatchObject({ type: "Bill", amountCents: 12_345, deleted: false });
    const after = ((await qbo.admin("counters")) as { realms: Record<string, { total: number }> }).realms[
      qbo.realmId
    ]!.total;
    // One CDC call: recurring templates were read by the first sync and are not due again for a week.
    expect(after - before).toBe(1);
    expect(await pending()).toEqual([]);
  });

  it("a change announced after the queued sync ran (same moment on the app clock) gets a sync of its own", async () => {
    const bill = (await qbo.admin(`companies/${qbo.realmId}/export`)) as {
      entities: Record<string, { Id: string; Balance: number; LinkedTxn: unknown[] }[]>;
    };
    const target = bill.entities.Bill!.find((b) => b.Balance > 0 && b.LinkedTxn.length === 0)!;
    await qbo.admin(`companies/${qbo.realmId}/mutations`, {
      op: "editBill",
      id: target.Id,
      amountCents: 77_700,
    });
    const res = await post(
      JSON.stringify({
        eventNotifications: [
          {
            realmId: qbo.realmId,
            dataChangeEvent: {
              entities: [
                { name: "Bill", id: target.Id, operation: "Update", lastUpdated: "2026-11-26T10:05:00-0800" },
              ],
            },
          },
        ],
      }),
    );
    expect(await res.json()).toEqual({ ok: true, fresh: 1, queued: 1 });
    await h.db
      .update(outboxEvents)
      .set({ availableAt: new Date(Date.now() - 1000) })
      .where(eq(outboxEvents.businessId, businessId));
    expect(await dispatchOnce(h.db)).toBe(1);
    const [row] = await h.db.select().from(qboTransactions).where(eq(qboTransactions.qboId, target.Id));
    expect(row).toMatchObject({ type: "Bill", amountCents: 77_700 });
  });
});
