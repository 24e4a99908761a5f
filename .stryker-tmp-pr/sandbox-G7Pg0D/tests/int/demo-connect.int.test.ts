// @ts-nocheck
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businesses, outboxEvents, qboConnections } from "@/server/db/schema";
import { connectDemoWhenReachable } from "@/server/demo/connect-demo-quickbooks";
import { DEMO_BUSINESS } from "@/server/demo/demo-identities";
import { ensureDemoData } from "@/server/demo/ensure-demo-data";
import { startEmulator } from "../../qbo-emulator/test-support";
import { type TestDatabase, testBackend, useTestDatabase } from "../support/db";
import { emulatorConfig, testKey } from "../support/qbo";

/**
 * Demo start-up: the app connects its demo business to the emulator beside it, and when what
 * answers at the configured address is not the emulator (or nothing answers) it says so once in
 * the log instead of failing silently. Waits go through the injected sleep (counted, not timed).
 */
describe(`demo start-up connects to the emulator, or says why not (${testBackend})`, () => {
  let h: TestDatabase;
  let other: http.Server;
  let otherBase: string;
  beforeAll(async () => {
    h = await useTestDatabase();
    await ensureDemoData({ db: h.db });
    // Something else answering on the port: a web server that knows nothing of /__admin.
    other = http.createServer((_req, res) => {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<h1>Not found</h1>");
    });
    await new Promise<void>((r) => other.listen(0, "127.0.0.1", r));
    otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => other?.close(r));
    await h?.close();
  });

  const recorder = () => {
    const lines: { level: "info" | "warn"; text: string }[] = [];
    return {
      lines,
      log: {
        info: (text: string) => void lines.push({ level: "info", text }),
        warn: (text: string) => void lines.push({ level: "warn", text }),
      },
    };
  };
  const clock = { now: () => new Date("2026-11-26T12:00:00Z") };
  const demoConnection = async () => {
    const [biz] = await h.db.select().from(businesses).where(eq(businesses.name, DEMO_BUSINESS.name));
    const [conn] = await h.db.select().from(qboConnections).where(eq(qboConnections.businessId, biz!.id));
    return conn;
  };

  it("nothing answers: it tries every attempt, then logs that the emulator is not reachable", async () => {
    // A port that was just free: bind, read, close.
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const { lines, log } = recorder();
    const sleeps: number[] = [];
    const outcome = await connectDemoWhenReachable({
      db: h.db,
      config: emulatorConfig(`http://127.0.0.1:${port}`),
      key: testKey,
      clock,
      attempts: 3,
      sleep: async (ms) => void sleeps.push(ms),
      log,
    });
    expect(outcome).toBe("unreachable");
    expect(sleeps).toEqual([1000, 1000]); // between attempts, not after the last
    expect(lines).toEqual([
      {
        level: "warn",
        text: `[oodaloo] QuickBooks emulator not reachable at http://127.0.0.1:${port}; the demo business stays unconnected`,
      },
    ]);
    expect(await demoConnection()).toBeUndefined();
  });

  it("something else answers: the log says it is not the project's emulator", async () => {
    const { lines, log } = recorder();
    const outcome = await connectDemoWhenReachable({
      db: h.db,
      config: emulatorConfig(otherBase),
      key: testKey,
      clock,
      attempts: 2,
      sleep: async () => {},
      log,
    });
    expect(outcome).toBe("not_emulator");
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe("warn");
    expect(lines[0]!.text).toContain(`${otherBase} answers, but it is not the project's QuickBooks emulator`);
    expect(await demoConnection()).toBeUndefined();
  });

  it("the emulator answers: the demo business is connected, its first sync queued, once", async () => {
    const env = await startEmulator({ name: DEMO_BUSINESS.name });
    try {
      const { lines, log } = recorder();
      let queued = 0;
      const run = () =>
        connectDemoWhenReachable({
          db: h.db,
          config: emulatorConfig(env.base),
          key: testKey,
          clock,
          attempts: 2,
          sleep: async () => {},
          log,
          onQueued: () => void queued++,
        });
      expect(await run()).toBe("connected");
      expect(lines.map((l) => l.text)).toEqual([
        "[oodaloo] demo business connected to the QuickBooks emulator; first sync queued",
      ]);
      expect(queued).toBe(1);
      const conn = await demoConnection();
      expect(conn).toMatchObject({ realmId: env.realmId, environment: "emulator", status: "active" });
      const events = await h.db
        .select()
        .from(outboxEvents)
        .where(eq(outboxEvents.businessId, conn!.businessId));
      expect(events.map((e) => e.name)).toEqual(["qbo/sync.requested"]);
      // Started again (a restart): already connected, nothing queued twice.
      expect(await run()).toBe("connected");
      expect(queued).toBe(1);
      expect(lines).toHaveLength(1);
    } finally {
      await env.emu.stop();
    }
  });
});
