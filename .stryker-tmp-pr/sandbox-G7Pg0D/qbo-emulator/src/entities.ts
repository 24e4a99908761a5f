/** The entities the emulator serves, as QBO names them (case-sensitive in queries). */
// @ts-nocheck

export const NAME_LISTS = ["Account", "Customer", "Vendor", "Term", "Item", "PaymentMethod"] as const;
export const TRANSACTIONS = [
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
  "RecurringTransaction",
] as const;
export const ENTITIES = [...NAME_LISTS, ...TRANSACTIONS] as const;

export type TNameList = (typeof NAME_LISTS)[number];
export type TTransaction = (typeof TRANSACTIONS)[number];
export type TEntityName = (typeof ENTITIES)[number];

export const isEntityName = (s: string): s is TEntityName => (ENTITIES as readonly string[]).includes(s);
export const isNameList = (s: string): s is TNameList => (NAME_LISTS as readonly string[]).includes(s);

/** Path segment (lowercase) → entity, for `/v3/company/{realm}/{entity}`. */
export const ENTITY_BY_PATH: Record<string, TEntityName> = Object.fromEntries(
  ENTITIES.map((e) => [e.toLowerCase(), e]),
) as Record<string, TEntityName>;

/** Entities whose query responses carry `totalCount` in the real captures. */
export const WITH_TOTAL_COUNT = new Set<TEntityName>([
  "Invoice",
  "Bill",
  "BillPayment",
  "Deposit",
  "JournalEntry",
]);

export type TRef = { value: string; name?: string };

export type TWire = Record<string, unknown> & {
  Id: string;
  SyncToken: string;
  MetaData: { CreateTime: string; LastUpdatedTime: string; LastModifiedByRef?: { value: string } };
};
