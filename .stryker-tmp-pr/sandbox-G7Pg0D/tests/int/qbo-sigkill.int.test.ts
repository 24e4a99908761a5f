// @ts-nocheck
import { spawn } from "node:child_process";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { qboEntityState, qboTransactions, syncRuns } from "@/server/db/schema";
import { syncConnection } from "@/server/qbo/sync/sync-connection";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { makeBusiness, makeUser, rowsOf } from "../support/factories";
import { connectToEmulator, testKey } from "../support/qbo";

const root = path.resolve(__dirname, "../..");

/**
 * A real SIGKILL of a sync process mid-way (PostgreSQL: two processes on one database). The
 * resumed sync must end equal to the emulator with no duplicates and no checkpoint ahead of data.
 */
describe.runIf(testBackend === "postgres")("a sync process killed with SIGKILL", () => {
  let h: TestDatabase;
  let businessId: string;
  let qbo: Awaited<ReturnType<typeof connectToEmulator>>;
  beforeAll(async () => {
    h = await useTestDatabase();
    businessId = await makeBusiness(h.db, (await makeUser(h.db)).id);
    qbo = await connectToEmulator(h.db, businessId, { seed: 51, realmId: "9130350000000051" });
  });
  afterAll(async () => {
    await qbo?.emu.stop();
    await h?.close();
  });

  it("resumes from its checkpoints and ends equal to the emulator", async () => {
    // Slow answers so there is time to kill mid-sync.
    await qbo.admin("faults", {
      rules: [{ id: "slow", realmId: qbo.realmId, target: "data", action: { kind: "latency", ms: 250 } }],
    });
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--import", "./scripts/server-only-hook.mjs", "scripts/sync-once.ts", businessId],
      {
        cwd: root,
        env: {
          ...process.env,
          OODALOO_MODE: "demo",
          DATABASE_URL: h.url!,
          TOKEN_ENCRYPTION_KEY: testKey,
          QBO_ENVIRONMENT: "emulator",
          QBO_BASE_URL: qbo.base,
          QBO_THROTTLE_WAIT_MS: "20",
        },
        stdio: "pipe",
      },
    );
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    // Wait until a few entities have committed, then kill without warning.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const done = await h.db.select().from(qboEntityState).where(eq(qboEntityState.businessId, businessId));
      if (done.filter((d) => d.fullSyncDone).length >= 4) break;
      if (Date.now() > deadline) throw new Error(`the child never got going:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill("SIGKILL");
    await new Promise((r) => child.on("exit", r));
    // The slow answers really happened (the fault's own counter).
    const counters = (await qbo.admin("counters")) as { faults: Record<string, { injected: number }> };
    expect(counters.faults.slow!.injected).toBeGreaterThan(0);
    await qbo.admin("faults", undefined, "DELETE");

    const states = await h.db.select().from(qboEntityState).where(eq(qboEntityState.businessId, businessId));
    expect(states.some((s) => !s.fullSyncDone)).toBe(true); // it really died mid-sync
    // No checkpoint ahead of committed data: each entity's next position equals the rows stored for it.
    for (const s of states.filter((x) => !x.fullSyncDone && x.fullSyncNextPosition !== null)) {
      const [c] = rowsOf<{ n: number }>(
        await h.db.execute(
          sql`select count(*)::int as n from qbo_raw where business_id = ${businessId} and entity = ${s.entity}`,
        ),
      );
      expect(s.fullSyncNextPosition! - 1).toBe(Number(c!.n));
    }
    const [run] = await h.db.select().from(syncRuns).where(eq(syncRuns.businessId, businessId));
    expect(run!.status).toBe("running"); // the killed run never finished

    // The dead process's lease expires; a new sync (11 minutes later) resumes.
    const later = { now: () => new Date(qbo.clock.now().getTime() + 11 * 60_000) };
    const resumed = await syncConnection({
      db: h.db,
      businessId,
      client: qbo.client({ clock: later }),
      clock: later,
      trigger: "manual",
    });
    expect(resumed).toMatchObject({ status: "succeeded", kind: "full" });
    const exp = (await qbo.admin(`companies/${qbo.realmId}/export`)) as {
      entities: Record<string, { Id: string; SyncToken: string }[]>;
    };
    const ours = await h.db.select().from(qboTransactions).where(eq(qboTransactions.businessId, businessId));
    const expected = ["Invoice", "Bill", "Payment", "BillPayment", "Purchase", "Deposit"].flatMap((t) =>
      exp.entities[t]!.map((e) => `${t}:${e.Id}:${e.SyncToken}`),
    );
    const have = new Set(ours.filter((o) => !o.deleted).map((o) => `${o.type}:${o.qboId}:${o.syncToken}`));
    for (const e of expected) expect(have.has(e), e).toBe(true);
    const [killedRun] = await h.db.select().from(syncRuns).where(eq(syncRuns.id, run!.id));
    expect(killedRun).toMatchObject({ status: "failed", error: expect.stringMatching(/^Interrupted/) });
    const dupes = rowsOf<{ n: number }>(
      await h.db.execute(
        sql`select count(*)::int as n from (select entity, qbo_id from qbo_raw where business_id = ${businessId} group by 1, 2 having count(*) > 1) d`,
      ),
    );
    expect(Number(dupes[0]!.n)).toBe(0);
  });
});
