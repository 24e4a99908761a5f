// @ts-nocheck
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBusinessContext } from "@/server/access/business-context";
import { type Clock, setClockForProcess } from "@/server/clock";
import { auditLog, scenarios } from "@/server/db/schema";
import { resetEnvForTests } from "@/server/env";
import { runSyncForBusiness } from "@/server/jobs/run-sync";
import { getRunway } from "@/server/runway/get-runway";
import {
  compareScenarios,
  deleteScenario,
  listScenarios,
  saveScenario,
  ZSaveScenario,
} from "@/server/scenarios/scenarios";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { addMember, makeBusiness, makeUser } from "../support/factories";
import { connectToEmulator, testKey } from "../support/qbo";

/*
 * Named scenarios (issue 17) on a small synced company: saved and read back through their
 * versioned schema, compared with the base — each item moving exactly its own amounts on its own
 * days — and a decision whose document was paid meanwhile marked "no longer applies".
 */
const NOW = Date.parse("2026-11-26T18:00:00Z");
const TODAY = "2026-11-26";
const day = (n: number) => new Date(Date.parse(TODAY) + n * 86_400_000).toISOString().slice(0, 10);

describe(`scenarios (${testBackend})`, () => {
  let h: TestDatabase;
  let qbo: Awaited<ReturnType<typeof connectToEmulator>>;
  const f = {} as {
    owner: string;
    viewer: string;
    other: string;
    biz: string;
    otherBiz: string;
    customerId: string;
  };
  const saved = { ...process.env };
  const clock: Clock = { now: () => new Date(NOW) };
  const ctxOf = (userId: string, businessId = f.biz) => getBusinessContext({ db: h.db, userId, businessId });
  const mutate = async (body: Record<string, unknown>) =>
    ((await qbo.admin(`companies/${qbo.realmId}/mutations`, body)) as { result: { Id: string } }).result;
  const sync = async () =>
    expect((await runSyncForBusiness({ db: h.db, businessId: f.biz, trigger: "manual" })).status).toBe(
      "succeeded",
    );
  const ids = {} as { invoice: string; paidLater: string };

  beforeAll(async () => {
    h = await useTestDatabase();
    f.owner = (await makeUser(h.db)).id;
    f.viewer = (await makeUser(h.db)).id;
    f.other = (await makeUser(h.db)).id;
    f.biz = await makeBusiness(h.db, f.owner, { name: "Small Co", timezone: "America/Los_Angeles" });
    f.otherBiz = await makeBusiness(h.db, f.other, { name: "Other Co" });
    await addMember(h.db, f.biz, f.viewer, "viewer");
    qbo = await connectToEmulator(h.db, f.biz, { seed: 61, months: 3, today: TODAY, startMs: NOW });
    Object.assign(process.env, {
      QBO_BASE_URL: qbo.base,
      TOKEN_ENCRYPTION_KEY: testKey,
      QBO_THROTTLE_WAIT_MS: "20",
    });
    resetEnvForTests();
    setClockForProcess(clock);
    const e = (await qbo.admin(`companies/${qbo.realmId}/export`)) as {
      entities: Record<string, Record<string, unknown>[]>;
    };
    f.customerId = String(e.entities.Customer!.find((c) => c.Active !== false)!.Id);
    ids.invoice = (
      await mutate({
        op: "createInvoice",
        customerId: f.customerId,
        txnDate: day(-60),
        dueDate: day(-40),
        amountCents: 150_000,
      })
    ).Id;
    ids.paidLater = (
      await mutate({
        op: "createInvoice",
        customerId: f.customerId,
        txnDate: day(-60),
        dueDate: day(-41),
        amountCents: 90_000,
      })
    ).Id;
    await sync();
  }, 120_000);
  afterAll(async () => {
    process.env = saved;
    resetEnvForTests();
    setClockForProcess(undefined);
    await qbo?.emu.stop();
    await h?.close();
  });

  const body = (o: Partial<{ items: unknown[]; decisions: unknown[] }> = {}) =>
    ZSaveScenario.shape.body.parse({ v: 1, items: [], decisions: [], ...o });

  it("a hire and a promise together: each moves exactly its own amounts on its own days; the base is untouched", async () => {
    const owner = await ctxOf(f.owner);
    const hire = {
      kind: "hire",
      id: "designer",
      name: "Designer",
      monthlyCents: 500_000,
      from: day(10),
      payDay: Number(day(10).slice(8)),
      taxBp: 765,
    };
    const promise = { kind: "promise", targetId: ids.invoice, date: day(5) };
    const a = await saveScenario({
      db: h.db,
      ctx: owner,
      input: { name: "Hire a designer", body: body({ items: [hire] }) },
      clock,
    });
    const b = await saveScenario({
      db: h.db,
      ctx: owner,
      input: { name: "Hire and chase", body: body({ items: [hire], decisions: [promise] }) },
      clock,
    });
    expect(a.message).toBe("Scenario “Hire a designer” saved.");
    const runway = await getRunway({ db: h.db, ctx: owner });
    const cmp = await compareScenarios({
      db: h.db,
      ctx: await ctxOf(f.viewer),
      clock,
      scenarioIds: [a.scenarioId, b.scenarioId],
    });
    expect(cmp.asOf).toBe(TODAY);
    expect(cmp.base.path.map((p) => p.spendableCents)).toEqual(runway.days.map((d) => d.spendableCents));
    expect(cmp.base.runway).toEqual(runway.runway);
    const [onlyHire, both] = cmp.scenarios;
    const cost = 500_000 + Math.floor((500_000 * 765 + 5_000) / 10_000); // gross + 7.65% employer tax
    const diff = (s: typeof onlyHire) =>
      s!.path.map((p, i) => p.spendableCents - cmp.base.path[i]!.spendableCents);
    // Day 10 and the same day of each month after it, within the 13 weeks: −cost each time.
    const payDays = [10, 10 + 31, 10 + 31 + 31].filter((n) => n < 91);
    expect(diff(onlyHire)).toEqual(
      cmp.base.path.map((_, i) => payDays.filter((p) => p <= i).length * -cost + 0),
    );
    // The promise brings the $1,500 invoice in on day 5 instead of where the base expects it.
    const expected = runway.inflows.find((x) => x.ref?.id === ids.invoice)!.date;
    const landed = cmp.base.path.findIndex((p) => p.date === expected);
    const withPromise = diff(both).map((v, i) => v - diff(onlyHire)[i]!);
    for (let i = 0; i < withPromise.length; i++)
      expect(withPromise[i], `day ${i}`).toBe(i >= 5 && (landed < 0 || i < landed) ? 150_000 : 0);
    expect(both!.noLongerApplies).toEqual([]);
    expect(onlyHire!.low4Weeks.spendableCents).toBeLessThanOrEqual(cmp.base.low4Weeks.spendableCents);
    expect(onlyHire!.lowest.spendableCents).toBeLessThan(cmp.base.lowest.spendableCents);
    // Read back through the versioned schema, in the order made (made in the same instant: by name); audited.
    expect(
      (await listScenarios({ db: h.db, ctx: owner })).map((s) => [
        s.name,
        s.body.items.length,
        s.body.decisions.length,
      ]),
    ).toEqual([
      ["Hire a designer", 1, 0],
      ["Hire and chase", 1, 1],
    ]);
    const audits = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.businessId, f.biz), eq(auditLog.action, "scenario.created")));
    expect(audits).toHaveLength(2);
  });

  it("a decision whose invoice was paid meanwhile no longer applies, and is said so; the rest of the scenario still counts", async () => {
    const owner = await ctxOf(f.owner);
    const s = await saveScenario({
      db: h.db,
      ctx: owner,
      input: {
        name: "Paid meanwhile",
        body: body({
          items: [{ kind: "oneOff", id: "x", name: "Laptop", amountCents: -200_000, on: day(3) }],
          decisions: [{ kind: "promise", targetId: ids.paidLater, date: day(4) }],
        }),
      },
      clock,
    });
    await mutate({ op: "createPayment", invoiceId: ids.paidLater, amountCents: 90_000 });
    await sync();
    const cmp = await compareScenarios({ db: h.db, ctx: owner, clock, scenarioIds: [s.scenarioId] });
    expect(cmp.scenarios[0]!.noLongerApplies).toEqual([
      { kind: "promise", targetId: ids.paidLater, date: day(4) },
    ]);
    expect(cmp.scenarios[0]!.path[3]!.spendableCents - cmp.base.path[3]!.spendableCents).toBe(-200_000);
  });

  it("at most three compared; another business's scenario, a bad id or a viewer's save are refused; bad items get field errors", async () => {
    const owner = await ctxOf(f.owner);
    const mine = await listScenarios({ db: h.db, ctx: owner });
    const other = await saveScenario({
      db: h.db,
      ctx: await ctxOf(f.other, f.otherBiz),
      input: { name: "Theirs", body: body() },
      clock,
    });
    const four = [...mine.map((s) => s.id), other.scenarioId].slice(0, 4);
    expect(four).toHaveLength(4);
    await expect(compareScenarios({ db: h.db, ctx: owner, clock, scenarioIds: four })).rejects.toMatchObject({
      code: "invalid_input",
    });
    for (const bad of [[other.scenarioId], ["not-a-uuid"]])
      await expect(compareScenarios({ db: h.db, ctx: owner, clock, scenarioIds: bad })).rejects.toMatchObject(
        {
          code: "not_found",
        },
      );
    await expect(
      saveScenario({
        db: h.db,
        ctx: owner,
        input: { scenarioId: other.scenarioId, name: "Mine now", body: body() },
        clock,
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      deleteScenario({ db: h.db, ctx: owner, scenarioId: other.scenarioId }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      saveScenario({ db: h.db, ctx: await ctxOf(f.viewer), input: { name: "No", body: body() }, clock }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const r = ZSaveScenario.safeParse({
      name: "",
      body: {
        v: 1,
        items: [
          { kind: "hire", id: "h", name: "X", monthlyCents: 0, from: "2026-02-30", payDay: 32, taxBp: 765 },
        ],
        decisions: [{ kind: "promise", targetId: "12a", date: TODAY }],
      },
    });
    expect(r.success).toBe(false);
    expect(new Set(r.error!.issues.map((i) => i.path.join(".")))).toEqual(
      new Set([
        "name",
        "body.items.0.monthlyCents",
        "body.items.0.from",
        "body.items.0.payDay",
        "body.decisions.0.targetId",
      ]),
    );
    expect(ZSaveScenario.safeParse({ name: "Old", body: { v: 2, items: [], decisions: [] } }).success).toBe(
      false,
    );
    // Deleting: gone from the list, audited.
    expect((await deleteScenario({ db: h.db, ctx: owner, scenarioId: mine[0]!.id })).message).toBe(
      `Scenario “${mine[0]!.name}” deleted.`,
    );
    expect((await h.db.select().from(scenarios).where(eq(scenarios.id, mine[0]!.id))).length).toBe(0);
  });
});
