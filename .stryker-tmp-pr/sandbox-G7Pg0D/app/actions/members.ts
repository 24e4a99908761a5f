// @ts-nocheck
"use server";

import { getClock } from "@/server/clock";
import { businessAction, userAction } from "@/server/edge/define-action";
import { requestOrigin } from "@/server/edge/request";
import {
  changeMemberRole,
  removeMember,
  ZChangeRoleInput,
  ZRemoveMemberInput,
} from "@/server/members/change-member";
import {
  acceptInvitation,
  revokeInvitation,
  ZAcceptInvitationInput,
  ZRevokeInvitationInput,
} from "@/server/members/invitations";
import { inviteMember, ZInviteInput } from "@/server/members/invite-member";

export const inviteMemberAction = businessAction({
  name: "inviteMember",
  capability: "manageMembers",
  input: ZInviteInput,
  async run({ db, ctx, input }) {
    return inviteMember({ db, ctx, input, clock: getClock(), appUrl: await requestOrigin() });
  },
});

export const changeMemberRoleAction = businessAction({
  name: "changeMemberRole",
  capability: "manageMembers",
  input: ZChangeRoleInput,
  async run({ db, ctx, input }) {
    await changeMemberRole({ db, ctx, input });
    return null;
  },
});

export const removeMemberAction = businessAction({
  name: "removeMember",
  capability: "manageMembers",
  input: ZRemoveMemberInput,
  async run({ db, ctx, input }) {
    await removeMember({ db, ctx, input });
    return null;
  },
});

export const revokeInvitationAction = businessAction({
  name: "revokeInvitation",
  capability: "manageMembers",
  input: ZRevokeInvitationInput,
  async run({ db, ctx, input }) {
    await revokeInvitation({ db, ctx, input, clock: getClock() });
    return null;
  },
});

export const acceptInvitationAction = userAction({
  name: "acceptInvitation",
  input: ZAcceptInvitationInput,
  async run({ db, userId, input }) {
    const { businessId } = await acceptInvitation({ db, userId, input, clock: getClock() });
    return { businessId, redirectTo: `/b/${businessId}` };
  },
});
