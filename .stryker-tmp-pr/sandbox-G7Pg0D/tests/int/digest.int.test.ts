// @ts-nocheck
import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scheduleDigests, weeklyDigest } from "@/inngest/functions";
import { describeAlert } from "@/lib/alert-words";
import { formatMoney } from "@/lib/format";
import { getBusinessContext } from "@/server/access/business-context";
import { ALERT_DETAIL_VERSION, parseAlertDetail } from "@/server/alerts/alert-detail";
import { evaluateAlerts } from "@/server/alerts/alerts";
import { type Clock, setClockForProcess } from "@/server/clock";
import {
  businesses,
  cashSnapshots,
  digestDeliveries,
  digests,
  emails,
  memberships,
  notificationPrefs,
  outboxEvents,
  runwayAlerts,
} from "@/server/db/schema";
import { enqueueDueDigests, getStoredDigest, listDigests, runWeeklyDigest } from "@/server/digest/digests";
import { signLink, unsubscribeLinkExpiry } from "@/server/digest/links";
import { updateAlertSettings } from "@/server/digest/manage";
import { openSignedDigest, unsubscribeWithLink, viewUnsubscribe } from "@/server/digest/signed";
import type { TDigestSnapshot } from "@/server/digest/snapshot";
import { getEnv, resetEnvForTests } from "@/server/env";
import { dispatchOnce } from "@/server/jobs/dispatcher";
import { runSyncForBusiness } from "@/server/jobs/run-sync";
import { createReserve } from "@/server/reserve/reserves";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { addMember, makeBusiness, makeUser } from "../support/factories";
import { connectToEmulator, testKey } from "../support/qbo";
import type { TExport } from "../support/runway-oracle";

/*
 * The weekly digest end to end on a real database and the QBO emulator: sync → cash snapshot →
 * the hourly job (twice) → one stored digest and one email per recipient → the signed link →
 * a week later, forecast versus actual; and projection alerts raised once per crossing.
 * Expected figures come from the emulator's export, never from our own engine.
 */
const MONDAY_9AM_NY = Date.parse("2026-11-30T14:00:00Z");
const WEEK = 7 * 86_400_000;

describe(`weekly digest, signed links and alerts (${testBackend})`, () => {
  let h: TestDatabase;
  let qbo: Awaited<ReturnType<typeof connectToEmulator>>;
  const f = {} as { owner: string; ownerEmail: string; bookkeeper: string; viewer: string; biz: string };
  const saved = { ...process.env };
  const clock: Clock & { at: number } = { at: MONDAY_9AM_NY, now: () => new Date(clock.at) };

  const mutate = (body: Record<string, unknown>) => qbo.admin(`companies/${qbo.realmId}/mutations`, body);
  const exportCash = async () => {
    const exp = (await qbo.admin(`companies/${qbo.realmId}/export`)) as unknown as TExport;
    return (exp.entities.Account ?? [])
      .filter((a) => a.AccountType === "Bank" && a.Active)
      .reduce((s: number, a) => s + (a.CurrentBalance as number), 0);
  };
  const sync = async () => {
    const r = await runSyncForBusiness({ db: h.db, businessId: f.biz, trigger: "manual" });
    expect(r.status).toBe("succeeded");
  };
  const drain = async () => {
    while ((await dispatchOnce(h.db, 10)) > 0) {
      // until the outbox is empty
    }
  };
  /** Move our clock and the emulator's together. */
  const advance = async (ms: number) => {
    clock.at += ms;
    await qbo.admin("clock", { setMs: clock.at });
  };

  beforeAll(async () => {
    h = await useTestDatabase();
    const owner = await makeUser(h.db);
    f.owner = owner.id;
    f.ownerEmail = owner.email!;
    f.bookkeeper = (await makeUser(h.db)).id;
    f.viewer = (await makeUser(h.db)).id;
    f.biz = await makeBusiness(h.db, f.owner, { name: "Northwind Creative" });
    await addMember(h.db, f.biz, f.bookkeeper, "bookkeeper");
    await addMember(h.db, f.biz, f.viewer, "viewer");
    qbo = await connectToEmulator(h.db, f.biz, { seed: 7, today: "2026-11-30", startMs: MONDAY_9AM_NY });
    Object.assign(process.env, {
      QBO_BASE_URL: qbo.base,
      TOKEN_ENCRYPTION_KEY: testKey,
      QBO_THROTTLE_WAIT_MS: "20",
    });
    resetEnvForTests();
    setClockForProcess(clock);
    await sync();
  }, 120_000);
  afterAll(async () => {
    process.env = saved;
    resetEnvForTests();
    setClockForProcess(undefined);
    await qbo?.emu.stop();
    await h?.close();
  });

  it("each sync stores the day's cash snapshot, equal to the emulator's bank balances", async () => {
    const rows = await h.db.select().from(cashSnapshots).where(eq(cashSnapshots.businessId, f.biz));
    expect(rows).toEqual([
      {
        businessId: f.biz,
        date: "2026-11-30",
        cashCents: await exportCash(),
        takenAt: new Date(MONDAY_9AM_NY),
      },
    ]);
    expect(rows[0]!.cashCents).toBeGreaterThan(1_000_000);
  });

  it("the hourly job is not due before Monday 08:00 local time", async () => {
    const sunday = new Date(MONDAY_9AM_NY - 2 * 3_600_000); // Monday 07:00 in New York
    expect(await enqueueDueDigests(h.db, sunday)).toBe(0);
  });

  it("running the weekly job twice in one week makes one digest and one email per recipient", async () => {
    expect(await enqueueDueDigests(h.db, clock.now())).toBe(1);
    expect(await enqueueDueDigests(h.db, clock.now())).toBe(0); // same week: same event id
    await drain();
    // A duplicate job run (Inngest retry, a second process) and two at once: all no-ops.
    const again = await Promise.all([
      runWeeklyDigest({ db: h.db, businessId: f.biz, isoWeek: "2026-W49", now: clock.now() }),
      runWeeklyDigest({ db: h.db, businessId: f.biz, isoWeek: "2026-W49", now: clock.now() }),
    ]);
    for (const r of again) expect(r).toMatchObject({ created: false });
    const { result } = await new InngestTestEngine({ function: weeklyDigest }).execute({
      events: [{ name: "digest/weekly.requested", data: { businessId: f.biz, isoWeek: "2026-W49" } }],
    });
    expect(result).toMatchObject({ created: false });
    await drain();

    const ds = await h.db.select().from(digests).where(eq(digests.businessId, f.biz));
    expect(ds.map((d) => [d.kind, d.isoWeek, d.asOf])).toEqual([["weekly", "2026-W49", "2026-11-30"]]);
    const deliveries = await h.db
      .select()
      .from(digestDeliveries)
      .where(eq(digestDeliveries.digestId, ds[0]!.id));
    // Owner and bookkeeper; the viewer gets none.
    expect(deliveries.map((d) => d.userId).sort()).toEqual([f.owner, f.bookkeeper].sort());
    expect(deliveries.every((d) => d.status === "sent" && d.emailId)).toBe(true);
    const sent = await h.db.select().from(emails).where(eq(emails.kind, "digest"));
    expect(sent).toHaveLength(2);
    expect(new Set(sent.map((e) => e.toAddress)).size).toBe(2);
    const mine = sent.find((e) => e.toAddress === f.ownerEmail)!;
    expect(mine.subject).toMatch(/^Northwind Creative: runway /);
    expect(mine.html).toContain("Open the digest");
    expect(mine.text).toMatch(/Runway: .*\n[\s\S]*this week's actions/i);
  });

  const linkIn = (html: string, kind: "d" | "unsubscribe") => {
    const m = new RegExp(`http://localhost:3000/${kind}/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)`).exec(html);
    expect(m, `a /${kind}/ link in the email`).not.toBeNull();
    return m![1]!;
  };

  it("the email's link opens that digest read-only; tampered, expired or revoked links do not", async () => {
    const secret = getEnv().authSecret;
    const [mail] = await h.db
      .select()
      .from(emails)
      .where(and(eq(emails.kind, "digest"), eq(emails.toAddress, f.ownerEmail)));
    const token = linkIn(mail!.html!, "d");
    const opened = await openSignedDigest({ db: h.db, token, secret, now: clock.now() });
    expect(opened.ok).toBe(true);
    const [stored] = await h.db.select().from(digests).where(eq(digests.businessId, f.biz));
    if (opened.ok) {
      expect(opened.digest.id).toBe(stored!.id);
      expect(opened.business.name).toBe("Northwind Creative");
      expect(opened.digest.snapshot.cashOnHandCents).toBe(await exportCash());
    }
    const [body, sig] = token.split(".") as [string, string];
    const other = JSON.parse(Buffer.from(body, "base64url").toString());
    other.d = "00000000-0000-4000-8000-000000000000";
    const forged = `${Buffer.from(JSON.stringify(other)).toString("base64url")}.${sig}`;
    expect(await openSignedDigest({ db: h.db, token: forged, secret, now: clock.now() })).toEqual({
      ok: false,
      reason: "signature",
    });
    const later = new Date(clock.at + 14 * 86_400_000 + 1000);
    expect(await openSignedDigest({ db: h.db, token, secret, now: later })).toEqual({
      ok: false,
      reason: "expired",
    });

    // The bookkeeper loses access: their link stops working at once.
    const [bkMail] = await h.db
      .select({ html: emails.html })
      .from(emails)
      .innerJoin(digestDeliveries, eq(digestDeliveries.emailId, emails.id))
      .where(eq(digestDeliveries.userId, f.bookkeeper));
    const bkToken = linkIn(bkMail!.html!, "d");
    await h.db
      .delete(memberships)
      .where(and(eq(memberships.businessId, f.biz), eq(memberships.userId, f.bookkeeper)));
    expect(await openSignedDigest({ db: h.db, token: bkToken, secret, now: clock.now() })).toEqual({
      ok: false,
      reason: "no_access",
    });
    await addMember(h.db, f.biz, f.bookkeeper, "bookkeeper");
  });

  it("another business cannot read this business's digests", async () => {
    const stranger = await makeBusiness(h.db, (await makeUser(h.db)).id);
    const [stored] = await h.db.select().from(digests).where(eq(digests.businessId, f.biz));
    expect(await getStoredDigest({ db: h.db, businessId: stranger, digestId: stored!.id })).toBeNull();
    expect(await listDigests({ db: h.db, businessId: stranger })).toEqual([]);
    expect(await listDigests({ db: h.db, businessId: f.biz })).toEqual([
      expect.objectContaining({ id: stored!.id, kind: "weekly", isoWeek: "2026-W49", sent: 2, pending: 0 }),
    ]);
  });

  it("a week later, with the ledger changed, the next digest compares last week's forecast with actual cash", async () => {
    // The bookkeeper unsubscribes with the link in their email.
    const [bkMail] = await h.db
      .select({ html: emails.html })
      .from(emails)
      .innerJoin(digestDeliveries, eq(digestDeliveries.emailId, emails.id))
      .where(eq(digestDeliveries.userId, f.bookkeeper));
    const unsub = linkIn(bkMail!.html!, "unsubscribe");
    expect(
      await unsubscribeWithLink({ db: h.db, token: unsub, secret: getEnv().authSecret, now: clock.now() }),
    ).toMatchObject({
      businessName: "Northwind Creative",
    });
    const [pref] = await h.db
      .select()
      .from(notificationPrefs)
      .where(eq(notificationPrefs.userId, f.bookkeeper));
    expect(pref).toMatchObject({ digestEmail: false, alertEmail: true });

    const [first] = await h.db.select().from(digests).where(eq(digests.businessId, f.biz));
    const week1 = first!.snapshot as unknown as TDigestSnapshot;
    await advance(WEEK);
    // What happened meanwhile: the bank balance moved to a figure no forecast guessed.
    await mutate({ op: "setBankBalance", cents: 12_345_678 });
    await sync();
    const actual = await exportCash();
    // This time the hourly fan-out runs as the Inngest function (the same server/ use case).
    const fanOut = await new InngestTestEngine({ function: scheduleDigests }).execute();
    expect(fanOut.result).toEqual({ enqueued: 1 });
    await drain();

    const rows = await h.db.select().from(digests).where(eq(digests.businessId, f.biz));
    const second = rows.find((d) => d.isoWeek === "2026-W50")!;
    const s = second.snapshot as unknown as TDigestSnapshot;
    // By hand: last week's projected cash at the end of Sunday Dec 6 against cash on hand now.
    const projected = week1.days.find((d) => d.date === "2026-12-06")!.cashCents;
    const error = actual - projected;
    const bp = Math.round((Math.abs(error) * 10000) / Math.abs(actual));
    expect(s.forecastVsActual).toEqual({
      previousDigestId: first!.id,
      previousAsOf: "2026-11-30",
      date: "2026-12-07",
      projectedCents: projected,
      actualCents: actual,
      errorCents: error,
      errorBp: bp,
    });
    expect(s.accuracy).toEqual({ pairs: 1, sumErrorBp: bp });
    expect(s.sinceLastWeek).toMatchObject({
      since: "2026-11-30",
      cashThenCents: week1.cashOnHandCents,
      cashDeltaCents: actual - week1.cashOnHandCents,
    });
    // Only the owner gets this one: the bookkeeper unsubscribed.
    const deliveries = await h.db
      .select()
      .from(digestDeliveries)
      .where(eq(digestDeliveries.digestId, second.id));
    expect(deliveries.map((d) => d.userId)).toEqual([f.owner]);
  });

  it("alerts: a crossing raises one alert; recomputed, none; recovery then a new crossing raises a second, emailed only after a day", async () => {
    const alerts = () => h.db.select().from(runwayAlerts).where(eq(runwayAlerts.businessId, f.biz));
    const alertEmails = () => h.db.select().from(emails).where(eq(emails.kind, "alert"));
    await h.db.update(businesses).set({ alertBelowCents: 0 }).where(eq(businesses.id, f.biz));
    // The last test left $123,456.78 in the bank, which the forecast already runs through (an
    // alert is open). Plenty of cash: that alert recovers and nothing is open.
    await mutate({ op: "setBankBalance", cents: 50_000_000 });
    await sync();
    await drain();
    const before = await alerts();
    expect(before.every((a) => a.recoveredAt !== null)).toBe(true);
    const mailsBefore = (await alertEmails()).length;
    // The earlier tests' alert was emailed today: a day passes, so this one's email may go.
    await advance(25 * 3_600_000);
    expect((await evaluateAlerts({ db: h.db, businessId: f.biz, now: clock.now() })).raised).toEqual([]);

    // A bill larger than all the cash, due in three days (Thursday Dec 10).
    const cash = await exportCash();
    const vendor = (await qbo.admin(`companies/${qbo.realmId}/export`)) as unknown as TExport;
    const vendorId = (vendor.entities.Vendor ?? []).find((v) => v.Active)!.Id as string;
    const bill = (
      (await mutate({
        op: "createBill",
        vendorId,
        dueDate: "2026-12-10",
        amountCents: cash + 5_000_000,
      })) as {
        result: { Id: string };
      }
    ).result;
    await sync(); // the sync evaluates alerts
    const fresh = async () => (await alerts()).filter((a) => !before.some((b) => b.id === a.id));
    let rows = await fresh();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "balance", crossingDate: "2026-12-10", recoveredAt: null });
    const detail = rows[0]!.detail as { drivers: { amountCents: number; date: string }[] };
    expect(detail.drivers[0]).toMatchObject({ amountCents: cash + 5_000_000, date: "2026-12-10" });
    expect(
      await h.db
        .select()
        .from(outboxEvents)
        .where(eq(outboxEvents.id, `alert:${rows[0]!.id}`)),
    ).toHaveLength(1);

    // The same crossing, recomputed (another sync, a direct evaluation): nothing new.
    await sync();
    expect(await evaluateAlerts({ db: h.db, businessId: f.biz, now: clock.now() })).toMatchObject({
      raised: [],
      recovered: [],
    });
    await drain();
    let mails = (await alertEmails()).slice(mailsBefore);
    expect(mails.map((m) => m.toAddress)).toEqual([f.ownerEmail]); // owners only, once
    expect(mails[0]!.subject).toContain("falls below $0.00 on Dec 10, 2026");
    expect(mails[0]!.text).toContain("Biggest driver");

    // Recovery: the bill is deleted in QuickBooks.
    await mutate({ op: "deleteBill", id: bill.Id });
    await sync();
    rows = await fresh();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.recoveredAt).not.toBeNull();

    // A new crossing raises a second alert (and a second email).
    await mutate({ op: "createBill", vendorId, dueDate: "2026-12-11", amountCents: cash + 1_000_000 });
    await sync();
    await drain();
    rows = await fresh();
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.recoveredAt === null)).toEqual([
      expect.objectContaining({ crossingDate: "2026-12-11" }),
    ]);
    // … but no second email the same day (finding 6: at most one per business and kind per 24 h).
    mails = (await alertEmails()).slice(mailsBefore);
    expect(mails).toHaveLength(1);
    const second = (await fresh()).find((r) => r.recoveredAt === null)!;
    expect(second.notifiedAt).not.toBeNull();
    expect(second.detail).toMatchObject({ emailSuppressed: true });
  });

  it("issue 16: an alert is re-judged when the threshold changes, and names a reserve that drives a crossing", async () => {
    const open = async () =>
      (await h.db.select().from(runwayAlerts).where(eq(runwayAlerts.businessId, f.biz))).filter(
        (a) => a.recoveredAt === null,
      );
    const ctx = await getBusinessContext({ db: h.db, userId: f.owner, businessId: f.biz });
    // The last test left one open balance alert judged against $0.00, crossing Dec 11.
    const [was] = await open();
    expect(was).toMatchObject({ kind: "balance", crossingDate: "2026-12-11" });
    expect(parseAlertDetail(was!.detail).threshold.belowCents).toBe(0);
    // Raising the line re-judges it: the old alert closes, one against the new line opens.
    await updateAlertSettings({
      db: h.db,
      ctx,
      input: { alertBelow: 100_000_000, alertRunwayWeeks: null },
      clock,
    });
    const [now] = await open();
    expect(now!.id).not.toBe(was!.id);
    expect(parseAlertDetail(now!.detail)).toMatchObject({
      v: ALERT_DETAIL_VERSION,
      threshold: { belowCents: 100_000_000 },
    });
    // The same line again changes nothing.
    await updateAlertSettings({
      db: h.db,
      ctx,
      input: { alertBelow: 100_000_000, alertRunwayWeeks: null },
      clock,
    });
    expect((await open()).map((a) => a.id)).toEqual([now!.id]);

    // Back to $0 with no big bill: nothing open. Then a hold larger than all the cash: the
    // crossing is today's, and its biggest driver is the reserve, by name — not a bill.
    await updateAlertSettings({ db: h.db, ctx, input: { alertBelow: 0, alertRunwayWeeks: null }, clock });
    const exp = (await qbo.admin(`companies/${qbo.realmId}/export`)) as unknown as TExport;
    for (const b of (exp.entities.Bill ?? []).filter((x) => x.Balance > 0))
      await mutate({ op: "deleteBill", id: b.Id });
    await sync();
    expect(await open()).toEqual([]);
    const cash = await exportCash();
    await createReserve({
      db: h.db,
      ctx,
      input: { name: "Quarterly tax", kind: "hold", amount: String((cash + 1_000_000) / 100) },
      clock,
    });
    const [held] = await open();
    const detail = parseAlertDetail(held!.detail);
    expect(detail.drivers[0]).toEqual({
      kind: "reserve",
      subject: { kind: "reserve", names: ["Quarterly tax"] },
      date: null,
      amountCents: cash + 1_000_000,
    });
    const words = describeAlert({ ...held!, detail }, "USD");
    expect(words.lines[1]).toBe(
      `Biggest driver: the reserve “Quarterly tax”, kept out of spendable (${formatMoney(cash + 1_000_000, "USD")}).`,
    );
  });

  it("a stored alert from before drivers had a kind reads back as outflows (version 1)", () => {
    const old = {
      lowest: { date: "2026-12-10", spendableCents: -5 },
      threshold: { belowCents: 0, runwayWeeks: null },
      drivers: [{ label: "Bill 7 · Figma", date: "2026-12-10", amountCents: 500 }],
    };
    const read = parseAlertDetail(old);
    expect(read).toMatchObject({
      v: 1,
      drivers: [{ kind: "outflow", subject: { kind: "legacy", text: "Bill 7 · Figma" } }],
    });
    // Shown with the words it stored.
    expect(
      describeAlert({ kind: "balance", crossingDate: "2026-12-10", amountCents: -5, detail: read }, "USD")
        .lines[1],
    ).toBe("Biggest driver: Bill 7 · Figma on Dec 10, 2026 ($5.00).");
    expect(() => parseAlertDetail({ drivers: "nope" })).toThrow();
  });

  it("finding 13: an unsubscribe link shows nothing of the business to someone who lost access, and expires", async () => {
    const stranger = (await makeUser(h.db)).id;
    const secret = getEnv().authSecret;
    const e = unsubscribeLinkExpiry(clock.now());
    const forStranger = signLink({ p: "unsubscribe", b: f.biz, u: stranger, e }, secret);
    expect(await viewUnsubscribe({ db: h.db, token: forStranger, secret, now: clock.now() })).toBeNull();
    const forOwner = signLink({ p: "unsubscribe", b: f.biz, u: f.owner, e }, secret);
    expect(await viewUnsubscribe({ db: h.db, token: forOwner, secret, now: clock.now() })).toMatchObject({
      businessName: "Northwind Creative",
    });
    const later = new Date(clock.now().getTime() + 61 * 86_400_000);
    expect(await viewUnsubscribe({ db: h.db, token: forOwner, secret, now: later })).toBeNull();
  });
});
