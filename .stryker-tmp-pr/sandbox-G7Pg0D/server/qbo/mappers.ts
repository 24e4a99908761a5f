// @ts-nocheck
import { z } from "zod";
import { toCents } from "../lib/money";

/**
 * Pure mapping from QBO wire JSON to typed mirror rows (no I/O). Money goes through its decimal
 * text (lib/money); business dates stay `YYYY-MM-DD`; ids stay strings. Tested on the real
 * captures in qbo-emulator/fixtures.
 */
export const NAME_LIST_ENTITIES = ["Account", "Term", "Customer", "Vendor"] as const;
export const TRANSACTION_ENTITIES = [
  "Invoice",
  "Bill",
  "Payment",
  "BillPayment",
  "CreditMemo",
  "Deposit",
  "Purchase",
  "JournalEntry",
  "VendorCredit",
  "Transfer",
  "SalesReceipt",
  "RefundReceipt",
  "CreditCardPayment",
] as const;
/** Mirrored by query (CDC does not serve recurring templates). */
export const QUERY_ONLY_ENTITIES = ["RecurringTransaction"] as const;
export const SYNCED_ENTITIES = [
  ...NAME_LIST_ENTITIES,
  ...TRANSACTION_ENTITIES,
  ...QUERY_ONLY_ENTITIES,
] as const;
export const CDC_ENTITIES = [...NAME_LIST_ENTITIES, ...TRANSACTION_ENTITIES] as const;
export type TSyncedEntity = (typeof SYNCED_ENTITIES)[number];
export type TTransactionEntity = (typeof TRANSACTION_ENTITIES)[number];

const ZRef = z.object({ value: z.string(), name: z.string().optional(), type: z.string().optional() });
const ZMoney = z.union([z.number(), z.string()]);
const ZMeta = z.object({ LastUpdatedTime: z.string() });
// The fields a sync relies on. Parsed as is (not passthrough), they are checked without copying
// the rest of the object — a passthrough parse copies every key of every 1000-row page.
const ZWireHead = z.object({ Id: z.string(), SyncToken: z.string(), MetaData: ZMeta });
/** A live entity with every field QuickBooks sent (fixtures and tests; the sync uses readWireItem). */
export const ZWireEntity = ZWireHead.passthrough();
export type TWireEntity = z.infer<typeof ZWireEntity>;
export const ZTombstone = z.object({ status: z.literal("Deleted"), Id: z.string(), MetaData: ZMeta });

/**
 * One element of a query or CDC list: a live entity (its identity fields validated, the object
 * itself returned untouched) or a CDC tombstone (`status: "Deleted"`). Throws on anything else.
 */
export function readWireItem(
  item: unknown,
): { deleted: false; entity: TWireEntity } | { deleted: true; id: string; lastUpdatedTime: string } {
  if ((item as { status?: unknown } | null)?.status === "Deleted") {
    const t = ZTombstone.parse(item);
    return { deleted: true, id: t.Id, lastUpdatedTime: t.MetaData.LastUpdatedTime };
  }
  ZWireHead.parse(item);
  return { deleted: false, entity: item as TWireEntity };
}

/** QBO timestamps carry an offset (`-07:00`, `-0700`, `Z`); parse them as instants. */
export function parseInstant(text: string): Date {
  const d = new Date(text.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
  if (Number.isNaN(d.getTime())) throw new Error(`Not a timestamp: ${text}`);
  return d;
}

const cents = (v: unknown) => toCents(v);
const mustCents = (v: unknown) => toCents(v) ?? 0;
/** A reference's id (`{ value: "42", name: … }`), or null when absent or not a reference. */
const refId = (v: unknown): string | null => {
  const value = v && typeof v === "object" ? (v as { value?: unknown }).value : undefined;
  return typeof value === "string" ? value : null;
};
const str = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : null);

// Schemas are built once: building one per row was a large part of a full sync's time.
const ZAccount = z.object({
  Name: z.string(),
  FullyQualifiedName: z.string().optional(),
  AccountType: z.string(),
  AccountSubType: z.string().optional(),
  Classification: z.string().optional(),
  CurrentBalance: ZMoney.optional(),
  Active: z.boolean().optional(),
  CurrencyRef: ZRef.optional(),
  ParentRef: ZRef.optional(),
});

export function mapAccount(w: TWireEntity) {
  const a = ZAccount.parse(w);
  return {
    qboId: w.Id,
    syncToken: Number(w.SyncToken),
    name: a.Name,
    fullyQualifiedName: a.FullyQualifiedName ?? null,
    accountType: a.AccountType,
    accountSubType: a.AccountSubType ?? null,
    classification: a.Classification ?? null,
    currency: a.CurrencyRef?.value ?? null,
    // Not the with-sub-accounts figure (design: cash on hand sums CurrentBalance).
    currentBalanceCents: mustCents(a.CurrentBalance),
    active: a.Active !== false,
    parentId: a.ParentRef?.value ?? null,
  };
}

const ZParty = z.object({
  DisplayName: z.string(),
  Balance: ZMoney.optional(),
  Active: z.boolean().optional(),
  PrimaryEmailAddr: z.object({ Address: z.string().optional() }).optional(),
  TermRef: ZRef.optional(),
  SalesTermRef: ZRef.optional(),
  ParentRef: ZRef.optional(),
  CurrencyRef: ZRef.optional(),
});

export function mapParty(kind: "customer" | "vendor", w: TWireEntity) {
  const p = ZParty.parse(w);
  return {
    kind,
    qboId: w.Id,
    syncToken: Number(w.SyncToken),
    displayName: p.DisplayName,
    email: str(p.PrimaryEmailAddr?.Address),
    balanceCents: mustCents(p.Balance),
    active: p.Active !== false,
    termId: (p.TermRef ?? p.SalesTermRef)?.value ?? null,
    parentId: p.ParentRef?.value ?? null,
    currency: p.CurrencyRef?.value ?? null,
  };
}

const ZTerm = z.object({ Name: z.string(), DueDays: z.number().optional(), Active: z.boolean().optional() });

export function mapTerm(w: TWireEntity) {
  const t = ZTerm.parse(w);
  return {
    qboId: w.Id,
    syncToken: Number(w.SyncToken),
    name: t.Name,
    dueDays: t.DueDays ?? null,
    active: t.Active !== false,
  };
}

type TLine = { Amount?: unknown; LinkedTxn?: { TxnId?: string; TxnType?: string }[]; [k: string]: unknown };

/** The cash account a document moved money through, and the other side for transfers. */
function accounts(
  type: TTransactionEntity,
  w: Record<string, unknown>,
): { accountId: string | null; toAccountId: string | null } {
  switch (type) {
    case "Payment":
    case "Deposit":
    case "SalesReceipt":
    case "RefundReceipt":
      return { accountId: refId(w.DepositToAccountRef), toAccountId: null };
    case "Purchase":
      return { accountId: refId(w.AccountRef), toAccountId: null };
    case "BillPayment":
      return {
        accountId:
          refId((w.CheckPayment as Record<string, unknown> | undefined)?.BankAccountRef) ??
          refId((w.CreditCardPayment as Record<string, unknown> | undefined)?.CCAccountRef),
        toAccountId: null,
      };
    case "Transfer":
      return { accountId: refId(w.FromAccountRef), toAccountId: refId(w.ToAccountRef) };
    case "CreditCardPayment":
      return { accountId: refId(w.BankAccountRef), toAccountId: refId(w.CreditCardAccountRef) };
    default:
      return { accountId: null, toAccountId: null };
  }
}

function lineAccounts(lines: TLine[]): string[] {
  const ids = new Set<string>();
  for (const l of lines) {
    for (const detail of ["AccountBasedExpenseLineDetail", "JournalEntryLineDetail", "DepositLineDetail"]) {
      const id = refId((l[detail] as Record<string, unknown> | undefined)?.AccountRef);
      if (id) ids.add(id);
    }
  }
  return [...ids];
}

const LINKS_FROM: Partial<Record<TTransactionEntity, string>> = {
  Payment: "Invoice",
  BillPayment: "Bill",
  Deposit: "Payment",
};

export function mapTransaction(type: TTransactionEntity, w: TWireEntity) {
  const lines = (Array.isArray(w.Line) ? w.Line : []) as TLine[];
  const entityRef = w.EntityRef as { value?: string; type?: string } | undefined;
  const amount = type === "Transfer" || type === "CreditCardPayment" ? w.Amount : w.TotalAmt;
  const balanceField =
    type === "Payment"
      ? w.UnappliedAmt
      : ["Invoice", "Bill", "CreditMemo", "VendorCredit"].includes(type)
        ? w.Balance
        : undefined;
  const linkTo = LINKS_FROM[type];
  const links = linkTo
    ? lines.flatMap((l, i) => {
        const t = l.LinkedTxn?.[0];
        return t?.TxnId && t.TxnType === linkTo
          ? [{ lineNo: i, toType: linkTo, toId: t.TxnId, amountCents: mustCents(l.Amount) }]
          : [];
      })
    : [];
  return {
    txn: {
      type,
      qboId: w.Id,
      syncToken: Number(w.SyncToken),
      docNumber: str(w.DocNumber),
      txnDate: str(w.TxnDate),
      dueDate: str(w.DueDate),
      amountCents: mustCents(amount),
      balanceCents: balanceField === undefined ? null : cents(balanceField),
      currency: refId(w.CurrencyRef),
      exchangeRate: w.ExchangeRate === undefined ? null : String(w.ExchangeRate),
      customerId: refId(w.CustomerRef) ?? (entityRef?.type === "Customer" ? (entityRef.value ?? null) : null),
      vendorId: refId(w.VendorRef) ?? (entityRef?.type === "Vendor" ? (entityRef.value ?? null) : null),
      ...accounts(type, w),
      termId: refId(w.SalesTermRef),
      emailStatus: str(w.EmailStatus),
      isCredit: w.Credit === true,
      privateNote: str(w.PrivateNote),
      lineAccountIds: lineAccounts(lines),
      lastUpdatedAt: parseInstant(w.MetaData.LastUpdatedTime),
    },
    links,
  };
}

export function mapRecurring(w: TWireEntity) {
  const txnType =
    Object.keys(w).find(
      (k) => !["Id", "SyncToken", "MetaData", "domain", "sparse"].includes(k) && typeof w[k] === "object",
    ) ?? "Unknown";
  const body = (w[txnType] ?? {}) as Record<string, unknown>;
  const info = (body.RecurringInfo ?? {}) as {
    Name?: string;
    Active?: boolean;
    ScheduleInfo?: Record<string, unknown>;
  };
  const sched = info.ScheduleInfo ?? {};
  return {
    qboId: w.Id,
    syncToken: Number(w.SyncToken),
    txnType,
    name: str(info.Name),
    active: info.Active !== false,
    intervalType: str(sched.IntervalType),
    numInterval: typeof sched.NumInterval === "number" ? sched.NumInterval : null,
    dayOfMonth: typeof sched.DayOfMonth === "number" ? sched.DayOfMonth : null,
    nextDate: str(sched.NextDate),
    amountCents: cents(body.TotalAmt),
    partyId: refId(body.CustomerRef) ?? refId(body.VendorRef),
  };
}
