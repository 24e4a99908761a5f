import { describe, expect, it } from "vitest";
import { actionGain, actionTitle } from "@/lib/action-words";
import { dayMoves, leftOutText, moveText } from "@/lib/digest-words";
import { computeRunway } from "@/server/runway/engine";
import { topActions } from "@/server/runway/top-actions";
import { asOf, d, doc, ledger } from "@/tests/support/ledger";
import {
  accuracyBp,
  buildDigestSnapshot,
  compareForecast,
  errorBasisPoints,
  type TDigestSnapshot,
} from "./snapshot";
import { DIGEST_SNAPSHOT_VERSION, parseDigestSnapshot } from "./snapshot-schema";
import { isoWeekOf, weeklyDigestDue } from "./week";

/* $10,000 in the bank, no burn, bills of $8,000 (d5) and $3,000 (d10): runway 10 days, AP $11,000. */
const twoBills = ledger({
  openBills: [
    doc("B1", { partyId: "v1", dueDate: d(5), amountCents: 800_000, balanceCents: 800_000 }),
    doc("B2", { partyId: "v2", dueDate: d(10), amountCents: 300_000, balanceCents: 300_000 }),
  ],
});
/** Computed when a test asks, not at collection (a broken engine must fail tests, not loading). */
const runwayOf = () => computeRunway(twoBills, { asOf });

/** A stored digest of a week ago, written by hand: only what the comparison reads matters. */
function lastWeek(over: Partial<TDigestSnapshot> = {}): TDigestSnapshot {
  const base = buildDigestSnapshot({
    runway: runwayOf(),
    actions: [],
    syncedAt: null,
    previous: null,
    cashWeekAgo: null,
  });
  return {
    ...base,
    asOf: d(-7),
    runway: { kind: "days", days: 17, date: d(10), beyondHorizon: false },
    arOpenCents: 50_000,
    apOpenCents: 900_000,
    // Projected cash at the end of each day from d(-7): 1,234,56 cents at the end of d(-1).
    days: Array.from({ length: 91 }, (_, i) => ({
      date: d(i - 7),
      cashCents: i === 6 ? 1_234_560 : 0,
      spendableCents: 0,
      inflowCents: 0,
      outflowCents: 0,
      moves: [],
      more: 0,
    })),
    accuracy: { pairs: 2, sumErrorBp: 500 },
    ...over,
  };
}

describe("digest snapshot: since last week and forecast versus actual", () => {
  it("compares last week's projection for this morning with the cash on hand now", () => {
    // Projected 1,234,560 at the end of d(-1); actual 1,000,000 → error −234,560;
    // 234,560 / 1,000,000 = 2345.6 bp → 2346 (half up).
    const s = buildDigestSnapshot({
      runway: runwayOf(),
      actions: [],
      syncedAt: null,
      previous: { id: "prev", snapshot: lastWeek() },
      cashWeekAgo: { date: d(-7), cashCents: 1_200_000 },
    });
    expect(s.forecastVsActual).toEqual({
      previousDigestId: "prev",
      previousAsOf: d(-7),
      date: asOf,
      projectedCents: 1_234_560,
      actualCents: 1_000_000,
      errorCents: -234_560,
      errorBp: 2346,
    });
    // Running: (500 + 2346) over 3 pairs = 948.67 → 949 → accuracy 10000 − 949 = 9051 bp (90.51%).
    expect(s.accuracy).toEqual({ pairs: 3, sumErrorBp: 2846 });
    expect(accuracyBp(s.accuracy)).toBe(9051);
    // Cash 1,000,000 now vs 1,200,000 a week ago; runway 10 vs 17 days; AR 0 vs 50,000;
    // AP 1,100,000 vs 900,000.
    expect(s.sinceLastWeek).toEqual({
      since: d(-7),
      cashThenCents: 1_200_000,
      cashDeltaCents: -200_000,
      runwayThen: { kind: "days", days: 17, date: d(10), beyondHorizon: false },
      runwayDeltaDays: -7,
      arDeltaCents: -50_000,
      apDeltaCents: 200_000,
    });
  });

  it("without a previous digest there is no forecast comparison; a cash snapshot alone still gives the cash change", () => {
    const s = buildDigestSnapshot({
      runway: runwayOf(),
      actions: [],
      syncedAt: null,
      previous: null,
      cashWeekAgo: { date: d(-9), cashCents: 990_000 },
    });
    expect(s.forecastVsActual).toBeNull();
    expect(s.accuracy).toBeNull();
    expect(s.sinceLastWeek).toMatchObject({
      since: d(-9),
      cashDeltaCents: 10_000,
      runwayDeltaDays: null,
      apDeltaCents: null,
    });
    expect(
      buildDigestSnapshot({
        runway: runwayOf(),
        actions: [],
        syncedAt: null,
        previous: null,
        cashWeekAgo: null,
      }).sinceLastWeek,
    ).toBeNull();
  });

  it("a previous digest whose horizon ended before this morning cannot be compared", () => {
    const old = lastWeek({
      asOf: d(-120),
      days: lastWeek().days.map((x, i) => ({ ...x, date: d(i - 120) })),
    });
    expect(compareForecast({ id: "old", snapshot: old }, asOf, 1)).toBeNull();
  });

  it("error in basis points: integers, half up, never divided by less than one dollar", () => {
    expect(errorBasisPoints(-234_560, 1_000_000)).toBe(2346);
    expect(errorBasisPoints(5, 30_000)).toBe(2); // 1.67 bp
    expect(errorBasisPoints(1, 3)).toBe(100); // 1 cent of a $1 floor
    expect(errorBasisPoints(-7_000, 0)).toBe(700_000);
    expect(accuracyBp({ pairs: 1, sumErrorBp: 700_000 })).toBe(0); // floored at 0%
    expect(accuracyBp(null)).toBeNull();
  });

  it("keeps at most five moves a day as data, then counts how many more; the page words them", () => {
    const many = ledger({
      openBills: Array.from({ length: 7 }, (_, i) =>
        doc(`M${i}`, { partyId: "v1", dueDate: d(3), amountCents: 1_000, balanceCents: 1_000 }),
      ),
    });
    const s = buildDigestSnapshot({
      runway: computeRunway(many, { asOf }),
      actions: [],
      syncedAt: null,
      previous: null,
      cashWeekAgo: null,
    });
    const day = s.days.find((x) => x.date === d(3))!;
    expect(day.moves).toHaveLength(5);
    expect(day.more).toBe(2);
    expect(day.moves[0]).toEqual({
      kind: "out",
      amountCents: 1_000,
      subject: {
        kind: "document",
        type: "Bill",
        docNumber: "M0",
        txnDate: expect.any(String),
        party: "Figma",
      },
    });
    const words = dayMoves(day, (c) => `$${c / 100}`);
    expect(words).toHaveLength(6);
    expect(words[0]).toBe("−$10 Bill M0 · Figma");
    expect(words[5]).toBe("+2 more");
    expect(day.outflowCents).toBe(7_000);
    // The baseline burn is a move of its own kind.
    expect(moveText({ kind: "burn", amountCents: 42_000 }, (c) => `$${c / 100}`)).toBe(
      "−$420 everyday spending (baseline)",
    );
    expect(
      moveText({ kind: "in", amountCents: 500, subject: { kind: "undeposited" } }, (c) => `$${c / 100}`),
    ).toBe("+$5 Payments not yet deposited");
  });
});

describe("the weekly schedule, in the business's timezone", () => {
  it("a week is the local ISO week, across year ends and DST changes", () => {
    // Sunday 2026-11-29 23:30 in New York is Monday 04:30 UTC: still week 48 locally.
    expect(isoWeekOf(new Date("2026-11-30T04:30:00Z"), "America/New_York")).toBe("2026-W48");
    expect(isoWeekOf(new Date("2026-11-30T04:30:00Z"), "UTC")).toBe("2026-W49");
    // 2027-01-01 (a Friday) belongs to ISO week 53 of 2026.
    expect(isoWeekOf(new Date("2027-01-01T12:00:00Z"), "UTC")).toBe("2026-W53");
    // Monday 2026-03-09, the day after the US DST change: 08:00 EDT is 12:00 UTC.
    expect(weeklyDigestDue(new Date("2026-03-09T11:59:00Z"), "America/New_York")).toBe(false);
    expect(weeklyDigestDue(new Date("2026-03-09T12:00:00Z"), "America/New_York")).toBe(true);
  });

  it("is due from Monday 08:00 local for the rest of the week (a missed Monday still sends)", () => {
    // Monday 2026-11-23, Tokyo (UTC+9): 07:59 local = 22:59 UTC Sunday.
    expect(weeklyDigestDue(new Date("2026-11-22T22:59:00Z"), "Asia/Tokyo")).toBe(false);
    expect(weeklyDigestDue(new Date("2026-11-22T23:00:00Z"), "Asia/Tokyo")).toBe(true);
    expect(weeklyDigestDue(new Date("2026-11-26T12:00:00Z"), "Asia/Tokyo")).toBe(true); // Thursday
    expect(weeklyDigestDue(new Date("2026-11-29T23:59:00Z"), "UTC")).toBe(true); // Sunday night
  });
});

describe("stored digests read back through their schema", () => {
  const withActions = () => {
    const base = computeRunway(twoBills, { asOf });
    const actions = topActions(twoBills, { asOf }, base);
    expect(actions.length).toBeGreaterThan(0);
    return buildDigestSnapshot({ runway: base, actions, syncedAt: null, previous: null, cashWeekAgo: null });
  };

  it("a digest as stored today reads back equal, at version 3", () => {
    const s = withActions();
    const stored = JSON.parse(JSON.stringify(s));
    expect(parseDigestSnapshot(stored)).toEqual(s);
    expect(s.version).toBe(DIGEST_SNAPSHOT_VERSION);
  });

  it("a version 1 digest (no 4-week low, no gaps, no undated totals) still reads, and its actions are worded", () => {
    const v1 = JSON.parse(JSON.stringify(withActions()));
    v1.version = 1;
    delete v1.nothingNeedsMoving;
    delete v1.withoutDueDate;
    delete v1.gaps;
    for (const a of v1.actions) {
      for (const k of ["pathChanged", "low4Weeks", "daysBelowThreshold", "onDate", "path"])
        delete a.impact[k];
      delete a.overdueDays;
      delete a.habit;
    }
    const s = parseDigestSnapshot(v1);
    expect(s.version).toBe(1);
    expect(s.actions[0]!.impact.low4Weeks).toBeUndefined();
    // Worded from what it had: the runway gain, not a 4-week low it never measured.
    // (delaying the $8,000 bill from d5 to d19 moves the first day below zero from d10 to d19)
    expect(actionGain(s.actions[0]!, (c) => String(c))).toBe("+9 days");
  });

  it("a version 2 digest (its actions, moves and left-out list stored as words) reads, and shows the words it stored", () => {
    const v2 = JSON.parse(JSON.stringify(withActions()));
    v2.version = 2;
    for (const a of v2.actions) {
      a.label = "Bill B1 · Figma (as stored)";
      delete a.subject;
    }
    v2.days[5].moves = ["−$8,000.00 Bill B1 · Figma", "+2 more"];
    delete v2.days[5].more;
    v2.leftOut = ["1 bill has no due date (placed at bill date + terms)"];
    const s = parseDigestSnapshot(v2);
    expect(s.actions[0]!.subject).toEqual({ kind: "legacy", text: "Bill B1 · Figma (as stored)" });
    expect(actionTitle(s.actions[0]!)).toBe("Delay Bill B1 · Figma (as stored)");
    expect(dayMoves(s.days[5]!, String)).toEqual(["−$8,000.00 Bill B1 · Figma", "+2 more"]);
    expect(s.days[5]!.more).toBe(0);
    expect(s.leftOut.map((x) => leftOutText(x, String))).toEqual([
      "1 bill has no due date (placed at bill date + terms)",
    ]);
  });

  it("the left-out list as data, worded with plurals", () => {
    const money = (c: number) => `$${c / 100}`;
    expect(leftOutText({ kind: "billsWithoutDueDate", count: 1 }, money)).toBe(
      "1 bill has no due date (placed at bill date + terms)",
    );
    expect(leftOutText({ kind: "billsWithoutDueDate", count: 2 }, money)).toBe(
      "2 bills have no due date (placed at bill date + terms)",
    );
    expect(leftOutText({ kind: "unconverted", count: 1 }, money)).toBe(
      "1 foreign-currency item has no exchange rate and is left out",
    );
    expect(leftOutText({ kind: "unconverted", count: 3 }, money)).toBe(
      "3 foreign-currency items have no exchange rate and are left out",
    );
    expect(leftOutText({ kind: "atRisk", count: 2, cents: 150_000 }, money)).toBe(
      "$1500 of at-risk invoices (2) left out of the forecast",
    );
  });

  it("a row that is not a digest of a known version is refused, not shown", () => {
    const s = JSON.parse(JSON.stringify(withActions()));
    expect(() => parseDigestSnapshot({ ...s, version: 6 })).toThrow();
    expect(() => parseDigestSnapshot({ ...s, days: undefined })).toThrow();
    expect(() => parseDigestSnapshot({ ...s, cashOnHandCents: 1.5 })).toThrow();
    // Version 4's scenario line: its runway must be a runway.
    expect(() =>
      parseDigestSnapshot({
        ...s,
        scenario: { id: "x", name: "Plan", runway: { kind: "weeks" }, lowest: s.lowest, noLongerApplies: 0 },
      }),
    ).toThrow();
    // Version 5's bank: money in cents.
    expect(() =>
      parseDigestSnapshot({
        ...s,
        bank: { cashCents: 1.5, asOf: null, fresh: true, needsAttention: 0, compare: null },
      }),
    ).toThrow();
  });

  it("a version 4 digest (before the bank rail) reads back with no bank lines", () => {
    const s = JSON.parse(JSON.stringify(withActions()));
    const { bank: _, ...v4 } = { ...s, version: 4 };
    expect(parseDigestSnapshot(v4).bank).toBeUndefined();
  });

  it("a version 3 digest (before scenarios) reads back with no scenario line", () => {
    const s = JSON.parse(JSON.stringify(withActions()));
    const { scenario: _, ...v3 } = { ...s, version: 3 };
    expect(parseDigestSnapshot(v3).scenario).toBeUndefined();
  });
});
