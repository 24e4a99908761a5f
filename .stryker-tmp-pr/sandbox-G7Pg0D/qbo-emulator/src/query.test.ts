// @ts-nocheck
import { describe, expect, it } from "vitest";
import type { TWire } from "./entities";
import { Money } from "./money";
import { parseQuery, QueryError, runQuery, validateFields } from "./query";

const row = (id: number, extra: Record<string, unknown>, updatedMs = id * 1000) => ({
  wire: {
    Id: String(id),
    SyncToken: "0",
    MetaData: { CreateTime: "2026-01-01T00:00:00-08:00", LastUpdatedTime: new Date(updatedMs).toISOString() },
    ...extra,
  } as TWire,
  createdMs: 0,
  updatedMs,
});

function fault(q: string): { code: string; detail: string } {
  try {
    parseQuery(q);
  } catch (err) {
    if (err instanceof QueryError) return { code: err.code, detail: err.detail };
    throw err;
  }
  throw new Error(`expected a fault for ${q}`);
}

describe("query parser", () => {
  it("parses the full grammar, keywords in any case, paging in either order", () => {
    const q = parseQuery(
      "select * from Invoice Where Balance > '0' AND CustomerRef IN ('1', '2') and DocNumber LIKE '10%' orderby TxnDate DESC, Id MAXRESULTS 50 STARTPOSITION 11",
    );
    expect(q).toEqual({
      count: false,
      entity: "Invoice",
      where: [
        { field: "Balance", op: ">", values: ["0"] },
        { field: "CustomerRef", op: "IN", values: ["1", "2"] },
        { field: "DocNumber", op: "LIKE", values: ["10%"] },
      ],
      orderBy: [
        { field: "TxnDate", desc: true },
        { field: "Id", desc: false },
      ],
      startPosition: 11,
      maxResults: 50,
    });
    expect(parseQuery("SELECT COUNT(*) FROM Bill").count).toBe(true);
    expect(parseQuery("SELECT * FROM Bill ORDER BY Metadata.LastUpdatedTime").orderBy[0]!.field).toBe(
      "MetaData.LastUpdatedTime",
    );
    expect(parseQuery("SELECT * FROM Vendor WHERE DisplayName = 'Cutlery \\'R Us'").where[0]!.values).toEqual(
      ["Cutlery 'R Us"],
    );
    expect(parseQuery("SELECT * FROM Invoice").maxResults).toBe(100);
  });

  it("answers bad queries with QBO's codes", () => {
    expect(fault("SELECT * FROM Invoice STARTPOSITION 0")).toEqual({
      code: "4001",
      detail: "QueryValidationError: value 0 is too small. Min allowed value is 1",
    });
    expect(fault("SELECT * FROM Invoice MAXRESULTS 1001")).toEqual({
      code: "4001",
      detail: "QueryValidationError: value 1001 is too large. Max allowed value is 1000",
    });
    expect(fault("SELECT * FROM Widget").code).toBe("4001");
    expect(fault("SELECT * FROM invoice").code).toBe("4001"); // entity names are case-sensitive
    expect(fault("").detail).toContain('Encountered "<EOF>"');
    expect(fault("SELECT * FROM Invoice WHERE").code).toBe("4000");
    expect(fault("SELECT * FROM Invoice WHERE Id = '1' OR Id = '2'").code).toBe("4000");
    expect(fault('SELECT * FROM Invoice WHERE Id = "1"').detail).toContain("Lexical error");
  });

  it("refuses properties that are unknown or not queryable", () => {
    const sample = row(1, { TotalAmt: new Money(100) }).wire;
    const detail = (q: string) => {
      try {
        validateFields(parseQuery(q), sample);
      } catch (err) {
        return err instanceof QueryError ? `${err.code} ${err.detail}` : String(err);
      }
      return "no fault";
    };
    expect(detail("SELECT * FROM Invoice WHERE Frobnicate = '1'")).toBe(
      "4001 QueryValidationError: property 'Frobnicate' is not queryable",
    );
    expect(detail("SELECT * FROM Vendor WHERE PrimaryEmailAddr = 'a@b.c'")).toBe(
      "4001 QueryValidationError: property 'PrimaryEmailAddr' is not queryable",
    );
    expect(() =>
      validateFields(parseQuery("SELECT * FROM Invoice WHERE TotalAmt > '5'"), sample),
    ).not.toThrow();
  });
});

describe("query evaluator", () => {
  const rows = [
    row(1, { TotalAmt: new Money(1999), DocNumber: "1001", CustomerRef: { value: "7" } }),
    row(2, { TotalAmt: new Money(500), DocNumber: "1002", CustomerRef: { value: "8" } }),
    row(10, { TotalAmt: new Money(2000), DocNumber: "2001", CustomerRef: { value: "7" } }),
  ];

  it("compares money as decimals, refs by id, ids numerically; LIKE uses %", () => {
    const ids = (q: string) => {
      const r = runQuery(parseQuery(q), rows);
      return r.count ? [] : r.rows.map((w) => w.Id);
    };
    expect(ids("SELECT * FROM Invoice WHERE TotalAmt >= '19.99'")).toEqual(["1", "10"]);
    expect(ids("SELECT * FROM Invoice WHERE TotalAmt > '19.99'")).toEqual(["10"]);
    expect(ids("SELECT * FROM Invoice WHERE CustomerRef = '7'")).toEqual(["1", "10"]);
    expect(ids("SELECT * FROM Invoice WHERE Id > '2'")).toEqual(["10"]);
    expect(ids("SELECT * FROM Invoice WHERE DocNumber LIKE '100%'")).toEqual(["1", "2"]);
    expect(ids("SELECT * FROM Invoice ORDERBY TotalAmt DESC")).toEqual(["10", "1", "2"]);
    expect(ids("SELECT * FROM Invoice STARTPOSITION 2 MAXRESULTS 1")).toEqual(["2"]);
    expect(ids("SELECT * FROM Invoice STARTPOSITION 4")).toEqual([]);
    expect(runQuery(parseQuery("SELECT COUNT(*) FROM Invoice WHERE CustomerRef = '7'"), rows)).toEqual({
      count: true,
      total: 2,
    });
  });

  it("name lists are active-only unless the query filters on Active", () => {
    const names = [row(1, { Active: true, Name: "A" }), row(2, { Active: false, Name: "B" })];
    const count = (q: string) => (runQuery(parseQuery(q), names) as { total: number }).total;
    expect(count("SELECT * FROM Customer")).toBe(1);
    expect(count("SELECT * FROM Customer WHERE Active IN (true, false)")).toBe(2);
    expect(count("SELECT * FROM Customer WHERE Active = false")).toBe(1);
  });

  it("filters LastUpdatedTime as instants across offsets", () => {
    const q = parseQuery(
      "SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime >= '1970-01-01T00:00:02-00:00'",
    );
    const r = runQuery(q, rows);
    expect(r.count ? [] : r.rows.map((w) => w.Id)).toEqual(["2", "10"]);
  });
});
