// @ts-nocheck
"use server";

import { z } from "zod";
import { getClock } from "@/server/clock";
import { businessAction } from "@/server/edge/define-action";
import { dismissTrayItem, restoreTrayItem, ZDismiss } from "@/server/tray/get-tray";

export const dismissTrayItemAction = businessAction({
  name: "dismissTrayItem",
  capability: "prepare",
  input: ZDismiss.extend({ businessId: z.string() }),
  async run({ db, ctx, input }) {
    return dismissTrayItem({ db, ctx, input, clock: getClock() });
  },
});

export const restoreTrayItemAction = businessAction({
  name: "restoreTrayItem",
  capability: "prepare",
  input: z.object({ businessId: z.string(), itemKey: z.string().min(3).max(200) }),
  async run({ db, ctx, input }) {
    return restoreTrayItem({ db, ctx, itemKey: input.itemKey });
  },
});
