/**
 * Which vendors must be paid on time whatever cash says (issue 17): those whose bills post to rent,
 * payroll, tax or loan accounts. Inferred from QuickBooks' account sub-types (and a loan's
 * liability type), never from names; a person can override it per vendor. Pure.
 */
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
export const MUST_PAY_SUBTYPES: ReadonlyMap<string, TMustPayKind> = new Map<string, TMustPayKind>(stryMutAct_9fa48("0") ? [] : (stryCov_9fa48("0"), [stryMutAct_9fa48("1") ? [] : (stryCov_9fa48("1"), [stryMutAct_9fa48("2") ? "" : (stryCov_9fa48("2"), "RentOrLeaseOfBuildings"), stryMutAct_9fa48("3") ? "" : (stryCov_9fa48("3"), "rent")]), stryMutAct_9fa48("4") ? [] : (stryCov_9fa48("4"), [stryMutAct_9fa48("5") ? "" : (stryCov_9fa48("5"), "PayrollExpenses"), stryMutAct_9fa48("6") ? "" : (stryCov_9fa48("6"), "payroll")]), stryMutAct_9fa48("7") ? [] : (stryCov_9fa48("7"), [stryMutAct_9fa48("8") ? "" : (stryCov_9fa48("8"), "PayrollTaxPayable"), stryMutAct_9fa48("9") ? "" : (stryCov_9fa48("9"), "payroll")]), stryMutAct_9fa48("10") ? [] : (stryCov_9fa48("10"), [stryMutAct_9fa48("11") ? "" : (stryCov_9fa48("11"), "PayrollClearing"), stryMutAct_9fa48("12") ? "" : (stryCov_9fa48("12"), "payroll")]), stryMutAct_9fa48("13") ? [] : (stryCov_9fa48("13"), [stryMutAct_9fa48("14") ? "" : (stryCov_9fa48("14"), "TaxesPaid"), stryMutAct_9fa48("15") ? "" : (stryCov_9fa48("15"), "tax")]), stryMutAct_9fa48("16") ? [] : (stryCov_9fa48("16"), [stryMutAct_9fa48("17") ? "" : (stryCov_9fa48("17"), "SalesTaxPayable"), stryMutAct_9fa48("18") ? "" : (stryCov_9fa48("18"), "tax")]), stryMutAct_9fa48("19") ? [] : (stryCov_9fa48("19"), [stryMutAct_9fa48("20") ? "" : (stryCov_9fa48("20"), "FederalIncomeTaxPayable"), stryMutAct_9fa48("21") ? "" : (stryCov_9fa48("21"), "tax")]), stryMutAct_9fa48("22") ? [] : (stryCov_9fa48("22"), [stryMutAct_9fa48("23") ? "" : (stryCov_9fa48("23"), "StateLocalIncomeTaxPayable"), stryMutAct_9fa48("24") ? "" : (stryCov_9fa48("24"), "tax")]), stryMutAct_9fa48("25") ? [] : (stryCov_9fa48("25"), [stryMutAct_9fa48("26") ? "" : (stryCov_9fa48("26"), "LoanPayable"), stryMutAct_9fa48("27") ? "" : (stryCov_9fa48("27"), "loan")]), stryMutAct_9fa48("28") ? [] : (stryCov_9fa48("28"), [stryMutAct_9fa48("29") ? "" : (stryCov_9fa48("29"), "NotesPayable"), stryMutAct_9fa48("30") ? "" : (stryCov_9fa48("30"), "loan")]), stryMutAct_9fa48("31") ? [] : (stryCov_9fa48("31"), [stryMutAct_9fa48("32") ? "" : (stryCov_9fa48("32"), "ShareholderNotesPayable"), stryMutAct_9fa48("33") ? "" : (stryCov_9fa48("33"), "loan")]), stryMutAct_9fa48("34") ? [] : (stryCov_9fa48("34"), [stryMutAct_9fa48("35") ? "" : (stryCov_9fa48("35"), "InterestPaid"), stryMutAct_9fa48("36") ? "" : (stryCov_9fa48("36"), "loan")])]));
export type TMustPayKind = "rent" | "payroll" | "tax" | "loan";
export type TMustPay = {
  kind: TMustPayKind;
  accountId: string;
  accountName: string;
};

/**
 * Each vendor whose bills post to a must-pay account, with the first such account seen (bills in
 * the order given, their lines in order). A long-term liability is a loan whatever its sub-type.
 */
export function inferMustPay(bills: {
  vendorId: string | null;
  lineAccountIds: string[] | null;
}[], accounts: {
  id: string;
  name: string;
  accountType: string;
  subType: string | null;
}[]): Map<string, TMustPay> {
  if (stryMutAct_9fa48("37")) {
    {}
  } else {
    stryCov_9fa48("37");
    const byId = new Map(accounts.map(stryMutAct_9fa48("38") ? () => undefined : (stryCov_9fa48("38"), a => stryMutAct_9fa48("39") ? [] : (stryCov_9fa48("39"), [a.id, a]))));
    const out = new Map<string, TMustPay>();
    for (const b of bills) {
      if (stryMutAct_9fa48("40")) {
        {}
      } else {
        stryCov_9fa48("40");
        if (stryMutAct_9fa48("43") ? !b.vendorId && out.has(b.vendorId) : stryMutAct_9fa48("42") ? false : stryMutAct_9fa48("41") ? true : (stryCov_9fa48("41", "42", "43"), (stryMutAct_9fa48("44") ? b.vendorId : (stryCov_9fa48("44"), !b.vendorId)) || out.has(b.vendorId))) continue;
        for (const id of stryMutAct_9fa48("45") ? b.lineAccountIds && [] : (stryCov_9fa48("45"), b.lineAccountIds ?? (stryMutAct_9fa48("46") ? ["Stryker was here"] : (stryCov_9fa48("46"), [])))) {
          if (stryMutAct_9fa48("47")) {
            {}
          } else {
            stryCov_9fa48("47");
            const a = byId.get(id);
            if (stryMutAct_9fa48("50") ? false : stryMutAct_9fa48("49") ? true : stryMutAct_9fa48("48") ? a : (stryCov_9fa48("48", "49", "50"), !a)) continue;
            const kind = stryMutAct_9fa48("53") ? a.subType && MUST_PAY_SUBTYPES.get(a.subType) && (a.accountType === "Long Term Liability" ? "loan" : undefined) : stryMutAct_9fa48("52") ? false : stryMutAct_9fa48("51") ? true : (stryCov_9fa48("51", "52", "53"), (stryMutAct_9fa48("55") ? a.subType || MUST_PAY_SUBTYPES.get(a.subType) : stryMutAct_9fa48("54") ? false : (stryCov_9fa48("54", "55"), a.subType && MUST_PAY_SUBTYPES.get(a.subType))) || ((stryMutAct_9fa48("58") ? a.accountType !== "Long Term Liability" : stryMutAct_9fa48("57") ? false : stryMutAct_9fa48("56") ? true : (stryCov_9fa48("56", "57", "58"), a.accountType === (stryMutAct_9fa48("59") ? "" : (stryCov_9fa48("59"), "Long Term Liability")))) ? stryMutAct_9fa48("60") ? "" : (stryCov_9fa48("60"), "loan") : undefined));
            if (stryMutAct_9fa48("62") ? false : stryMutAct_9fa48("61") ? true : (stryCov_9fa48("61", "62"), kind)) {
              if (stryMutAct_9fa48("63")) {
                {}
              } else {
                stryCov_9fa48("63");
                out.set(b.vendorId, stryMutAct_9fa48("64") ? {} : (stryCov_9fa48("64"), {
                  kind,
                  accountId: a.id,
                  accountName: a.name
                }));
                break;
              }
            }
          }
        }
      }
    }
    return out;
  }
}