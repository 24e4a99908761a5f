// @ts-nocheck
import { type Company, currencyRef } from "./company";
import type { TRef, TWire } from "./entities";
import { Money } from "./money";

/**
 * Documents and their effect on balances, kept consistent the way QBO keeps them:
 * - An invoice raises its customer's Balance and A/R; a payment lowers the invoices it applies
 *   to, links both ways (LinkedTxn), and raises the deposit account (a bank, or Undeposited Funds).
 * - A bill raises its vendor's Balance and A/P; a bill payment lowers the bills, links both ways,
 *   and lowers the paying bank account (or raises what is owed on the card).
 * - Deleting or voiding a document undoes exactly what it did.
 * Account `CurrentBalance` is debit-positive: assets up = +, liabilities owed = − (as in the real
 * captures, where A/P and Mastercard are negative). Customer/Vendor `Balance` is what is owed.
 * Balance-only effects move LastUpdatedTime but not SyncToken.
 */

const m = (cents: number) => new Money(cents);
const cents = (v: unknown) => (v as Money).cents;
const ref = (c: Company, entity: "Account" | "Customer" | "Vendor" | "Item" | "Term", id: string): TRef => {
  const w = c.mustGet(entity, id);
  return { value: id, name: String(w.DisplayName ?? w.Name ?? w.FullyQualifiedName) };
};

export class LedgerError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail: string,
    readonly element?: string,
  ) {
    super(message);
  }
}

// ── balances ───────────────────────────────────────────────────────────────────────────────

export function adjustAccount(c: Company, accountId: string, delta: number, ms: number): void {
  if (delta === 0) return;
  const a = c.mustGet("Account", accountId);
  a.CurrentBalance = m(cents(a.CurrentBalance) + delta);
  a.CurrentBalanceWithSubAccounts = m(cents(a.CurrentBalanceWithSubAccounts) + delta);
  c.touch("Account", accountId, ms, "balance");
}

function adjustParty(c: Company, entity: "Customer" | "Vendor", id: string, delta: number, ms: number): void {
  if (delta === 0) return;
  const p = c.mustGet(entity, id);
  p.Balance = m(cents(p.Balance) + delta);
  if (entity === "Customer") p.BalanceWithJobs = m(cents(p.BalanceWithJobs) + delta);
  c.touch(entity, id, ms, "balance");
}

export function accountByType(c: Company, type: string, subType?: string): TWire {
  for (const { wire } of c.table("Account").values()) {
    if (wire.AccountType === type && (!subType || wire.AccountSubType === subType)) return wire;
  }
  throw new Error(`no ${type}${subType ? `/${subType}` : ""} account in ${c.realmId}`);
}

/** Money entering (positive) or leaving (negative) an account; for a card, paying with it is leaving. */
function flow(c: Company, accountId: string, inflow: number, ms: number) {
  adjustAccount(c, accountId, inflow, ms);
}

// ── invoices, payments, credit memos ───────────────────────────────────────────────────────

export type TSalesLine = {
  amountCents: number;
  description: string;
  itemId: string;
  qty?: number;
  serviceDate?: string;
  extra?: Record<string, unknown>;
  linkedTxn?: { TxnId: string; TxnType: string }[];
  taxable?: boolean;
};

/** Document addresses are customer/vendor addresses without Country (as in the captures). */
export function docAddress(addr: unknown): Record<string, unknown> | undefined {
  if (!addr || typeof addr !== "object") return undefined;
  const { Country: _country, ...rest } = addr as Record<string, unknown>;
  return rest;
}

/** Credit memos carry compact lines (no description, price or quantity), as captured. */
function salesLines(c: Company, lines: TSalesLine[], withSubtotal: boolean, compact = false) {
  const out: Record<string, unknown>[] = lines.map((l, i) => {
    const item = c.mustGet("Item", l.itemId);
    const qty = l.qty ?? 1;
    return {
      Id: String(i + 1),
      LineNum: i + 1,
      ...(compact ? {} : { Description: l.description }),
      Amount: m(l.amountCents),
      ...(compact ? {} : { LinkedTxn: l.linkedTxn ?? [] }),
      DetailType: "SalesItemLineDetail",
      SalesItemLineDetail: {
        ...(l.serviceDate ? { ServiceDate: l.serviceDate } : {}),
        ItemRef: { value: l.itemId, name: String(item.Name) },
        ...(compact ? {} : { UnitPrice: m(Math.round(l.amountCents / qty)), Qty: qty }),
        ItemAccountRef: item.IncomeAccountRef,
        TaxCodeRef: { value: l.taxable ? "TAX" : "NON" },
        ...l.extra,
      },
      CustomExtensions: [],
    };
  });
  if (withSubtotal) {
    out.push({
      Amount: m(lines.reduce((s, l) => s + l.amountCents, 0)),
      DetailType: "SubTotalLineDetail",
      SubTotalLineDetail: {},
    });
  }
  return out;
}

export function createInvoice(
  c: Company,
  p: {
    customerId: string;
    txnDate: string;
    dueDate: string;
    lines: TSalesLine[];
    docNumber: string;
    termId?: string;
    ms: number;
    extra?: Record<string, unknown>;
    /** A percentage discount line (needs a "Discounts given" account). */
    discountPercent?: number;
    /** Sales tax on the taxable lines, in whole percent. */
    taxPercent?: number;
  },
): TWire {
  const cust = c.mustGet("Customer", p.customerId);
  const sub = p.lines.reduce((s, l) => s + l.amountCents, 0);
  const discount = p.discountPercent ? Math.round((sub * p.discountPercent) / 100) : 0;
  const taxable = p.lines.filter((l) => l.taxable).reduce((s, l) => s + l.amountCents, 0);
  const tax = p.taxPercent ? Math.round((taxable * p.taxPercent) / 100) : 0;
  const total = sub - discount + tax;
  const lines = salesLines(c, p.lines, true);
  if (discount > 0) {
    const acct = accountByType(c, "Income", "DiscountsRefundsGiven");
    lines.push({
      Amount: m(discount),
      DetailType: "DiscountLineDetail",
      DiscountLineDetail: {
        PercentBased: true,
        DiscountPercent: p.discountPercent,
        DiscountAccountRef: { value: String(acct.Id), name: String(acct.Name) },
      },
    });
  }
  const email = (cust.PrimaryEmailAddr as { Address?: string } | undefined)?.Address;
  const inv = c.create(
    "Invoice",
    {
      AllowIPNPayment: false,
      AllowOnlinePayment: false,
      AllowOnlineCreditCardPayment: true,
      AllowOnlineACHPayment: true,
      CustomField: [],
      DocNumber: p.docNumber,
      TxnDate: p.txnDate,
      CurrencyRef: currencyRef(c.currency),
      LinkedTxn: [],
      Line: lines,
      TxnTaxDetail: tax
        ? {
            TxnTaxCodeRef: { value: "2" },
            TotalTax: m(tax),
            TaxLine: [
              {
                Amount: m(tax),
                DetailType: "TaxLineDetail",
                TaxLineDetail: {
                  TaxRateRef: { value: "3" },
                  PercentBased: true,
                  TaxPercent: p.taxPercent,
                  NetAmountTaxable: m(taxable),
                },
              },
            ],
          }
        : { TotalTax: m(0) },
      CustomerRef: ref(c, "Customer", p.customerId),
      ...(cust.BillAddr ? { BillAddr: docAddress(cust.BillAddr) } : {}),
      FreeFormAddress: true,
      ...(p.termId ? { SalesTermRef: ref(c, "Term", p.termId) } : {}),
      DueDate: p.dueDate,
      TotalAmt: m(total),
      ApplyTaxAfterDiscount: false,
      PrintStatus: "NotSet",
      EmailStatus: "NotSet",
      ...(email ? { BillEmail: { Address: email } } : {}),
      Balance: m(total),
      ...p.extra,
    },
    p.ms,
  );
  adjustParty(c, "Customer", p.customerId, total, p.ms);
  adjustAccount(c, String(accountByType(c, "Accounts Receivable").Id), total, p.ms);
  return inv;
}

export type TApplication = { txnId: string; amountCents: number };

export function createPayment(
  c: Company,
  p: {
    customerId: string;
    txnDate: string;
    totalCents: number;
    applications: TApplication[];
    depositToAccountId: string;
    ms: number;
    refNum?: string;
    paymentMethodId?: string;
    privateNote?: string;
  },
): TWire {
  const applied = p.applications.reduce((s, a) => s + a.amountCents, 0);
  if (applied > p.totalCents)
    throw new LedgerError(
      "6000",
      "A business validation error has occurred",
      "Applied amount exceeds the payment",
    );
  for (const a of p.applications) {
    const inv = c.get("Invoice", a.txnId);
    if (!inv) throw new LedgerError("610", "Object Not Found", `Invoice ${a.txnId} not found`, "LinkedTxn");
    if (a.amountCents <= 0 || a.amountCents > cents(inv.Balance)) {
      throw new LedgerError(
        "6000",
        "A business validation error has occurred",
        `Payment amount exceeds the open balance of invoice ${a.txnId}`,
      );
    }
  }
  const pay = c.create(
    "Payment",
    {
      CustomerRef: ref(c, "Customer", p.customerId),
      DepositToAccountRef: { value: p.depositToAccountId },
      TotalAmt: m(p.totalCents),
      UnappliedAmt: m(p.totalCents - applied),
      ProcessPayment: false,
      TxnDate: p.txnDate,
      CurrencyRef: currencyRef(c.currency),
      ...(p.refNum ? { PaymentRefNum: p.refNum } : {}),
      ...(p.paymentMethodId ? { PaymentMethodRef: { value: p.paymentMethodId } } : {}),
      ...(p.privateNote ? { PrivateNote: p.privateNote } : {}),
      Line: p.applications.map((a) => {
        const inv = c.mustGet("Invoice", a.txnId);
        return {
          Amount: m(a.amountCents),
          LinkedTxn: [{ TxnId: a.txnId, TxnType: "Invoice" }],
          LineEx: {
            any: [
              nameValue("txnId", a.txnId),
              nameValue("txnOpenBalance", new Money(cents(inv.Balance)).toWire()),
              nameValue("txnReferenceNumber", String(inv.DocNumber)),
            ],
          },
        };
      }),
    },
    p.ms,
  );
  for (const a of p.applications) {
    const inv = c.mustGet("Invoice", a.txnId);
    inv.Balance = m(cents(inv.Balance) - a.amountCents);
    (inv.LinkedTxn as unknown[]).push({ TxnId: pay.Id, TxnType: "Payment" });
    c.touch("Invoice", a.txnId, p.ms, "balance");
  }
  adjustParty(c, "Customer", p.customerId, -p.totalCents, p.ms);
  adjustAccount(c, String(accountByType(c, "Accounts Receivable").Id), -p.totalCents, p.ms);
  adjustAccount(c, p.depositToAccountId, p.totalCents, p.ms);
  return pay;
}

function nameValue(name: string, value: string) {
  return {
    name: "{http://schema.intuit.com/finance/v3}NameValue",
    declaredType: "com.intuit.schema.finance.v3.NameValue",
    scope: "javax.xml.bind.JAXBElement$GlobalScope",
    value: { Name: name, Value: value },
    nil: false,
    globalScope: true,
    typeSubstituted: false,
  };
}

/** Undo a payment's effects (delete or void). */
function unapplyPayment(c: Company, pay: TWire, ms: number) {
  const total = cents(pay.TotalAmt);
  for (const line of pay.Line as { Amount: Money; LinkedTxn: { TxnId: string }[] }[]) {
    const invId = line.LinkedTxn[0]?.TxnId;
    const inv = invId ? c.get("Invoice", invId) : undefined;
    if (!inv) continue;
    inv.Balance = m(cents(inv.Balance) + line.Amount.cents);
    inv.LinkedTxn = (inv.LinkedTxn as { TxnId: string; TxnType: string }[]).filter(
      (l) => !(l.TxnId === pay.Id && l.TxnType === "Payment"),
    );
    c.touch("Invoice", invId!, ms, "balance");
  }
  const customerId = (pay.CustomerRef as TRef).value;
  adjustParty(c, "Customer", customerId, total, ms);
  adjustAccount(c, String(accountByType(c, "Accounts Receivable").Id), total, ms);
  adjustAccount(c, (pay.DepositToAccountRef as TRef).value, -total, ms);
}

export function deletePayment(c: Company, id: string, ms: number): void {
  const pay = c.get("Payment", id);
  if (!pay) throw new LedgerError("610", "Object Not Found", `Payment ${id} not found`);
  if ((pay.LinkedTxn as unknown[] | undefined)?.length) {
    throw new LedgerError(
      "6000",
      "A business validation error has occurred",
      "This payment is part of a deposit; delete the deposit first",
    );
  }
  unapplyPayment(c, pay, ms);
  c.remove("Payment", id, ms);
}

export function createCreditMemo(
  c: Company,
  p: {
    customerId: string;
    txnDate: string;
    lines: TSalesLine[];
    docNumber: string;
    ms: number;
    privateNote?: string;
    shipFrom?: Record<string, unknown>;
  },
): TWire {
  const total = p.lines.reduce((s, l) => s + l.amountCents, 0);
  const cust = c.mustGet("Customer", p.customerId);
  const cm = c.create(
    "CreditMemo",
    {
      RemainingCredit: m(total),
      CustomField: [],
      DocNumber: p.docNumber,
      TxnDate: p.txnDate,
      CurrencyRef: currencyRef(c.currency),
      Line: salesLines(c, p.lines, true, true),
      TxnTaxDetail: { TotalTax: m(0) },
      CustomerRef: ref(c, "Customer", p.customerId),
      ...(cust.BillAddr ? { BillAddr: docAddress(cust.BillAddr) } : {}),
      ...(cust.ShipAddr ? { ShipAddr: docAddress(cust.ShipAddr) } : {}),
      ...(p.shipFrom ? { ShipFromAddr: p.shipFrom } : {}),
      FreeFormAddress: true,
      ...(p.privateNote ? { PrivateNote: p.privateNote } : {}),
      TotalAmt: m(total),
      ApplyTaxAfterDiscount: false,
      PrintStatus: "NotSet",
      EmailStatus: "NotSet",
      Balance: m(total),
    },
    p.ms,
  );
  adjustParty(c, "Customer", p.customerId, -total, p.ms);
  adjustAccount(c, String(accountByType(c, "Accounts Receivable").Id), -total, p.ms);
  return cm;
}

// ── bills and bill payments ────────────────────────────────────────────────────────────────

export type TExpenseLine = {
  amountCents: number;
  accountId: string;
  description: string;
  customerId?: string;
  /** An item purchase (ItemBasedExpenseLineDetail) instead of an account line. */
  item?: { id: string; qty: number };
  linkedTxn?: { TxnId: string; TxnType: string }[];
};

/** Bill lines carry LineNum and LinkedTxn; purchase lines do not (as captured). */
function expenseLines(c: Company, lines: TExpenseLine[], billStyle: boolean) {
  return lines.map((l, i) => ({
    Id: String(i + 1),
    ...(billStyle ? { LineNum: i + 1 } : {}),
    Description: l.description,
    Amount: m(l.amountCents),
    ...(billStyle ? { LinkedTxn: l.linkedTxn ?? [] } : {}),
    ...(l.item
      ? {
          DetailType: "ItemBasedExpenseLineDetail",
          ItemBasedExpenseLineDetail: {
            BillableStatus: "NotBillable",
            ItemRef: ref(c, "Item", l.item.id),
            UnitPrice: m(Math.round(l.amountCents / l.item.qty)),
            Qty: l.item.qty,
            TaxCodeRef: { value: "NON" },
          },
        }
      : {
          DetailType: "AccountBasedExpenseLineDetail",
          AccountBasedExpenseLineDetail: {
            ...(l.customerId ? { CustomerRef: ref(c, "Customer", l.customerId) } : {}),
            AccountRef: ref(c, "Account", l.accountId),
            BillableStatus: l.customerId ? "Billable" : "NotBillable",
            TaxCodeRef: { value: "NON" },
          },
        }),
    CustomExtensions: [],
  }));
}

export function createBill(
  c: Company,
  p: {
    vendorId: string;
    txnDate: string;
    dueDate?: string;
    lines: TExpenseLine[];
    termId?: string;
    ms: number;
    privateNote?: string;
  },
): TWire {
  const vendor = c.mustGet("Vendor", p.vendorId);
  const total = p.lines.reduce((s, l) => s + l.amountCents, 0);
  const ap = accountByType(c, "Accounts Payable");
  const bill = c.create(
    "Bill",
    {
      ...(p.dueDate ? { DueDate: p.dueDate } : {}),
      ...(vendor.BillAddr ? { VendorAddr: docAddress(vendor.BillAddr) } : {}),
      Balance: m(total),
      TxnDate: p.txnDate,
      CurrencyRef: currencyRef(c.currency),
      ...(p.privateNote ? { PrivateNote: p.privateNote } : {}),
      LinkedTxn: [],
      Line: expenseLines(c, p.lines, true),
      VendorRef: ref(c, "Vendor", p.vendorId),
      APAccountRef: { value: String(ap.Id), name: String(ap.Name) },
      ...(p.termId ? { SalesTermRef: { value: p.termId } } : {}),
      TotalAmt: m(total),
    },
    p.ms,
  );
  adjustParty(c, "Vendor", p.vendorId, total, p.ms);
  adjustAccount(c, String(ap.Id), -total, p.ms);
  return bill;
}

export function createBillPayment(
  c: Company,
  p: {
    vendorId: string;
    txnDate: string;
    payType: "Check" | "CreditCard";
    accountId: string;
    applications: TApplication[];
    ms: number;
    docNumber?: string;
    privateNote?: string;
  },
): TWire {
  if (p.applications.length === 0)
    throw new LedgerError(
      "2020",
      "Required param missing, need to supply the required value for the API",
      "Required parameter Line is missing in the request",
      "Line",
    );
  for (const a of p.applications) {
    const bill = c.get("Bill", a.txnId);
    if (!bill)
      throw new LedgerError(
        "610",
        "Object Not Found",
        `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.`,
        "LinkedTxn",
      );
    if ((bill.VendorRef as TRef).value !== p.vendorId) {
      throw new LedgerError(
        "6000",
        "A business validation error has occurred while processing your request",
        `Bill ${a.txnId} belongs to another vendor`,
      );
    }
    if (a.amountCents <= 0 || a.amountCents > cents(bill.Balance)) {
      throw new LedgerError(
        "6000",
        "A business validation error has occurred while processing your request",
        `Business Validation Error: The payment amount exceeds the open balance of bill ${a.txnId}.`,
      );
    }
  }
  const acct = c.get("Account", p.accountId);
  const wantType = p.payType === "Check" ? "Bank" : "Credit Card";
  if (!acct || acct.AccountType !== wantType) {
    throw new LedgerError(
      "2500",
      "Invalid Reference Id",
      `Invalid Reference Id : Accounts element id ${p.accountId} not found or not a ${wantType} account`,
      p.payType === "Check" ? "CheckPayment.BankAccountRef" : "CreditCardPayment.CCAccountRef",
    );
  }
  const total = p.applications.reduce((s, a) => s + a.amountCents, 0);
  const accountRef = { value: p.accountId, name: String(acct.Name) };
  const bp = c.create(
    "BillPayment",
    {
      VendorRef: ref(c, "Vendor", p.vendorId),
      PayType: p.payType,
      ...(p.payType === "Check"
        ? { CheckPayment: { BankAccountRef: accountRef, PrintStatus: "NotSet" } }
        : { CreditCardPayment: { CCAccountRef: accountRef } }),
      TotalAmt: m(total),
      ...(p.docNumber ? { DocNumber: p.docNumber } : {}),
      TxnDate: p.txnDate,
      CurrencyRef: currencyRef(c.currency),
      ...(p.privateNote ? { PrivateNote: p.privateNote } : {}),
      Line: p.applications.map((a) => ({
        Amount: m(a.amountCents),
        LinkedTxn: [{ TxnId: a.txnId, TxnType: "Bill" }],
      })),
    },
    p.ms,
  );
  applyBillPayment(c, bp, p.ms, +1);
  return bp;
}

/** Apply (+1) or undo (−1) a bill payment's effects on bills, vendor, A/P and the paying account. */
function applyBillPayment(c: Company, bp: TWire, ms: number, dir: 1 | -1) {
  const linkType = bp.PayType === "Check" ? "BillPaymentCheck" : "BillPaymentCreditCard";
  let total = 0;
  for (const line of bp.Line as { Amount: Money; LinkedTxn: { TxnId: string }[] }[]) {
    const billId = line.LinkedTxn[0]?.TxnId;
    const bill = billId ? c.get("Bill", billId) : undefined;
    total += line.Amount.cents;
    if (!bill) continue;
    bill.Balance = m(cents(bill.Balance) - dir * line.Amount.cents);
    const links = bill.LinkedTxn as { TxnId: string; TxnType: string }[];
    bill.LinkedTxn =
      dir === 1 ? [...links, { TxnId: bp.Id, TxnType: linkType }] : links.filter((l) => l.TxnId !== bp.Id);
    c.touch("Bill", billId!, ms, "balance");
  }
  const vendorId = (bp.VendorRef as TRef).value;
  adjustParty(c, "Vendor", vendorId, -dir * total, ms);
  adjustAccount(c, String(accountByType(c, "Accounts Payable").Id), dir * total, ms);
  const accountId =
    bp.PayType === "Check"
      ? (bp.CheckPayment as { BankAccountRef: TRef }).BankAccountRef.value
      : (bp.CreditCardPayment as { CCAccountRef: TRef }).CCAccountRef.value;
  flow(c, accountId, -dir * total, ms);
}

export function deleteBillPayment(c: Company, id: string, ms: number): void {
  const bp = c.get("BillPayment", id);
  if (!bp) throw new LedgerError("610", "Object Not Found", `BillPayment ${id} not found`);
  applyBillPayment(c, bp, ms, -1);
  c.remove("BillPayment", id, ms);
}

/** Void: the document stays with zero amounts and a note; its effects are undone. */
export function voidBillPayment(c: Company, id: string, ms: number): TWire {
  const bp = c.get("BillPayment", id);
  if (!bp) throw new LedgerError("610", "Object Not Found", `BillPayment ${id} not found`);
  applyBillPayment(c, bp, ms, -1);
  bp.TotalAmt = m(0);
  bp.Line = [];
  bp.PrivateNote = "Voided";
  return c.touch("BillPayment", id, ms, "edit", "Void");
}

/** Sparse update of a bill payment's amount on one bill (QBO: update with SyncToken). */
export function updateBillPaymentAmount(c: Company, id: string, amountCents: number, ms: number): TWire {
  const bp = c.mustGet("BillPayment", id);
  const lines = bp.Line as { Amount: Money; LinkedTxn: { TxnId: string }[] }[];
  if (lines.length !== 1)
    throw new LedgerError(
      "6000",
      "A business validation error has occurred",
      "Only single-bill payments can change amount here",
    );
  applyBillPayment(c, bp, ms, -1);
  const bill = c.mustGet("Bill", lines[0]!.LinkedTxn[0]!.TxnId);
  if (amountCents <= 0 || amountCents > cents(bill.Balance)) {
    applyBillPayment(c, bp, ms, 1);
    throw new LedgerError(
      "6000",
      "A business validation error has occurred while processing your request",
      "The payment amount exceeds the open balance of the bill.",
    );
  }
  lines[0]!.Amount = m(amountCents);
  bp.TotalAmt = m(amountCents);
  applyBillPayment(c, bp, ms, 1);
  return c.touch("BillPayment", id, ms, "edit");
}

function assertNoLinks(doc: TWire, entity: string) {
  if ((doc.LinkedTxn as unknown[] | undefined)?.length) {
    throw new LedgerError(
      "6000",
      "A business validation error has occurred while processing your request",
      `Business Validation Error: This ${entity.toLowerCase()} has payments applied. Delete or unapply them first.`,
    );
  }
}

export function deleteBill(c: Company, id: string, ms: number): void {
  const bill = c.get("Bill", id);
  if (!bill) throw new LedgerError("610", "Object Not Found", `Bill ${id} not found`);
  assertNoLinks(bill, "Bill");
  adjustParty(c, "Vendor", (bill.VendorRef as TRef).value, -cents(bill.TotalAmt), ms);
  adjustAccount(c, String(accountByType(c, "Accounts Payable").Id), cents(bill.TotalAmt), ms);
  c.remove("Bill", id, ms);
}

export function deleteInvoice(c: Company, id: string, ms: number): void {
  const inv = c.get("Invoice", id);
  if (!inv) throw new LedgerError("610", "Object Not Found", `Invoice ${id} not found`);
  assertNoLinks(inv, "Invoice");
  adjustParty(c, "Customer", (inv.CustomerRef as TRef).value, -cents(inv.TotalAmt), ms);
  adjustAccount(c, String(accountByType(c, "Accounts Receivable").Id), -cents(inv.TotalAmt), ms);
  c.remove("Invoice", id, ms);
}

/** Void an invoice: amounts go to zero, it stays in the list with a note. */
export function voidInvoice(c: Company, id: string, ms: number): TWire {
  const inv = c.get("Invoice", id);
  if (!inv) throw new LedgerError("610", "Object Not Found", `Invoice ${id} not found`);
  assertNoLinks(inv, "Invoice");
  const total = cents(inv.TotalAmt);
  adjustParty(c, "Customer", (inv.CustomerRef as TRef).value, -total, ms);
  adjustAccount(c, String(accountByType(c, "Accounts Receivable").Id), -total, ms);
  inv.TotalAmt = m(0);
  inv.Balance = m(0);
  for (const l of inv.Line as { Amount: Money; SalesItemLineDetail?: { UnitPrice: Money } }[]) {
    l.Amount = m(0);
    if (l.SalesItemLineDetail) l.SalesItemLineDetail.UnitPrice = m(0);
  }
  inv.PrivateNote = "Voided";
  return c.touch("Invoice", id, ms, "edit", "Void");
}

/** Edit an open document's due date and/or single amount as a bookkeeper would. */
export function editDocument(
  c: Company,
  entity: "Invoice" | "Bill",
  id: string,
  change: { dueDate?: string | null; amountCents?: number; privateNote?: string },
  ms: number,
): TWire {
  const doc = c.get(entity, id);
  if (!doc) throw new LedgerError("610", "Object Not Found", `${entity} ${id} not found`);
  if (change.dueDate !== undefined) {
    if (change.dueDate === null) delete doc.DueDate;
    else doc.DueDate = change.dueDate;
  }
  if (change.privateNote !== undefined) doc.PrivateNote = change.privateNote;
  if (change.amountCents !== undefined) {
    const paid = cents(doc.TotalAmt) - cents(doc.Balance);
    if (change.amountCents < paid) {
      throw new LedgerError(
        "6000",
        "A business validation error has occurred",
        "The new amount is less than what was already paid",
      );
    }
    const delta = change.amountCents - cents(doc.TotalAmt);
    const lines = doc.Line as { Amount: Money; DetailType: string }[];
    const first = lines.find((l) => l.DetailType !== "SubTotalLineDetail");
    if (first) first.Amount = m(first.Amount.cents + delta);
    const subtotal = lines.find((l) => l.DetailType === "SubTotalLineDetail");
    if (subtotal) subtotal.Amount = m(subtotal.Amount.cents + delta);
    doc.TotalAmt = m(change.amountCents);
    doc.Balance = m(cents(doc.Balance) + delta);
    if (entity === "Invoice") {
      adjustParty(c, "Customer", (doc.CustomerRef as TRef).value, delta, ms);
      adjustAccount(c, String(accountByType(c, "Accounts Receivable").Id), delta, ms);
    } else {
      adjustParty(c, "Vendor", (doc.VendorRef as TRef).value, delta, ms);
      adjustAccount(c, String(accountByType(c, "Accounts Payable").Id), -delta, ms);
    }
  }
  return c.touch(entity, id, ms, "edit");
}

// ── cash documents ─────────────────────────────────────────────────────────────────────────

export function createDeposit(
  c: Company,
  p: {
    accountId: string;
    txnDate: string;
    paymentIds?: string[];
    otherLines?: { amountCents: number; accountId: string; paymentMethodId?: string; checkNum?: string }[];
    cashBack?: { amountCents: number; accountId: string; memo: string };
    privateNote?: string;
    ms: number;
  },
): TWire {
  const undeposited = accountByType(c, "Other Current Asset", "UndepositedFunds");
  const lines: Record<string, unknown>[] = [];
  let total = 0;
  let fromUndeposited = 0;
  for (const pid of p.paymentIds ?? []) {
    const pay = c.mustGet("Payment", pid);
    const amount = cents(pay.TotalAmt);
    total += amount;
    fromUndeposited += amount;
    lines.push({
      Id: String(lines.length + 1),
      LineNum: lines.length + 1,
      Amount: m(amount),
      LinkedTxn: [{ TxnId: pid, TxnType: "Payment", TxnLineId: "0" }],
    });
  }
  for (const o of p.otherLines ?? []) {
    total += o.amountCents;
    lines.push({
      Id: String(lines.length + 1),
      LineNum: lines.length + 1,
      Amount: m(o.amountCents),
      DetailType: "DepositLineDetail",
      DepositLineDetail: {
        AccountRef: ref(c, "Account", o.accountId),
        ...(o.paymentMethodId ? { PaymentMethodRef: { value: o.paymentMethodId } } : {}),
        ...(o.checkNum ? { CheckNum: o.checkNum } : {}),
      },
      CustomExtensions: [],
    });
  }
  const cashBack = p.cashBack?.amountCents ?? 0;
  total -= cashBack;
  const acct = c.mustGet("Account", p.accountId);
  const dep = c.create(
    "Deposit",
    {
      DepositToAccountRef: { value: p.accountId, name: String(acct.Name) },
      TotalAmt: m(total),
      TxnDate: p.txnDate,
      CurrencyRef: currencyRef(c.currency),
      ...(p.privateNote ? { PrivateNote: p.privateNote } : {}),
      Line: lines,
      ...(p.cashBack
        ? {
            CashBack: {
              AccountRef: ref(c, "Account", p.cashBack.accountId),
              Amount: m(p.cashBack.amountCents),
              Memo: p.cashBack.memo,
            },
          }
        : {}),
      TxnTaxDetail: {},
    },
    p.ms,
  );
  if (cashBack) flow(c, p.cashBack!.accountId, cashBack, p.ms);
  for (const pid of p.paymentIds ?? []) {
    const pay = c.mustGet("Payment", pid);
    pay.LinkedTxn = [...((pay.LinkedTxn as unknown[]) ?? []), { TxnId: dep.Id, TxnType: "Deposit" }];
    c.touch("Payment", pid, p.ms, "balance");
  }
  adjustAccount(c, String(undeposited.Id), -fromUndeposited, p.ms);
  adjustAccount(c, p.accountId, total, p.ms);
  return dep;
}

export function createPurchase(
  c: Company,
  p: {
    accountId: string;
    paymentType: "Cash" | "Check" | "CreditCard";
    vendorId?: string;
    txnDate: string;
    lines: TExpenseLine[];
    ms: number;
    docNumber?: string;
    credit?: boolean;
    privateNote?: string;
  },
): TWire {
  const total = p.lines.reduce((s, l) => s + l.amountCents, 0);
  const acct = c.mustGet("Account", p.accountId);
  const vendor = p.vendorId ? c.mustGet("Vendor", p.vendorId) : undefined;
  const pur = c.create(
    "Purchase",
    {
      AccountRef: { value: p.accountId, name: String(acct.Name) },
      PaymentType: p.paymentType,
      ...(vendor
        ? { EntityRef: { value: p.vendorId, name: String(vendor.DisplayName), type: "Vendor" } }
        : {}),
      ...(p.paymentType === "CreditCard" ? { Credit: Boolean(p.credit) } : {}),
      TotalAmt: m(total),
      ...(p.paymentType === "Check" ? { PrintStatus: "NotSet" } : {}),
      PurchaseEx: {
        any: [nameValue("TxnType", p.paymentType === "CreditCard" ? (p.credit ? "11" : "54") : "54")],
      },
      ...(p.docNumber ? { DocNumber: p.docNumber } : {}),
      TxnDate: p.txnDate,
      CurrencyRef: currencyRef(c.currency),
      ...(p.privateNote ? { PrivateNote: p.privateNote } : {}),
      ...(p.paymentType === "Check" && vendor?.BillAddr ? { RemitToAddr: docAddress(vendor.BillAddr) } : {}),
      Line: expenseLines(c, p.lines, false),
    },
    p.ms,
  );
  flow(c, p.accountId, p.credit ? total : -total, p.ms);
  return pur;
}

export function deletePurchase(c: Company, id: string, ms: number): void {
  const pur = c.get("Purchase", id);
  if (!pur) throw new LedgerError("610", "Object Not Found", `Purchase ${id} not found`);
  flow(c, (pur.AccountRef as TRef).value, pur.Credit ? -cents(pur.TotalAmt) : cents(pur.TotalAmt), ms);
  c.remove("Purchase", id, ms);
}

export function createTransfer(
  c: Company,
  p: { fromAccountId: string; toAccountId: string; amountCents: number; txnDate: string; ms: number },
): TWire {
  const t = c.create(
    "Transfer",
    {
      FromAccountRef: ref(c, "Account", p.fromAccountId),
      ToAccountRef: ref(c, "Account", p.toAccountId),
      Amount: m(p.amountCents),
      TxnDate: p.txnDate,
      CurrencyRef: currencyRef(c.currency),
    },
    p.ms,
  );
  flow(c, p.fromAccountId, -p.amountCents, p.ms);
  flow(c, p.toAccountId, p.amountCents, p.ms);
  return t;
}

export function createCreditCardPayment(
  c: Company,
  p: { bankAccountId: string; cardAccountId: string; amountCents: number; txnDate: string; ms: number },
): TWire {
  const t = c.create(
    "CreditCardPayment",
    {
      CreditCardAccountRef: ref(c, "Account", p.cardAccountId),
      BankAccountRef: ref(c, "Account", p.bankAccountId),
      Amount: m(p.amountCents),
      TxnDate: p.txnDate,
      CurrencyRef: currencyRef(c.currency),
    },
    p.ms,
  );
  flow(c, p.bankAccountId, -p.amountCents, p.ms);
  flow(c, p.cardAccountId, p.amountCents, p.ms);
  return t;
}

export function createSalesReceipt(
  c: Company,
  p: {
    customerId: string;
    depositToAccountId: string;
    lines: TSalesLine[];
    txnDate: string;
    docNumber: string;
    ms: number;
  },
): TWire {
  const total = p.lines.reduce((s, l) => s + l.amountCents, 0);
  const sr = c.create(
    "SalesReceipt",
    {
      DocNumber: p.docNumber,
      TxnDate: p.txnDate,
      CurrencyRef: currencyRef(c.currency),
      Line: salesLines(c, p.lines, true),
      TxnTaxDetail: { TotalTax: m(0) },
      CustomerRef: ref(c, "Customer", p.customerId),
      TotalAmt: m(total),
      Balance: m(0),
      DepositToAccountRef: ref(c, "Account", p.depositToAccountId),
      PrintStatus: "NotSet",
      EmailStatus: "NotSet",
    },
    p.ms,
  );
  flow(c, p.depositToAccountId, total, p.ms);
  return sr;
}

export function createRefundReceipt(
  c: Company,
  p: {
    customerId: string;
    fromAccountId: string;
    lines: TSalesLine[];
    txnDate: string;
    docNumber: string;
    ms: number;
  },
): TWire {
  const total = p.lines.reduce((s, l) => s + l.amountCents, 0);
  const rr = c.create(
    "RefundReceipt",
    {
      DocNumber: p.docNumber,
      TxnDate: p.txnDate,
      CurrencyRef: currencyRef(c.currency),
      Line: salesLines(c, p.lines, true),
      TxnTaxDetail: { TotalTax: m(0) },
      CustomerRef: ref(c, "Customer", p.customerId),
      TotalAmt: m(total),
      Balance: m(0),
      DepositToAccountRef: ref(c, "Account", p.fromAccountId),
      PrintStatus: "NotSet",
    },
    p.ms,
  );
  flow(c, p.fromAccountId, -total, p.ms);
  return rr;
}

export function createVendorCredit(
  c: Company,
  p: { vendorId: string; lines: TExpenseLine[]; txnDate: string; ms: number },
): TWire {
  const total = p.lines.reduce((s, l) => s + l.amountCents, 0);
  const ap = accountByType(c, "Accounts Payable");
  const vc = c.create(
    "VendorCredit",
    {
      VendorRef: ref(c, "Vendor", p.vendorId),
      APAccountRef: { value: String(ap.Id), name: String(ap.Name) },
      TxnDate: p.txnDate,
      CurrencyRef: currencyRef(c.currency),
      Line: expenseLines(c, p.lines, true),
      TotalAmt: m(total),
      Balance: m(total),
    },
    p.ms,
  );
  adjustParty(c, "Vendor", p.vendorId, -total, p.ms);
  adjustAccount(c, String(ap.Id), total, p.ms);
  return vc;
}

/**
 * A journal entry. Lines posting to balance-sheet accounts move their balances (debit +,
 * credit −); income/expense lines only move the P&L, which the emulator does not track.
 */
export function createJournalEntry(
  c: Company,
  p: {
    lines: {
      accountId: string;
      postingType: "Debit" | "Credit";
      amountCents: number;
      description?: string;
    }[];
    txnDate: string;
    docNumber?: string;
    ms: number;
    privateNote?: string;
  },
): TWire {
  const debit = p.lines.filter((l) => l.postingType === "Debit").reduce((s, l) => s + l.amountCents, 0);
  const credit = p.lines.filter((l) => l.postingType === "Credit").reduce((s, l) => s + l.amountCents, 0);
  if (debit !== credit)
    throw new LedgerError(
      "6000",
      "A business validation error has occurred",
      "Debits and credits must be equal",
    );
  const je = c.create(
    "JournalEntry",
    {
      Adjustment: false,
      TotalAmt: m(debit),
      ...(p.docNumber ? { DocNumber: p.docNumber } : {}),
      TxnDate: p.txnDate,
      CurrencyRef: currencyRef(c.currency),
      ...(p.privateNote ? { PrivateNote: p.privateNote } : {}),
      Line: p.lines.map((l, i) => ({
        Id: String(i),
        ...(l.description ? { Description: l.description } : {}),
        Amount: m(l.amountCents),
        DetailType: "JournalEntryLineDetail",
        JournalEntryLineDetail: { PostingType: l.postingType, AccountRef: ref(c, "Account", l.accountId) },
        CustomExtensions: [],
      })),
      TxnTaxDetail: {},
    },
    p.ms,
  );
  for (const l of p.lines) {
    const a = c.mustGet("Account", l.accountId);
    if (
      ["Income", "Other Income", "Expense", "Other Expense", "Cost of Goods Sold", "Equity"].includes(
        String(a.AccountType),
      )
    )
      continue;
    adjustAccount(c, l.accountId, l.postingType === "Debit" ? l.amountCents : -l.amountCents, p.ms);
  }
  return je;
}

/** Set a bank account's balance as a bookkeeper would: a journal entry against Opening Balance Equity. */
export function setBankBalance(
  c: Company,
  accountId: string,
  targetCents: number,
  txnDate: string,
  ms: number,
): TWire | null {
  const a = c.mustGet("Account", accountId);
  const delta = targetCents - cents(a.CurrentBalance);
  if (delta === 0) return null;
  const equity = accountByType(c, "Equity", "OpeningBalanceEquity");
  return createJournalEntry(c, {
    txnDate,
    ms,
    privateNote: "Balance adjustment",
    lines: [
      { accountId, postingType: delta > 0 ? "Debit" : "Credit", amountCents: Math.abs(delta) },
      {
        accountId: String(equity.Id),
        postingType: delta > 0 ? "Credit" : "Debit",
        amountCents: Math.abs(delta),
      },
    ],
  });
}
