// @ts-nocheck
"use server";

import { z } from "zod";
import { getClock } from "@/server/clock";
import { businessAction } from "@/server/edge/define-action";
import { createReserve, releaseReserve, updateReserve, ZReserveInput } from "@/server/reserve/reserves";

export const createReserveAction = businessAction({
  name: "createReserve",
  capability: "prepare",
  input: z.object({ businessId: z.string() }).and(ZReserveInput),
  async run({ db, ctx, input }) {
    return createReserve({ db, ctx, input, clock: getClock() });
  },
});

export const updateReserveAction = businessAction({
  name: "updateReserve",
  capability: "prepare",
  input: z.object({ businessId: z.string(), reserveId: z.string() }).and(ZReserveInput),
  async run({ db, ctx, input }) {
    return updateReserve({ db, ctx, reserveId: input.reserveId, input, clock: getClock() });
  },
});

export const releaseReserveAction = businessAction({
  name: "releaseReserve",
  capability: "prepare",
  input: z.object({ businessId: z.string(), reserveId: z.string() }),
  async run({ db, ctx, input }) {
    return releaseReserve({ db, ctx, reserveId: input.reserveId, clock: getClock() });
  },
});
