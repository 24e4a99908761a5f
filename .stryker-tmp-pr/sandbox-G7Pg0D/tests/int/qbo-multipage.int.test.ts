// @ts-nocheck
import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { qboEntityState, qboRaw } from "@/server/db/schema";
import { SYNCED_ENTITIES } from "@/server/qbo/mappers";
import { syncConnection, syncTestHooks } from "@/server/qbo/sync/sync-connection";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser, rowsOf } from "../support/factories";
import { connectToEmulator } from "../support/qbo";

type Exported = { entities: Record<string, { Id: string; SyncToken: string }[]> };

/**
 * Issue 15: a company with several entities over one page (1000 rows): the full sync's
 * multi-page path, and crashes on a later page. The checkpoint (next position) never runs ahead
 * of the rows committed with it, the next sync resumes from it, and the mirror ends equal.
 */
describe(`a full sync of more than one page per entity (${testBackend})`, () => {
  let h: TestDatabase;
  let businessId: string;
  let qbo: Awaited<ReturnType<typeof connectToEmulator>>;
  let exp: Exported;
  beforeAll(async () => {
    h = await useTestDatabase();
    businessId = await makeBusiness(h.db, (await makeUser(h.db)).id);
    qbo = await connectToEmulator(h.db, businessId, { seed: 51, scale: 13, realmId: "9130350000000051" });
    exp = (await qbo.admin(`companies/${qbo.realmId}/export`)) as unknown as Exported;
  }, 120_000);
  afterEach(() => {
    syncTestHooks.crashAt = undefined;
  });
  afterAll(async () => {
    await qbo?.emu.stop();
    await h?.close();
  });
  const sync = () =>
    syncConnection({ db: h.db, businessId, client: qbo.client(), clock: qbo.clock, trigger: "connect" });
  const multiPage = () => Object.entries(exp.entities).filter(([, rows]) => rows.length > 1000);

  /** Every unfinished entity's checkpoint is exactly past the rows it has committed. */
  async function expectCheckpointsBehindRows() {
    const states = await h.db.select().from(qboEntityState).where(eq(qboEntityState.businessId, businessId));
    for (const st of states.filter((s) => !s.fullSyncDone && s.fullSyncNextPosition !== null)) {
      const [n] = rowsOf<{ n: number }>(
        await h.db.execute(
          sql`select count(*)::int as n from qbo_raw where business_id = ${businessId} and entity = ${st.entity}`,
        ),
      );
      expect(Number(n!.n), st.entity).toBe(st.fullSyncNextPosition! - 1);
    }
  }

  it("the company has several entities over one page", () => {
    expect(
      multiPage()
        .map(([e]) => e)
        .sort(),
    ).toEqual(expect.arrayContaining(["Bill", "Invoice", "Payment"]));
  });

  it("crashes after fetching and after committing a later page lose nothing; the resumed sync ends equal, no duplicates", async () => {
    // Each crash on a later page (past the first 1000 rows) of a multi-page entity, not its last:
    // named by page, not by count, since two lanes page side by side and the nth page overall
    // differs between runs and backends.
    // Only two later pages are not last (Invoice's and Payment's second), and the other lane may
    // pass one while the first crashes: a fetch crash takes any later page, a commit crash a
    // later page that is not the entity's last (so the entity stays unfinished).
    for (const point of ["after-fetch", "after-commit", "after-fetch"] as const) {
      let crashed: { entity: string; position: number } | undefined;
      syncTestHooks.crashAt = (p, page) => {
        if (!crashed && p === point && page && page.position > 1 && (point === "after-fetch" || !page.last)) {
          crashed = page;
          throw new Error(`injected crash ${point}`);
        }
      };
      await expect(sync()).rejects.toThrow(`injected crash ${point}`);
      syncTestHooks.crashAt = undefined;
      await expectCheckpointsBehindRows();
      const [st] = await h.db
        .select()
        .from(qboEntityState)
        .where(and(eq(qboEntityState.businessId, businessId), eq(qboEntityState.entity, crashed!.entity)));
      // Crashed after fetching: that page is not committed, the checkpoint stays at it. After
      // committing: the checkpoint is just past it.
      expect(st!.fullSyncDone).toBe(false);
      expect(st!.fullSyncNextPosition).toBe(
        point === "after-fetch" ? crashed!.position : crashed!.position + 1000,
      );
    }
    const done = await sync();
    expect(done).toMatchObject({ status: "succeeded", kind: "full" });
    for (const entity of SYNCED_ENTITIES) {
      const rows = exp.entities[entity] ?? [];
      const mirrored = await h.db
        .select({ id: qboRaw.qboId, token: qboRaw.syncToken })
        .from(qboRaw)
        .where(and(eq(qboRaw.businessId, businessId), eq(qboRaw.entity, entity), eq(qboRaw.deleted, false)));
      expect(mirrored.map((r) => `${r.id}:${r.token}`).sort(), entity).toEqual(
        rows.map((r) => `${r.Id}:${Number(r.SyncToken)}`).sort(),
      );
    }
  });

  it("a poll whose changes exceed CDC's 1000-object answer (which is then exactly at the cap) splits and re-pages: nothing is lost", async () => {
    const company = qbo.emu.company(qbo.realmId)!;
    const customers = [...company.table("Customer").values()].filter((r) => r.wire.Active !== false);
    for (let i = 0; i < 1_050; i++)
      qbo.emu.mutate(
        company,
        {
          op: "createInvoice",
          customerId: customers[i % customers.length]!.wire.Id,
          amountCents: 10_000 + i,
        },
        qbo.emu.clock.now(),
      );
    qbo.emu.clock.advance(1000);
    const poll = await syncConnection({
      db: h.db,
      businessId,
      client: qbo.client(),
      clock: qbo.clock,
      trigger: "schedule",
    });
    expect(poll).toMatchObject({ status: "succeeded" });
    const now = (await qbo.admin(`companies/${qbo.realmId}/export`)) as unknown as Exported;
    const mirrored = await h.db
      .select({ id: qboRaw.qboId })
      .from(qboRaw)
      .where(and(eq(qboRaw.businessId, businessId), eq(qboRaw.entity, "Invoice"), eq(qboRaw.deleted, false)));
    expect(mirrored.length).toBe(now.entities.Invoice!.length);
    expect(new Set(mirrored.map((r) => r.id))).toEqual(new Set(now.entities.Invoice!.map((r) => r.Id)));
  });
});
