// @ts-nocheck
"use server";

import { z } from "zod";
import { getClock } from "@/server/clock";
import { businessAction, userAction } from "@/server/edge/define-action";
import { requestOrigin } from "@/server/edge/request";
import {
  acceptClient,
  createFirm,
  grantFirmAccess,
  revokeFirmAccess,
  ZFirmInput,
  ZGrantInput,
} from "@/server/firms/access";
import { acceptFirmInvitation, inviteToFirm, ZFirmInviteInput } from "@/server/firms/invitations";
import {
  removeFirmMember,
  withdrawFirmInvitation,
  ZRemoveFirmMember,
  ZWithdrawFirmInvitation,
} from "@/server/firms/team";
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

export const inviteToFirmAction = userAction({
  name: "inviteToFirm",
  input: ZFirmInviteInput.extend({ firmId: z.string() }),
  async run({ db, userId, input }) {
    return inviteToFirm({
      db,
      userId,
      firmId: input.firmId,
      input,
      clock: getClock(),
      appUrl: await requestOrigin(),
    });
  },
});

export const acceptFirmInvitationAction = userAction({
  name: "acceptFirmInvitation",
  input: z.object({ token: z.string().min(10).max(200) }),
  async run({ db, userId, input }) {
    return acceptFirmInvitation({ db, userId, token: input.token, clock: getClock() });
  },
});

export const removeFirmMemberAction = userAction({
  name: "removeFirmMember",
  input: ZRemoveFirmMember,
  async run({ db, userId, input }) {
    return removeFirmMember({ db, userId, input, clock: getClock() });
  },
});

export const withdrawFirmInvitationAction = userAction({
  name: "withdrawFirmInvitation",
  input: ZWithdrawFirmInvitation,
  async run({ db, userId, input }) {
    return withdrawFirmInvitation({ db, userId, input, clock: getClock() });
  },
});
