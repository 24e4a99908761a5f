// @ts-nocheck
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit";
import type { Clock } from "../clock";
import type { DB } from "../db/client";
import { businesses, firmGrants, firms, memberships, qboConnections, users } from "../db/schema";
import type { TQboConfig } from "../env";
import { enqueue } from "../jobs/outbox";
import { ZTokenResponse } from "../qbo/intuit";
import { storeTokens } from "../qbo/tokens";
import {
  DEMO_BUSINESS,
  DEMO_CLIENT_COUNT,
  DEMO_FIRM,
  DEMO_FREE_COMPANIES,
  DEMO_USERS,
} from "./demo-identities";

/**
 * Demo mode with the emulator: connect the demo business to the emulator's company of the same
 * name without a browser (the emulator's admin API issues the tokens), then queue its first
 * sync — so a newcomer sees real synced numbers without configuring anything.
 */
export async function connectDemoQuickBooks({
  db,
  config,
  key,
  clock,
}: {
  db: DB;
  config: TQboConfig;
  key: string;
  clock: Clock;
}): Promise<"connected" | "already" | "no_company"> {
  if (config.environment !== "emulator") return "no_company";
  const [biz] = await db
    .select({ id: businesses.id })
    .from(businesses)
    .where(eq(businesses.name, DEMO_BUSINESS.name));
  if (!biz) return "no_company";
  const [existing] = await db.select().from(qboConnections).where(eq(qboConnections.businessId, biz.id));
  if (existing) return "already";
  const companies = await listEmulatorCompanies(config);
  const company = companies.find((c) => c.name === DEMO_BUSINESS.name) ?? companies[0];
  if (!company) return "no_company";
  await connectToEmulatorCompany({ db, businessId: biz.id, company, config, key, now: clock.now() });
  return "connected";
}

/**
 * At start-up the emulator may still be starting beside the app: keep trying (without blocking
 * start-up) and say once, in the log, why the demo stays unconnected when it never answers as
 * the emulator. `onQueued` runs whenever a sync was queued.
 */
export async function connectDemoWhenReachable({
  db,
  config,
  key,
  clock,
  attempts = 30,
  sleep = (ms) => new Promise((r) => setTimeout(r, ms)),
  log = console,
  onQueued = () => {},
}: {
  db: DB;
  config: TQboConfig;
  key: string;
  clock: Clock;
  attempts?: number;
  sleep?: (ms: number) => Promise<void>;
  log?: Pick<Console, "info" | "warn">;
  onQueued?: () => void;
}): Promise<"connected" | "unreachable" | "not_emulator"> {
  let answered = false;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      if ((await connectDemoQuickBooks({ db, config, key, clock })) === "connected") {
        log.info("[oodaloo] demo business connected to the QuickBooks emulator; first sync queued");
        onQueued();
      }
      const clients = await connectDemoClients({ db, config, key, clock });
      if (clients > 0) {
        log.info(`[oodaloo] ${clients} demo firm clients connected to emulator companies; syncs queued`);
        onQueued();
      }
      return "connected";
    } catch (err) {
      answered ||= err instanceof NotTheEmulatorError;
      if (attempt < attempts - 1) await sleep(1000);
    }
  }
  log.warn(
    answered
      ? `[oodaloo] ${config.apiBaseUrl} answers, but it is not the project's QuickBooks emulator (no /__admin/companies list); the demo business stays unconnected`
      : `[oodaloo] QuickBooks emulator not reachable at ${config.apiBaseUrl}; the demo business stays unconnected`,
  );
  return answered ? "not_emulator" : "unreachable";
}

const ZCompanies = z.array(z.object({ realmId: z.string(), name: z.string() }));
type TCompany = z.infer<typeof ZCompanies>[number];

/** Something answers at the emulator's address, but not as the project's emulator does. */
export class NotTheEmulatorError extends Error {}

async function listEmulatorCompanies(config: TQboConfig): Promise<TCompany[]> {
  const res = await fetch(`${config.apiBaseUrl}/__admin/companies`, { signal: AbortSignal.timeout(5000) });
  const parsed = ZCompanies.safeParse(await res.json().catch(() => null));
  if (!res.ok || !parsed.success)
    throw new NotTheEmulatorError(`HTTP ${res.status} from ${config.apiBaseUrl}/__admin/companies`);
  return parsed.data;
}

/** Tokens from the emulator's admin API, the connection row, and the first sync queued. */
async function connectToEmulatorCompany({
  db,
  businessId,
  company,
  config,
  key,
  now,
}: {
  db: DB;
  businessId: string;
  company: TCompany;
  config: TQboConfig;
  key: string;
  now: Date;
}) {
  const tokens = ZTokenResponse.parse(
    await (
      await fetch(`${config.apiBaseUrl}/__admin/companies/${company.realmId}/tokens`, {
        method: "POST",
        signal: AbortSignal.timeout(5000),
      })
    ).json(),
  );
  await db.transaction(async (tx) => {
    await tx.insert(qboConnections).values({
      businessId,
      realmId: company.realmId,
      environment: "emulator",
      connectedAt: now,
      // The queued first sync covers now; the schedule takes over after it.
      nextSyncAt: new Date(now.getTime() + 3_600_000),
    });
    await storeTokens(tx, businessId, tokens, key, now);
    await recordAudit(tx, {
      businessId,
      actorUserId: null,
      action: "quickbooks.connected",
      detail: { realmId: company.realmId, demo: true },
    });
    await enqueue(tx, {
      id: `sync:connect:${businessId}:demo`,
      name: "qbo/sync.requested",
      data: { businessId, trigger: "connect" },
    });
  });
}

/**
 * The demo firm's other clients: one business per emulator company not yet used (the demo
 * business's excepted), owned by the demo client owner, granted to the demo firm, connected and
 * queued for their first sync. Idempotent: a company already connected is skipped.
 */
export async function connectDemoClients({
  db,
  config,
  key,
  clock,
}: {
  db: DB;
  config: TQboConfig;
  key: string;
  clock: Clock;
}): Promise<number> {
  if (config.environment !== "emulator") return 0;
  const companies = await listEmulatorCompanies(config);
  const used = new Set(
    (await db.select({ realmId: qboConnections.realmId }).from(qboConnections)).map((c) => c.realmId),
  );
  const candidates = companies.filter((c) => c.name !== DEMO_BUSINESS.name);
  const want = Math.max(0, Math.min(DEMO_CLIENT_COUNT, candidates.length - DEMO_FREE_COMPANIES));
  const [firm] = await db
    .select({ id: firms.id })
    .from(firms)
    .where(eq(firms.inviteCode, DEMO_FIRM.inviteCode));
  const [owner] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, DEMO_USERS.clients.email));
  if (!firm || !owner) return 0;
  let made = 0;
  for (const company of candidates.slice(0, want)) {
    if (used.has(company.realmId)) continue;
    const now = clock.now();
    const businessId = await db.transaction(async (tx) => {
      const [b] = await tx
        .insert(businesses)
        .values({ name: company.name, timezone: "America/Los_Angeles", currency: "USD", createdBy: owner.id })
        .returning({ id: businesses.id });
      await tx.insert(memberships).values({ businessId: b!.id, userId: owner.id, role: "owner" });
      await tx
        .insert(firmGrants)
        .values({ businessId: b!.id, firmId: firm.id, grantedBy: owner.id, acceptedAt: now });
      await recordAudit(tx, { businessId: b!.id, actorUserId: owner.id, action: "demo.seeded" });
      return b!.id;
    });
    await connectToEmulatorCompany({ db, businessId, company, config, key, now });
    made++;
  }
  return made;
}
