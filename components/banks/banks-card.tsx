import {
  connectBankAction,
  disconnectBankAction,
  mapBankAccountAction,
  refreshBankBalanceAction,
} from "@/app/actions/banks";
import { ActionForm, Field } from "@/components/ui/action-form";
import { Card } from "@/components/ui/primitives";
import { formatDateTime, formatMoney, formatRelative } from "@/lib/format";
import type { TBankSummary } from "@/server/banks/summary";

const ERROR_TEXT: Record<string, string> = {
  ITEM_LOGIN_REQUIRED: "The bank needs you to sign in again (a changed password or a new security step).",
  PENDING_EXPIRATION: "Your consent at the bank is about to expire.",
  PENDING_DISCONNECT: "The bank is about to stop sharing data.",
  USER_PERMISSION_REVOKED: "Access was revoked at the bank. Disconnect it and connect it again.",
};

const REASON: Record<string, string> = {
  name: "same name",
  mask: "same last four digits",
  kind: "same kind of account",
  only: "the only one of its kind",
};

/** Banks (Plaid) on Connections: each bank, its accounts and balances, and what it needs. */
export function BanksCard({
  businessId,
  summary,
  configured,
  manage,
  refresh,
  now,
  timezone,
  currency,
}: {
  businessId: string;
  summary: TBankSummary;
  configured: boolean;
  manage: boolean;
  refresh: boolean;
  now: Date;
  timezone: string;
  currency: string;
}) {
  const money = (c: number | null, cur: string | null) =>
    c === null ? "—" : formatMoney(c, cur ?? currency);
  return (
    <Card title="Banks">
      {!configured ? (
        <p className="text-sm">
          No bank connection service is configured on this server. An operator sets PLAID_ENVIRONMENT and
          Plaid's keys.
        </p>
      ) : (
        <div className="space-y-4">
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            The bank is the cash truth beside QuickBooks' books: balances and transactions come from your bank
            through Plaid.
          </p>
          {summary.items.length === 0 && <p className="text-sm">No bank connected yet.</p>}
          {summary.items.map((item) => (
            <section
              key={item.id}
              data-testid="bank-item"
              className="rounded-md border border-zinc-200 p-3 dark:border-zinc-700"
            >
              <h3 className="font-medium">{item.institutionName ?? "Bank"}</h3>
              <p className="text-sm">
                {item.status === "active" ? (
                  item.lastSyncedAt ? (
                    <>Transactions synced {formatRelative(item.lastSyncedAt, now)}</>
                  ) : (
                    <>First sync running…</>
                  )
                ) : (
                  <strong>
                    {item.status === "revoked" ? "Access revoked" : "Needs you to sign in again"}
                  </strong>
                )}
              </p>
              {item.errorCode && ERROR_TEXT[item.errorCode] && (
                <p role="alert" className="mt-1 text-sm text-amber-800 dark:text-amber-300">
                  {ERROR_TEXT[item.errorCode]}
                </p>
              )}
              {item.newAccountsAvailable && (
                <p className="mt-1 text-sm">
                  The bank has accounts you have not shared yet. Update the connection to choose them.
                </p>
              )}
              {item.lastSyncError && item.status === "active" && (
                <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
                  Last problem: {item.lastSyncError}
                </p>
              )}
              <div className="mt-2 overflow-x-auto">
                <table className="block w-full text-sm sm:table">
                  <thead className="hidden sm:table-header-group">
                    <tr className="text-left text-zinc-500">
                      <th className="py-1 pr-3 font-normal">Account</th>
                      <th className="py-1 pr-3 text-right font-normal">In the bank</th>
                      <th className="py-1 pr-3 text-right font-normal">Available</th>
                      <th className="py-1 pr-3 font-normal">As of</th>
                      <th className="py-1 font-normal">In QuickBooks</th>
                    </tr>
                  </thead>
                  <tbody className="block sm:table-row-group">
                    {item.accounts.map((a) => (
                      <tr
                        key={a.accountId}
                        data-testid="bank-account"
                        className="block border-t border-zinc-100 py-2 sm:table-row sm:py-0 dark:border-zinc-800"
                      >
                        <td className="block py-1 pr-3 sm:table-cell">
                          {a.name}
                          {a.mask ? ` ····${a.mask}` : ""}
                          <span className="block text-xs text-zinc-500">
                            {a.type === "depository"
                              ? (a.subtype ?? "bank account")
                              : a.type === "credit"
                                ? "card (amount owed)"
                                : a.type}
                          </span>
                        </td>
                        <td className="flex justify-between gap-3 py-0.5 pr-3 tabular-nums sm:table-cell sm:py-1 sm:text-right">
                          <span className="text-zinc-500 sm:hidden">In the bank</span>
                          {money(a.currentCents, a.currency)}
                        </td>
                        <td className="flex justify-between gap-3 py-0.5 pr-3 tabular-nums sm:table-cell sm:py-1 sm:text-right">
                          <span className="text-zinc-500 sm:hidden">Available</span>
                          {money(a.availableCents, a.currency)}
                        </td>
                        <td className="block py-0.5 text-xs text-zinc-500 sm:table-cell sm:py-1">
                          {formatDateTime(a.balancesAsOf, timezone)}
                          {a.balancesSource === "realtime"
                            ? " · read from the bank"
                            : " · bank's last update"}
                        </td>
                        <td className="block py-1 align-top text-sm sm:table-cell" data-testid="bank-book">
                          {a.confirmed ? (
                            a.book ? (
                              <>
                                {a.book.name}: {money(a.book.balanceCents, a.currency)}
                                {a.currentCents !== null && (
                                  <span className="block text-xs text-zinc-500">
                                    {a.currentCents === a.book.balanceCents
                                      ? "the same as the bank"
                                      : `bank ${a.currentCents > a.book.balanceCents ? "higher" : "lower"} by ${money(Math.abs(a.currentCents - a.book.balanceCents), a.currency)}`}
                                  </span>
                                )}
                              </>
                            ) : (
                              <span className="text-zinc-500">not in QuickBooks</span>
                            )
                          ) : a.options.length === 0 ? (
                            <span className="text-zinc-500">
                              no QuickBooks {a.type === "credit" ? "card" : "bank"} account to match yet
                            </span>
                          ) : manage ? (
                            <ActionForm
                              action={mapBankAccountAction}
                              hidden={{ businessId, bankItemId: item.id, accountId: a.accountId }}
                              submitLabel="Confirm"
                              variant="secondary"
                              className="flex flex-wrap items-end gap-2"
                            >
                              <Field
                                name="qboAccountId"
                                label={
                                  a.suggestion
                                    ? `Suggested (${REASON[a.suggestion.reason] ?? "match"})`
                                    : "Which QuickBooks account?"
                                }
                                type="select"
                                defaultValue={a.suggestion?.qboId ?? ""}
                                options={[
                                  ...a.options.map((o) => ({ value: o.qboId, label: o.name })),
                                  { value: "", label: "Not in QuickBooks" },
                                ]}
                              />
                            </ActionForm>
                          ) : (
                            <span className="text-zinc-500">
                              {a.suggestion
                                ? `probably ${a.suggestion.name} (not confirmed)`
                                : "not matched yet"}
                            </span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {manage && (
                <div className="mt-3 flex flex-wrap gap-3">
                  {(item.status === "needs_login" || item.newAccountsAvailable) && (
                    <ActionForm
                      action={connectBankAction}
                      hidden={{ businessId, bankItemId: item.id }}
                      submitLabel={
                        item.status === "needs_login" ? "Sign in to the bank again" : "Update the connection"
                      }
                      pendingLabel="Opening the bank…"
                      className=""
                    />
                  )}
                  <ActionForm
                    action={disconnectBankAction}
                    hidden={{ businessId, bankItemId: item.id }}
                    submitLabel="Disconnect"
                    variant="danger"
                    confirm={`Disconnect ${item.institutionName ?? "this bank"}? Its balances and transactions are removed from Oodaloo and Plaid's access ends.`}
                    className=""
                  />
                </div>
              )}
            </section>
          ))}
          <div className="flex flex-wrap gap-3">
            {manage ? (
              <ActionForm
                action={connectBankAction}
                hidden={{ businessId }}
                submitLabel={summary.items.length ? "Connect another bank" : "Connect a bank"}
                pendingLabel="Opening the bank…"
                className=""
              />
            ) : (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                Only an owner or bookkeeper of this business can connect a bank.
              </p>
            )}
            {refresh && summary.items.some((i) => i.status === "active") && (
              <ActionForm
                action={refreshBankBalanceAction}
                hidden={{ businessId }}
                submitLabel="Refresh bank balance"
                pendingLabel="Asking the bank…"
                variant="secondary"
                className=""
              />
            )}
          </div>
        </div>
      )}
    </Card>
  );
}
