// @ts-nocheck
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
import { addDays, daysBetween } from "./dates";

/**
 * A proposed payment run (issue 17, docs/metrics.md "Payment run"): which flexible bills to pay on
 * which day of the next `windowDays` so projected spendable stays at or above the floor, with the
 * least total lateness Σ amount × days late. Pure and deterministic.
 *
 * The caller gives the projection without the flexible bills (payroll, rent and other must-pay
 * items stay in it, fixed). Paying a bill on day p lowers every day's close from p on, so the
 * constraint is cumulative: what is paid by day d may not exceed room[d] = min over d' ≥ d of
 * (spendable[d'] − floor), which never decreases. A bill is paid no sooner than it is due (or
 * today when overdue): paying early costs room and saves no lateness. A bill the window cannot
 * pay is left for after it, late until the window's end at least (a lower bound, counted so).
 *
 * Up to EXACT_BILLS bills the schedule is optimal: a dynamic programme over the set of bills
 * paid, day by day (2^n sets, each extended by one bill at a time). Beyond that, the largest
 * EXACT_BILLS are scheduled optimally first and the rest fitted greedily, earliest due first, into
 * the room left; the result says which (`exact`).
 *
 * When even paying nothing keeps spendable under the floor somewhere, no schedule can keep it
 * above: the run says by how much and on which day it is short, and schedules against the lowest
 * floor that can be kept (floor − shortfall), so it still pays what the cash allows.
 */
export const EXACT_BILLS = 14;
export type TRunBill = {
  id: string;
  amountCents: number;
  /** The day it is due (its due date, or its date plus terms without one). */
  dueDate: string;
};
export type TPaymentRunInput = {
  asOf: string;
  windowDays: number;
  floorCents: number;
  /** Projected spendable at each day's close from asOf (day 0), without the flexible bills. */
  spendableCents: number[];
  bills: TRunBill[];
};
export type TRunLine = {
  billId: string;
  amountCents: number;
  dueDate: string;
  /** The proposed day (null: after the window). */
  payOn: string | null;
  /** Days past due on payOn (after the window: at its end). */
  daysLate: number;
  /** Why this day: on its due day, today (overdue), held until cash allows, or after the window. */
  why: "onDue" | "overdue" | "heldForCash" | "afterWindow";
};
export type TPaymentRun = {
  windowEnd: string;
  floorCents: number;
  /** Null when the floor can be kept; otherwise the deepest dip under it with nothing paid. */
  shortfall: {
    cents: number;
    date: string;
  } | null;
  lines: TRunLine[];
  totalLatenessCentDays: number;
  exact: boolean;
  /** The lowest projected close in the window with this run paid. */
  lowest: {
    date: string;
    spendableCents: number;
  };
};
export function proposePaymentRun(input: TPaymentRunInput): TPaymentRun {
  if (stryMutAct_9fa48("65")) {
    {}
  } else {
    stryCov_9fa48("65");
    const {
      asOf,
      floorCents
    } = input;
    const W = stryMutAct_9fa48("66") ? Math.max(input.windowDays, input.spendableCents.length) : (stryCov_9fa48("66"), Math.min(input.windowDays, input.spendableCents.length));
    if (stryMutAct_9fa48("70") ? W >= 1 : stryMutAct_9fa48("69") ? W <= 1 : stryMutAct_9fa48("68") ? false : stryMutAct_9fa48("67") ? true : (stryCov_9fa48("67", "68", "69", "70"), W < 1)) throw new Error(stryMutAct_9fa48("71") ? "" : (stryCov_9fa48("71"), "proposePaymentRun: the window needs at least one day"));
    const s = stryMutAct_9fa48("72") ? input.spendableCents : (stryCov_9fa48("72"), input.spendableCents.slice(0, W));

    // room[d]: what may be paid by the close of day d; the deepest dip below the floor, if any.
    const room = stryMutAct_9fa48("73") ? new Array() : (stryCov_9fa48("73"), new Array<number>(W));
    let min = Number.POSITIVE_INFINITY;
    for (let d = stryMutAct_9fa48("74") ? W + 1 : (stryCov_9fa48("74"), W - 1); stryMutAct_9fa48("77") ? d < 0 : stryMutAct_9fa48("76") ? d > 0 : stryMutAct_9fa48("75") ? false : (stryCov_9fa48("75", "76", "77"), d >= 0); stryMutAct_9fa48("78") ? d++ : (stryCov_9fa48("78"), d--)) {
      if (stryMutAct_9fa48("79")) {
        {}
      } else {
        stryCov_9fa48("79");
        min = stryMutAct_9fa48("80") ? Math.max(min, s[d]! - floorCents) : (stryCov_9fa48("80"), Math.min(min, stryMutAct_9fa48("81") ? s[d]! + floorCents : (stryCov_9fa48("81"), s[d]! - floorCents)));
        room[d] = min;
      }
    }
    let shortfall: TPaymentRun["shortfall"] = null;
    if (stryMutAct_9fa48("85") ? room[0]! >= 0 : stryMutAct_9fa48("84") ? room[0]! <= 0 : stryMutAct_9fa48("83") ? false : stryMutAct_9fa48("82") ? true : (stryCov_9fa48("82", "83", "84", "85"), room[0]! < 0)) {
      if (stryMutAct_9fa48("86")) {
        {}
      } else {
        stryCov_9fa48("86");
        const worst = s.reduce(stryMutAct_9fa48("87") ? () => undefined : (stryCov_9fa48("87"), (best, v, d) => (stryMutAct_9fa48("91") ? v >= s[best]! : stryMutAct_9fa48("90") ? v <= s[best]! : stryMutAct_9fa48("89") ? false : stryMutAct_9fa48("88") ? true : (stryCov_9fa48("88", "89", "90", "91"), v < s[best]!)) ? d : best), 0);
        shortfall = stryMutAct_9fa48("92") ? {} : (stryCov_9fa48("92"), {
          cents: stryMutAct_9fa48("93") ? +room[0]! : (stryCov_9fa48("93"), -room[0]!),
          date: addDays(asOf, worst)
        });
        for (let d = 0; stryMutAct_9fa48("96") ? d >= W : stryMutAct_9fa48("95") ? d <= W : stryMutAct_9fa48("94") ? false : (stryCov_9fa48("94", "95", "96"), d < W); stryMutAct_9fa48("97") ? d-- : (stryCov_9fa48("97"), d++)) room[d] = stryMutAct_9fa48("98") ? room[d]! - shortfall.cents : (stryCov_9fa48("98"), room[d]! + shortfall.cents);
      }
    }
    const bills = stryMutAct_9fa48("101") ? input.bills.map(b => ({
      ...b,
      due: daysBetween(asOf, b.dueDate)
    })).filter(b => b.due < W).sort((a, b) => a.due - b.due || b.amountCents - a.amountCents || cmp(a.id, b.id)) : stryMutAct_9fa48("100") ? input.bills.filter(b => b.amountCents > 0).map(b => ({
      ...b,
      due: daysBetween(asOf, b.dueDate)
    })).sort((a, b) => a.due - b.due || b.amountCents - a.amountCents || cmp(a.id, b.id)) : stryMutAct_9fa48("99") ? input.bills.filter(b => b.amountCents > 0).map(b => ({
      ...b,
      due: daysBetween(asOf, b.dueDate)
    })).filter(b => b.due < W) : (stryCov_9fa48("99", "100", "101"), input.bills.filter(stryMutAct_9fa48("102") ? () => undefined : (stryCov_9fa48("102"), b => stryMutAct_9fa48("106") ? b.amountCents <= 0 : stryMutAct_9fa48("105") ? b.amountCents >= 0 : stryMutAct_9fa48("104") ? false : stryMutAct_9fa48("103") ? true : (stryCov_9fa48("103", "104", "105", "106"), b.amountCents > 0))).map(stryMutAct_9fa48("107") ? () => undefined : (stryCov_9fa48("107"), b => stryMutAct_9fa48("108") ? {} : (stryCov_9fa48("108"), {
      ...b,
      due: daysBetween(asOf, b.dueDate)
    }))).filter(stryMutAct_9fa48("109") ? () => undefined : (stryCov_9fa48("109"), b => stryMutAct_9fa48("113") ? b.due >= W : stryMutAct_9fa48("112") ? b.due <= W : stryMutAct_9fa48("111") ? false : stryMutAct_9fa48("110") ? true : (stryCov_9fa48("110", "111", "112", "113"), b.due < W))).sort(stryMutAct_9fa48("114") ? () => undefined : (stryCov_9fa48("114"), (a, b) => stryMutAct_9fa48("117") ? (a.due - b.due || b.amountCents - a.amountCents) && cmp(a.id, b.id) : stryMutAct_9fa48("116") ? false : stryMutAct_9fa48("115") ? true : (stryCov_9fa48("115", "116", "117"), (stryMutAct_9fa48("119") ? a.due - b.due && b.amountCents - a.amountCents : stryMutAct_9fa48("118") ? false : (stryCov_9fa48("118", "119"), (stryMutAct_9fa48("120") ? a.due + b.due : (stryCov_9fa48("120"), a.due - b.due)) || (stryMutAct_9fa48("121") ? b.amountCents + a.amountCents : (stryCov_9fa48("121"), b.amountCents - a.amountCents)))) || cmp(a.id, b.id)))));
    const day = new Map<string, number | null>();
    const exact = stryMutAct_9fa48("125") ? bills.length > EXACT_BILLS : stryMutAct_9fa48("124") ? bills.length < EXACT_BILLS : stryMutAct_9fa48("123") ? false : stryMutAct_9fa48("122") ? true : (stryCov_9fa48("122", "123", "124", "125"), bills.length <= EXACT_BILLS);
    const optimal = exact ? bills : stryMutAct_9fa48("127") ? [...bills].slice(0, EXACT_BILLS) : stryMutAct_9fa48("126") ? [...bills].sort((a, b) => b.amountCents - a.amountCents || a.due - b.due || cmp(a.id, b.id)) : (stryCov_9fa48("126", "127"), (stryMutAct_9fa48("128") ? [] : (stryCov_9fa48("128"), [...bills])).sort(stryMutAct_9fa48("129") ? () => undefined : (stryCov_9fa48("129"), (a, b) => stryMutAct_9fa48("132") ? (b.amountCents - a.amountCents || a.due - b.due) && cmp(a.id, b.id) : stryMutAct_9fa48("131") ? false : stryMutAct_9fa48("130") ? true : (stryCov_9fa48("130", "131", "132"), (stryMutAct_9fa48("134") ? b.amountCents - a.amountCents && a.due - b.due : stryMutAct_9fa48("133") ? false : (stryCov_9fa48("133", "134"), (stryMutAct_9fa48("135") ? b.amountCents + a.amountCents : (stryCov_9fa48("135"), b.amountCents - a.amountCents)) || (stryMutAct_9fa48("136") ? a.due + b.due : (stryCov_9fa48("136"), a.due - b.due)))) || cmp(a.id, b.id)))).slice(0, EXACT_BILLS));
    const paidBy = (stryMutAct_9fa48("137") ? new Array() : (stryCov_9fa48("137"), new Array<number>(W))).fill(0);
    for (const [id, d] of scheduleExactly(optimal, room, W)) {
      if (stryMutAct_9fa48("138")) {
        {}
      } else {
        stryCov_9fa48("138");
        day.set(id, d);
        if (stryMutAct_9fa48("141") ? d === null : stryMutAct_9fa48("140") ? false : stryMutAct_9fa48("139") ? true : (stryCov_9fa48("139", "140", "141"), d !== null)) add(paidBy, d, optimal.find(stryMutAct_9fa48("142") ? () => undefined : (stryCov_9fa48("142"), b => stryMutAct_9fa48("145") ? b.id !== id : stryMutAct_9fa48("144") ? false : stryMutAct_9fa48("143") ? true : (stryCov_9fa48("143", "144", "145"), b.id === id)))!.amountCents);
      }
    }
    // The rest (only beyond EXACT_BILLS): earliest due first, on the first day the room allows.
    for (const b of bills) {
      if (stryMutAct_9fa48("146")) {
        {}
      } else {
        stryCov_9fa48("146");
        if (stryMutAct_9fa48("148") ? false : stryMutAct_9fa48("147") ? true : (stryCov_9fa48("147", "148"), day.has(b.id))) continue;
        let chosen: number | null = null;
        for (let d = stryMutAct_9fa48("149") ? Math.min(0, b.due) : (stryCov_9fa48("149"), Math.max(0, b.due)); stryMutAct_9fa48("151") ? d < W || chosen === null : stryMutAct_9fa48("150") ? false : (stryCov_9fa48("150", "151"), (stryMutAct_9fa48("154") ? d >= W : stryMutAct_9fa48("153") ? d <= W : stryMutAct_9fa48("152") ? true : (stryCov_9fa48("152", "153", "154"), d < W)) && (stryMutAct_9fa48("156") ? chosen !== null : stryMutAct_9fa48("155") ? true : (stryCov_9fa48("155", "156"), chosen === null))); stryMutAct_9fa48("157") ? d-- : (stryCov_9fa48("157"), d++)) if (stryMutAct_9fa48("159") ? false : stryMutAct_9fa48("158") ? true : (stryCov_9fa48("158", "159"), fits(paidBy, room, d, b.amountCents))) chosen = d;
        day.set(b.id, chosen);
        if (stryMutAct_9fa48("162") ? chosen === null : stryMutAct_9fa48("161") ? false : stryMutAct_9fa48("160") ? true : (stryCov_9fa48("160", "161", "162"), chosen !== null)) add(paidBy, chosen, b.amountCents);
      }
    }
    const lines: TRunLine[] = bills.map(b => {
      if (stryMutAct_9fa48("163")) {
        {}
      } else {
        stryCov_9fa48("163");
        const d = stryMutAct_9fa48("164") ? day.get(b.id) && null : (stryCov_9fa48("164"), day.get(b.id) ?? null);
        const paidDay = stryMutAct_9fa48("165") ? d && W : (stryCov_9fa48("165"), d ?? W);
        const start = stryMutAct_9fa48("166") ? Math.min(0, b.due) : (stryCov_9fa48("166"), Math.max(0, b.due));
        return stryMutAct_9fa48("167") ? {} : (stryCov_9fa48("167"), {
          billId: b.id,
          amountCents: b.amountCents,
          dueDate: b.dueDate,
          payOn: (stryMutAct_9fa48("170") ? d !== null : stryMutAct_9fa48("169") ? false : stryMutAct_9fa48("168") ? true : (stryCov_9fa48("168", "169", "170"), d === null)) ? null : addDays(asOf, d),
          daysLate: stryMutAct_9fa48("171") ? paidDay + b.due : (stryCov_9fa48("171"), paidDay - b.due),
          why: (stryMutAct_9fa48("174") ? d !== null : stryMutAct_9fa48("173") ? false : stryMutAct_9fa48("172") ? true : (stryCov_9fa48("172", "173", "174"), d === null)) ? stryMutAct_9fa48("175") ? "" : (stryCov_9fa48("175"), "afterWindow") : (stryMutAct_9fa48("179") ? d <= start : stryMutAct_9fa48("178") ? d >= start : stryMutAct_9fa48("177") ? false : stryMutAct_9fa48("176") ? true : (stryCov_9fa48("176", "177", "178", "179"), d > start)) ? stryMutAct_9fa48("180") ? "" : (stryCov_9fa48("180"), "heldForCash") : (stryMutAct_9fa48("184") ? b.due >= 0 : stryMutAct_9fa48("183") ? b.due <= 0 : stryMutAct_9fa48("182") ? false : stryMutAct_9fa48("181") ? true : (stryCov_9fa48("181", "182", "183", "184"), b.due < 0)) ? stryMutAct_9fa48("185") ? "" : (stryCov_9fa48("185"), "overdue") : stryMutAct_9fa48("186") ? "" : (stryCov_9fa48("186"), "onDue")
        });
      }
    });
    let lowest = stryMutAct_9fa48("187") ? {} : (stryCov_9fa48("187"), {
      date: asOf,
      spendableCents: Number.POSITIVE_INFINITY
    });
    for (let d = 0; stryMutAct_9fa48("190") ? d >= W : stryMutAct_9fa48("189") ? d <= W : stryMutAct_9fa48("188") ? false : (stryCov_9fa48("188", "189", "190"), d < W); stryMutAct_9fa48("191") ? d-- : (stryCov_9fa48("191"), d++)) {
      if (stryMutAct_9fa48("192")) {
        {}
      } else {
        stryCov_9fa48("192");
        const v = stryMutAct_9fa48("193") ? s[d]! + paidBy[d]! : (stryCov_9fa48("193"), s[d]! - paidBy[d]!);
        if (stryMutAct_9fa48("197") ? v >= lowest.spendableCents : stryMutAct_9fa48("196") ? v <= lowest.spendableCents : stryMutAct_9fa48("195") ? false : stryMutAct_9fa48("194") ? true : (stryCov_9fa48("194", "195", "196", "197"), v < lowest.spendableCents)) lowest = stryMutAct_9fa48("198") ? {} : (stryCov_9fa48("198"), {
          date: addDays(asOf, d),
          spendableCents: v
        });
      }
    }
    return stryMutAct_9fa48("199") ? {} : (stryCov_9fa48("199"), {
      windowEnd: addDays(asOf, stryMutAct_9fa48("200") ? W + 1 : (stryCov_9fa48("200"), W - 1)),
      floorCents,
      shortfall,
      lines,
      totalLatenessCentDays: lines.reduce(stryMutAct_9fa48("201") ? () => undefined : (stryCov_9fa48("201"), (sum, l) => stryMutAct_9fa48("202") ? sum - l.amountCents * l.daysLate : (stryCov_9fa48("202"), sum + (stryMutAct_9fa48("203") ? l.amountCents / l.daysLate : (stryCov_9fa48("203"), l.amountCents * l.daysLate)))), 0),
      exact,
      lowest
    });
  }
}

/**
 * The optimal days for up to EXACT_BILLS bills: best[m] is the least Σ amount × day over the
 * schedules paying exactly the set m by the current day; each day extends sets by one bill at a
 * time (sets in increasing order, so a set is final for the day before it is extended). Bills not
 * in the final set wait for after the window (day W).
 */
function scheduleExactly(bills: {
  id: string;
  amountCents: number;
  due: number;
}[], room: number[], W: number): Map<string, number | null> {
  if (stryMutAct_9fa48("204")) {
    {}
  } else {
    stryCov_9fa48("204");
    const n = bills.length;
    const size = 1 << n;
    const sum = new Float64Array(size);
    for (let m = 1; stryMutAct_9fa48("207") ? m >= size : stryMutAct_9fa48("206") ? m <= size : stryMutAct_9fa48("205") ? false : (stryCov_9fa48("205", "206", "207"), m < size); stryMutAct_9fa48("208") ? m-- : (stryCov_9fa48("208"), m++)) {
      if (stryMutAct_9fa48("209")) {
        {}
      } else {
        stryCov_9fa48("209");
        const low = stryMutAct_9fa48("210") ? 31 + Math.clz32(m & -m) : (stryCov_9fa48("210"), 31 - Math.clz32(m & (stryMutAct_9fa48("211") ? +m : (stryCov_9fa48("211"), -m))));
        sum[m] = stryMutAct_9fa48("212") ? sum[m & m - 1]! - bills[low]!.amountCents : (stryCov_9fa48("212"), sum[m & (stryMutAct_9fa48("213") ? m + 1 : (stryCov_9fa48("213"), m - 1))]! + bills[low]!.amountCents);
      }
    }
    const best = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
    best[0] = 0;
    const via: Int8Array[] = stryMutAct_9fa48("214") ? ["Stryker was here"] : (stryCov_9fa48("214"), []);
    for (let d = 0; stryMutAct_9fa48("217") ? d >= W : stryMutAct_9fa48("216") ? d <= W : stryMutAct_9fa48("215") ? false : (stryCov_9fa48("215", "216", "217"), d < W); stryMutAct_9fa48("218") ? d-- : (stryCov_9fa48("218"), d++)) {
      if (stryMutAct_9fa48("219")) {
        {}
      } else {
        stryCov_9fa48("219");
        const step = new Int8Array(size).fill(stryMutAct_9fa48("220") ? +1 : (stryCov_9fa48("220"), -1));
        for (let m = 0; stryMutAct_9fa48("223") ? m >= size : stryMutAct_9fa48("222") ? m <= size : stryMutAct_9fa48("221") ? false : (stryCov_9fa48("221", "222", "223"), m < size); stryMutAct_9fa48("224") ? m-- : (stryCov_9fa48("224"), m++)) {
          if (stryMutAct_9fa48("225")) {
            {}
          } else {
            stryCov_9fa48("225");
            const here = best[m]!;
            if (stryMutAct_9fa48("228") ? here !== Number.POSITIVE_INFINITY : stryMutAct_9fa48("227") ? false : stryMutAct_9fa48("226") ? true : (stryCov_9fa48("226", "227", "228"), here === Number.POSITIVE_INFINITY)) continue;
            for (let i = 0; stryMutAct_9fa48("231") ? i >= n : stryMutAct_9fa48("230") ? i <= n : stryMutAct_9fa48("229") ? false : (stryCov_9fa48("229", "230", "231"), i < n); stryMutAct_9fa48("232") ? i-- : (stryCov_9fa48("232"), i++)) {
              if (stryMutAct_9fa48("233")) {
                {}
              } else {
                stryCov_9fa48("233");
                const bit = 1 << i;
                if (stryMutAct_9fa48("236") ? m & bit && bills[i]!.due > d : stryMutAct_9fa48("235") ? false : stryMutAct_9fa48("234") ? true : (stryCov_9fa48("234", "235", "236"), m & bit || (stryMutAct_9fa48("239") ? bills[i]!.due <= d : stryMutAct_9fa48("238") ? bills[i]!.due >= d : stryMutAct_9fa48("237") ? false : (stryCov_9fa48("237", "238", "239"), bills[i]!.due > d)))) continue;
                const next = m | bit;
                if (stryMutAct_9fa48("243") ? sum[next]! <= room[d]! : stryMutAct_9fa48("242") ? sum[next]! >= room[d]! : stryMutAct_9fa48("241") ? false : stryMutAct_9fa48("240") ? true : (stryCov_9fa48("240", "241", "242", "243"), sum[next]! > room[d]!)) continue;
                const cost = stryMutAct_9fa48("244") ? here - bills[i]!.amountCents * d : (stryCov_9fa48("244"), here + (stryMutAct_9fa48("245") ? bills[i]!.amountCents / d : (stryCov_9fa48("245"), bills[i]!.amountCents * d)));
                if (stryMutAct_9fa48("249") ? cost >= best[next]! : stryMutAct_9fa48("248") ? cost <= best[next]! : stryMutAct_9fa48("247") ? false : stryMutAct_9fa48("246") ? true : (stryCov_9fa48("246", "247", "248", "249"), cost < best[next]!)) {
                  if (stryMutAct_9fa48("250")) {
                    {}
                  } else {
                    stryCov_9fa48("250");
                    best[next] = cost;
                    step[next] = i;
                  }
                }
              }
            }
          }
        }
        via.push(step);
      }
    }
    // The set whose schedule, with the others after the window, costs least (ties: the lower set).
    let chosen = 0;
    let chosenCost = Number.POSITIVE_INFINITY;
    const total = sum[stryMutAct_9fa48("251") ? size + 1 : (stryCov_9fa48("251"), size - 1)]!;
    for (let m = 0; stryMutAct_9fa48("254") ? m >= size : stryMutAct_9fa48("253") ? m <= size : stryMutAct_9fa48("252") ? false : (stryCov_9fa48("252", "253", "254"), m < size); stryMutAct_9fa48("255") ? m-- : (stryCov_9fa48("255"), m++)) {
      if (stryMutAct_9fa48("256")) {
        {}
      } else {
        stryCov_9fa48("256");
        if (stryMutAct_9fa48("259") ? best[m] !== Number.POSITIVE_INFINITY : stryMutAct_9fa48("258") ? false : stryMutAct_9fa48("257") ? true : (stryCov_9fa48("257", "258", "259"), best[m] === Number.POSITIVE_INFINITY)) continue;
        const cost = stryMutAct_9fa48("260") ? best[m]! - (total - sum[m]!) * W : (stryCov_9fa48("260"), best[m]! + (stryMutAct_9fa48("261") ? (total - sum[m]!) / W : (stryCov_9fa48("261"), (stryMutAct_9fa48("262") ? total + sum[m]! : (stryCov_9fa48("262"), total - sum[m]!)) * W)));
        if (stryMutAct_9fa48("266") ? cost >= chosenCost : stryMutAct_9fa48("265") ? cost <= chosenCost : stryMutAct_9fa48("264") ? false : stryMutAct_9fa48("263") ? true : (stryCov_9fa48("263", "264", "265", "266"), cost < chosenCost)) {
          if (stryMutAct_9fa48("267")) {
            {}
          } else {
            stryCov_9fa48("267");
            chosenCost = cost;
            chosen = m;
          }
        }
      }
    }
    const out = new Map<string, number | null>(bills.map(stryMutAct_9fa48("268") ? () => undefined : (stryCov_9fa48("268"), b => stryMutAct_9fa48("269") ? [] : (stryCov_9fa48("269"), [b.id, null]))));
    let m = chosen;
    for (let d = stryMutAct_9fa48("270") ? W + 1 : (stryCov_9fa48("270"), W - 1); stryMutAct_9fa48("272") ? m === 0 : stryMutAct_9fa48("271") ? false : (stryCov_9fa48("271", "272"), m !== 0);) {
      if (stryMutAct_9fa48("273")) {
        {}
      } else {
        stryCov_9fa48("273");
        const i = via[d]![m]!;
        if (stryMutAct_9fa48("277") ? i >= 0 : stryMutAct_9fa48("276") ? i <= 0 : stryMutAct_9fa48("275") ? false : stryMutAct_9fa48("274") ? true : (stryCov_9fa48("274", "275", "276", "277"), i < 0)) {
          if (stryMutAct_9fa48("278")) {
            {}
          } else {
            stryCov_9fa48("278");
            stryMutAct_9fa48("279") ? d++ : (stryCov_9fa48("279"), d--);
            continue;
          }
        }
        out.set(bills[i]!.id, d);
        m ^= 1 << i;
      }
    }
    return out;
  }
}
function fits(paidBy: number[], room: number[], from: number, cents: number): boolean {
  if (stryMutAct_9fa48("280")) {
    {}
  } else {
    stryCov_9fa48("280");
    for (let d = from; stryMutAct_9fa48("283") ? d >= paidBy.length : stryMutAct_9fa48("282") ? d <= paidBy.length : stryMutAct_9fa48("281") ? false : (stryCov_9fa48("281", "282", "283"), d < paidBy.length); stryMutAct_9fa48("284") ? d-- : (stryCov_9fa48("284"), d++)) if (stryMutAct_9fa48("288") ? paidBy[d]! + cents <= room[d]! : stryMutAct_9fa48("287") ? paidBy[d]! + cents >= room[d]! : stryMutAct_9fa48("286") ? false : stryMutAct_9fa48("285") ? true : (stryCov_9fa48("285", "286", "287", "288"), (stryMutAct_9fa48("289") ? paidBy[d]! - cents : (stryCov_9fa48("289"), paidBy[d]! + cents)) > room[d]!)) return stryMutAct_9fa48("290") ? true : (stryCov_9fa48("290"), false);
    return stryMutAct_9fa48("291") ? false : (stryCov_9fa48("291"), true);
  }
}
function add(paidBy: number[], from: number, cents: number): void {
  if (stryMutAct_9fa48("292")) {
    {}
  } else {
    stryCov_9fa48("292");
    for (let d = from; stryMutAct_9fa48("295") ? d >= paidBy.length : stryMutAct_9fa48("294") ? d <= paidBy.length : stryMutAct_9fa48("293") ? false : (stryCov_9fa48("293", "294", "295"), d < paidBy.length); stryMutAct_9fa48("296") ? d-- : (stryCov_9fa48("296"), d++)) paidBy[d] = stryMutAct_9fa48("297") ? paidBy[d]! - cents : (stryCov_9fa48("297"), paidBy[d]! + cents);
  }
}
function cmp(a: string, b: string): number {
  if (stryMutAct_9fa48("298")) {
    {}
  } else {
    stryCov_9fa48("298");
    return (stryMutAct_9fa48("302") ? a >= b : stryMutAct_9fa48("301") ? a <= b : stryMutAct_9fa48("300") ? false : stryMutAct_9fa48("299") ? true : (stryCov_9fa48("299", "300", "301", "302"), a < b)) ? stryMutAct_9fa48("303") ? +1 : (stryCov_9fa48("303"), -1) : (stryMutAct_9fa48("307") ? a <= b : stryMutAct_9fa48("306") ? a >= b : stryMutAct_9fa48("305") ? false : stryMutAct_9fa48("304") ? true : (stryCov_9fa48("304", "305", "306", "307"), a > b)) ? 1 : 0;
  }
}