import Link from "next/link";
import {
  acceptClientAction,
  inviteToFirmAction,
  removeFirmMemberAction,
  withdrawFirmInvitationAction,
} from "@/app/actions/firms";
import { AppShell } from "@/components/shell/app-shell";
import { ActionForm, Field } from "@/components/ui/action-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/primitives";
import {
  countOf,
  formatDateTime,
  formatDaysDelta,
  formatMoney,
  formatRelative,
  formatRunway,
} from "@/lib/format";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import { pageError, requireUserId } from "@/server/edge/page-context";
import { firmAdminView } from "@/server/firms/access";
import { getFirmPortfolio, type TPortfolioFilter } from "@/server/firms/get-firm-portfolio";
import { getFirmTeam } from "@/server/firms/team";
import type { TFlag } from "@/server/portfolio/rank";
import { getNavigation } from "@/server/users/get-navigation";

export const dynamic = "force-dynamic";
export const metadata = { title: "Portfolio" };

const FLAG: Record<TFlag, string> = {
  reconnect: "Reconnect QuickBooks",
  failing: "Sync failing",
  stale: "Data stale",
  notConnected: "Not connected",
  firstSync: "First sync running",
};
const FILTERS: { value: TPortfolioFilter; label: string }[] = [
  { value: "all", label: "All clients" },
  { value: "flagged", label: "Needs attention" },
  { value: "atRisk", label: "At risk (alert or under 13 weeks)" },
];

export default async function Portfolio({
  params,
  searchParams,
}: {
  params: Promise<{ firmId: string }>;
  searchParams: Promise<{ filter?: string; q?: string }>;
}) {
  const { firmId } = await params;
  const sp = await searchParams;
  const filter = (FILTERS.find((f) => f.value === sp.filter)?.value ?? "all") as TPortfolioFilter;
  const q = (sp.q ?? "").slice(0, 100);
  const userId = await requireUserId(`/firm/${firmId}`);
  const db = await getDb();
  const now = getClock().now();
  const portfolio = await getFirmPortfolio({ db, userId, firmId, now, filter, q }).catch(pageError);
  const [nav, admin, team] = await Promise.all([
    getNavigation({ db, userId, clock: getClock() }),
    firmAdminView({ db, userId, firmId }),
    getFirmTeam({ db, userId, firmId }),
  ]);
  const rows = [...portfolio.ranked, ...portfolio.apart];
  return (
    <AppShell userEmail={nav.email} businesses={nav.businesses} firms={nav.firms}>
      <PageHeader
        title="Portfolio"
        lead={`${portfolio.firm.name} · ${countOf(portfolio.total, "client")}, riskiest first`}
      />
      {admin && (
        <Card title="Clients joining" className="mb-6">
          <p className="text-sm">
            Give clients this code to grant your firm access from their settings:{" "}
            <code
              className="rounded bg-zinc-100 px-2 py-0.5 font-semibold dark:bg-zinc-800"
              data-testid="invite-code"
            >
              {admin.inviteCode}
            </code>
          </p>
          <details className="mt-3 text-sm">
            <summary className="cursor-pointer text-indigo-700 dark:text-indigo-300">
              Invite an advisor
            </summary>
            <ActionForm
              action={inviteToFirmAction}
              hidden={{ firmId }}
              submitLabel="Send invitation"
              resetOnSuccess
              className="mt-2 grid gap-3 sm:grid-cols-3 sm:items-end"
            >
              <Field name="email" label="Email" type="email" required />
              <Field
                name="role"
                label="Role"
                type="select"
                options={[
                  { value: "advisor", label: "Advisor" },
                  { value: "admin", label: "Admin (also accepts clients, invites)" },
                ]}
              />
            </ActionForm>
          </details>
          {admin.pending.length > 0 && (
            <ul className="mt-3 divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
              {admin.pending.map((p) => (
                <li
                  key={p.id}
                  className="flex items-center justify-between gap-3 py-2"
                  data-testid="pending-client"
                >
                  <span>
                    <strong>{p.businessName}</strong> granted access on{" "}
                    {p.createdAt.toISOString().slice(0, 10)}
                  </span>
                  <ActionForm
                    action={acceptClientAction}
                    hidden={{ firmId, grantId: p.id }}
                    submitLabel="Accept"
                    className=""
                  />
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}
      {team && (
        <Card title="Team" className="mb-6">
          <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
            {team.members.map((m) => (
              <li
                key={m.userId}
                className="flex items-center justify-between gap-3 py-2"
                data-testid="firm-member"
              >
                <span>
                  {m.email} · {m.role === "admin" ? "Admin" : "Advisor"}
                  {m.userId === userId ? " (you)" : ""}
                </span>
                {m.userId !== userId && (
                  <ActionForm
                    action={removeFirmMemberAction}
                    hidden={{ firmId, userId: m.userId }}
                    submitLabel="Remove"
                    variant="danger"
                    confirm={`Remove ${m.email} from the firm? They stop seeing every client at once.`}
                    className=""
                  />
                )}
              </li>
            ))}
          </ul>
          {team.invitations.length > 0 && (
            <>
              <h3 className="mt-4 text-sm font-semibold">Invitations not yet accepted</h3>
              <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
                {team.invitations.map((i) => (
                  <li
                    key={i.id}
                    className="flex items-center justify-between gap-3 py-2"
                    data-testid="firm-invitation"
                  >
                    <span>
                      {i.email} · {i.role === "admin" ? "Admin" : "Advisor"} · expires{" "}
                      {formatDateTime(i.expiresAt, "UTC")}
                    </span>
                    <ActionForm
                      action={withdrawFirmInvitationAction}
                      hidden={{ firmId, invitationId: i.id }}
                      submitLabel="Withdraw"
                      variant="secondary"
                      className=""
                    />
                  </li>
                ))}
              </ul>
            </>
          )}
        </Card>
      )}
      <search>
        <form method="get" className="mb-4 flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="q" className="block text-sm font-medium">
              Search clients
            </label>
            <input
              id="q"
              name="q"
              defaultValue={q}
              className="mt-1 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-600 dark:bg-zinc-900"
            />
          </div>
          <div>
            <label htmlFor="filter" className="block text-sm font-medium">
              Show
            </label>
            <select
              id="filter"
              name="filter"
              defaultValue={filter}
              className="mt-1 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-600 dark:bg-zinc-900"
            >
              {FILTERS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </div>
          <button
            type="submit"
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white"
          >
            Apply
          </button>
        </form>
      </search>
      {portfolio.total === 0 ? (
        <EmptyState title="No clients yet">
          <p>
            A business owner grants your firm access from their settings. Their business then appears here.
          </p>
        </EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState title="No client matches">Clear the search or show all clients.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Client businesses ranked by risk</caption>
            <thead className="bg-zinc-50 text-xs text-zinc-500 dark:bg-zinc-950">
              <tr>
                {[
                  "Client",
                  "Runway",
                  "vs last week",
                  "Cash",
                  "Bank",
                  "Spendable",
                  "Overdue AR",
                  "Bills next 7 days",
                  "Prep tray",
                  "Sync",
                ].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 tabular-nums dark:divide-zinc-800">
              {rows.map((c, i) => {
                // No figures before the first sync: dashes, never $0.00.
                const s = c.firstSyncPending ? null : c.snapshot;
                const money = (x: number) => formatMoney(x, c.currency);
                const apartStart = i === portfolio.ranked.length && portfolio.apart.length > 0;
                return (
                  <tr
                    key={c.id}
                    data-testid="portfolio-row"
                    className={apartStart ? "border-t-4 border-zinc-200 dark:border-zinc-700" : undefined}
                  >
                    <td className="px-3 py-2">
                      <Link
                        href={`/b/${c.id}`}
                        className="font-medium text-indigo-700 underline dark:text-indigo-300"
                      >
                        {c.name}
                      </Link>
                      {c.flags
                        .filter((f) => f !== "notConnected" || !s)
                        .map((f) => (
                          <span
                            key={f}
                            className="ml-2 rounded-full bg-red-100 px-2 py-0.5 text-xs text-red-900 dark:bg-red-950 dark:text-red-200"
                          >
                            {FLAG[f]}
                          </span>
                        ))}
                      {(s?.openAlerts ?? 0) > 0 && (
                        <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                          Cash alert
                        </span>
                      )}
                      {s && (
                        <span className="block text-xs text-zinc-500">
                          as of {formatDateTime(s.computedAt, c.timezone)} (the client's time)
                          {c.refreshing && " · updating"}
                        </span>
                      )}
                    </td>
                    <td className="px-3 py-2" data-testid="portfolio-runway">
                      {c.firstSyncPending
                        ? "First sync running"
                        : s
                          ? formatRunway(s.runway)
                          : "Not connected"}
                      {apartStart && (
                        <span className="block text-xs text-zinc-500">too little data to forecast</span>
                      )}
                    </td>
                    <td className="px-3 py-2">
                      {s?.runwayDays != null && s.runwayDaysWeekAgo != null
                        ? formatDaysDelta(s.runwayDays - s.runwayDaysWeekAgo)
                        : "—"}
                    </td>
                    <td className="px-3 py-2">{s ? money(s.cashCents) : "—"}</td>
                    <td className="px-3 py-2 text-xs" data-testid="portfolio-bank">
                      {!s || s.bankState === "none" ? (
                        "no bank"
                      ) : (
                        <>
                          {s.bankCashCents !== null && (
                            <span className="block text-sm">{money(s.bankCashCents)}</span>
                          )}
                          {s.bankGapCents !== null && (
                            <span className="block">
                              {s.bankGapCents === 0
                                ? "same as books"
                                : `${money(Math.abs(s.bankGapCents))} ${s.bankGapCents > 0 ? "more" : "less"} than books`}
                            </span>
                          )}
                          <span
                            className={
                              s.bankState === "fresh" ? "text-zinc-500" : "text-amber-800 dark:text-amber-300"
                            }
                          >
                            {s.bankState === "needs_login"
                              ? "bank needs sign-in"
                              : s.bankAsOf
                                ? `bank ${formatRelative(s.bankAsOf, now)}${s.bankState === "stale" ? " (stale)" : ""}`
                                : "bank not read yet"}
                          </span>
                        </>
                      )}
                    </td>
                    <td className="px-3 py-2">{s ? money(s.spendableCents) : "—"}</td>
                    <td className="px-3 py-2">{s ? money(s.overdueArCents) : "—"}</td>
                    <td className="px-3 py-2">
                      {s ? `${money(s.billsDue7dCents)} (${s.billsDue7dCount})` : "—"}
                    </td>
                    <td className="px-3 py-2">{s ? s.trayCount : "—"}</td>
                    <td className="px-3 py-2 text-xs">
                      {s?.lastSuccessAt ? `synced ${formatRelative(s.lastSuccessAt, now)}` : "never synced"}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </AppShell>
  );
}
