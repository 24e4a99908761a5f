// @ts-nocheck
"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getClock } from "@/server/clock";
import { disconnect } from "@/server/connections/disconnect";
import { requestSync } from "@/server/connections/request-sync";
import { startConnect } from "@/server/connections/start-connect";
import { businessAction } from "@/server/edge/define-action";
import { requestOrigin } from "@/server/edge/request";
import { getEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import { pokeDispatcher } from "@/server/jobs/dispatcher";
import { ZCheckbox } from "@/server/lib/validation";

function qboConfig() {
  const config = getEnv().qbo;
  if (!config)
    throw new AppError("conflict", "QuickBooks is not configured on this server (QBO_ENVIRONMENT).");
  return config;
}

export const connectQuickBooksAction = businessAction({
  name: "connectQuickBooks",
  capability: "manageConnection",
  input: z.object({ businessId: z.string(), replace: ZCheckbox }),
  async run({ db, ctx, input }) {
    const config = qboConfig();
    const redirectUri = config.redirectUri ?? `${await requestOrigin()}/api/qbo/callback`;
    const { authorizeUrl } = await startConnect({
      db,
      ctx,
      config,
      redirectUri,
      clock: getClock(),
      allowRealmChange: input.replace ?? false,
    });
    redirect(authorizeUrl);
  },
});

export const syncNowAction = businessAction({
  name: "syncNow",
  capability: "manageConnection",
  input: z.object({ businessId: z.string() }),
  async run({ db, ctx }) {
    const result = await requestSync({ db, ctx });
    pokeDispatcher();
    return result;
  },
});

export const disconnectQuickBooksAction = businessAction({
  name: "disconnectQuickBooks",
  capability: "manageConnection",
  input: z.object({ businessId: z.string() }),
  async run({ db, ctx }) {
    const env = getEnv();
    return disconnect({ db, ctx, config: qboConfig(), key: env.tokenEncryptionKey });
  },
});
