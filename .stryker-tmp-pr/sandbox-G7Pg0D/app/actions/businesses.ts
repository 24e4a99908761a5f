// @ts-nocheck
"use server";

import { createBusiness, ZBusinessInput } from "@/server/businesses/create-business";
import { updateBusiness, ZBusinessSettings } from "@/server/businesses/update-business";
import { businessAction, userAction } from "@/server/edge/define-action";

export const createBusinessAction = userAction({
  name: "createBusiness",
  input: ZBusinessInput,
  async run({ db, userId, input }) {
    const { businessId } = await createBusiness({ db, userId, input });
    return { businessId, redirectTo: `/b/${businessId}` };
  },
});

export const updateBusinessAction = businessAction({
  name: "updateBusiness",
  capability: "manageMembers",
  input: ZBusinessSettings,
  async run({ db, ctx, input }) {
    await updateBusiness({ db, ctx, input });
    return null;
  },
});
