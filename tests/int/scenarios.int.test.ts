import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scenarioLine } from "@/lib/digest-words";
import { formatMoney } from "@/lib/format";
import { getBusinessContext } from "@/server/access/business-context";
import { type Clock, setClockForProcess } from "@/server/clock";
import { auditLog, decisions, scenarios } from "@/server/db/schema";
import { renderDigestEmail } from "@/server/digest/email";
import { getLiveDigest } from "@/server/digest/get-live-digest";
import { parseDigestSnapshot } from "@/server/digest/snapshot-schema";
import { resetEnvForTests } from "@/server/env";
import { runSyncForBusiness } from "@/server/jobs/run-sync";
import { fieldErrorsOf } from "@/server/lib/validation";
import { getRunway } from "@/server/runway/get-runway";
import { commitScenario, setActiveScenario } from "@/server/scenarios/commit";
import {
  compareScenarios,
  deleteScenario,
  listScenarios,
  saveScenario,
  ZSaveScenario,
} from "@/server/scenarios/scenarios";
import { parseScenarioBody } from "@/server/scenarios/schema";
import {
  addScenarioEntry,
  getScenarioWorkspace,
  removeScenarioEntry,
  ZScenarioEntryForm,
} from "@/server/scenarios/workspace";
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
    vendorId: string;
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
    // A customer QuickBooks can email (a scenario's reminders are sent to it).
    f.customerId = String(
      e.entities.Customer!.find(
        (c) => c.Active !== false && (c.PrimaryEmailAddr as { Address?: string } | undefined)?.Address,
      )!.Id,
    );
    f.vendorId = String(e.entities.Vendor!.find((v) => v.Active !== false)!.Id);
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
  /** A scenario saved by the owner. */
  const ownersScenario = async (name: string, o: Parameters<typeof body>[0] = {}) =>
    saveScenario({ db: h.db, ctx: await ctxOf(f.owner), clock, input: { name, body: body(o) } });

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
    const a = await ownersScenario("Hire a designer", { items: [hire] });
    const b = await ownersScenario("Hire and chase", { items: [hire], decisions: [promise] });
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

  describe("committing a scenario", () => {
    const exp = async () =>
      (await qbo.admin(`companies/${qbo.realmId}/export`)) as unknown as {
        sentInvoiceEmails: { invoiceId: string; to: string }[];
      };
    const faults = (rules: unknown[]) => qbo.admin("faults", { rules });
    /** The real client, counting how often a commit needed QuickBooks. */
    const client = {
      calls: 0,
      make: async () => {
        client.calls++;
        return qbo.client();
      },
    };

    it("commits only its decisions, each once; one reminder refused by QuickBooks is listed and retried alone", async () => {
      const owner = await ctxOf(f.owner);
      const inv = async (n: number) =>
        (
          await mutate({
            op: "createInvoice",
            customerId: f.customerId,
            txnDate: day(-50),
            dueDate: day(-30 - n),
            amountCents: 10_000 * n,
          })
        ).Id;
      const bill = async (n: number) =>
        (
          await mutate({
            op: "createBill",
            vendorId: f.vendorId,
            txnDate: day(-5),
            dueDate: day(10 + n),
            amountCents: 20_000 * n,
          })
        ).Id;
      const [remindOk, remindFails, promised] = [await inv(1), await inv(2), await inv(3)];
      const [scheduled, paidMeanwhile] = [await bill(1), await bill(2)];
      await sync();
      const s = await ownersScenario("Chase and pay", {
        items: [{ kind: "oneOff", id: "tax", name: "Tax bill", amountCents: -300_000, on: day(20) }],
        decisions: [
          { kind: "remind", targetId: remindOk },
          { kind: "remind", targetId: remindFails },
          { kind: "promise", targetId: promised, date: day(7) },
          { kind: "schedule", targetId: scheduled, date: day(25) },
          { kind: "schedule", targetId: paidMeanwhile, date: day(26) },
        ],
      });
      await mutate({ op: "createBillPayment", billId: paidMeanwhile });
      await sync();
      await faults([
        {
          id: "refuse",
          method: "POST",
          pathIncludes: `/invoice/${remindFails}/send`,
          action: {
            kind: "validation",
            code: "6000",
            message: "A business validation error has occurred",
            detail: "Business Validation Error: The email could not be sent.",
          },
        },
      ]);
      // A viewer, or a bookkeeper without the right to commit, cannot.
      await expect(
        commitScenario({
          db: h.db,
          ctx: await ctxOf(f.viewer),
          clock,
          scenarioId: s.scenarioId,
          client: client.make,
        }),
      ).rejects.toMatchObject({ code: "forbidden" });
      const first = await commitScenario({
        db: h.db,
        ctx: owner,
        clock,
        scenarioId: s.scenarioId,
        client: client.make,
      });
      expect(first.outcomes.map((o) => [o.key, o.status])).toEqual([
        [`remind:${remindOk}`, "committed"],
        [`remind:${remindFails}`, "failed"],
        [`promise:${promised}`, "committed"],
        [`schedule:${scheduled}`, "committed"],
        [`schedule:${paidMeanwhile}`, "noLongerApplies"],
      ]);
      expect(first.outcomes[1]!.message).toMatch(/^QuickBooks refused: /);
      expect(first.outcomes[4]!.message).toBe("No longer applies: the document was paid or voided since.");
      expect(first.message).toBe("3 of 5 committed; 1 failed — fix or try again.");
      const committedAudit = await h.db
        .select({ detail: auditLog.detail })
        .from(auditLog)
        .where(and(eq(auditLog.businessId, f.biz), eq(auditLog.action, "scenario.committed")));
      expect(committedAudit.map((x) => x.detail)).toContainEqual({
        scenarioId: s.scenarioId,
        name: "Chase and pay",
        committed: 3,
        failed: 1,
        noLongerApplies: 1,
      });
      expect(client.calls).toBe(1); // one client for both reminders
      // The reminder that went has its own requestid; the commitments are decisions of their own.
      const live = await h.db
        .select()
        .from(decisions)
        .where(and(eq(decisions.businessId, f.biz), inArray(decisions.status, ["committed", "executed"])));
      const of = (kind: string, id: string) => live.filter((d) => d.kind === kind && d.targetId === id);
      expect(of("reminder", remindOk)).toEqual([
        expect.objectContaining({ status: "executed", requestId: first.outcomes[0]!.requestId }),
      ]);
      expect(first.outcomes[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(of("promise", promised)).toEqual([
        expect.objectContaining({ status: "committed", date: day(7) }),
      ]);
      expect(of("schedule", scheduled)).toEqual([
        expect.objectContaining({ status: "committed", date: day(25) }),
      ]);
      expect(of("schedule", paidMeanwhile)).toEqual([]);
      const sent = async (id: string) =>
        (await exp()).sentInvoiceEmails.filter((e) => e.invoiceId === id).length;
      expect([await sent(remindOk), await sent(remindFails)]).toEqual([1, 0]);
      // The outcome is kept with the scenario, read back through its versioned schema.
      const [row] = await h.db.select().from(scenarios).where(eq(scenarios.id, s.scenarioId));
      expect(row!.commitState).toMatchObject({ v: 1, outcomes: expect.any(Array) });

      // An hour later, QuickBooks takes it: only the failed one is tried again; nothing is doubled.
      await faults([]);
      const later: Clock = { now: () => new Date(NOW + 60 * 60_000) };
      const second = await commitScenario({
        db: h.db,
        ctx: owner,
        clock: later,
        scenarioId: s.scenarioId,
        client: client.make,
      });
      expect(second.outcomes.map((o) => o.status)).toEqual([
        "committed",
        "committed",
        "committed",
        "committed",
        "noLongerApplies",
      ]);
      expect(second.outcomes[0]).toEqual(first.outcomes[0]); // kept, not redone
      expect(second.outcomes[2]).toEqual(first.outcomes[2]); // the promise too: not decided again
      expect(client.calls).toBe(2);
      expect([await sent(remindOk), await sent(remindFails)]).toEqual([1, 1]);
      expect(second.message).toBe("“Chase and pay”: 4 of 5 committed.");
      const after = await h.db
        .select()
        .from(decisions)
        .where(and(eq(decisions.businessId, f.biz), inArray(decisions.status, ["committed", "executed"])));
      expect(after.filter((d) => [promised, scheduled].includes(d.targetId))).toHaveLength(2);
      // Its hypothetical item was never committed: the plan has no one-off.
      const runway = await getRunway({ db: h.db, ctx: owner });
      expect(runway.outflows.some((x) => x.kind === "scenario")).toBe(false);
    });

    it("the digest mentions the active scenario, its runway beside the plan's; one active at a time", async () => {
      const owner = await ctxOf(f.owner);
      const hire = {
        kind: "hire",
        id: "big",
        name: "Team",
        monthlyCents: 5_000_000,
        from: day(1),
        payDay: Number(day(1).slice(8)),
        taxBp: 0,
      };
      const a = await ownersScenario("Big hire", { items: [hire] });
      const b = await ownersScenario("Nothing");
      const none = await getLiveDigest({ db: h.db, ctx: owner, asOf: TODAY });
      expect(none.scenario).toBeNull();
      expect(
        (await setActiveScenario({ db: h.db, ctx: owner, scenarioId: a.scenarioId, active: true })).message,
      ).toBe("The digest now mentions “Big hire”.");
      const d = await getLiveDigest({ db: h.db, ctx: owner, asOf: TODAY });
      const cmp = await compareScenarios({ db: h.db, ctx: owner, clock, scenarioIds: [a.scenarioId] });
      expect(d.scenario).toEqual({
        id: a.scenarioId,
        name: "Big hire",
        runway: cmp.scenarios[0]!.runway,
        lowest: cmp.scenarios[0]!.lowest,
        noLongerApplies: 0,
      });
      expect(d.runway).toEqual(cmp.base.runway);
      // $50,000 a month from tomorrow: runway is shorter than the plan's (or starts at all).
      expect(d.scenario!.lowest.spendableCents).toBeLessThan(d.lowest.spendableCents - 4_000_000);
      expect(parseDigestSnapshot(JSON.parse(JSON.stringify(d))).scenario!.name).toBe("Big hire");
      // The email says it too, in its HTML and its plain text.
      const mail = await renderDigestEmail({
        businessName: "Small Co",
        kind: "weekly",
        snapshot: d,
        openUrl: "http://localhost/d/x",
        unsubscribeUrl: "http://localhost/unsubscribe/x",
        expiresOn: TODAY,
      });
      const said = scenarioLine(d.scenario!, d, (c) => formatMoney(c, "USD"));
      expect(said).toMatch(/^Your “Big hire” plan /);
      expect(mail.text).toContain(said);
      expect(mail.html).toContain("Big hire” plan");
      // Another made active: the first no longer is.
      await setActiveScenario({ db: h.db, ctx: owner, scenarioId: b.scenarioId, active: true });
      const rows = await h.db
        .select()
        .from(scenarios)
        .where(and(eq(scenarios.businessId, f.biz), eq(scenarios.active, true)));
      expect(rows.map((r) => r.name)).toEqual(["Nothing"]);
      await setActiveScenario({ db: h.db, ctx: owner, scenarioId: b.scenarioId, active: false });
      expect((await getLiveDigest({ db: h.db, ctx: owner, asOf: TODAY })).scenario).toBeNull();
      await expect(
        setActiveScenario({ db: h.db, ctx: await ctxOf(f.viewer), scenarioId: a.scenarioId, active: true }),
      ).rejects.toMatchObject({ code: "forbidden" });
    });

    it("the editor's forms: a hire's tax typed as a percentage, a moved recurring item, a lost client; bad names refused", async () => {
      const owner = await ctxOf(f.owner);
      const s = await ownersScenario("Edited");
      const add = (entry: Record<string, unknown>) =>
        addScenarioEntry({
          db: h.db,
          ctx: owner,
          clock,
          scenarioId: s.scenarioId,
          entry: ZScenarioEntryForm.parse(entry),
        });
      await add({
        kind: "hire",
        name: "Designer",
        monthly: "$6,500.00",
        from: day(3),
        payDay: "28",
        taxPercent: "7.65",
      });
      await add({ kind: "lostClient", customerId: f.customerId, from: day(2) });
      const w = await getScenarioWorkspace({ db: h.db, ctx: owner, clock });
      expect(w.recurring.length).toBeGreaterThan(0);
      await add({ kind: "move", recurring: w.recurring[0]!.key, from: TODAY, shiftDays: "5" });
      await add({ kind: "promise", targetId: ids.invoice, date: day(9) });
      await add({ kind: "promise", targetId: ids.invoice, date: day(12) }); // replaces the first
      const [row] = (await getScenarioWorkspace({ db: h.db, ctx: owner, clock })).scenarios.filter(
        (x) => x.id === s.scenarioId,
      );
      expect(row!.body.items).toEqual([
        expect.objectContaining({ kind: "hire", monthlyCents: 650_000, taxBp: 765, payDay: 28 }),
        expect.objectContaining({ kind: "lostClient", customerId: f.customerId, from: day(2) }),
        expect.objectContaining({ kind: "move", recurring: w.recurring[0]!.key, shiftDays: 5 }),
      ]);
      expect(row!.body.decisions).toEqual([{ kind: "promise", targetId: ids.invoice, date: day(12) }]);
      // Field errors, never a 500: a percentage too large, a client or recurring item not in the books.
      const bad = ZScenarioEntryForm.safeParse({
        kind: "hire",
        name: "",
        monthly: "abc",
        from: "x",
        payDay: "0",
        taxPercent: "75",
      });
      expect(new Set(bad.error!.issues.map((i) => i.path.join(".")))).toEqual(
        new Set(["name", "monthly", "from", "payDay", "taxPercent"]),
      );
      await expect(add({ kind: "lostClient", customerId: "999999", from: day(2) })).rejects.toMatchObject({
        code: "invalid_input",
        fieldErrors: { customerId: ["Pick a client from the list"] },
      });
      await expect(
        add({ kind: "move", recurring: "vendor:999:1", from: TODAY, shiftDays: "5" }),
      ).rejects.toMatchObject({
        fieldErrors: { recurring: ["Pick a recurring item from the list"] },
      });
      await expect(add({ kind: "promise", targetId: ids.paidLater, date: day(9) })).rejects.toMatchObject({
        fieldErrors: { targetId: ["Pick an open invoice"] },
      });
      // Removing: by its entry key; twice is "no longer in the scenario".
      const hireId = row!.body.items[0]!.id;
      await removeScenarioEntry({
        db: h.db,
        ctx: owner,
        clock,
        scenarioId: s.scenarioId,
        entry: `item:${hireId}`,
      });
      await expect(
        removeScenarioEntry({
          db: h.db,
          ctx: owner,
          clock,
          scenarioId: s.scenarioId,
          entry: `item:${hireId}`,
        }),
      ).rejects.toMatchObject({ code: "not_found" });
      await expect(
        addScenarioEntry({
          db: h.db,
          ctx: await ctxOf(f.viewer),
          clock,
          scenarioId: s.scenarioId,
          entry: ZScenarioEntryForm.parse({ kind: "remind", targetId: ids.invoice }),
        }),
      ).rejects.toMatchObject({ code: "forbidden" });
    });
  });

  it("every field of the editor's forms says what is wrong in its own words", () => {
    const errors = (entry: Record<string, unknown>) => {
      const r = ZScenarioEntryForm.safeParse(entry);
      return r.success ? {} : fieldErrorsOf(r.error);
    };
    expect(
      errors({
        kind: "hire",
        name: " ",
        monthly: "0",
        from: "2026-02-30",
        payDay: "32",
        taxPercent: "7.655",
      }),
    ).toEqual({
      name: ["Name it"],
      monthly: ["The amount must be more than zero"],
      from: ["Pick the start date"],
      payDay: ["A day from 1 to 31"],
      taxPercent: ["Enter a percentage like 7.65"],
    });
    expect(
      errors({
        kind: "hire",
        name: "x".repeat(81),
        monthly: "1",
        from: TODAY,
        payDay: "0",
        taxPercent: "50.01%",
      }),
    ).toEqual({
      name: ["At most 80 characters"],
      payDay: ["A day from 1 to 31"],
      taxPercent: ["At most 50%"],
    });
    expect(
      errors({ kind: "hire", name: "a", monthly: "1", from: TODAY, payDay: "1", taxPercent: "12.5%" }),
    ).toEqual({});
    expect(
      ZScenarioEntryForm.parse({
        kind: "hire",
        name: "a",
        monthly: "1",
        from: TODAY,
        payDay: "31",
        taxPercent: "12.5 %",
      }),
    ).toMatchObject({ payDay: 31, taxPercent: 1250 });
    expect(errors({ kind: "hire" })).toEqual({
      name: ["Name it"],
      monthly: ["Enter an amount like 6500.00"],
      from: ["Pick the start date"],
      payDay: ["A day from 1 to 31"],
      taxPercent: ["Enter a percentage like 7.65"],
    });
    expect(errors({ kind: "loan" })).toEqual({
      name: ["Name it"],
      amount: ["Enter an amount like 50000.00"],
      on: ["Pick the draw date"],
      repayment: ["Enter an amount like 1500.00"],
      firstRepayment: ["Pick the first repayment date"],
      months: ["From 1 to 360 months"],
    });
    expect(
      errors({
        kind: "loan",
        name: "a",
        amount: "1",
        on: TODAY,
        repayment: "1",
        firstRepayment: TODAY,
        months: "361",
      }),
    ).toEqual({
      months: ["From 1 to 360 months"],
    });
    expect(errors({ kind: "retainer" })).toEqual({
      name: ["Name it"],
      monthly: ["Enter an amount like 4000.00"],
      from: ["Pick the start date"],
      dayOfMonth: ["A day from 1 to 31"],
    });
    expect(errors({ kind: "oneOff", direction: "sideways" })).toEqual({
      name: ["Name it"],
      direction: ["Money in or out?"],
      amount: ["Enter an amount like 2500.00"],
      on: ["Pick the date"],
    });
    expect(errors({ kind: "lostClient", customerId: "x" })).toEqual({
      customerId: ["Pick the client"],
      from: ["Pick the date the client leaves"],
    });
    expect(errors({ kind: "lostClient" })).toMatchObject({ customerId: ["Pick the client"] });
    expect(errors({ kind: "move", recurring: "", from: "x", shiftDays: "0" })).toEqual({
      recurring: ["Pick a recurring item"],
      from: ["Pick the first date it moves from"],
      shiftDays: ["Move it by at least one day"],
    });
    expect(errors({ kind: "move" })).toMatchObject({ recurring: ["Pick a recurring item"] });
    expect(errors({ kind: "move", recurring: "k", from: TODAY, shiftDays: "-28" })).toEqual({
      shiftDays: ["From −27 to 60 days"],
    });
    expect(errors({ kind: "move", recurring: "k", from: TODAY, shiftDays: "61" })).toEqual({
      shiftDays: ["From −27 to 60 days"],
    });
    expect(errors({ kind: "move", recurring: "k", from: TODAY, shiftDays: "-27" })).toEqual({});
    expect(errors({ kind: "schedule", targetId: "x", date: "" })).toEqual({
      targetId: ["Pick a document"],
      date: ["Pick the payment date"],
    });
    expect(errors({ kind: "promise", targetId: "1", date: "" })).toEqual({
      date: ["Pick the promised date"],
    });
  });

  it("every kind of entry is stored as the engine reads it; the workspace lists what the editor can name", async () => {
    const owner = await ctxOf(f.owner);
    const s = await ownersScenario("Everything");
    const w = await getScenarioWorkspace({ db: h.db, ctx: owner, clock });
    expect(w.asOf).toBe(TODAY);
    expect(w.currency).toBe("USD");
    expect(w.horizonEnd).toBe(day(90));
    // Open documents, by due date; customers by name; recurring items with a key each.
    const dues = w.invoices.map((i) => i.dueDate ?? "");
    expect(dues).toEqual([...dues].sort());
    expect(w.invoices.every((i) => i.balanceCents > 0)).toBe(true);
    expect(w.invoices.find((i) => i.id === ids.invoice)).toMatchObject({
      balanceCents: 150_000,
      dueDate: day(-40),
    });
    expect(w.invoices.some((i) => i.id === ids.paidLater)).toBe(false);
    expect(w.invoices.find((i) => i.id === ids.invoice)!.party).toEqual(expect.any(String));
    const names = w.customers.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(w.scenarios.find((x) => x.id === s.scenarioId)).toMatchObject({
      name: "Everything",
      active: false,
      commit: null,
    });
    const base = await getRunway({ db: h.db, ctx: owner });
    for (const r of w.recurring) {
      expect(r.key).toMatch(/^(template:\d+|vendor:\d+:\d+|card:\d+:\d+)$/);
      if (r.next)
        expect(
          base.outflows
            .concat(base.inflows)
            .some((x) => x.date === r.next && x.amountCents === r.amountCents),
        ).toBe(true);
    }
    const add = (entry: Record<string, unknown>) =>
      addScenarioEntry({
        db: h.db,
        ctx: owner,
        clock,
        scenarioId: s.scenarioId,
        entry: ZScenarioEntryForm.parse(entry),
      });
    expect(
      (
        await add({
          kind: "loan",
          name: "Bank line",
          amount: "50000",
          on: day(3),
          repayment: "1500.50",
          firstRepayment: day(33),
          months: "36",
        })
      ).message,
    ).toBe("“Everything” updated.");
    await add({ kind: "retainer", name: "New client", monthly: "4000", from: day(5), dayOfMonth: "1" });
    await add({ kind: "oneOff", name: "Refund", direction: "in", amount: "120", on: day(6) });
    await add({ kind: "oneOff", name: "Laptop", direction: "out", amount: "1999.99", on: day(7) });
    await add({ kind: "remind", targetId: ids.invoice });
    const [row] = await h.db.select().from(scenarios).where(eq(scenarios.id, s.scenarioId));
    const stored = parseScenarioBody(row!.body);
    expect(stored.items.map(({ id: _, ...it }) => it)).toEqual([
      {
        kind: "loan",
        name: "Bank line",
        amountCents: 5_000_000,
        on: day(3),
        repaymentCents: 150_050,
        firstRepayment: day(33),
        months: 36,
      },
      { kind: "retainer", name: "New client", monthlyCents: 400_000, from: day(5), dayOfMonth: 1 },
      { kind: "oneOff", name: "Refund", amountCents: 12_000, on: day(6) },
      { kind: "oneOff", name: "Laptop", amountCents: -199_999, on: day(7) },
    ]);
    expect(new Set(stored.items.map((it) => it.id)).size).toBe(4);
    expect(stored.decisions.at(-1)).toEqual({ kind: "remind", targetId: ids.invoice });
    const audits = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.businessId, f.biz), eq(auditLog.action, "scenario.updated")));
    // The last of this scenario's updates (four items, one decision) is among them.
    expect(audits.map((a) => a.detail)).toContainEqual({
      scenarioId: s.scenarioId,
      name: "Everything",
      items: 4,
      decisions: 1,
    });
    // Refused with the field named: a repayment before the draw, a date before today.
    await expect(
      add({
        kind: "loan",
        name: "x",
        amount: "1",
        on: day(3),
        repayment: "1",
        firstRepayment: day(2),
        months: "1",
      }),
    ).rejects.toMatchObject({
      fieldErrors: { firstRepayment: ["The first repayment comes after the draw"] },
    });
    await expect(add({ kind: "promise", targetId: ids.invoice, date: day(-1) })).rejects.toMatchObject({
      fieldErrors: { date: [`Pick today (${TODAY}) or later`] },
    });
    await expect(add({ kind: "schedule", targetId: "999999", date: day(1) })).rejects.toMatchObject({
      fieldErrors: { targetId: ["Pick an open bill"] },
    });
    await expect(add({ kind: "remind", targetId: ids.paidLater })).rejects.toMatchObject({
      fieldErrors: { targetId: ["Pick an open invoice"] },
    });
    // A decision is removed by its key; a scenario full of items refuses one more.
    await removeScenarioEntry({
      db: h.db,
      ctx: owner,
      clock,
      scenarioId: s.scenarioId,
      entry: `decision:remind:${ids.invoice}`,
    });
    const [after] = await h.db.select().from(scenarios).where(eq(scenarios.id, s.scenarioId));
    expect(parseScenarioBody(after!.body).decisions.some((d) => d.kind === "remind")).toBe(false);
    for (let i = 0; i < 16; i++)
      await add({ kind: "oneOff", name: `x${i}`, direction: "out", amount: "1", on: day(9) });
    await expect(
      add({ kind: "oneOff", name: "one more", direction: "out", amount: "1", on: day(9) }),
    ).rejects.toMatchObject({
      code: "invalid_input",
      message: "At most 20 items",
    });
    await expect(
      removeScenarioEntry({ db: h.db, ctx: owner, clock, scenarioId: "not-a-uuid", entry: "item:x" }),
    ).rejects.toMatchObject({ code: "not_found", message: "Scenario not found" });
  });

  it("a scenario without decisions commits nothing and says so; a decision whose date has passed no longer applies; turning the digest line off", async () => {
    const owner = await ctxOf(f.owner);
    const client = async () => qbo.client();
    const empty = await ownersScenario("Only a hire");
    const r = await commitScenario({ db: h.db, ctx: owner, clock, scenarioId: empty.scenarioId, client });
    expect(r).toEqual({
      outcomes: [],
      message: "“Only a hire” has no decisions to commit; its hypothetical items stay a plan.",
    });
    const dated = await ownersScenario("Dated", {
      decisions: [{ kind: "promise", targetId: ids.invoice, date: day(1) }],
    });
    const later: Clock = { now: () => new Date(NOW + 2 * 86_400_000) };
    const c = await commitScenario({
      db: h.db,
      ctx: owner,
      clock: later,
      scenarioId: dated.scenarioId,
      client,
    });
    expect(c.outcomes.map((o) => [o.status, o.message, o.date])).toEqual([
      ["noLongerApplies", "No longer applies: its date has passed.", day(1)],
    ]);
    expect(c.message).toBe("“Dated”: 0 of 1 committed.");
    const audit = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.businessId, f.biz), eq(auditLog.action, "scenario.committed")));
    expect(audit.find((a) => a.detail.scenarioId === dated.scenarioId)!.detail).toEqual({
      scenarioId: dated.scenarioId,
      name: "Dated",
      committed: 0,
      failed: 0,
      noLongerApplies: 1,
    });
    await setActiveScenario({ db: h.db, ctx: owner, scenarioId: dated.scenarioId, active: true });
    expect(
      (await setActiveScenario({ db: h.db, ctx: owner, scenarioId: dated.scenarioId, active: false }))
        .message,
    ).toBe("The digest no longer mentions “Dated”.");
    const toggles = await h.db
      .select({ action: auditLog.action, detail: auditLog.detail })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.businessId, f.biz),
          inArray(auditLog.action, ["scenario.activated", "scenario.deactivated"]),
        ),
      );
    expect(
      toggles
        .filter((t) => t.detail.scenarioId === dated.scenarioId)
        .map((t) => t.action)
        .sort(),
    ).toEqual(["scenario.activated", "scenario.deactivated"]);
    await expect(
      commitScenario({
        db: h.db,
        ctx: owner,
        clock,
        scenarioId: "00000000-0000-4000-8000-000000000000",
        client,
      }),
    ).rejects.toMatchObject({ code: "not_found", message: "Scenario not found" });
  });

  it("names, ids and edges of saving, comparing and editing: each refused in its own words, each low measured where it is", async () => {
    const owner = await ctxOf(f.owner);
    // The name: required, at most 80 characters, trimmed.
    const nameErr = (name: string) =>
      ZSaveScenario.safeParse({ name, body: body() }).error?.issues[0]?.message;
    expect([nameErr(" "), nameErr("x".repeat(81)), nameErr("x".repeat(80))]).toEqual([
      "Name the scenario",
      "At most 80 characters",
      undefined,
    ]);
    expect(ZSaveScenario.parse({ name: "  Plan  ", body: body() }).name).toBe("Plan");
    // Created, then updated under the same id: each audited with what it holds.
    const made = await ownersScenario("Edges");
    await saveScenario({
      db: h.db,
      ctx: owner,
      clock,
      input: {
        scenarioId: made.scenarioId,
        name: "Edges 2",
        body: body({ items: [{ kind: "oneOff", id: "o", name: "x", amountCents: 100, on: day(1) }] }),
      },
    });
    const trail = await h.db
      .select({ action: auditLog.action, detail: auditLog.detail })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.businessId, f.biz),
          inArray(auditLog.action, ["scenario.created", "scenario.updated"]),
        ),
      );
    const mine = trail.filter((t) => t.detail.scenarioId === made.scenarioId);
    expect(mine).toContainEqual({
      action: "scenario.created",
      detail: { scenarioId: made.scenarioId, name: "Edges", items: 0, decisions: 0 },
    });
    expect(mine).toContainEqual({
      action: "scenario.updated",
      detail: { scenarioId: made.scenarioId, name: "Edges 2", items: 1, decisions: 0 },
    });
    // Ids: a malformed one, or a well-formed one that is not this business's, is "not found".
    const stranger = "00000000-0000-4000-8000-000000000000";
    for (const bad of ["nope", stranger]) {
      await expect(deleteScenario({ db: h.db, ctx: owner, scenarioId: bad })).rejects.toMatchObject({
        code: "not_found",
        message: "Scenario not found",
      });
      await expect(
        removeScenarioEntry({ db: h.db, ctx: owner, clock, scenarioId: bad, entry: "item:o" }),
      ).rejects.toMatchObject({ code: "not_found", message: "Scenario not found" });
      await expect(
        commitScenario({ db: h.db, ctx: owner, clock, scenarioId: bad, client: async () => qbo.client() }),
      ).rejects.toMatchObject({ code: "not_found", message: "Scenario not found" });
    }
    await expect(
      compareScenarios({ db: h.db, ctx: owner, clock, scenarioIds: [made.scenarioId, "nope"] }),
    ).rejects.toMatchObject({ code: "not_found", message: "Scenario not found" });
    // Nothing to compare: the base alone. Three: all three.
    const alone = await compareScenarios({ db: h.db, ctx: owner, clock, scenarioIds: [] });
    expect(alone.scenarios).toEqual([]);
    const three = (await listScenarios({ db: h.db, ctx: owner })).slice(0, 3).map((x) => x.id);
    expect(
      (await compareScenarios({ db: h.db, ctx: owner, clock, scenarioIds: three })).scenarios,
    ).toHaveLength(3);
    // A scenario with nothing in it is the plan exactly — committed decisions included.
    const empty = await ownersScenario("Nothing at all");
    const same = await compareScenarios({ db: h.db, ctx: owner, clock, scenarioIds: [empty.scenarioId] });
    expect(same.scenarios[0]!.path).toEqual(same.base.path);
    expect(same.scenarios[0]!.runway).toEqual(same.base.runway);
    // The 4-week low: the lowest of today's opening spendable and days 0–27, the first such day.
    const runway = await getRunway({ db: h.db, ctx: owner });
    const closes = same.base.path.slice(0, 28);
    const lowest = Math.min(runway.spendableCents, ...closes.map((p) => p.spendableCents));
    expect(same.base.low4Weeks.spendableCents).toBe(lowest);
    expect(same.base.low4Weeks.date).toBe(
      runway.spendableCents === lowest ? TODAY : closes.find((p) => p.spendableCents === lowest)!.date,
    );
    // A pay date for an open bill is stored; one before today is refused.
    const w = await getScenarioWorkspace({ db: h.db, ctx: owner, clock });
    const bill = w.bills[0]!;
    await addScenarioEntry({
      db: h.db,
      ctx: owner,
      clock,
      scenarioId: made.scenarioId,
      entry: ZScenarioEntryForm.parse({ kind: "schedule", targetId: bill.id, date: day(4) }),
    });
    const [row] = await h.db.select().from(scenarios).where(eq(scenarios.id, made.scenarioId));
    expect(parseScenarioBody(row!.body).decisions).toEqual([
      { kind: "schedule", targetId: bill.id, date: day(4) },
    ]);
    await expect(
      addScenarioEntry({
        db: h.db,
        ctx: owner,
        clock,
        scenarioId: made.scenarioId,
        entry: ZScenarioEntryForm.parse({ kind: "schedule", targetId: bill.id, date: day(-1) }),
      }),
    ).rejects.toMatchObject({ fieldErrors: { date: [`Pick today (${TODAY}) or later`] } });
    // A moved recurring item is saved under the name of what it moves.
    expect(w.recurring.length).toBeGreaterThan(0);
    {
      const r = w.recurring[0]!;
      await addScenarioEntry({
        db: h.db,
        ctx: owner,
        clock,
        scenarioId: made.scenarioId,
        entry: ZScenarioEntryForm.parse({ kind: "move", recurring: r.key, from: TODAY, shiftDays: "3" }),
      });
      const [moved] = await h.db.select().from(scenarios).where(eq(scenarios.id, made.scenarioId));
      const item = parseScenarioBody(moved!.body).items.find((x) => x.kind === "move")!;
      const subject = r.subject;
      const expected =
        subject.kind === "template"
          ? (subject.party ?? subject.name ?? "Recurring item")
          : subject.kind === "detected"
            ? subject.toCard
              ? "Card payment"
              : (subject.party ?? "Recurring payment")
            : "Recurring item";
      expect(item.name).toBe(expected);
      expect(item.name.length).toBeGreaterThan(0);
    }
  });

  it("a pay date already passed no longer applies though its bill is open; deactivating one scenario leaves another active", async () => {
    const owner = await ctxOf(f.owner);
    const w = await getScenarioWorkspace({ db: h.db, ctx: owner, clock });
    const bill = w.bills[0]!;
    const s = await ownersScenario("Passed", {
      decisions: [{ kind: "schedule", targetId: bill.id, date: day(1) }],
    });
    const later: Clock = { now: () => new Date(NOW + 3 * 86_400_000) };
    const r = await commitScenario({
      db: h.db,
      ctx: owner,
      clock: later,
      scenarioId: s.scenarioId,
      client: async () => qbo.client(),
    });
    expect(r.outcomes.map((o) => [o.status, o.message])).toEqual([
      ["noLongerApplies", "No longer applies: its date has passed."],
    ]);
    const a = await ownersScenario("Stays active");
    const b = await ownersScenario("Never active");
    await setActiveScenario({ db: h.db, ctx: owner, scenarioId: a.scenarioId, active: true });
    await setActiveScenario({ db: h.db, ctx: owner, scenarioId: b.scenarioId, active: false });
    const active = await h.db
      .select()
      .from(scenarios)
      .where(and(eq(scenarios.businessId, f.biz), eq(scenarios.active, true)));
    expect(active.map((x) => x.name)).toEqual(["Stays active"]);
    const audit = await h.db
      .select({ action: auditLog.action, detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.businessId, f.biz), eq(auditLog.action, "scenario.activated")));
    expect(audit.map((x) => x.detail)).toContainEqual({ scenarioId: a.scenarioId, name: "Stays active" });
    await setActiveScenario({ db: h.db, ctx: owner, scenarioId: a.scenarioId, active: false });
  });
});
