// @ts-nocheck
import { ENTITIES, isNameList, type TEntityName, type TWire } from "./entities";
import { Money } from "./money";
import { entityTimestamp } from "./time";

/**
 * One QuickBooks company (realm): its entities as wire objects, tombstones of deleted
 * transactions, id sequences, and the idempotency log of `requestid`s. Every change goes
 * through `create` / `touch` / `remove`, which keep MetaData, SyncToken and the change feed
 * (CDC and webhooks) consistent.
 */
export type TRow = {
  wire: TWire;
  createdMs: number;
  updatedMs: number;
  /** Serialized wire JSON, cached for query pages; cleared by every touch. */
  json?: string;
};
export type TChange = {
  entity: TEntityName;
  id: string;
  operation: "Create" | "Update" | "Delete" | "Void" | "Emailed";
  ms: number;
};

export type TRefusals = { query: Set<string>; cdc: Set<string> };

export type TCompanyInit = {
  realmId: string;
  name: string;
  timezone?: string;
  currency?: string;
  fiscalYearStartMonth?: number;
  createdMs: number;
};

export class Company {
  readonly realmId: string;
  readonly name: string;
  readonly timezone: string;
  readonly currency: string;
  readonly fiscalYearStartMonth: number;
  readonly createdMs: number;
  readonly rows = new Map<TEntityName, Map<string, TRow>>();
  readonly tombstones = new Map<TEntityName, Map<string, number>>();
  /** Account id → opening balance in cents (what the account held before any document). */
  readonly openingBalances = new Map<string, number>();
  readonly requestLog = new Map<string, { status: number; body: string }>();
  readonly sentInvoiceEmails: { invoiceId: string; to: string; ms: number }[] = [];
  /**
   * Entities this company refuses, as real companies do (an edition without the feature, an
   * entity CDC does not cover): `query` answers 400 code 4000, `cdc` 400 code 4001.
   */
  refused: TRefusals = { query: new Set(), cdc: new Set() };
  private seqTxn = 1;
  private readonly seqNames = new Map<string, number>();
  private listeners: ((c: TChange) => void)[] = [];

  constructor(init: TCompanyInit) {
    this.realmId = init.realmId;
    this.name = init.name;
    this.timezone = init.timezone ?? "America/Los_Angeles";
    this.currency = init.currency ?? "USD";
    this.fiscalYearStartMonth = init.fiscalYearStartMonth ?? 1;
    this.createdMs = init.createdMs;
    for (const e of ENTITIES) {
      this.rows.set(e, new Map());
      this.tombstones.set(e, new Map());
    }
  }

  onChange(fn: (c: TChange) => void): () => void {
    this.listeners.push(fn);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== fn);
    };
  }

  private emit(c: TChange) {
    for (const l of this.listeners) l(c);
  }

  table(entity: TEntityName): Map<string, TRow> {
    return this.rows.get(entity)!;
  }

  get(entity: TEntityName, id: string): TWire | undefined {
    return this.rows.get(entity)!.get(id)?.wire;
  }

  mustGet(entity: TEntityName, id: string): TWire {
    const w = this.get(entity, id);
    if (!w) throw new Error(`${entity} ${id} not found in ${this.realmId}`);
    return w;
  }

  nextId(entity: TEntityName): string {
    if (!isNameList(entity)) return String(this.seqTxn++);
    const n = this.seqNames.get(entity) ?? 1;
    this.seqNames.set(entity, n + 1);
    return String(n);
  }

  ts(ms: number): string {
    return entityTimestamp(ms, this.timezone);
  }

  /** Insert a new entity; `body` is the wire object without Id/SyncToken/MetaData/domain/sparse. */
  create(entity: TEntityName, body: Record<string, unknown>, ms: number, id = this.nextId(entity)): TWire {
    const wire = {
      ...body,
      domain: "QBO",
      sparse: false,
      Id: id,
      SyncToken: "0",
      MetaData: { CreateTime: this.ts(ms), LastUpdatedTime: this.ts(ms) },
    } as TWire;
    if (entity === "Invoice" || entity === "Bill") {
      wire.MetaData.LastModifiedByRef = { value: "9341457021722234" };
    }
    this.table(entity).set(id, { wire, createdMs: ms, updatedMs: ms });
    this.emit({ entity, id, operation: "Create", ms });
    return wire;
  }

  /**
   * Record a change to an existing entity. A user edit bumps SyncToken; a balance-only change
   * (a payment applied elsewhere) moves LastUpdatedTime alone, as QBO does.
   */
  touch(
    entity: TEntityName,
    id: string,
    ms: number,
    kind: "edit" | "balance",
    operation: TChange["operation"] = "Update",
  ): TWire {
    const row = this.table(entity).get(id);
    if (!row) throw new Error(`${entity} ${id} not found`);
    const at = Math.max(ms, row.updatedMs);
    row.updatedMs = at;
    row.json = undefined;
    row.wire.MetaData.LastUpdatedTime = this.ts(at);
    if (kind === "edit") row.wire.SyncToken = String(Number(row.wire.SyncToken) + 1);
    this.emit({ entity, id, operation, ms: at });
    return row.wire;
  }

  /** Hard-delete a transaction (name lists are only ever made inactive). */
  remove(entity: TEntityName, id: string, ms: number): void {
    if (isNameList(entity)) throw new Error(`${entity} cannot be deleted, only made inactive`);
    this.table(entity).delete(id);
    this.tombstones.get(entity)!.set(id, ms);
    this.emit({ entity, id, operation: "Delete", ms });
  }

  exportSequences(): { txn: number; names: [string, number][] } {
    return { txn: this.seqTxn, names: [...this.seqNames.entries()] };
  }

  importSequences(seq: { txn: number; names: [string, number][] }): void {
    this.seqTxn = seq.txn;
    for (const [k, v] of seq.names) this.seqNames.set(k, v);
  }

  updatedMs(entity: TEntityName, id: string): number {
    return this.table(entity).get(id)?.updatedMs ?? 0;
  }

  money(v: unknown): number {
    if (!(v instanceof Money)) throw new Error(`not money: ${String(v)}`);
    return v.cents;
  }

  companyInfo(nowMs: number): TWire {
    return {
      CompanyName: this.name,
      LegalName: `${this.name} LLC`,
      CompanyAddr: {
        Id: "1",
        Line1: "123 Main Street",
        City: "Mountain View",
        Country: "USA", // ISO-3 since the 2025 API change (older doc samples say "US")
        CountrySubDivisionCode: "CA",
        PostalCode: "94042",
      },
      CustomerCommunicationAddr: {
        Id: "1",
        Line1: "123 Main Street",
        City: "Mountain View",
        Country: "USA", // ISO-3 since the 2025 API change (older doc samples say "US")
        CountrySubDivisionCode: "CA",
        PostalCode: "94042",
      },
      LegalAddr: {
        Id: "1",
        Line1: "123 Main Street",
        City: "Mountain View",
        Country: "USA", // ISO-3 since the 2025 API change (older doc samples say "US")
        CountrySubDivisionCode: "CA",
        PostalCode: "94042",
      },
      PrimaryPhone: { FreeFormNumber: "(650) 944-4444" },
      CompanyStartDate: entityTimestamp(this.createdMs, this.timezone).slice(0, 10),
      FiscalYearStartMonth: MONTH_NAMES[this.fiscalYearStartMonth - 1]!,
      Country: "US",
      EmployerId: "123456789",
      Email: { Address: `books@${this.realmId}.example.com` },
      WebAddr: {},
      SupportedLanguages: "en",
      NameValue: [
        { Name: "NeoEnabled", Value: "true" },
        { Name: "IndustryType", Value: "Professional services" },
        { Name: "IndustryCode", Value: "54143" },
        { Name: "CompanyType", Value: "LLC" },
        { Name: "SubscriptionStatus", Value: "PAID" },
        { Name: "OfferingSku", Value: "QuickBooks Online Plus" },
        { Name: "PayrollFeature", Value: "false" },
        { Name: "AccountantFeature", Value: "false" },
      ],
      domain: "QBO",
      sparse: false,
      Id: "1",
      SyncToken: "4",
      MetaData: {
        CreateTime: this.ts(this.createdMs),
        LastUpdatedTime: this.ts(Math.min(nowMs, this.createdMs + 86_400_000)),
      },
    };
  }

  preferences(): TWire {
    return {
      AccountingInfoPrefs: {
        TrackDepartments: false,
        DepartmentTerminology: "Location",
        ClassTrackingPerTxn: false,
        ClassTrackingPerTxnLine: false,
        CustomerTerminology: "Customers",
        FirstMonthOfFiscalYear: MONTH_NAMES[this.fiscalYearStartMonth - 1]!,
        TaxYearMonth: MONTH_NAMES[this.fiscalYearStartMonth - 1]!,
        BookCloseDate: undefined,
      },
      SalesFormsPrefs: {
        AllowDeposit: false,
        AllowDiscount: true,
        DefaultTerms: { value: "3" },
        ETransactionEnabledStatus: "NotApplicable",
      },
      VendorAndPurchasesPrefs: {
        TrackingByCustomer: true,
        BillableExpenseTracking: true,
        DefaultTerms: { value: "3" },
      },
      CurrencyPrefs: { MultiCurrencyEnabled: false, HomeCurrency: { value: this.currency } },
      TimeTrackingPrefs: { UseServices: true, WorkWeekStartDate: "Monday", MarkTimeEntriesBillable: true },
      OtherPrefs: {
        NameValue: [
          { Name: "SalesFormsPrefs.DefaultCustomerMessage", Value: "Thank you for your business." },
        ],
      },
      domain: "QBO",
      sparse: false,
      Id: "1",
      SyncToken: "3",
      MetaData: { CreateTime: this.ts(this.createdMs), LastUpdatedTime: this.ts(this.createdMs) },
    };
  }
}

export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

export const currencyRef = (c: string) => ({ value: c, name: c === "USD" ? "United States Dollar" : c });
