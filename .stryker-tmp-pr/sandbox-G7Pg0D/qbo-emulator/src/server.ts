// @ts-nocheck
import { createHmac, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Company } from "./company";
import { ENTITY_BY_PATH, isEntityName, type TEntityName, type TWire, WITH_TOTAL_COUNT } from "./entities";
import {
  authFault,
  authorizationFault,
  jsonFault,
  oauthError,
  refusedCdc,
  refusedQuery,
  serviceFault,
  type TFaultReply,
  throttleFault,
  unsupportedOperation,
  validationFault,
} from "./faults";
import { FaultEngine, type TFaultRule } from "./faults-engine";
import { generateCompany, type TProfile } from "./generator";
import {
  createBill,
  createBillPayment,
  createInvoice,
  createPayment,
  deleteBill,
  deleteBillPayment,
  deleteInvoice,
  deletePayment,
  editDocument,
  LedgerError,
  setBankBalance,
  updateBillPaymentAmount,
  voidBillPayment,
  voidInvoice,
} from "./ledger";
import { Money, parseDecimalToCents } from "./money";
import { OAuthServer, type TOAuthConfig } from "./oauth";
import { parseQuery, QueryError, runQuery, validateFields } from "./query";
import { DEFAULT_LIMITS, RateLimiter, type TLimits } from "./ratelimit";
import { agedReport } from "./reports";
import { createClock, envelopeTime, localDate, parseQboInstant } from "./time";
import { decodeState, encodeState, toCentsObject, toWireJson } from "./wire-json";

/**
 * The QBO emulator: Intuit's OAuth endpoints, the v3 data API under /v3/company/{realm}, and an
 * admin API under /__admin (see qbo-emulator/README.md). One process holds every company in
 * memory; `stateFile` keeps them across restarts.
 */
export type TEmulatorOptions = {
  port?: number;
  host?: string;
  /** Pin the clock: the emulator's "now" starts at this instant (ms) and moves in real time. */
  startMs?: number;
  oauth?: Partial<TOAuthConfig>;
  limits?: Partial<TLimits>;
  stateFile?: string;
  /** Webhook delivery: batching delay and retry backoff (ms); tests shrink them. */
  webhookDelayMs?: number;
  webhookRetryMs?: number[];
  log?: (line: string) => void;
};

type TWebhookTarget = {
  url: string;
  verifierToken: string;
  format: "legacy" | "cloudevents";
  duplicate?: boolean;
  delayMs?: number;
  reverse?: boolean;
};
type TCounter = Record<string, number>;

const CDC_EMPTY = new Set([
  "Estimate",
  "Class",
  "Department",
  "Employee",
  "PurchaseOrder",
  "Attachable",
  "Budget",
]);
const METERED = new Set(["query", "read", "cdc", "companyinfo", "preferences", "report"]);

export class QboEmulator {
  readonly companies = new Map<string, Company>();
  readonly clock: ReturnType<typeof createClock>;
  readonly oauth: OAuthServer;
  readonly limiter: RateLimiter;
  readonly faults = new FaultEngine();
  readonly counters = new Map<string, TCounter>();
  readonly webhooks: TWebhookTarget[] = [];
  readonly deliveries: { url: string; status: number | "error"; body: string; attempt: number }[] = [];
  private server: http.Server | null = null;
  private pending = new Map<string, { entity: string; id: string; operation: string; ms: number }[]>();
  private flushTimer: NodeJS.Timeout | null = null;
  private saveTimer: NodeJS.Timeout | null = null;
  baseUrl = "";

  constructor(readonly opts: TEmulatorOptions = {}) {
    this.clock = createClock(opts.startMs);
    this.oauth = new OAuthServer(opts.oauth);
    this.limiter = new RateLimiter({ ...DEFAULT_LIMITS, ...opts.limits });
    if (opts.stateFile && fs.existsSync(opts.stateFile)) this.load(opts.stateFile);
  }

  // ── lifecycle ──

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        this.opts.log?.(
          `[qbo-emulator] ${req.method} ${req.url}: ${err instanceof Error ? err.stack : String(err)}`,
        );
        if (!res.headersSent) send(res, serviceFault(500, this.clock.now(), "America/Los_Angeles"));
      });
    });
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) =>
      this.server!.listen(this.opts.port ?? 0, this.opts.host ?? "127.0.0.1", resolve),
    );
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://${this.opts.host ?? "127.0.0.1"}:${port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.save();
    }
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  // ── companies ──

  addCompany(c: Company): Company {
    this.companies.set(c.realmId, c);
    c.onChange((change) => {
      this.queueWebhook(c.realmId, change);
      this.scheduleSave();
    });
    this.scheduleSave();
    return c;
  }

  createCompany(p: {
    seed: number | string;
    today?: string;
    scale?: number;
    profile?: TProfile;
    name?: string;
    realmId?: string;
    months?: number;
    checkingCents?: number;
    refuse?: { query?: string[]; cdc?: string[] };
  }): Company {
    const realmId =
      p.realmId ??
      String(
        9_341_450_000_000_000 +
          this.companies.size * 1_000 +
          Number.parseInt(String(seedHash(p.seed)).slice(0, 3), 10),
      );
    if (this.companies.has(realmId)) throw new Error(`realm ${realmId} exists`);
    const today = p.today ?? localDate(this.clock.now(), "America/Los_Angeles");
    const company = this.addCompany(
      generateCompany({
        realmId,
        seed: p.seed,
        today,
        scale: p.scale,
        profile: p.profile,
        name: p.name,
        months: p.months,
        checkingCents: p.checkingCents,
        nowMs: this.clock.now(),
      }),
    );
    if (p.refuse) this.setRefusals(company, p.refuse);
    return company;
  }

  /** Replace the entities a company refuses (empty lists: it serves everything again). */
  setRefusals(c: Company, r: { query?: string[]; cdc?: string[] }): void {
    c.refused.query = new Set(r.query ?? []);
    c.refused.cdc = new Set(r.cdc ?? []);
    this.scheduleSave();
  }

  company(realmId: string): Company | undefined {
    return this.companies.get(realmId);
  }

  /** Everything a test needs to compare against: entities with money as integer cents. */
  exportCompany(realmId: string) {
    const c = this.companies.get(realmId);
    if (!c) return null;
    const entities: Record<string, unknown[]> = {};
    const deleted: Record<string, { Id: string; deletedAt: string }[]> = {};
    for (const [name, rows] of c.rows) {
      entities[name] = [...rows.values()].map((r) => toCentsObject(r.wire));
      deleted[name] = [...c.tombstones.get(name)!.entries()].map(([Id, ms]) => ({ Id, deletedAt: c.ts(ms) }));
    }
    return {
      realmId,
      name: c.name,
      timezone: c.timezone,
      currency: c.currency,
      now: c.ts(this.clock.now()),
      today: localDate(this.clock.now(), c.timezone),
      companyInfo: c.companyInfo(this.clock.now()),
      entities,
      deleted,
      sentInvoiceEmails: c.sentInvoiceEmails,
    };
  }

  // ── persistence ──

  private scheduleSave() {
    if (!this.opts.stateFile || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.save();
    }, 250);
  }

  save(): void {
    if (!this.opts.stateFile) return;
    const state = {
      clockOffsetMs: this.clock.offsetMs(),
      companies: [...this.companies.values()].map((c) => ({
        realmId: c.realmId,
        name: c.name,
        timezone: c.timezone,
        currency: c.currency,
        fiscalYearStartMonth: c.fiscalYearStartMonth,
        createdMs: c.createdMs,
        rows: Object.fromEntries(
          [...c.rows].map(([e, rows]) => [
            e,
            [...rows.values()].map(({ wire, createdMs, updatedMs }) => ({ wire, createdMs, updatedMs })),
          ]),
        ),
        tombstones: Object.fromEntries([...c.tombstones].map(([e, t]) => [e, [...t.entries()]])),
        requestLog: [...c.requestLog.entries()],
        sentInvoiceEmails: c.sentInvoiceEmails,
        seq: c.exportSequences(),
        refused: { query: [...c.refused.query], cdc: [...c.refused.cdc] },
      })),
    };
    const tmp = `${this.opts.stateFile}.tmp`;
    fs.writeFileSync(tmp, encodeState(state));
    fs.renameSync(tmp, this.opts.stateFile);
  }

  private load(file: string) {
    type Saved = {
      clockOffsetMs: number;
      companies: {
        realmId: string;
        name: string;
        timezone: string;
        currency: string;
        fiscalYearStartMonth: number;
        createdMs: number;
        rows: Record<string, { wire: TWire; createdMs: number; updatedMs: number }[]>;
        tombstones: Record<string, [string, number][]>;
        requestLog: [string, { status: number; body: string }][];
        sentInvoiceEmails: { invoiceId: string; to: string; ms: number }[];
        seq: { txn: number; names: [string, number][] };
        refused?: { query: string[]; cdc: string[] };
      }[];
    };
    const state = decodeState<Saved>(fs.readFileSync(file, "utf8"));
    this.clock.advance(state.clockOffsetMs - this.clock.offsetMs());
    for (const s of state.companies) {
      const c = new Company(s);
      for (const [e, rows] of Object.entries(s.rows))
        for (const r of rows) c.table(e as TEntityName).set(r.wire.Id, r);
      for (const [e, t] of Object.entries(s.tombstones))
        for (const [id, ms] of t) c.tombstones.get(e as TEntityName)!.set(id, ms);
      for (const [k, v] of s.requestLog) c.requestLog.set(k, v);
      c.sentInvoiceEmails.push(...s.sentInvoiceEmails);
      c.importSequences(s.seq);
      for (const e of s.refused?.query ?? []) c.refused.query.add(e);
      for (const e of s.refused?.cdc ?? []) c.refused.cdc.add(e);
      this.addCompany(c);
    }
  }

  // ── counters ──

  private count(realmId: string, key: string) {
    const c = this.counters.get(realmId) ?? {};
    c[key] = (c[key] ?? 0) + 1;
    c.total = (c.total ?? 0) + (key === "throttled" || key.startsWith("fault:") ? 0 : 1);
    if (METERED.has(key)) c.metered = (c.metered ?? 0) + 1;
    this.counters.set(realmId, c);
  }

  // ── webhooks ──

  private queueWebhook(
    realmId: string,
    change: { entity: string; id: string; operation: string; ms: number },
  ) {
    if (this.webhooks.length === 0) return;
    const list = this.pending.get(realmId) ?? [];
    list.push(change);
    this.pending.set(realmId, list);
    if (!this.flushTimer)
      this.flushTimer = setTimeout(() => this.flushWebhooks(), this.opts.webhookDelayMs ?? 200);
  }

  private flushWebhooks() {
    this.flushTimer = null;
    const batches = [...this.pending.entries()];
    this.pending.clear();
    for (const target of this.webhooks) {
      for (const [realmId, changes] of batches) {
        const c = this.companies.get(realmId)!;
        const ordered = target.reverse ? [...changes].reverse() : changes;
        const body =
          target.format === "legacy"
            ? JSON.stringify({
                eventNotifications: [
                  {
                    realmId,
                    dataChangeEvent: {
                      entities: ordered.map((ch) => ({
                        name: ch.entity,
                        id: ch.id,
                        operation: ch.operation,
                        lastUpdated: c.ts(ch.ms).replace(/([+-]\d{2}):(\d{2})$/, "$1$2"),
                        ...(ch.operation === "Delete" ? { deletedId: ch.id } : {}),
                      })),
                    },
                  },
                ],
              })
            : JSON.stringify(
                ordered.map((ch) => ({
                  specversion: "1.0",
                  id: randomUUID(),
                  source: "intuit.emulator",
                  type: `qbo.${ch.entity.toLowerCase()}.${cloudOp(ch.operation)}.v1`,
                  datacontenttype: "application/json",
                  time: new Date(ch.ms).toISOString(),
                  intuitentityid: ch.id,
                  intuitaccountid: realmId,
                  data: {},
                })),
              );
        const copies = target.duplicate ? 2 : 1;
        for (let i = 0; i < copies; i++)
          setTimeout(() => void this.deliver(target, body, 1), target.delayMs ?? 0);
      }
    }
  }

  private async deliver(target: TWebhookTarget, body: string, attempt: number): Promise<void> {
    const signature = createHmac("sha256", target.verifierToken).update(body).digest("base64");
    let status: number | "error";
    try {
      const res = await fetch(target.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "intuit-signature": signature,
          "intuit-t-id": randomUUID(),
          "intuit-created-time": new Date(this.clock.now()).toISOString(),
        },
        body,
        signal: AbortSignal.timeout(3000),
      });
      status = res.status;
    } catch {
      status = "error";
    }
    this.deliveries.push({ url: target.url, status, body, attempt });
    const retries = this.opts.webhookRetryMs ?? [0, 10_000, 20_000, 30_000, 300_000];
    if (status !== 200 && attempt <= retries.length) {
      setTimeout(() => void this.deliver(target, body, attempt + 1), retries[attempt - 1]);
    }
  }

  // ── HTTP ──

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator");
    const body = await readBody(req);
    const path = url.pathname;
    const now = this.clock.now();

    if (path === "/favicon.ico") return send(res, { status: 204, contentType: "image/x-icon", body: "" });
    if (path.startsWith("/__admin/")) return this.admin(req.method ?? "GET", path, body, res);
    if (path === "/connect/oauth2" && req.method === "GET") return this.authorizePage(url, res);
    if (path === "/connect/oauth2/decide" && req.method === "POST") return this.authorizeDecide(body, res);
    if (path === "/oauth2/v1/tokens/bearer" && req.method === "POST") {
      if (await this.applyFaults(req, res, { target: "token", method: "POST", path })) return;
      return this.token(req, body, res, now);
    }
    if (path === "/v2/oauth2/tokens/revoke" && req.method === "POST") {
      if (!this.oauth.checkClient(req.headers.authorization))
        return send(res, {
          status: 401,
          contentType: "application/json",
          body: '{"error":"invalid_client"}',
        });
      const token = safeJson<{ token?: string }>(body)?.token;
      if (token) this.oauth.revoke(token);
      return send(res, { status: 200, contentType: "application/json", body: "" });
    }
    const m = /^\/v3\/company\/([^/]+)\/(.+)$/.exec(path);
    if (m) return this.data(req, res, m[1]!, m[2]!, url, body, now);
    if (path.startsWith("/app/") && req.method === "GET") return this.recordPage(path, url, res);
    send(res, { status: 404, contentType: "text/plain", body: "Not found" });
  }

  /**
   * QuickBooks Online's record pages (/app/bill?txnId=…), which apps deep-link to, as a read-only
   * page of the record's JSON: the demo's "fix it in QuickBooks" links land somewhere real. The
   * realm is a query parameter because one emulator hosts many companies.
   */
  private recordPage(path: string, url: URL, res: http.ServerResponse): void {
    const pages: Record<string, TEntityName> = {
      bill: "Bill",
      invoice: "Invoice",
      expense: "Purchase",
      recvpayment: "Payment",
      creditmemo: "CreditMemo",
      vendorcredit: "VendorCredit",
      customerdetail: "Customer",
      vendordetail: "Vendor",
    };
    const entity = pages[path.slice(5)];
    const c = this.companies.get(url.searchParams.get("realmId") ?? "");
    const id = url.searchParams.get("txnId") ?? url.searchParams.get("nameId") ?? "";
    const record = entity && c ? c.get(entity, id) : undefined;
    if (!entity || !c || !record) {
      send(res, { status: 404, contentType: "text/plain", body: "Not found" });
      return;
    }
    const esc = (x: string) => x.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
    send(res, {
      status: 200,
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(`${entity} ${id}`)} · QBO emulator</title></head><body style="font-family:system-ui;max-width:56rem;margin:2rem auto;padding:0 1rem"><p>QuickBooks emulator · ${esc(c.name)} — the record as QuickBooks holds it (read-only; edit it through the admin API).</p><h1>${esc(`${entity} ${id}`)}</h1><pre style="white-space:pre-wrap">${esc(JSON.stringify(record, null, 2))}</pre></body></html>`,
    });
  }

  /** Apply fault rules; true when the request was answered (or dropped) by a fault. */
  private async applyFaults(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    r: { realmId?: string; target: "data" | "token"; method: string; path: string; query?: string },
  ): Promise<boolean | "dropAfterCommit"> {
    let afterCommit = false;
    for (const { action } of this.faults.pick(r)) {
      if (r.realmId) this.count(r.realmId, `fault:${action.kind}`);
      if (action.kind === "latency") await new Promise((x) => setTimeout(x, action.ms));
      else if (action.kind === "drop") {
        req.socket.destroy();
        return true;
      } else if (action.kind === "dropAfterCommit") afterCommit = true;
      else if (action.kind === "expireToken" && r.realmId)
        this.oauth.expireAccessTokens(r.realmId, this.clock.now());
      else if (action.kind === "revokeToken" && r.realmId) this.oauth.revokeRealm(r.realmId);
      else if (action.kind === "status") {
        const tz = (r.realmId && this.companies.get(r.realmId)?.timezone) || "America/Los_Angeles";
        send(
          res,
          action.status === 429
            ? throttleFault(this.clock.now(), tz)
            : serviceFault(action.status, this.clock.now(), tz),
        );
        return true;
      } else if (action.kind === "validation") {
        const tz = (r.realmId && this.companies.get(r.realmId)?.timezone) || "America/Los_Angeles";
        send(res, validationFault(action.code, action.message, action.detail, this.clock.now(), tz));
        return true;
      }
    }
    return afterCommit ? "dropAfterCommit" : false;
  }

  private token(req: http.IncomingMessage, body: string, res: http.ServerResponse, now: number) {
    if (!this.oauth.checkClient(req.headers.authorization))
      return send(res, { status: 401, contentType: "application/json", body: '{"error":"invalid_client"}' });
    const form = new URLSearchParams(body);
    const includeHard = String(req.headers["x-include-refresh-token-hard-expires-in"] ?? "") === "true";
    const grant = form.get("grant_type");
    const result =
      grant === "authorization_code"
        ? this.oauth.exchangeCode(form.get("code") ?? "", form.get("redirect_uri") ?? "", now, includeHard)
        : grant === "refresh_token"
          ? this.oauth.refreshToken(form.get("refresh_token") ?? "", now, includeHard)
          : ({ ok: false, error: "invalid_request" } as const);
    if (!result.ok) return send(res, oauthError(result.error));
    send(res, {
      status: 200,
      contentType: "application/json;charset=UTF-8",
      body: JSON.stringify(result.body),
      headers: { intuit_tid: randomUUID() },
    });
  }

  private authorizePage(url: URL, res: http.ServerResponse) {
    const q = url.searchParams;
    const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
    if (q.get("client_id") !== this.oauth.config.clientId) {
      return send(res, { status: 400, contentType: "text/html", body: "<h1>Invalid client_id</h1>" });
    }
    const hidden = ["redirect_uri", "state", "scope"]
      .map((k) => `<input type="hidden" name="${k}" value="${esc(q.get(k) ?? "")}">`)
      .join("");
    const options = [...this.companies.values()]
      .map((c) => `<option value="${c.realmId}">${esc(c.name)} (${c.realmId})</option>`)
      .join("");
    send(res, {
      status: 200,
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Connect to QuickBooks (emulator)</title></head><body style="font-family:sans-serif;max-width:32rem;margin:3rem auto">
<h1>Connect to QuickBooks</h1><p>QuickBooks emulator — choose the company to share with the app.</p>
<form method="post" action="/connect/oauth2/decide">${hidden}<label for="realm">Company</label><br><select id="realm" name="realmId">${options}</select>
<p><button type="submit" name="decision" value="approve">Connect</button> <button type="submit" name="decision" value="deny">Cancel</button></p></form></body></html>`,
    });
  }

  private authorizeDecide(body: string, res: http.ServerResponse) {
    const f = new URLSearchParams(body);
    const redirect = new URL(f.get("redirect_uri") ?? "");
    redirect.searchParams.set("state", f.get("state") ?? "");
    if (f.get("decision") !== "approve") {
      redirect.searchParams.set("error", "access_denied");
    } else {
      const realmId = f.get("realmId") ?? "";
      if (!this.companies.has(realmId))
        return send(res, { status: 400, contentType: "text/plain", body: "Unknown company" });
      redirect.searchParams.set(
        "code",
        this.oauth.issueCode(realmId, f.get("redirect_uri") ?? "", this.clock.now()),
      );
      redirect.searchParams.set("realmId", realmId);
    }
    res.writeHead(302, { location: redirect.toString() });
    res.end();
  }

  private async data(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    realmId: string,
    rest: string,
    url: URL,
    body: string,
    now: number,
  ) {
    const started = performance.now();
    const method = req.method ?? "GET";
    const c = this.companies.get(realmId);
    const tz = c?.timezone ?? "America/Los_Angeles";
    const fault = await this.applyFaults(req, res, {
      realmId,
      target: "data",
      method,
      path: url.pathname,
      query: url.searchParams.get("query") ?? url.searchParams.get("entities") ?? undefined,
    });
    if (fault === true) return;
    if (!this.limiter.allow(realmId)) {
      this.count(realmId, "throttled");
      return send(res, throttleFault(now, tz));
    }
    const auth = (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
    const access = this.oauth.checkAccess(auth || undefined, realmId, now);
    if (access === "expired") return send(res, authFault(`Token expired: ${auth.slice(0, 48)}`, now));
    if (access === "invalid") return send(res, authFault("Token invalid", now));
    if (access === "wrong_realm" || !c) return send(res, authorizationFault(now, tz));

    const seg = rest.split("/");
    const head = seg[0]!.toLowerCase();
    const reply = (kind: string, r: TFaultReply) => {
      this.count(realmId, kind);
      if (fault === "dropAfterCommit") {
        req.socket.destroy();
        return;
      }
      send(res, {
        ...r,
        headers: {
          ...r.headers,
          "intuit-tid": `1-${randomUUID()}`,
          "qbo-version": "1944.190",
          // QBO reports its own handling time; so does the emulator.
          "service-time": `total=${Math.round(performance.now() - started)}`,
        },
      });
    };
    const ok = (kind: string, payload: unknown) =>
      reply(kind, { status: 200, contentType: "application/json;charset=utf-8", body: toWireJson(payload) });
    const vf = (kind: string, code: string, message: string, detail: string, element?: string) =>
      reply(kind, validationFault(code, message, detail, now, tz, element));

    try {
      if (head === "query") {
        const text = method === "POST" ? body : (url.searchParams.get("query") ?? "");
        let q: ReturnType<typeof parseQuery>;
        try {
          q = parseQuery(text);
          if (c.refused.query.has(q.entity)) return vf("query", ...refusedQuery(q.entity));
          validateFields(q, c.table(q.entity).values().next().value?.wire);
        } catch (err) {
          if (err instanceof QueryError) return vf("query", err.code, err.message, err.detail);
          throw err;
        }
        const r = runQuery(q, c.table(q.entity).values());
        if (r.count)
          return ok("query", { QueryResponse: { totalCount: r.total }, time: envelopeTime(now, tz) });
        if (r.rows.length === 0) return ok("query", { QueryResponse: {}, time: envelopeTime(now, tz) });
        // Rows are serialized once and cached until their next change (a page is up to 1000 rows).
        const items = r.page.map((row) => {
          row.json ??= toWireJson(row.wire);
          return row.json;
        });
        const n = items.length;
        const total = WITH_TOTAL_COUNT.has(q.entity) ? `,"totalCount":${n}` : "";
        return reply("query", {
          status: 200,
          contentType: "application/json;charset=utf-8",
          body: `{"QueryResponse":{"${q.entity}":[${items.join(",")}],"startPosition":${q.startPosition},"maxResults":${n}${total}},"time":"${envelopeTime(now, tz)}"}`,
        });
      }
      if (head === "cdc") return this.cdc(c, url, now, ok, vf);
      if (head === "companyinfo")
        return ok("companyinfo", { CompanyInfo: c.companyInfo(now), time: envelopeTime(now, tz) });
      if (head === "preferences")
        return ok("preferences", { Preferences: c.preferences(), time: envelopeTime(now, tz) });
      if (head === "reports") {
        const name = seg[1] ?? "";
        if (name !== "AgedReceivables" && name !== "AgedPayables")
          return reply("report", unsupportedOperation(url.pathname, now, tz));
        return ok("report", agedReport(c, name, url.searchParams.get("report_date") ?? localDate(now, tz)));
      }
      const entity = ENTITY_BY_PATH[head];
      if (!entity) return reply("other", unsupportedOperation(url.pathname, now, tz));

      if (method === "GET" && seg.length === 2) {
        const id = seg[1]!;
        if (!/^\d+$/.test(id))
          return vf("read", "2030", "Invalid ID", `Id should be a valid number. Supplied value:${id}`, "Id");
        const w = c.get(entity, id);
        if (!w)
          return vf(
            "read",
            "610",
            "Object Not Found",
            "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
          );
        return ok("read", { [entity]: w, time: envelopeTime(now, tz) });
      }
      if (method === "POST") {
        const requestId = url.searchParams.get("requestid");
        if (requestId && requestId.length > 50)
          return vf(
            "write",
            "2020",
            "Required param missing, need to supply the required value for the API",
            "requestid must be at most 50 characters",
          );
        const key = requestId ? `${url.pathname}?${requestId}` : null;
        const previous = key ? c.requestLog.get(key) : undefined;
        if (previous)
          return reply("write", {
            status: previous.status,
            contentType: "application/json;charset=utf-8",
            body: previous.body,
          });
        const result = this.write(c, entity, seg, url, body, now);
        const replyBody: TFaultReply =
          "fault" in result
            ? validationFault(
                result.fault.code,
                result.fault.message,
                result.fault.detail,
                now,
                tz,
                result.fault.element,
              )
            : {
                status: 200,
                contentType: "application/json;charset=utf-8",
                body: toWireJson({ ...result.payload, time: envelopeTime(now, tz) }),
              };
        if (key) c.requestLog.set(key, { status: replyBody.status, body: replyBody.body });
        return reply(seg.length === 3 && seg[2] === "send" ? "send" : "write", replyBody);
      }
      return reply("other", unsupportedOperation(url.pathname, now, tz));
    } catch (err) {
      if (err instanceof LedgerError) return vf("write", err.code, err.message, err.detail, err.element);
      throw err;
    }
  }

  private write(
    c: Company,
    entity: TEntityName,
    seg: string[],
    url: URL,
    body: string,
    now: number,
  ):
    | { payload: Record<string, unknown> }
    | { fault: { code: string; message: string; detail: string; element?: string } } {
    const bad = (detail: string, element?: string) => ({
      fault: {
        code: "2020",
        message: "Required param missing, need to supply the required value for the API",
        detail,
        element,
      },
    });
    // Invoice send: POST /invoice/{id}/send?sendTo=
    if (entity === "Invoice" && seg.length === 3 && seg[2] === "send") {
      const inv = c.get("Invoice", seg[1]!);
      if (!inv) throw new LedgerError("610", "Object Not Found", `Invoice ${seg[1]} not found`);
      const to =
        url.searchParams.get("sendTo") ?? (inv.BillEmail as { Address?: string } | undefined)?.Address;
      if (!to)
        return {
          fault: {
            code: "6000",
            message: "A business validation error has occurred while processing your request",
            detail: "Business Validation Error: Please enter an email address for this customer.",
          },
        };
      inv.EmailStatus = "EmailSent";
      inv.BillEmail = { Address: to };
      inv.DeliveryInfo = { DeliveryType: "Email", DeliveryTime: c.ts(now) };
      c.sentInvoiceEmails.push({ invoiceId: inv.Id, to, ms: now });
      c.touch("Invoice", inv.Id, now, "edit", "Emailed");
      return { payload: { Invoice: inv } };
    }
    if (entity !== "BillPayment" || seg.length !== 1) {
      return {
        fault: {
          code: "500",
          message: "Unsupported Operation",
          detail: `Operation ${url.pathname} is not supported by the emulator's data API; use the admin API.`,
        },
      };
    }
    const json = safeJson<Record<string, unknown>>(body);
    if (!json)
      return {
        fault: {
          code: "2010",
          message: "Request has invalid or unsupported property",
          detail: "Request body is not valid JSON",
        },
      };
    const op = url.searchParams.get("operation");
    if (op === "delete" || op === "update" || json.Id !== undefined) {
      const id = String(json.Id ?? "");
      const existing = c.get("BillPayment", id);
      if (!existing) throw new LedgerError("610", "Object Not Found", `Object Not Found : BillPayment ${id}`);
      if (String(json.SyncToken ?? "") !== existing.SyncToken) {
        return {
          fault: {
            code: "5010",
            message: "Stale Object Error",
            detail: `Stale Object Error : You and API API were working on this at the same time. API API finished before you did, so your work was not saved.`,
          },
        };
      }
      if (op === "delete") {
        deleteBillPayment(c, id, now);
        return { payload: { BillPayment: { status: "Deleted", domain: "QBO", Id: id } } };
      }
      if (url.searchParams.get("include") === "void")
        return { payload: { BillPayment: voidBillPayment(c, id, now) } };
      const total = json.TotalAmt !== undefined ? parseDecimalToCents(String(json.TotalAmt)) : null;
      if (total === null) return bad("Required parameter TotalAmt is missing in the request", "TotalAmt");
      return { payload: { BillPayment: updateBillPaymentAmount(c, id, total, now) } };
    }
    const vendorId = (json.VendorRef as { value?: string } | undefined)?.value;
    if (!vendorId || !c.get("Vendor", vendorId))
      return bad("Required parameter VendorRef is missing in the request", "VendorRef");
    const payType = json.PayType === "CreditCard" ? "CreditCard" : json.PayType === "Check" ? "Check" : null;
    if (!payType) return bad("Required parameter PayType is missing in the request", "PayType");
    const accountId =
      payType === "Check"
        ? (json.CheckPayment as { BankAccountRef?: { value?: string } } | undefined)?.BankAccountRef?.value
        : (json.CreditCardPayment as { CCAccountRef?: { value?: string } } | undefined)?.CCAccountRef?.value;
    if (!accountId)
      return bad(
        `Required parameter ${payType === "Check" ? "CheckPayment.BankAccountRef" : "CreditCardPayment.CCAccountRef"} is missing`,
      );
    const lines = Array.isArray(json.Line)
      ? (json.Line as { Amount?: unknown; LinkedTxn?: { TxnId?: string; TxnType?: string }[] }[])
      : [];
    const applications = lines.map((l) => ({
      txnId: String(l.LinkedTxn?.[0]?.TxnId ?? ""),
      amountCents: parseDecimalToCents(String(l.Amount)) ?? -1,
    }));
    const total = parseDecimalToCents(String(json.TotalAmt));
    if (total === null) return bad("Required parameter TotalAmt is missing in the request", "TotalAmt");
    if (applications.reduce((s, a) => s + a.amountCents, 0) !== total) {
      return {
        fault: {
          code: "6000",
          message: "A business validation error has occurred while processing your request",
          detail: "Business Validation Error: The total of the lines must equal the TotalAmt.",
        },
      };
    }
    const txnDate = typeof json.TxnDate === "string" ? json.TxnDate : localDate(now, c.timezone);
    const bp = createBillPayment(c, {
      vendorId,
      payType,
      accountId,
      applications,
      txnDate,
      ms: now,
      docNumber: typeof json.DocNumber === "string" ? json.DocNumber : undefined,
      privateNote: typeof json.PrivateNote === "string" ? json.PrivateNote : undefined,
    });
    return { payload: { BillPayment: bp } };
  }

  private cdc(
    c: Company,
    url: URL,
    now: number,
    ok: (kind: string, payload: unknown) => void,
    vf: (kind: string, code: string, message: string, detail: string) => void,
  ) {
    const entities = (url.searchParams.get("entities") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const sinceText = url.searchParams.get("changedSince") ?? "";
    const since = parseQboInstant(sinceText);
    if (entities.length === 0)
      return vf(
        "cdc",
        "2020",
        "Required param missing, need to supply the required value for the API",
        "Required parameter entities is missing in the request",
      );
    if (since === null)
      return vf(
        "cdc",
        "2020",
        "Required param missing, need to supply the required value for the API",
        "Required parameter changedSince is missing or invalid in the request",
      );
    const refused = entities.find((e) => c.refused.cdc.has(e));
    if (refused) return vf("cdc", ...refusedCdc(refused));
    // QBO entities the emulator keeps none of still answer (with an empty object).
    const known = (e: string) => (isEntityName(e) && e !== "RecurringTransaction") || CDC_EMPTY.has(e);
    const unknown = entities.find((e) => !known(e));
    if (unknown)
      return vf(
        "cdc",
        "4001",
        "Invalid query",
        `QueryValidationError: Entity ${unknown} is not supported for CDC`,
      );
    if (since < now - 30 * 86_400_000) {
      return vf(
        "cdc",
        "2060",
        "Invalid date",
        `Operation cdc with changedSince date ${sinceText} which is older than fixed days is not supported.`,
      );
    }
    let budget = 1000;
    const responses = entities.map((e) => {
      if (!isEntityName(e)) return {};
      const name = e as TEntityName;
      const changed = [...c.table(name).values()]
        .filter((r) => r.updatedMs > since)
        .sort((a, b) => a.updatedMs - b.updatedMs);
      const deleted = [...c.tombstones.get(name)!.entries()]
        .filter(([, ms]) => ms > since)
        .sort((a, b) => a[1] - b[1]);
      const items: unknown[] = [];
      for (const r of changed) {
        if (budget <= 0) break;
        items.push(r.wire);
        budget--;
      }
      for (const [id, ms] of deleted) {
        if (budget <= 0) break;
        items.push({ status: "Deleted", domain: "QBO", Id: id, MetaData: { LastUpdatedTime: c.ts(ms) } });
        budget--;
      }
      return items.length === 0
        ? {}
        : { [name]: items, startPosition: 1, maxResults: items.length, totalCount: items.length };
    });
    ok("cdc", { CDCResponse: [{ QueryResponse: responses }], time: envelopeTime(now, c.timezone) });
  }

  // ── admin API ──

  private admin(method: string, path: string, body: string, res: http.ServerResponse) {
    const json = (status: number, payload: unknown) =>
      send(res, { status, contentType: "application/json", body: JSON.stringify(payload) });
    const input = safeJson<Record<string, unknown>>(body) ?? {};
    const parts = path.split("/").filter(Boolean); // ["__admin", ...]
    const now = this.clock.now();
    try {
      if (parts[1] === "health")
        return json(200, { ok: true, companies: this.companies.size, now: new Date(now).toISOString() });
      if (parts[1] === "reset" && method === "POST") {
        this.companies.clear();
        this.counters.clear();
        this.faults.clear();
        this.limiter.reset();
        this.webhooks.length = 0;
        this.deliveries.length = 0;
        this.save();
        return json(200, { ok: true });
      }
      if (parts[1] === "clock" && method === "POST") {
        if (typeof input.advanceMs === "number") this.clock.advance(input.advanceMs);
        if (typeof input.setMs === "number") this.clock.advance(input.setMs - this.clock.now());
        this.scheduleSave();
        return json(200, { now: new Date(this.clock.now()).toISOString() });
      }
      if (parts[1] === "faults") {
        if (method === "POST") this.faults.set((input.rules as TFaultRule[]) ?? []);
        if (method === "DELETE") this.faults.clear();
        return json(200, { rules: this.faults.counters() });
      }
      if (parts[1] === "limits" && method === "POST") {
        this.limiter.limits = { ...this.limiter.limits, ...(input as Partial<TLimits>) };
        this.limiter.reset();
        return json(200, this.limiter.limits);
      }
      if (parts[1] === "oauth" && method === "POST") {
        Object.assign(this.oauth.config, input);
        return json(200, { ...this.oauth.config, clientSecret: undefined });
      }
      if (parts[1] === "counters") {
        if (method === "DELETE") this.counters.clear();
        return json(200, {
          realms: Object.fromEntries(this.counters),
          faults: this.faults.counters(),
          tokenRefreshes: this.oauth.refreshes,
        });
      }
      if (parts[1] === "webhooks") {
        if (method === "POST") {
          this.webhooks.push({
            url: String(input.url),
            verifierToken: String(input.verifierToken ?? ""),
            format: input.format === "cloudevents" ? "cloudevents" : "legacy",
            duplicate: Boolean(input.duplicate),
            delayMs: typeof input.delayMs === "number" ? input.delayMs : 0,
            reverse: Boolean(input.reverse),
          });
        }
        if (method === "DELETE") this.webhooks.length = 0;
        return json(200, {
          webhooks: this.webhooks.map((w) => ({ ...w, verifierToken: undefined })),
          deliveries: this.deliveries,
        });
      }
      if (parts[1] === "companies") {
        if (parts.length === 2 && method === "POST") {
          const c = this.createCompany({
            seed: (input.seed as number | string) ?? 1,
            today: input.today as string | undefined,
            scale: input.scale as number | undefined,
            profile: input.profile as TProfile | undefined,
            name: input.name as string | undefined,
            realmId: input.realmId as string | undefined,
            months: input.months as number | undefined,
            checkingCents: input.checkingCents as number | undefined,
            refuse: input.refuse as { query?: string[]; cdc?: string[] } | undefined,
          });
          return json(201, {
            realmId: c.realmId,
            name: c.name,
            documents: [...c.rows.values()].reduce((s, r) => s + r.size, 0),
          });
        }
        if (parts.length === 2)
          return json(
            200,
            [...this.companies.values()].map((c) => ({ realmId: c.realmId, name: c.name })),
          );
        const c = this.companies.get(parts[2]!);
        if (!c) return json(404, { error: `unknown realm ${parts[2]}` });
        if (parts[3] === "export") return json(200, this.exportCompany(c.realmId));
        if (parts[3] === "counts")
          return json(200, Object.fromEntries([...c.rows].map(([e, rows]) => [e, rows.size])));
        if (parts[3] === "tokens" && method === "POST")
          return json(200, { ...this.oauth.issueForRealm(c.realmId, now), realmId: c.realmId });
        if (parts[3] === "revoke" && method === "POST")
          return json(200, { revoked: this.oauth.revokeRealm(c.realmId) });
        if (parts[3] === "refuse" && method === "POST") {
          const list = (k: string) =>
            Array.isArray(input[k]) ? (input[k] as unknown[]).map(String) : undefined;
          this.setRefusals(c, { query: list("query"), cdc: list("cdc") });
          return json(200, { query: [...c.refused.query], cdc: [...c.refused.cdc] });
        }
        if (parts[3] === "expire-tokens" && method === "POST")
          return json(200, { expired: this.oauth.expireAccessTokens(c.realmId, now) });
        if (parts[3] === "mutations" && method === "POST")
          return json(200, { result: toCentsObject(this.mutate(c, input, now)) });
      }
      return json(404, { error: `unknown admin path ${method} ${path}` });
    } catch (err) {
      if (err instanceof LedgerError) return json(400, { error: err.detail, code: err.code });
      return json(400, { error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Change data as a bookkeeper would in QuickBooks. Amounts in cents; dates YYYY-MM-DD. */
  mutate(c: Company, input: Record<string, unknown>, now: number): unknown {
    const s = (k: string) => (input[k] === undefined ? undefined : String(input[k]));
    const n = (k: string) => (typeof input[k] === "number" ? (input[k] as number) : undefined);
    const today = localDate(now, c.timezone);
    const bank = () =>
      [...c.table("Account").values()].find((r) => r.wire.AccountType === "Bank" && r.wire.Active !== false)!
        .wire.Id;
    switch (input.op) {
      case "createInvoice": {
        const item = [...c.table("Item").values()][0]!.wire.Id;
        return createInvoice(c, {
          customerId: s("customerId")!,
          txnDate: s("txnDate") ?? today,
          dueDate: s("dueDate") ?? today,
          docNumber: s("docNumber") ?? String(9000 + c.table("Invoice").size),
          lines: [
            { amountCents: n("amountCents")!, description: s("description") ?? "Services", itemId: item },
          ],
          ms: now,
        });
      }
      case "editInvoice":
        return editDocument(
          c,
          "Invoice",
          s("id")!,
          {
            dueDate: input.dueDate as string | null | undefined,
            amountCents: n("amountCents"),
            privateNote: s("privateNote"),
          },
          now,
        );
      case "voidInvoice":
        return voidInvoice(c, s("id")!, now);
      case "deleteInvoice":
        deleteInvoice(c, s("id")!, now);
        return { deleted: s("id") };
      case "createBill": {
        const expense = [...c.table("Account").values()].find((r) => r.wire.AccountType === "Expense")!.wire
          .Id;
        return createBill(c, {
          vendorId: s("vendorId")!,
          txnDate: s("txnDate") ?? today,
          dueDate: input.dueDate === null ? undefined : (s("dueDate") ?? today),
          lines: [
            {
              amountCents: n("amountCents")!,
              accountId: s("accountId") ?? expense,
              description: s("description") ?? "Services",
            },
          ],
          ms: now,
        });
      }
      case "editBill":
        return editDocument(
          c,
          "Bill",
          s("id")!,
          {
            dueDate: input.dueDate as string | null | undefined,
            amountCents: n("amountCents"),
            privateNote: s("privateNote"),
          },
          now,
        );
      case "deleteBill":
        deleteBill(c, s("id")!, now);
        return { deleted: s("id") };
      case "createPayment": {
        const inv = c.mustGet("Invoice", s("invoiceId")!);
        return createPayment(c, {
          customerId: (inv.CustomerRef as { value: string }).value,
          txnDate: s("txnDate") ?? today,
          totalCents: n("amountCents")!,
          applications: [{ txnId: inv.Id, amountCents: n("amountCents")! }],
          depositToAccountId: s("accountId") ?? bank(),
          ms: now,
        });
      }
      case "deletePayment":
        deletePayment(c, s("id")!, now);
        return { deleted: s("id") };
      case "createBillPayment": {
        const bill = c.mustGet("Bill", s("billId")!);
        return createBillPayment(c, {
          vendorId: (bill.VendorRef as { value: string }).value,
          txnDate: s("txnDate") ?? today,
          payType: "Check",
          accountId: s("accountId") ?? bank(),
          applications: [{ txnId: bill.Id, amountCents: n("amountCents") ?? (bill.Balance as Money).cents }],
          ms: now,
        });
      }
      case "deleteBillPayment":
        deleteBillPayment(c, s("id")!, now);
        return { deleted: s("id") };
      case "voidBillPayment":
        return voidBillPayment(c, s("id")!, now);
      case "setBankBalance":
        return setBankBalance(c, s("accountId") ?? bank(), n("cents")!, s("txnDate") ?? today, now);
      case "deactivate": {
        const entity = s("entity") as "Customer" | "Vendor" | "Account";
        const w = c.mustGet(entity, s("id")!);
        w.Active = false;
        if (entity !== "Account") w.DisplayName = `${w.DisplayName} (deleted)`;
        return c.touch(entity, w.Id, now, "edit", "Delete");
      }
      default:
        throw new Error(`unknown mutation op ${String(input.op)}`);
    }
  }
}

function cloudOp(op: string) {
  return (
    (
      {
        Create: "created",
        Update: "updated",
        Delete: "deleted",
        Void: "voided",
        Emailed: "emailed",
      } as Record<string, string>
    )[op] ?? op.toLowerCase()
  );
}

function seedHash(seed: number | string): number {
  return typeof seed === "number" ? seed : [...seed].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);
}

function send(res: http.ServerResponse, r: TFaultReply) {
  if (res.destroyed) return;
  res.writeHead(r.status, { "content-type": r.contentType, ...r.headers });
  res.end(r.body);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (ch: string) => {
      data += ch;
    });
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

function safeJson<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export { jsonFault, Money };
