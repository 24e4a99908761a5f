"use server";

import { z } from "zod";
import { getClock } from "@/server/clock";
import { businessAction, userAction } from "@/server/edge/define-action";
import {
  acceptClient,
  createFirm,
  grantFirmAccess,
  revokeFirmAccess,
  ZFirmInput,
  ZGrantInput,
} from "@/server/firms/access";
import { pokeDispatcher } from "@/server/jobs/dispatcher";

export const createFirmAction = userAction({
  name: "createFirm",
  input: ZFirmInput,
  async run({ db, userId, input }) {
    return createFirm({ db, userId, input });
  },
});

export const acceptClientAction = userAction({
  name: "acceptClient",
  input: z.object({ firmId: z.string(), grantId: z.string() }),
  async run({ db, userId, input }) {
    const r = await acceptClient({ db, userId, ...input, clock: getClock() });
    pokeDispatcher();
    return r;
  },
});

export const grantFirmAccessAction = businessAction({
  name: "grantFirmAccess",
  capability: "manageMembers",
  input: ZGrantInput.extend({ businessId: z.string() }),
  async run({ db, ctx, input }) {
    return grantFirmAccess({ db, ctx, input, clock: getClock() });
  },
});

export const revokeFirmAccessAction = businessAction({
  name: "revokeFirmAccess",
  capability: "manageMembers",
  input: z.object({ businessId: z.string(), grantId: z.string() }),
  async run({ db, ctx, input }) {
    return revokeFirmAccess({ db, ctx, grantId: input.grantId, clock: getClock() });
  },
});
