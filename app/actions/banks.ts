"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { formatDateTime } from "@/lib/format";
import { refreshBankBalances } from "@/server/banks/balances";
import { disconnectBank } from "@/server/banks/disconnect";
import { startBankLink } from "@/server/banks/link";
import { mapBankAccount } from "@/server/banks/mapping";
import { getClock } from "@/server/clock";
import { businessAction } from "@/server/edge/define-action";
import { requestOrigin } from "@/server/edge/request";
import { getEnv } from "@/server/env";
import { AppError } from "@/server/errors";

function plaidConfig() {
  const config = getEnv().plaid;
  if (!config)
    throw new AppError(
      "conflict",
      "No bank connection service is configured on this server (PLAID_ENVIRONMENT).",
    );
  return config;
}

/** Off to Plaid's Hosted Link page; it comes back to /api/plaid/return. */
export const connectBankAction = businessAction({
  name: "connectBank",
  capability: "manageConnection",
  input: z.object({ businessId: z.string(), bankItemId: z.string().uuid().optional() }),
  async run({ db, ctx, input }) {
    const env = getEnv();
    const { url } = await startBankLink({
      db,
      ctx,
      config: plaidConfig(),
      clock: getClock(),
      origin: env.appUrl ? env.linkOrigin : await requestOrigin(),
      bankItemId: input.bankItemId,
      key: env.tokenEncryptionKey,
    });
    redirect(url);
  },
});

export const disconnectBankAction = businessAction({
  name: "disconnectBank",
  capability: "manageConnection",
  input: z.object({ businessId: z.string(), bankItemId: z.string().uuid() }),
  async run({ db, ctx, input }) {
    const env = getEnv();
    return disconnectBank({
      db,
      ctx,
      config: plaidConfig(),
      key: env.tokenEncryptionKey,
      clock: getClock(),
      bankItemId: input.bankItemId,
    });
  },
});

export const refreshBankBalanceAction = businessAction({
  name: "refreshBankBalance",
  capability: "prepare",
  input: z.object({ businessId: z.string() }),
  async run({ db, ctx }) {
    const env = getEnv();
    const r = await refreshBankBalances({
      db,
      ctx,
      businessId: ctx.businessId,
      config: plaidConfig(),
      key: env.tokenEncryptionKey,
      clock: getClock(),
      reason: "asked",
      actorUserId: ctx.userId,
    });
    const next = r.notBefore.map((n) => n.at).sort((a, b) => a.getTime() - b.getTime())[0];
    const message =
      r.refreshed > 0
        ? `Bank balances read from the bank just now${next ? ` (some were read less than 24 hours ago; next after ${formatDateTime(next, ctx.business.timezone)})` : ""}.`
        : r.needsLogin > 0
          ? "The bank needs you to sign in again before its balances can be read."
          : next
            ? `Balances were read from the bank less than 24 hours ago. Real-time reads are billed, so the next is possible after ${formatDateTime(next, ctx.business.timezone)}.`
            : "No bank connection is active.";
    return { refreshed: r.refreshed, needsLogin: r.needsLogin, message };
  },
});

/** "This bank account is that QuickBooks account" (or none: qboAccountId empty). */
export const mapBankAccountAction = businessAction({
  name: "mapBankAccount",
  capability: "manageConnection",
  input: z.object({
    businessId: z.string(),
    bankItemId: z.string().uuid(),
    accountId: z.string().min(1).max(200),
    qboAccountId: z
      .string()
      .max(50)
      .transform((v) => (v === "" ? null : v)),
  }),
  async run({ db, ctx, input }) {
    const r = await mapBankAccount({ db, ctx, clock: getClock(), ...input });
    return { ...r, message: r.mapped ? "Matched." : "Marked as not in QuickBooks." };
  },
});
