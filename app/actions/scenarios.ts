"use server";

import { z } from "zod";
import { getClock } from "@/server/clock";
import { writeClient } from "@/server/decisions/qbo-client";
import { businessAction } from "@/server/edge/define-action";
import { pokeDispatcher } from "@/server/jobs/dispatcher";
import { ZCheckbox } from "@/server/lib/validation";
import { commitScenario, setActiveScenario } from "@/server/scenarios/commit";
import { deleteScenario, saveScenario } from "@/server/scenarios/scenarios";
import { SCENARIO_BODY_VERSION } from "@/server/scenarios/schema";
import { addScenarioEntry, removeScenarioEntry, ZScenarioEntryForm } from "@/server/scenarios/workspace";

const ZBusiness = z.object({ businessId: z.string() });
const ZScenarioRef = ZBusiness.extend({ scenarioId: z.string() });
const ZName = z
  .string({ error: "Name the scenario" })
  .trim()
  .min(1, "Name the scenario")
  .max(80, "At most 80 characters");

export const createScenarioAction = businessAction({
  name: "createScenario",
  capability: "prepare",
  input: ZBusiness.extend({ name: ZName }),
  async run({ db, ctx, input }) {
    const r = await saveScenario({
      db,
      ctx,
      clock: getClock(),
      input: { name: input.name, body: { v: SCENARIO_BODY_VERSION, items: [], decisions: [] } },
    });
    return { ...r, redirectTo: `/b/${ctx.businessId}/scenarios?open=${r.scenarioId}` };
  },
});

export const deleteScenarioAction = businessAction({
  name: "deleteScenario",
  capability: "prepare",
  input: ZScenarioRef,
  async run({ db, ctx, input }) {
    const r = await deleteScenario({ db, ctx, scenarioId: input.scenarioId });
    return { ...r, redirectTo: `/b/${ctx.businessId}/scenarios` };
  },
});

export const addScenarioEntryAction = businessAction({
  name: "addScenarioEntry",
  capability: "prepare",
  input: z.intersection(ZScenarioRef, ZScenarioEntryForm),
  async run({ db, ctx, input }) {
    const { businessId: _b, scenarioId, ...entry } = input;
    return addScenarioEntry({ db, ctx, clock: getClock(), scenarioId, entry: entry as typeof input });
  },
});

export const removeScenarioEntryAction = businessAction({
  name: "removeScenarioEntry",
  capability: "prepare",
  input: ZScenarioRef.extend({ entry: z.string().max(100) }),
  async run({ db, ctx, input }) {
    return removeScenarioEntry({
      db,
      ctx,
      clock: getClock(),
      scenarioId: input.scenarioId,
      entry: input.entry,
    });
  },
});

export const setActiveScenarioAction = businessAction({
  name: "setActiveScenario",
  capability: "prepare",
  input: ZScenarioRef.extend({ active: ZCheckbox }),
  async run({ db, ctx, input }) {
    return setActiveScenario({ db, ctx, scenarioId: input.scenarioId, active: input.active });
  },
});

export const commitScenarioAction = businessAction({
  name: "commitScenario",
  capability: "commit",
  input: ZScenarioRef,
  async run({ db, ctx, input }) {
    const clock = getClock();
    const r = await commitScenario({
      db,
      ctx,
      clock,
      scenarioId: input.scenarioId,
      client: () => writeClient({ db, ctx, clock }),
    });
    pokeDispatcher();
    return { message: r.message };
  },
});
