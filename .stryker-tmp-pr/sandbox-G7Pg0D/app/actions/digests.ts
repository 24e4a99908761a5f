// @ts-nocheck
"use server";

import { z } from "zod";
import { getClock } from "@/server/clock";
import { getDb } from "@/server/db/client";
import {
  sendDigestNow,
  updateAlertSettings,
  updateMyNotificationPrefs,
  ZAlertSettings,
  ZNotificationPrefs,
} from "@/server/digest/manage";
import { unsubscribeWithLink } from "@/server/digest/signed";
import { businessAction, publicAction } from "@/server/edge/define-action";
import { getEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import { pokeDispatcher } from "@/server/jobs/dispatcher";

export const sendDigestNowAction = businessAction({
  name: "sendDigestNow",
  capability: "sendDigest",
  input: z.object({ businessId: z.string() }),
  async run({ db, ctx }) {
    const r = await sendDigestNow({ db, ctx, clock: getClock() });
    pokeDispatcher();
    return r;
  },
});

export const updateAlertSettingsAction = businessAction({
  name: "updateAlertSettings",
  capability: "sendDigest",
  input: ZAlertSettings.extend({ businessId: z.string() }),
  async run({ db, ctx, input }) {
    const r = await updateAlertSettings({ db, ctx, input, clock: getClock() });
    pokeDispatcher();
    return r;
  },
});

export const updateNotificationPrefsAction = businessAction({
  name: "updateNotificationPrefs",
  capability: "view",
  input: ZNotificationPrefs.extend({ businessId: z.string() }),
  async run({ db, ctx, input }) {
    return updateMyNotificationPrefs({ db, ctx, input, clock: getClock() });
  },
});

export const unsubscribeAction = publicAction({
  name: "unsubscribeFromDigest",
  why: "An emailed unsubscribe link works without signing in: its HMAC signature names the business and recipient, and it can only turn that recipient's digest email off.",
  input: z.object({ token: z.string().min(10).max(2000) }),
  async run({ input }) {
    const view = await unsubscribeWithLink({
      db: await getDb(),
      token: input.token,
      secret: getEnv().authSecret,
      now: getClock().now(),
    });
    if (!view) throw new AppError("not_found", "This unsubscribe link is invalid.");
    return { message: `You will no longer get the weekly digest of ${view.businessName}.` };
  },
});
