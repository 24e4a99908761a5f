import { connectQuickBooksAction, disconnectQuickBooksAction, syncNowAction } from "@/app/actions/quickbooks";
import { BanksCard } from "@/components/banks/banks-card";
import { SyncStatus } from "@/components/connections/sync-status";
import { ActionForm } from "@/components/ui/action-form";
import { Card, PageHeader } from "@/components/ui/primitives";
import { countOf, formatDate, formatRelative } from "@/lib/format";
import { canDo } from "@/server/access/business-context";
import { getBankSummary } from "@/server/banks/summary";
import { getClock } from "@/server/clock";
import { getConnectionStatus } from "@/server/connections/get-connection-status";
import { getDb } from "@/server/db/client";
import { requireBusinessContext } from "@/server/edge/page-context";
import { getEnv } from "@/server/env";

export const dynamic = "force-dynamic";
export const metadata = { title: "Connections" };

const BANK_TEXT: Record<string, string> = {
  connected: "The bank is connected. Its transactions are syncing.",
  repaired: "The bank connection is working again. Syncing resumes where it left off.",
  exited: "The bank connection was not completed. Nothing changed.",
  open: "The bank page was left before finishing. Nothing changed yet.",
  success: "The bank is connected.",
};

const RESULT_TEXT: Record<string, string> = {
  connected: "QuickBooks is connected. A sync is running.",
  denied: "The connection was cancelled in QuickBooks. Nothing changed.",
};

export default async function Connections({
  params,
  searchParams,
}: {
  params: Promise<{ businessId: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { businessId } = await params;
  const sp = await searchParams;
  const ctx = await requireBusinessContext(businessId, `/b/${businessId}/connections`);
  const db = await getDb();
  const status = await getConnectionStatus({ db, ctx });
  const bank = await getBankSummary({ db, businessId, now: getClock().now() });
  // The redirect's outcome, while it is still true: "syncing" until the first pass is in, and
  // nothing once a bank has stopped sharing (its own banner says what to do).
  const bankSettled = bank.items.length > 0 && bank.items.every((i) => i.lastSyncedAt !== null);
  const bankBroken = bank.items.some((i) => i.status !== "active");
  const bankBanner =
    sp.bank === "exited" || sp.bank === "failed"
      ? `${sp.bank === "exited" ? BANK_TEXT.exited : "The bank connection could not be finished."}${sp.message ? ` ${sp.bank === "exited" ? "The bank said" : "Reason"}: ${sp.message}` : ""}`
      : (sp.bank === "connected" || sp.bank === "repaired") && bankBroken
        ? undefined
        : sp.bank === "connected" && bankSettled
          ? "The bank is connected and its transactions are in."
          : sp.bank
            ? BANK_TEXT[sp.bank]
            : undefined;
  const manage = canDo(ctx, "manageConnection");
  const configured = getEnv().qbo !== null;
  const now = getClock().now();
  // The redirect's outcome, while it is still true (the URL keeps it after a later failure).
  // "A sync is running" stops being true once a sync has finished and none is queued or running.
  const settled =
    status.connected &&
    status.lastSuccessAt !== null &&
    !status.queued &&
    status.runs[0]?.status !== "running";
  const stale = sp.result === "connected" && !(status.connected && status.status === "active");
  const banner =
    sp.result === "refused"
      ? sp.message
      : sp.result === "connected" && settled && !stale
        ? "QuickBooks is connected. The sync has finished."
        : sp.result && !stale
          ? RESULT_TEXT[sp.result]
          : undefined;

  return (
    <>
      <PageHeader title="Connections" lead={ctx.business.name} />
      {bankBanner && (
        <p
          role="status"
          data-testid="bank-banner"
          className="mb-4 rounded-md border border-zinc-300 bg-white p-3 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          {bankBanner}
        </p>
      )}
      {bank.items.some((i) => i.status !== "active") && (
        <p
          role="alert"
          data-testid="bank-reconnect"
          className="mb-4 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950"
        >
          {bank.items
            .filter((i) => i.status !== "active")
            .map((i) => i.institutionName ?? "A bank")
            .join(", ")}{" "}
          stopped sharing data: sign in to the bank again below. The transactions so far are kept and syncing
          resumes where it left off.
        </p>
      )}
      {banner && (
        <p
          role="status"
          className="mb-4 rounded-md border border-zinc-300 bg-white p-3 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          {banner}
        </p>
      )}
      {status.connected &&
        status.status === "active" &&
        status.hardExpiresAt &&
        new Date(status.hardExpiresAt).getTime() - now.getTime() < 30 * 86_400_000 && (
          <p
            role="alert"
            className="mb-4 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950"
          >
            Intuit ends this authorization on {formatDate(status.hardExpiresAt.slice(0, 10))}. Reconnect
            QuickBooks before then to keep syncing.
          </p>
        )}
      {status.connected && status.status === "needs_reauth" && (
        <div
          role="alert"
          className="mb-4 rounded-md border border-amber-400 bg-amber-50 p-4 text-sm dark:border-amber-700 dark:bg-amber-950"
        >
          <p className="font-semibold">Reconnect QuickBooks</p>
          <p className="mt-1">
            QuickBooks no longer accepts Oodaloo's authorization (it was revoked or expired), so syncing has
            stopped. Your data so far is kept; reconnecting resumes where the sync left off.
          </p>
          {manage && (
            <div className="mt-3">
              <ActionForm
                action={connectQuickBooksAction}
                hidden={{ businessId }}
                submitLabel="Reconnect QuickBooks"
                className=""
              />
            </div>
          )}
        </div>
      )}
      <Card title="QuickBooks Online">
        {!configured ? (
          <p className="text-sm">
            QuickBooks is not configured on this server. An operator sets QBO_ENVIRONMENT and the app's keys.
          </p>
        ) : !status.connected || status.status === "disconnected" ? (
          <div className="space-y-3">
            <p className="text-sm">
              Status: <strong>Not connected</strong>
            </p>
            {manage ? (
              <ActionForm
                action={connectQuickBooksAction}
                hidden={{ businessId }}
                submitLabel="Connect QuickBooks"
                pendingLabel="Opening QuickBooks…"
                className=""
              />
            ) : (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                Only an owner or bookkeeper of this business can connect QuickBooks.
              </p>
            )}
          </div>
        ) : (
          <div className="space-y-4">
            <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
              <dt className="text-zinc-500">Status</dt>
              <dd>
                <strong>{status.status === "active" ? "Connected" : "Needs reconnecting"}</strong>
                {status.environment === "emulator"
                  ? " (QuickBooks emulator)"
                  : status.environment === "sandbox"
                    ? " (Intuit sandbox)"
                    : ""}
              </dd>
              <dt className="text-zinc-500">Company</dt>
              <dd>
                {status.companyName ?? "…"}{" "}
                <span className="text-zinc-500">· QuickBooks company ID {status.realmId}</span>
              </dd>
              <dt className="text-zinc-500">Last synced</dt>
              <dd>
                {status.lastSuccessAt ? formatRelative(new Date(status.lastSuccessAt), now) : "not yet"}
              </dd>
              {status.nextSyncAt && status.status === "active" && (
                <>
                  <dt className="text-zinc-500">Next sync</dt>
                  <dd>{formatRelative(new Date(status.nextSyncAt), now)}</dd>
                </>
              )}
              {status.status === "active" && (
                <>
                  <dt className="text-zinc-500">Change notifications</dt>
                  <dd>
                    {status.webhookHealth === "healthy"
                      ? "Arriving: changes show within seconds; a check every 7 business hours catches anything missed"
                      : status.lastWebhookAt
                        ? "Not reliable lately: checked every hour (every 3 hours overnight) until they are"
                        : "None received yet: checked every hour (every 3 hours overnight)"}
                  </dd>
                </>
              )}
              <dt className="text-zinc-500">Reconciled</dt>
              <dd>
                {status.lastReconciledAt
                  ? `${formatRelative(new Date(status.lastReconciledAt), now)} · ${status.driftRepaired === 0 ? "no differences" : `${countOf(status.driftRepaired, "difference")} found and repaired`}`
                  : "weekly, after the first full sync"}
              </dd>
              {status.hardExpiresAt && (
                <>
                  <dt className="text-zinc-500">Authorization ends</dt>
                  <dd>
                    {formatDate(status.hardExpiresAt.slice(0, 10))} (Intuit's 5-year limit; you will be asked
                    to reconnect before)
                  </dd>
                </>
              )}
            </dl>
            {status.lastError && (
              <p role="alert" className="text-sm text-red-700 dark:text-red-400">
                Last problem: {status.lastError}
              </p>
            )}
            {manage && status.status === "active" && (
              <div className="flex flex-wrap gap-3">
                <ActionForm
                  action={syncNowAction}
                  hidden={{ businessId }}
                  submitLabel="Sync now"
                  pendingLabel="Queuing…"
                  className=""
                />
                <ActionForm
                  action={connectQuickBooksAction}
                  hidden={{ businessId, replace: "1" }}
                  submitLabel="Connect a different company"
                  variant="secondary"
                  confirm={`Connect a different QuickBooks company? The data synced from ${status.companyName ?? "the current company"} is deleted from Oodaloo and replaced.`}
                  className=""
                />
                <ActionForm
                  action={disconnectQuickBooksAction}
                  hidden={{ businessId }}
                  submitLabel="Disconnect"
                  variant="danger"
                  confirm="Disconnect QuickBooks? Syncing stops and Oodaloo's access is revoked. The data already synced stays."
                  className=""
                />
              </div>
            )}
            <SyncStatus
              businessId={businessId}
              initial={status}
              nowIso={now.toISOString()}
              timezone={ctx.business.timezone}
            />
          </div>
        )}
      </Card>
      <BanksCard
        businessId={businessId}
        summary={bank}
        configured={getEnv().plaid !== null}
        manage={manage}
        refresh={canDo(ctx, "prepare")}
        now={now}
        timezone={ctx.business.timezone}
        currency={ctx.business.currency}
      />
    </>
  );
}
