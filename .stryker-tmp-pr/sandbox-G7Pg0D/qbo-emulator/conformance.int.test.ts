// @ts-nocheck
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFixture, shapeOf, startEmulator } from "./test-support";

/**
 * The emulator's responses, from a *generated* company, against real QBO captures: the same
 * keys at every path in both directions (no key the real one lacks, none missing that it has)
 * and the same JSON types; then the wire formats (colon offsets, two-decimal money, string ids).
 */
type Env = Awaited<ReturnType<typeof startEmulator>>;
let env: Env;
beforeAll(async () => {
  env = await startEmulator({ limits: { perSecond: 1000, perMinute: 100_000 } });
});
afterAll(async () => env?.emu.stop());

function compareShapes(real: unknown, ours: unknown) {
  const a = shapeOf(real);
  const b = shapeOf(ours);
  const missing = [...a.keys()].filter((k) => !b.has(k));
  const extra = [...b.keys()].filter((k) => !a.has(k));
  const typeDiffs = [...a.keys()]
    .filter((k) => b.has(k))
    .filter((k) => [...b.get(k)!].some((t) => !a.get(k)!.has(t)))
    .map((k) => `${k}: real ${[...a.get(k)!]} ours ${[...b.get(k)!]}`);
  return { missing, extra, typeDiffs };
}

const QUERY_FIXTURES = [
  "Account",
  "Customer",
  "Vendor",
  "Invoice",
  "Bill",
  "BillPayment",
  "Payment",
  "Deposit",
  "Purchase",
  "CreditMemo",
  "JournalEntry",
] as const;

describe("conformance with real captures", () => {
  for (const entity of QUERY_FIXTURES) {
    it(`${entity} query page has the captured shape`, async () => {
      const real = JSON.parse(readFixture(`query-${entity.toLowerCase()}.sandbox-2026.json`));
      const res = await env.api(
        `query?query=${encodeURIComponent(`SELECT * FROM ${entity} MAXRESULTS 1000`)}`,
      );
      expect(res.status).toBe(200);
      const ours = JSON.parse(res.text);
      // Envelope: same keys (totalCount only where the capture has it), then the entity list.
      expect(Object.keys(ours).sort()).toEqual(Object.keys(real).sort());
      expect(Object.keys(ours.QueryResponse).sort()).toEqual(Object.keys(real.QueryResponse).sort());
      expect(ours.QueryResponse.maxResults).toBe(ours.QueryResponse[entity].length);
      expect(compareShapes(real.QueryResponse[entity], ours.QueryResponse[entity])).toEqual({
        missing: [],
        extra: [],
        typeDiffs: [],
      });
    });
  }

  it("count, empty page and fault envelopes match the captures", async () => {
    const count = JSON.parse(
      (await env.api(`query?query=${encodeURIComponent("select count(*) from Customer")}`)).text,
    );
    expect(compareShapes(JSON.parse(readFixture("query-count.sandbox-2020.json")), count)).toEqual({
      missing: [],
      extra: [],
      typeDiffs: [],
    });
    expect(count.QueryResponse.totalCount).toBeGreaterThan(30);

    const empty = await env.api(
      `query?query=${encodeURIComponent("select * from Invoice STARTPOSITION 100000")}`,
    );
    expect(Object.keys(JSON.parse(empty.text))).toEqual(["QueryResponse", "time"]);
    expect(JSON.parse(empty.text).QueryResponse).toEqual({});

    const bad = await env.api(`query?query=${encodeURIComponent("select * from Invoice where Nope = '1'")}`);
    expect(bad.status).toBe(400);
    expect(
      compareShapes(
        JSON.parse(readFixture("fault-validation-duplicate-name.sandbox-2020.json")),
        JSON.parse(bad.text),
      ).missing,
    ).toEqual([]);

    const invalidId = await env.api("invoice/1.5");
    expect(JSON.parse(invalidId.text).Fault.Error[0]).toEqual(
      JSON.parse(readFixture("fault-invalid-id.sandbox-2020.json")).Fault.Error[0],
    );

    const res401 = await fetch(`${env.base}/v3/company/${env.realmId}/companyinfo/${env.realmId}`, {
      headers: { authorization: "Bearer nope", accept: "application/json" },
    });
    expect(res401.status).toBe(401);
    expect(res401.headers.get("www-authenticate")).toBe('Bearer realm="Intuit", error="invalid_token"');
    expect(
      compareShapes(JSON.parse(readFixture("fault-auth-401.sandbox-2020.json")), await res401.json()),
    ).toEqual({
      missing: [],
      extra: [],
      typeDiffs: [],
    });
  });

  it("CDC, company info, delete and the aging reports match the documented shapes", async () => {
    const since = new Date(env.emu.clock.now() - 20 * 86_400_000).toISOString();
    const cdc = JSON.parse(
      (await env.api(`cdc?entities=Invoice,Bill,Estimate,Payment&changedSince=${encodeURIComponent(since)}`))
        .text,
    );
    const realCdc = JSON.parse(readFixture("cdc-with-deleted.intuit-docs.json"));
    expect(Object.keys(cdc).sort()).toEqual(Object.keys(realCdc).sort());
    expect(cdc.CDCResponse[0].QueryResponse).toHaveLength(4);
    expect(cdc.CDCResponse[0].QueryResponse[2]).toEqual({}); // no estimates: an empty object, as QBO sends

    const info = JSON.parse((await env.api(`companyinfo/${env.realmId}`)).text);
    const realInfo = JSON.parse(readFixture("companyinfo.intuit-docs.json"));
    expect(compareShapes(realInfo.CompanyInfo, info.CompanyInfo)).toEqual({
      missing: [],
      extra: [],
      typeDiffs: [],
    });

    for (const name of ["AgedReceivables", "AgedPayables"]) {
      const ours = JSON.parse((await env.api(`reports/${name}`)).text);
      const real = JSON.parse(readFixture(`report-${name.toLowerCase()}.intuit-docs.json`));
      expect(Object.keys(ours).sort()).toEqual(Object.keys(real).sort());
      expect(ours.Columns).toEqual(real.Columns);
      expect(ours.Rows.Row.at(-1).group).toBe("GrandTotal");
      expect(ours.Rows.Row.at(-1).Summary.ColData[0]).toEqual({ value: "TOTAL" });
    }
  });

  it("wire formats: colon offsets, two-decimal money, string ids and SyncTokens", async () => {
    const raw = (await env.api(`query?query=${encodeURIComponent("select * from Invoice MAXRESULTS 50")}`))
      .text;
    const body = JSON.parse(raw);
    expect(body.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-0[78]:00$/);
    for (const inv of body.QueryResponse.Invoice) {
      expect(inv.MetaData.CreateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[78]:00$/);
      expect(typeof inv.Id).toBe("string");
      expect(typeof inv.SyncToken).toBe("string");
      expect(inv.TxnDate).toMatch(/^\d{4}-\d\d-\d\d$/);
    }
    const money = [...raw.matchAll(/"(TotalAmt|Balance|Amount)":(-?[\d.]+)/g)].map((m) => m[2]!);
    expect(money.length).toBeGreaterThan(100);
    for (const m of money) expect(m).toMatch(/^-?\d+\.\d{2}$/);
  });
});
