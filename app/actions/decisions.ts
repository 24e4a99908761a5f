"use server";

import { z } from "zod";
import { refreshBeforeMoneyWrite } from "@/server/banks/balances";
import { getClock } from "@/server/clock";
import {
  commitPlanned,
  decide,
  tryDecision,
  withdrawDecision,
  ZDecisionInput,
} from "@/server/decisions/decisions";
import {
  acceptPaymentRun,
  setVendorPayRule,
  ZPaymentRunWindow,
  ZVendorPayRule,
} from "@/server/decisions/payment-run";
import { writeClient } from "@/server/decisions/qbo-client";
import { recordBillPayment, sendInvoiceReminder, ZRecordPayment } from "@/server/decisions/write-back";
import { businessAction } from "@/server/edge/define-action";
import { getEnv } from "@/server/env";
import { pokeDispatcher } from "@/server/jobs/dispatcher";
import { ZCheckbox } from "@/server/lib/validation";

const ZBusiness = z.object({ businessId: z.string() });

export const tryDecisionAction = businessAction({
  name: "tryDecision",
  capability: "prepare",
  input: ZDecisionInput.extend(ZBusiness.shape),
  async run({ db, ctx, input }) {
    return tryDecision({ db, ctx, input, clock: getClock() });
  },
});

export const decideAction = businessAction({
  name: "decide",
  capability: "prepare", // committing also needs "commit": checked in server/decisions
  input: ZDecisionInput.extend({ ...ZBusiness.shape, commit: ZCheckbox }),
  async run({ db, ctx, input }) {
    return decide({ db, ctx, input, commit: input.commit, clock: getClock() });
  },
});

export const commitPlannedAction = businessAction({
  name: "commitPlanned",
  capability: "commit",
  input: ZBusiness.extend({ decisionId: z.string() }),
  async run({ db, ctx, input }) {
    return commitPlanned({ db, ctx, decisionId: input.decisionId, clock: getClock() });
  },
});

export const withdrawDecisionAction = businessAction({
  name: "withdrawDecision",
  capability: "prepare",
  input: ZBusiness.extend({ decisionId: z.string() }),
  async run({ db, ctx, input }) {
    return withdrawDecision({ db, ctx, decisionId: input.decisionId, clock: getClock() });
  },
});

export const recordPaymentAction = businessAction({
  name: "recordPayment",
  capability: "commit",
  input: ZRecordPayment.extend(ZBusiness.shape),
  async run({ db, ctx, input }) {
    const clock = getClock();
    const env = getEnv();
    const r = await recordBillPayment({
      db,
      ctx,
      input,
      clock,
      client: () => writeClient({ db, ctx, clock }),
      beforeMoneyWrite: () =>
        refreshBeforeMoneyWrite({
          db,
          businessId: ctx.businessId,
          config: env.plaid,
          key: env.tokenEncryptionKey,
          clock,
          actorUserId: ctx.userId,
        }),
    });
    pokeDispatcher();
    return r;
  },
});

export const sendReminderAction = businessAction({
  name: "sendReminder",
  capability: "commit",
  input: ZBusiness.extend({ invoiceId: z.string() }),
  async run({ db, ctx, input }) {
    const clock = getClock();
    const r = await sendInvoiceReminder({
      db,
      ctx,
      invoiceId: input.invoiceId,
      clock,
      client: () => writeClient({ db, ctx, clock }),
    });
    pokeDispatcher();
    return r;
  },
});

/** Save the proposed payment run as planned decisions (server/decisions/payment-run.ts). */
export const acceptPaymentRunAction = businessAction({
  name: "acceptPaymentRun",
  capability: "prepare",
  input: ZBusiness.extend({ windowDays: ZPaymentRunWindow }),
  async run({ db, ctx, input }) {
    return acceptPaymentRun({ db, ctx, clock: getClock(), windowDays: input.windowDays });
  },
});

/** A vendor must be paid on time in every payment run, or is flexible (server/decisions/payment-run.ts). */
export const setVendorPayRuleAction = businessAction({
  name: "setVendorPayRule",
  capability: "prepare",
  input: ZVendorPayRule.extend(ZBusiness.shape),
  async run({ db, ctx, input }) {
    return setVendorPayRule({ db, ctx, input });
  },
});
