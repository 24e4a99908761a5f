/**
 * A Plaid API server for the demo and for tests: Plaid's documented wire format for Link tokens
 * (Hosted Link included), Items, accounts and balances, `/transactions/sync`, signed webhooks
 * and their verification keys, errors, and the sandbox endpoints. It imports nothing of the app:
 * the app reaches it over HTTP with the official `plaid` SDK, exactly as it reaches Plaid.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import {
  applyMutation,
  BankError,
  decodeCursor,
  encodeCursor,
  netChanges,
  type TAccount,
  type TInstitution,
  type TLogin,
  type TMutation,
  type TNewTxn,
  type TTxn,
  toDecimal,
} from "./bank";

export type TPlaidEmulatorOptions = {
  port?: number;
  host?: string;
  clientId?: string;
  secret?: string;
  /** Pin "now" (ms since epoch) at start; time then runs on in real time. */
  startMs?: number;
  stateFile?: string;
  log?: (line: string) => void;
};

type TItem = {
  item_id: string;
  access_token: string;
  login_id: string;
  webhook: string | null;
  /** The accounts the user shared in Link. */
  accountIds: string[];
  error: { error_type: string; error_code: string; error_message: string } | null;
  consent_expiration_time: string | null;
  removed: boolean;
  created_ms: number;
};

type TLinkSession = {
  link_session_id: string;
  started_at: string;
  finished_at: string | null;
  exit: { error: TWireError | null; metadata: { status: string | null; institution: unknown } } | null;
  results: { item_add_results: { public_token: string; accounts: unknown[]; institution: unknown }[] } | null;
  lastError: TWireError | null;
};

type TLinkToken = {
  link_token: string;
  created_ms: number;
  expires_ms: number;
  client_user_id: string;
  webhook: string | null;
  completion_redirect_uri: string | null;
  /** Update mode: the Item being repaired. */
  access_token: string | null;
  client_name: string;
  products: string[];
  sessions: TLinkSession[];
};

type TWireError = {
  error_type: string;
  error_code: string;
  error_message: string;
  display_message: string | null;
  request_id?: string;
};

type TFault = { endpoint: string; error_type: string; error_code: string; status: number; remaining: number };

const ITEM_ERROR_LOGIN: TItem["error"] = {
  error_type: "ITEM_ERROR",
  error_code: "ITEM_LOGIN_REQUIRED",
  error_message:
    "the login details of this item have changed (credentials, MFA, or required user action) and a user login is required to update this information. use Link's update mode to restore the item to a good state",
};

export class PlaidEmulator {
  readonly institutions = new Map<string, TInstitution>();
  readonly logins = new Map<string, TLogin>();
  readonly items = new Map<string, TItem>();
  readonly linkTokens = new Map<string, TLinkToken>();
  private publicTokens = new Map<string, { item_id: string; expires_ms: number }>();
  /** `${item_id}|${YYYY-MM}|${endpoint}` → calls (what Plaid would bill or meter). */
  readonly calls = new Map<string, number>();
  readonly deliveries: { url: string; status: number | "error"; body: string; jwt: string }[] = [];
  private faults: TFault[] = [];
  private keys: {
    kid: string;
    privateJwk: JWK;
    publicJwk: JWK;
    created_at: number;
    expired_at: number | null;
  }[] = [];
  private inflight = new Set<Promise<void>>();
  private server: http.Server | null = null;
  private offsetMs = 0;
  private seq = 0;
  baseUrl = "";

  constructor(readonly opts: TPlaidEmulatorOptions = {}) {
    if (opts.startMs !== undefined) this.offsetMs = opts.startMs - Date.now();
    if (opts.stateFile && fs.existsSync(opts.stateFile)) this.load(opts.stateFile);
  }

  now = () => Date.now() + this.offsetMs;
  advance(ms: number) {
    this.offsetMs += ms;
  }

  // ── lifecycle ──

  async start(): Promise<string> {
    if (this.keys.length === 0) await this.rotateKey();
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        this.opts.log?.(
          `[plaid-emulator] ${req.method} ${req.url}: ${err instanceof Error ? err.stack : String(err)}`,
        );
        if (!res.headersSent)
          this.sendError(
            res,
            new BankError(500, "API_ERROR", "INTERNAL_SERVER_ERROR", "an unexpected error occurred"),
          );
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
    await this.flushWebhooks();
    this.save();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** Resolves when every webhook sent so far has been delivered (or failed). */
  async flushWebhooks(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  // ── data set-up (admin and tests) ──

  addInstitution(i: TInstitution) {
    this.institutions.set(i.institution_id, i);
    this.scheduleSave();
  }

  createLogin(l: {
    login_id: string;
    institution_id: string;
    label: string;
    accounts: TAccount[];
    txns?: TNewTxn[];
    hiddenAccounts?: TAccount[];
  }) {
    if (!this.institutions.has(l.institution_id))
      throw new BankError(400, "INVALID_INPUT", "INVALID_INSTITUTION", `no institution ${l.institution_id}`);
    if (this.logins.has(l.login_id))
      throw new BankError(400, "INVALID_INPUT", "INVALID_FIELD", `login ${l.login_id} exists`);
    const login: TLogin = {
      login_id: l.login_id,
      institution_id: l.institution_id,
      label: l.label,
      accounts: l.accounts.map((a) => ({ ...a })),
      hiddenAccounts: (l.hiddenAccounts ?? []).map((a) => ({ ...a })),
      txns: new Map(),
      log: [],
      mutateDuringNextPass: null,
    };
    this.logins.set(login.login_id, login);
    for (const t of l.txns ?? []) applyMutation(login, { op: "add", txn: t }, () => this.newId("txn"));
    this.scheduleSave();
    return login;
  }

  /** Apply changes at the bank and tell every Item on the login (SYNC_UPDATES_AVAILABLE). */
  mutate(loginId: string, ms: TMutation[], opts: { notify?: boolean } = {}) {
    const login = this.login(loginId);
    for (const m of ms) applyMutation(login, m, () => this.newId("txn"));
    this.scheduleSave();
    if (opts.notify !== false) for (const item of this.itemsOf(loginId)) this.fireSyncUpdates(item);
  }

  /** A new account opened at the bank (not shared with existing Items until update mode). */
  openAccount(loginId: string, account: TAccount) {
    const login = this.login(loginId);
    login.accounts.push({ ...account });
    this.scheduleSave();
    for (const item of this.itemsOf(loginId))
      this.sendWebhook(item, {
        webhook_type: "ITEM",
        webhook_code: "NEW_ACCOUNTS_AVAILABLE",
        item_id: item.item_id,
        error: null,
      });
  }

  addFault(f: Omit<TFault, "remaining"> & { count?: number }) {
    this.faults.push({ ...f, remaining: f.count ?? 1 });
  }

  /** The oracle's view: every Item with its shared accounts and live transactions, in wire terms. */
  exportState() {
    return [...this.items.values()]
      .filter((i) => !i.removed)
      .map((item) => {
        const login = this.login(item.login_id);
        const shared = new Set(item.accountIds);
        return {
          item_id: item.item_id,
          login_id: item.login_id,
          institution_id: login.institution_id,
          error: item.error?.error_code ?? null,
          accounts: login.accounts.filter((a) => shared.has(a.account_id)).map((a) => this.wireAccount(a)),
          transactions: [...login.txns.values()]
            .filter((t) => t.removedSeq === null && shared.has(t.account_id))
            .map((t) => this.wireTxn(t))
            .sort((a, b) => a.transaction_id.localeCompare(b.transaction_id)),
        };
      });
  }

  callCounts() {
    return [...this.calls].map(([k, count]) => {
      const [item_id, month, endpoint] = k.split("|") as [string, string, string];
      return { item_id, month, endpoint, count };
    });
  }

  /** Issue a public token the way `/sandbox/public_token/create` does (for tests and the demo). */
  createItemFor(loginId: string, webhook: string | null) {
    const item = this.newItem(this.login(loginId), webhook);
    return item;
  }

  async rotateKey() {
    const now = Math.floor(this.now() / 1000);
    for (const k of this.keys) k.expired_at ??= now;
    const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
    const kid = randomUUID();
    this.keys.push({
      kid,
      privateJwk: await exportJWK(privateKey),
      publicJwk: await exportJWK(publicKey),
      created_at: now,
      expired_at: null,
    });
    this.scheduleSave();
    return kid;
  }

  // ── internals ──

  private newId(kind: string) {
    return `${kind}_${(++this.seq).toString(36)}${randomBytes(9).toString("base64url")}`;
  }

  private login(id: string) {
    const l = this.logins.get(id);
    if (!l) throw new BankError(400, "INVALID_INPUT", "INVALID_FIELD", `no login ${id}`);
    return l;
  }

  private itemsOf(loginId: string) {
    return [...this.items.values()].filter((i) => i.login_id === loginId && !i.removed);
  }

  private newItem(login: TLogin, webhook: string | null): TItem {
    const item: TItem = {
      item_id: randomBytes(18).toString("base64url"),
      access_token: `access-sandbox-${randomUUID()}`,
      login_id: login.login_id,
      webhook,
      accountIds: login.accounts.map((a) => a.account_id),
      error: null,
      consent_expiration_time: null,
      removed: false,
      created_ms: this.now(),
    };
    this.items.set(item.item_id, item);
    this.scheduleSave();
    return item;
  }

  private publicTokenFor(item: TItem) {
    const t = `public-sandbox-${randomUUID()}`;
    this.publicTokens.set(t, { item_id: item.item_id, expires_ms: this.now() + 30 * 60_000 });
    return t;
  }

  private count(itemId: string, endpoint: string) {
    const k = `${itemId}|${new Date(this.now()).toISOString().slice(0, 7)}|${endpoint}`;
    this.calls.set(k, (this.calls.get(k) ?? 0) + 1);
  }

  private itemByToken(token: unknown): TItem {
    const item =
      typeof token === "string" ? [...this.items.values()].find((i) => i.access_token === token) : undefined;
    if (!item || item.removed)
      throw new BankError(
        400,
        "INVALID_INPUT",
        "INVALID_ACCESS_TOKEN",
        "provided access token is in an invalid format or has been removed. expected format: access-<environment>-<identifier>",
      );
    return item;
  }

  private requireHealthy(item: TItem) {
    if (item.error)
      throw new BankError(
        400,
        item.error.error_type,
        item.error.error_code,
        item.error.error_message,
        "This bank needs you to sign in again.",
      );
  }

  private wireAccount(a: TAccount, live = false) {
    return {
      account_id: a.account_id,
      balances: {
        available: a.availableCents === null ? null : toDecimal(a.availableCents),
        current: toDecimal(a.currentCents),
        limit: a.limitCents === null ? null : toDecimal(a.limitCents),
        iso_currency_code: a.currency,
        unofficial_currency_code: null,
        last_updated_datetime: live ? new Date(this.now()).toISOString() : null,
      },
      mask: a.mask,
      name: a.name,
      official_name: a.official_name,
      type: a.type,
      subtype: a.subtype,
      holder_category: "business",
    };
  }

  private wireTxn(t: TTxn) {
    return {
      account_id: t.account_id,
      account_owner: null,
      amount: toDecimal(t.amountCents),
      iso_currency_code: t.currency,
      unofficial_currency_code: null,
      authorized_date: t.authorized_date,
      authorized_datetime: null,
      check_number: t.check_number,
      counterparties: t.merchant_name
        ? [{ name: t.merchant_name, type: "merchant", confidence_level: "HIGH" }]
        : [],
      date: t.date,
      datetime: null,
      location: {
        address: null,
        city: null,
        country: null,
        lat: null,
        lon: null,
        postal_code: null,
        region: null,
        store_number: null,
      },
      logo_url: null,
      merchant_entity_id: null,
      merchant_name: t.merchant_name,
      name: t.name,
      payment_channel: t.payment_channel,
      payment_meta: {
        by_order_of: null,
        payee: null,
        payer: null,
        payment_method: null,
        payment_processor: null,
        ppd_id: null,
        reason: null,
        reference_number: null,
      },
      pending: t.pending,
      pending_transaction_id: t.pending_transaction_id,
      personal_finance_category: t.category
        ? { primary: t.category, detailed: t.category, confidence_level: "HIGH" }
        : null,
      transaction_code: null,
      transaction_id: t.transaction_id,
      transaction_type: "special",
      website: null,
    };
  }

  /** The Item needs its user's login again (ITEM_LOGIN_REQUIRED), and its webhook says so. */
  private requireLogin(item: TItem) {
    item.error = ITEM_ERROR_LOGIN;
    this.sendWebhook(item, {
      webhook_type: "ITEM",
      webhook_code: "ERROR",
      item_id: item.item_id,
      error: { ...ITEM_ERROR_LOGIN, display_message: null, status: 400 },
    });
  }

  private fireSyncUpdates(item: TItem) {
    this.sendWebhook(item, {
      webhook_type: "TRANSACTIONS",
      webhook_code: "SYNC_UPDATES_AVAILABLE",
      item_id: item.item_id,
      initial_update_complete: true,
      historical_update_complete: true,
    });
  }

  /** POST a webhook signed as Plaid signs them: ES256 JWT over the SHA-256 of the exact body. */
  sendWebhook(item: { webhook: string | null }, payload: Record<string, unknown>) {
    const url = item.webhook;
    if (!url) return;
    const body = JSON.stringify({ ...payload, environment: "sandbox" }, null, 2);
    const p = (async () => {
      const key = this.keys.find((k) => k.expired_at === null)!;
      const jwt = await new SignJWT({ request_body_sha256: createHash("sha256").update(body).digest("hex") })
        .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "JWT" })
        .setIssuedAt(Math.floor(this.now() / 1000))
        .sign(await importJWK(key.privateJwk, "ES256"));
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", "plaid-verification": jwt },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        await res.arrayBuffer();
        this.deliveries.push({ url, status: res.status, body, jwt });
      } catch {
        this.deliveries.push({ url, status: "error", body, jwt });
      }
    })();
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  // ── HTTP ──

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://x");
    const raw = await readBody(req);
    if (url.pathname.startsWith("/hosted-link/")) return this.hostedLink(req, res, url, raw);
    if (url.pathname.startsWith("/__admin/")) return this.admin(req, res, url, raw);
    if (req.method !== "POST")
      return this.sendError(res, new BankError(404, "INVALID_REQUEST", "NOT_FOUND", "not found"));
    let body: Record<string, unknown>;
    try {
      body = raw.length ? (JSON.parse(raw.toString("utf8")) as Record<string, unknown>) : {};
      if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Error("not an object");
    } catch {
      return this.sendError(
        res,
        new BankError(400, "INVALID_REQUEST", "INVALID_BODY", "body could not be parsed as JSON"),
      );
    }
    try {
      const clientId = (req.headers["plaid-client-id"] as string | undefined) ?? body.client_id;
      const secret = (req.headers["plaid-secret"] as string | undefined) ?? body.secret;
      if (
        clientId !== (this.opts.clientId ?? "emulator-client-id") ||
        secret !== (this.opts.secret ?? "emulator-secret")
      )
        throw new BankError(400, "INVALID_INPUT", "INVALID_API_KEYS", "invalid client_id or secret provided");
      const fault = this.faults.find((f) => f.endpoint === url.pathname && f.remaining > 0);
      if (fault) {
        fault.remaining--;
        throw new BankError(fault.status, fault.error_type, fault.error_code, `injected ${fault.error_code}`);
      }
      const out = await this.route(url.pathname, body);
      this.scheduleSave();
      send(res, 200, { ...out, request_id: randomBytes(6).toString("base64url") });
    } catch (e) {
      if (e instanceof BankError) return this.sendError(res, e);
      throw e;
    }
  }

  private sendError(res: http.ServerResponse, e: BankError) {
    send(res, e.status, {
      display_message: e.display_message,
      documentation_url: `https://plaid.com/docs/errors/`,
      error_code: e.error_code,
      error_message: e.message,
      error_type: e.error_type,
      request_id: randomBytes(6).toString("base64url"),
      suggested_action: null,
    });
  }

  private async route(path: string, b: Record<string, unknown>): Promise<Record<string, unknown>> {
    const str = (k: string) => {
      const v = b[k];
      if (typeof v !== "string" || v === "")
        throw new BankError(
          400,
          "INVALID_REQUEST",
          "MISSING_FIELDS",
          `the following required fields are missing: ${k}`,
        );
      return v;
    };
    switch (path) {
      case "/link/token/create": {
        const user = b.user as { client_user_id?: unknown } | undefined;
        if (!user || typeof user.client_user_id !== "string" || user.client_user_id === "")
          throw new BankError(
            400,
            "INVALID_REQUEST",
            "MISSING_FIELDS",
            "the following required fields are missing: user.client_user_id",
          );
        const accessToken = typeof b.access_token === "string" ? b.access_token : null;
        const updateItem = accessToken ? this.itemByToken(accessToken) : null;
        const products = Array.isArray(b.products) ? (b.products as string[]) : [];
        if (!updateItem && products.length === 0)
          throw new BankError(
            400,
            "INVALID_REQUEST",
            "MISSING_FIELDS",
            "the following required fields are missing: products",
          );
        const hosted = b.hosted_link as
          | { completion_redirect_uri?: unknown; url_lifetime_seconds?: unknown }
          | undefined;
        const lifetime =
          typeof hosted?.url_lifetime_seconds === "number"
            ? hosted.url_lifetime_seconds
            : updateItem
              ? 1800
              : 4 * 3600;
        const tok: TLinkToken = {
          link_token: `link-sandbox-${randomUUID()}`,
          created_ms: this.now(),
          expires_ms: this.now() + lifetime * 1000,
          client_user_id: user.client_user_id,
          webhook: typeof b.webhook === "string" ? b.webhook : null,
          completion_redirect_uri:
            typeof hosted?.completion_redirect_uri === "string" ? hosted.completion_redirect_uri : null,
          access_token: accessToken,
          client_name: typeof b.client_name === "string" ? b.client_name : "",
          products,
          sessions: [],
        };
        this.linkTokens.set(tok.link_token, tok);
        this.count(updateItem?.item_id ?? "", path);
        return {
          link_token: tok.link_token,
          expiration: new Date(tok.expires_ms).toISOString(),
          ...(hosted ? { hosted_link_url: `${this.baseUrl}/hosted-link/${tok.link_token}` } : {}),
        };
      }
      case "/link/token/get": {
        const tok = this.linkTokens.get(str("link_token"));
        if (!tok)
          throw new BankError(
            400,
            "INVALID_INPUT",
            "INVALID_LINK_TOKEN",
            "provided link token is in an invalid format",
          );
        this.count(tok.access_token ? this.itemByToken(tok.access_token).item_id : "", path);
        return {
          link_token: tok.link_token,
          created_at: new Date(tok.created_ms).toISOString(),
          expiration: new Date(tok.expires_ms).toISOString(),
          metadata: {
            initial_products: tok.products,
            webhook: tok.webhook,
            country_codes: ["US"],
            language: "en",
            institution_data: null,
            account_filters: null,
            redirect_uri: null,
            client_name: tok.client_name,
          },
          link_sessions: tok.sessions.map((s) => ({
            link_session_id: s.link_session_id,
            started_at: s.started_at,
            finished_at: s.finished_at,
            exit: s.exit,
            results: s.results
              ? {
                  ...s.results,
                  cra_item_add_results: [],
                  cra_update_results: [],
                  bank_income_results: [],
                  payroll_income_results: [],
                  document_income_results: null,
                }
              : null,
          })),
        };
      }
      case "/item/public_token/exchange": {
        const t = this.publicTokens.get(str("public_token"));
        if (!t || t.expires_ms < this.now())
          throw new BankError(
            400,
            "INVALID_INPUT",
            "INVALID_PUBLIC_TOKEN",
            "provided public token is expired. Public tokens expire 30 minutes after creation at which point they can no longer be exchanged",
          );
        this.publicTokens.delete(str("public_token"));
        const item = this.items.get(t.item_id)!;
        this.count(item.item_id, path);
        return { access_token: item.access_token, item_id: item.item_id };
      }
      case "/item/get": {
        const item = this.itemByToken(b.access_token);
        this.count(item.item_id, path);
        const login = this.login(item.login_id);
        return {
          item: {
            item_id: item.item_id,
            institution_id: login.institution_id,
            institution_name: this.institutions.get(login.institution_id)?.name ?? null,
            webhook: item.webhook ?? "",
            error: item.error ? { ...item.error, display_message: null } : null,
            available_products: ["balance"],
            billed_products: ["transactions"],
            products: ["transactions"],
            consented_products: ["transactions"],
            consent_expiration_time: item.consent_expiration_time,
            update_type: "background",
          },
          status: {
            transactions: { last_successful_update: null, last_failed_update: null },
            last_webhook: null,
          },
        };
      }
      case "/item/remove": {
        const item = this.itemByToken(b.access_token);
        this.count(item.item_id, path);
        item.removed = true;
        return {};
      }
      case "/accounts/get":
      case "/accounts/balance/get": {
        const item = this.itemByToken(b.access_token);
        this.count(item.item_id, path);
        this.requireHealthy(item);
        const login = this.login(item.login_id);
        const wanted = (b.options as { account_ids?: string[] } | undefined)?.account_ids;
        const shared = new Set(item.accountIds);
        const accounts = login.accounts.filter(
          (a) => shared.has(a.account_id) && (!wanted || wanted.includes(a.account_id)),
        );
        return {
          accounts: accounts.map((a) => this.wireAccount(a, path === "/accounts/balance/get")),
          item: { item_id: item.item_id, institution_id: login.institution_id },
        };
      }
      case "/transactions/sync":
        return this.transactionsSync(b);
      case "/webhook_verification_key/get": {
        const kid = str("key_id");
        this.count("", path);
        const k = this.keys.find((x) => x.kid === kid);
        if (!k)
          throw new BankError(
            400,
            "INVALID_INPUT",
            "INVALID_WEBHOOK_VERIFICATION_KEY_ID",
            "invalid key_id provided",
          );
        return {
          key: {
            ...k.publicJwk,
            alg: "ES256",
            use: "sig",
            kid: k.kid,
            created_at: k.created_at,
            expired_at: k.expired_at,
          },
        };
      }
      case "/sandbox/public_token/create": {
        const institution = str("institution_id");
        const options = (b.options ?? {}) as { webhook?: string; override_username?: string };
        const login = [...this.logins.values()].find(
          (l) =>
            l.institution_id === institution &&
            (!options.override_username || l.login_id === options.override_username),
        );
        if (!login)
          throw new BankError(
            400,
            "INVALID_INPUT",
            "INVALID_INSTITUTION",
            `no sandbox login at ${institution}`,
          );
        const item = this.newItem(login, options.webhook ?? null);
        return { public_token: this.publicTokenFor(item) };
      }
      case "/sandbox/item/reset_login": {
        const item = this.itemByToken(b.access_token);
        this.requireLogin(item);
        return { reset_login: true };
      }
      case "/sandbox/item/fire_webhook": {
        const item = this.itemByToken(b.access_token);
        const code = str("webhook_code");
        if (code === "SYNC_UPDATES_AVAILABLE") this.fireSyncUpdates(item);
        else if (
          code === "NEW_ACCOUNTS_AVAILABLE" ||
          code === "USER_PERMISSION_REVOKED" ||
          code === "LOGIN_REPAIRED"
        )
          this.sendWebhook(item, {
            webhook_type: "ITEM",
            webhook_code: code,
            item_id: item.item_id,
            error: null,
          });
        else if (code === "PENDING_EXPIRATION") {
          item.consent_expiration_time = new Date(this.now() + 7 * 86_400_000).toISOString();
          this.sendWebhook(item, {
            webhook_type: "ITEM",
            webhook_code: code,
            item_id: item.item_id,
            consent_expiration_time: item.consent_expiration_time,
          });
        } else if (code === "ERROR") {
          this.requireLogin(item);
        } else
          throw new BankError(400, "INVALID_INPUT", "INVALID_FIELD", `webhook_code ${code} is not supported`);
        if (code === "USER_PERMISSION_REVOKED")
          item.error = {
            error_type: "ITEM_ERROR",
            error_code: "USER_PERMISSION_REVOKED",
            error_message: "the user has revoked access to this item",
          };
        return { webhook_fired: true };
      }
      default:
        throw new BankError(404, "INVALID_REQUEST", "UNKNOWN_FIELDS", `unknown endpoint ${path}`);
    }
  }

  private transactionsSync(b: Record<string, unknown>) {
    const item = this.itemByToken(b.access_token);
    this.count(item.item_id, "/transactions/sync");
    this.requireHealthy(item);
    const login = this.login(item.login_id);
    const count = b.count === undefined ? 100 : Number(b.count);
    if (!Number.isInteger(count) || count < 1 || count > 500)
      throw new BankError(400, "INVALID_INPUT", "INVALID_FIELD", "count must be between 1 and 500");
    const c = decodeCursor(typeof b.cursor === "string" ? b.cursor : "", login.login_id);
    let pass: { from: number; end: number; off: number };
    if (!c) pass = { from: 0, end: login.log.length, off: 0 };
    else if (c.done) pass = { from: c.end, end: login.log.length, off: 0 };
    else {
      if (login.log.length !== c.end)
        throw new BankError(
          400,
          "TRANSACTIONS_ERROR",
          "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION",
          "underlying transaction data changed since last page was fetched. please restart pagination from last update.",
        );
      pass = c;
    }
    const changes = netChanges(login, pass.from, pass.end, new Set(item.accountIds));
    const page = changes.slice(pass.off, pass.off + count);
    const off = pass.off + page.length;
    const has_more = off < changes.length;
    const next = { login: login.login_id, from: pass.from, end: pass.end, off, done: !has_more };
    if (has_more && login.mutateDuringNextPass) {
      const ms = login.mutateDuringNextPass;
      login.mutateDuringNextPass = null;
      for (const m of ms) applyMutation(login, m, () => this.newId("txn"));
    }
    const shared = new Set(item.accountIds);
    return {
      accounts: login.accounts.filter((a) => shared.has(a.account_id)).map((a) => this.wireAccount(a)),
      added: page.filter((x) => x.kind === "added").map((x) => this.wireTxn(x.txn)),
      modified: page.filter((x) => x.kind === "modified").map((x) => this.wireTxn(x.txn)),
      removed: page
        .filter((x) => x.kind === "removed")
        .map((x) => ({ transaction_id: x.txn.transaction_id, account_id: x.txn.account_id })),
      next_cursor: encodeCursor(next),
      has_more,
      transactions_update_status: "HISTORICAL_UPDATE_COMPLETE",
    };
  }

  // ── Hosted Link: the page Plaid hosts, then the redirect back ──

  private hostedLink(req: http.IncomingMessage, res: http.ServerResponse, url: URL, raw: Buffer) {
    const token = decodeURIComponent(url.pathname.slice("/hosted-link/".length));
    const tok = this.linkTokens.get(token);
    if (!tok || tok.expires_ms < this.now())
      return html(res, 410, page("Link expired", "<p>This link has expired. Go back and start again.</p>"));
    let session = tok.sessions.find((s) => s.finished_at === null);
    if (!session) {
      if (tok.sessions.some((s) => s.finished_at !== null))
        return html(res, 410, page("Link used", "<p>This link was already used.</p>"));
      session = {
        link_session_id: randomUUID(),
        started_at: new Date(this.now()).toISOString(),
        finished_at: null,
        exit: null,
        results: null,
        lastError: null,
      };
      tok.sessions.push(session);
    }
    const updateItem = tok.access_token ? this.itemByToken(tok.access_token) : null;
    const form = new URLSearchParams(req.method === "POST" ? raw.toString("utf8") : "");
    const action = form.get("action");
    const finish = (status: "SUCCESS" | "EXITED", publicTokens: string[]) => {
      session.finished_at = new Date(this.now()).toISOString();
      if (tok.webhook)
        this.sendWebhook(
          { webhook: tok.webhook },
          {
            webhook_type: "LINK",
            webhook_code: "SESSION_FINISHED",
            status,
            link_session_id: session.link_session_id,
            link_token: tok.link_token,
            public_tokens: publicTokens,
          },
        );
      this.scheduleSave();
      if (tok.completion_redirect_uri) {
        res.writeHead(303, { location: tok.completion_redirect_uri });
        return res.end();
      }
      return html(res, 200, page("Done", "<p>You can close this window.</p>"));
    };
    if (action === "exit") {
      session.exit = {
        error: session.lastError,
        metadata: {
          status: session.lastError ? "requires_credentials" : "institution_not_found",
          institution: null,
        },
      };
      return finish("EXITED", []);
    }
    if (action === "connect") {
      const login = updateItem ? this.login(updateItem.login_id) : this.logins.get(form.get("login") ?? "");
      if (!login) return html(res, 400, this.linkPage(tok, updateItem, "Choose your bank."));
      if (form.get("password") !== "pass_good") {
        session.lastError = {
          error_type: "ITEM_ERROR",
          error_code: "INVALID_CREDENTIALS",
          error_message: "the provided credentials were not correct",
          display_message:
            "The credentials you provided were incorrect. Check that your credentials are the same that you use for this institution",
        };
        return html(res, 200, this.linkPage(tok, updateItem, session.lastError.display_message!));
      }
      const institution = {
        name: this.institutions.get(login.institution_id)?.name ?? "",
        institution_id: login.institution_id,
      };
      if (updateItem) {
        updateItem.error = null;
        updateItem.accountIds = login.accounts.map((a) => a.account_id);
        session.results = { item_add_results: [] };
        this.sendWebhook(updateItem, {
          webhook_type: "ITEM",
          webhook_code: "LOGIN_REPAIRED",
          item_id: updateItem.item_id,
        });
        return finish("SUCCESS", []);
      }
      const item = this.newItem(login, tok.webhook);
      const publicToken = this.publicTokenFor(item);
      session.results = {
        item_add_results: [
          {
            public_token: publicToken,
            accounts: login.accounts.map((a) => ({
              id: a.account_id,
              name: a.name,
              mask: a.mask,
              type: a.type,
              subtype: a.subtype,
              verification_status: null,
              class_type: null,
            })),
            institution,
          },
        ],
      };
      return finish("SUCCESS", [publicToken]);
    }
    return html(res, 200, this.linkPage(tok, updateItem, null));
  }

  private linkPage(tok: TLinkToken, updateItem: TItem | null, error: string | null) {
    const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    const choices = updateItem
      ? `<p>Sign in again to <b>${esc(this.institutions.get(this.login(updateItem.login_id).institution_id)?.name ?? "")}</b> (${esc(this.login(updateItem.login_id).label)}).</p>`
      : `<fieldset><legend>Choose your bank</legend>${[...this.logins.values()]
          .map(
            (l, i) =>
              `<label><input type="radio" name="login" value="${esc(l.login_id)}"${i === 0 ? " checked" : ""}> ${esc(this.institutions.get(l.institution_id)?.name ?? l.institution_id)} — ${esc(l.label)}</label><br>`,
          )
          .join("")}</fieldset>`;
    return page(
      tok.client_name ? `Connect ${esc(tok.client_name)} to your bank` : "Connect your bank",
      `${error ? `<p role="alert" style="color:#b00">${esc(error)}</p>` : ""}
<form method="post">${choices}
<label>Username <input name="username" value="user_good" autocomplete="off"></label><br>
<label>Password <input name="password" type="password" value="pass_good" autocomplete="off"></label><br>
<button name="action" value="connect">Continue</button>
<button name="action" value="exit" formnovalidate>Exit</button>
</form><p><small>Plaid emulator · sandbox credentials user_good / pass_good</small></p>`,
    );
  }

  // ── admin (not Plaid's API: tests and the demo set up banks here) ──

  private async admin(req: http.IncomingMessage, res: http.ServerResponse, url: URL, raw: Buffer) {
    const parts = url.pathname.split("/").filter(Boolean).slice(1);
    const body = raw.length ? (JSON.parse(raw.toString("utf8")) as Record<string, unknown>) : {};
    try {
      if (req.method === "GET" && parts[0] === "export") return send(res, 200, { items: this.exportState() });
      if (req.method === "GET" && parts[0] === "calls") return send(res, 200, { calls: this.callCounts() });
      if (req.method === "GET" && parts[0] === "deliveries")
        return send(res, 200, { deliveries: this.deliveries });
      if (req.method === "POST" && parts[0] === "institutions") {
        this.addInstitution(body as TInstitution);
        return send(res, 200, { ok: true });
      }
      if (req.method === "POST" && parts[0] === "logins" && parts.length === 1) {
        const l = this.createLogin(body as Parameters<PlaidEmulator["createLogin"]>[0]);
        return send(res, 200, { login_id: l.login_id });
      }
      if (req.method === "POST" && parts[0] === "logins" && parts[2] === "mutations") {
        this.mutate(parts[1]!, (body as { mutations: TMutation[] }).mutations, {
          notify: body.notify !== false,
        });
        return send(res, 200, { ok: true });
      }
      if (req.method === "POST" && parts[0] === "logins" && parts[2] === "mutate-during-next-pass") {
        this.login(parts[1]!).mutateDuringNextPass = (body as { mutations: TMutation[] }).mutations;
        return send(res, 200, { ok: true });
      }
      if (req.method === "POST" && parts[0] === "logins" && parts[2] === "reset-login") {
        // The person changed their password at the bank: every Item on the login needs it again.
        const items = this.itemsOf(parts[1]!);
        for (const item of items) this.requireLogin(item);
        this.scheduleSave();
        return send(res, 200, { items: items.length });
      }
      if (req.method === "POST" && parts[0] === "logins" && parts[2] === "accounts") {
        this.openAccount(parts[1]!, body as TAccount);
        return send(res, 200, { ok: true });
      }
      if (req.method === "POST" && parts[0] === "faults") {
        this.addFault(body as Parameters<PlaidEmulator["addFault"]>[0]);
        return send(res, 200, { ok: true });
      }
      if (req.method === "POST" && parts[0] === "clock") {
        this.advance(Number(body.advanceMs ?? 0));
        return send(res, 200, { now: new Date(this.now()).toISOString() });
      }
      if (req.method === "POST" && parts[0] === "flush") {
        await this.flushWebhooks();
        return send(res, 200, { ok: true });
      }
      return send(res, 404, { error: "not found" });
    } catch (e) {
      if (e instanceof BankError) return this.sendError(res, e);
      throw e;
    }
  }

  // ── persistence (the demo keeps its banks across restarts) ──

  private saveTimer: NodeJS.Timeout | null = null;
  private scheduleSave() {
    if (!this.opts.stateFile || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.save();
    }, 250);
  }

  save() {
    if (!this.opts.stateFile) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const state = {
      v: 1,
      offsetMs: this.offsetMs,
      seq: this.seq,
      institutions: [...this.institutions.values()],
      logins: [...this.logins.values()].map((l) => ({ ...l, txns: [...l.txns.values()] })),
      items: [...this.items.values()],
      keys: this.keys,
      calls: [...this.calls],
    };
    const tmp = `${this.opts.stateFile}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(state));
    fs.renameSync(tmp, this.opts.stateFile);
  }

  private load(file: string) {
    const s = JSON.parse(fs.readFileSync(file, "utf8"));
    if (s.v !== 1) return;
    this.offsetMs = s.offsetMs;
    this.seq = s.seq;
    for (const i of s.institutions) this.institutions.set(i.institution_id, i);
    for (const l of s.logins)
      this.logins.set(l.login_id, { ...l, txns: new Map(l.txns.map((t: TTxn) => [t.transaction_id, t])) });
    for (const i of s.items) this.items.set(i.item_id, i);
    this.keys = s.keys;
    for (const [k, v] of s.calls) this.calls.set(k, v);
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

function html(res: http.ServerResponse, status: number, text: string) {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  res.end(text);
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${title}</title>
<style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}label{display:block;margin:.5rem 0}button{margin:.75rem .5rem 0 0;padding:.5rem 1rem}</style></head>
<body><h1>${title}</h1>${body}</body></html>`;
