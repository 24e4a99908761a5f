import "server-only";
import {
  type AccountBase,
  Configuration,
  CountryCode,
  type JWKPublicKey,
  type LinkTokenGetSessionsResponse,
  PlaidApi,
  Products,
  type RemovedTransaction,
  type Transaction,
} from "plaid";
import type { TPlaidConfig } from "../env";
import { PlaidRailError, toPlaidRailError } from "./errors";

/**
 * The bank rail's only door to Plaid: the official SDK, aimed by configuration at Plaid's sandbox,
 * production or the Plaid emulator. Every call goes through `call`, which counts it (endpoint and
 * Item, for the monthly per-Item tally Plaid bills by) and turns any failure into a
 * PlaidRailError. It knows Plaid and nothing of the product.
 */
export type TCallRecorder = (endpoint: string, itemId: string | null) => Promise<void> | void;

export type TPlaidItemRef = { itemId: string; accessToken: string };

export type TSyncPage = {
  accounts: AccountBase[];
  added: Transaction[];
  modified: Transaction[];
  removed: RemovedTransaction[];
  nextCursor: string;
  hasMore: boolean;
};

export class PlaidRail {
  private readonly api: PlaidApi;

  constructor(
    readonly config: TPlaidConfig,
    private readonly record: TCallRecorder,
    timeoutMs = 15_000,
  ) {
    this.api = new PlaidApi(
      new Configuration({
        basePath: config.basePath,
        baseOptions: {
          timeout: timeoutMs,
          headers: {
            "PLAID-CLIENT-ID": config.clientId,
            "PLAID-SECRET": config.secret,
            "Plaid-Version": "2020-09-14",
          },
        },
      }),
    );
  }

  /**
   * Counted before the answer (Plaid meters calls made, whatever they return) — except when the
   * Item is only known from the answer (`itemOf`: the token exchange), then right after it.
   */
  private async call<T>(
    endpoint: string,
    itemId: string | null,
    fn: () => Promise<{ data: T }>,
    itemOf?: (data: T) => string,
  ): Promise<T> {
    if (!itemOf) await this.record(endpoint, itemId);
    let data: T;
    try {
      data = (await fn()).data;
    } catch (e) {
      if (itemOf) await this.record(endpoint, null);
      throw toPlaidRailError(e);
    }
    if (itemOf) await this.record(endpoint, itemOf(data));
    return data;
  }

  /** A Hosted Link session: new Item (products) or update mode (accessToken of an existing one). */
  async createHostedLink(input: {
    clientUserId: string;
    clientName: string;
    completionRedirectUri: string;
    webhook: string | undefined;
    update?: TPlaidItemRef & { newAccounts: boolean };
  }) {
    const data = await this.call("/link/token/create", input.update?.itemId ?? null, () =>
      this.api.linkTokenCreate({
        user: { client_user_id: input.clientUserId },
        client_name: input.clientName,
        language: "en",
        country_codes: [CountryCode.Us],
        webhook: input.webhook,
        ...(input.update
          ? {
              access_token: input.update.accessToken,
              update: { account_selection_enabled: input.update.newAccounts },
            }
          : { products: [Products.Transactions] }),
        hosted_link: { completion_redirect_uri: input.completionRedirectUri },
      }),
    );
    // Not a network failure: Plaid has not enabled Hosted Link for these keys (ADR 0013).
    if (!data.hosted_link_url)
      throw new PlaidRailError(
        "permanent",
        "HOSTED_LINK_NOT_ENABLED",
        "INVALID_REQUEST",
        "Plaid returned no hosted_link_url: Hosted Link is not enabled for this client",
        null,
        null,
        null,
      );
    return { linkToken: data.link_token, url: data.hosted_link_url, expiresAt: new Date(data.expiration) };
  }

  /** What happened in a Link session: the public tokens it produced, or how it exited. */
  async linkOutcome(linkToken: string, itemId: string | null): Promise<TLinkOutcome> {
    const data = await this.call("/link/token/get", itemId, () =>
      this.api.linkTokenGet({ link_token: linkToken }),
    );
    return linkOutcomeOf(data.link_sessions ?? []);
  }

  async exchange(publicToken: string) {
    const data = await this.call(
      "/item/public_token/exchange",
      null,
      () => this.api.itemPublicTokenExchange({ public_token: publicToken }),
      (d) => d.item_id,
    );
    return { itemId: data.item_id, accessToken: data.access_token };
  }

  async item(ref: TPlaidItemRef) {
    const data = await this.call("/item/get", ref.itemId, () =>
      this.api.itemGet({ access_token: ref.accessToken }),
    );
    return {
      institutionId: data.item.institution_id ?? null,
      institutionName: data.item.institution_name ?? null,
      errorCode: data.item.error?.error_code ?? null,
      consentExpiresAt: data.item.consent_expiration_time
        ? new Date(data.item.consent_expiration_time)
        : null,
    };
  }

  async removeItem(ref: TPlaidItemRef) {
    await this.call("/item/remove", ref.itemId, () => this.api.itemRemove({ access_token: ref.accessToken }));
  }

  /** Cached balances (as of Plaid's last update of the Item): free of the real-time fee. */
  async accounts(ref: TPlaidItemRef) {
    return (
      await this.call("/accounts/get", ref.itemId, () =>
        this.api.accountsGet({ access_token: ref.accessToken }),
      )
    ).accounts;
  }

  /** Real-time balances: billed per call; the product allows it once per 24 hours per Item. */
  async liveBalances(ref: TPlaidItemRef) {
    return (
      await this.call("/accounts/balance/get", ref.itemId, () =>
        this.api.accountsBalanceGet({ access_token: ref.accessToken }),
      )
    ).accounts;
  }

  async syncPage(ref: TPlaidItemRef, cursor: string | null, count = 500): Promise<TSyncPage> {
    const data = await this.call("/transactions/sync", ref.itemId, () =>
      this.api.transactionsSync({ access_token: ref.accessToken, cursor: cursor ?? undefined, count }),
    );
    return {
      accounts: data.accounts,
      added: data.added,
      modified: data.modified,
      removed: data.removed,
      nextCursor: data.next_cursor,
      hasMore: data.has_more,
    };
  }

  async webhookKey(kid: string): Promise<JWKPublicKey> {
    return (
      await this.call("/webhook_verification_key/get", null, () =>
        this.api.webhookVerificationKeyGet({ key_id: kid }),
      )
    ).key;
  }
}

export type TLinkOutcome =
  | { state: "open" }
  | { state: "success"; publicTokens: string[]; institution: { id: string | null; name: string | null } }
  | { state: "exited"; errorCode: string | null; errorMessage: string | null };

/** The last finished session decides; none finished means the person has not come back yet. */
export function linkOutcomeOf(sessions: LinkTokenGetSessionsResponse[]): TLinkOutcome {
  const done = sessions.filter((s) => s.finished_at);
  const last = done[done.length - 1];
  if (!last) return { state: "open" };
  if (last.exit || !last.results)
    return {
      state: "exited",
      errorCode: last.exit?.error?.error_code ?? null,
      errorMessage: last.exit?.error?.display_message ?? last.exit?.error?.error_message ?? null,
    };
  const adds = last.results.item_add_results;
  return {
    state: "success",
    publicTokens: adds.map((a) => a.public_token),
    institution: {
      id: adds[0]?.institution?.institution_id ?? null,
      name: adds[0]?.institution?.name ?? null,
    },
  };
}
