// @ts-nocheck
import type { Company } from "./company";
import type { TRef } from "./entities";
import { Money } from "./money";
import { daysBetween, entityTimestamp } from "./time";

/**
 * AgedReceivables / AgedPayables summary reports as of `reportDate`: one row per customer or
 * vendor with an open balance, buckets Current, 1 - 30, 31 - 60, 61 - 90, 91 and over, Total
 * by days past due (aging_method Report_Date); values are strings, blanks are "".
 */
const BUCKETS = ["Current", "1 - 30", "31 - 60", "61 - 90", "91 and over"] as const;

function bucketOf(daysPastDue: number): number {
  if (daysPastDue <= 0) return 0;
  if (daysPastDue <= 30) return 1;
  if (daysPastDue <= 60) return 2;
  if (daysPastDue <= 90) return 3;
  return 4;
}

export function agedReport(c: Company, name: "AgedReceivables" | "AgedPayables", reportDate: string) {
  const receivable = name === "AgedReceivables";
  const docs = receivable ? c.table("Invoice") : c.table("Bill");
  const partyKey = receivable ? "CustomerRef" : "VendorRef";
  const byParty = new Map<string, { name: string; buckets: number[] }>();
  for (const { wire } of docs.values()) {
    const balance = (wire.Balance as Money).cents;
    if (balance === 0 || String(wire.TxnDate) > reportDate) continue;
    const party = wire[partyKey] as TRef;
    const due = String(wire.DueDate ?? wire.TxnDate);
    const entry = byParty.get(party.value) ?? { name: String(party.name), buckets: [0, 0, 0, 0, 0] };
    entry.buckets[bucketOf(daysBetween(due, reportDate))]! += balance;
    byParty.set(party.value, entry);
  }
  const fmt = (cents: number, blank: boolean) => (blank && cents === 0 ? "" : new Money(cents).toWire());
  const rows = [...byParty.entries()]
    .sort((a, b) => a[1].name.localeCompare(b[1].name))
    .map(([id, e]) => ({
      ColData: [
        { id, value: e.name },
        ...e.buckets.map((b) => ({ value: fmt(b, true) })),
        {
          value: fmt(
            e.buckets.reduce((s, b) => s + b, 0),
            false,
          ),
        },
      ],
    }));
  const totals = [0, 1, 2, 3, 4].map((i) => [...byParty.values()].reduce((s, e) => s + e.buckets[i]!, 0));
  return {
    Header: {
      Time: entityTimestamp(Date.now(), c.timezone),
      ReportName: name,
      DateMacro: "today",
      StartPeriod: reportDate,
      EndPeriod: reportDate,
      Currency: c.currency,
      Option: [
        { Name: "report_date", Value: reportDate },
        { Name: "NoReportData", Value: rows.length === 0 ? "true" : "false" },
      ],
    },
    Columns: {
      Column: [
        { ColType: receivable ? "Customer" : "Vendor", ColTitle: "" },
        ...BUCKETS.map((t) => ({ ColType: "Money", ColTitle: t })),
        { ColType: "Money", ColTitle: "Total" },
      ],
    },
    Rows: {
      Row: [
        ...rows,
        {
          group: "GrandTotal",
          type: "Section",
          Summary: {
            ColData: [
              { value: "TOTAL" },
              ...totals.map((t) => ({ value: fmt(t, false) })),
              {
                value: fmt(
                  totals.reduce((s, t) => s + t, 0),
                  false,
                ),
              },
            ],
          },
        },
      ],
    },
  };
}
