import { eventType, Inngest } from "inngest";
import { EVENTS } from "@/server/jobs/outbox";

/** The Inngest client and typed events (ids only; schemas shared with the outbox). */
export const inngest = new Inngest({ id: "oodaloo" });

export const syncRequested = eventType("qbo/sync.requested", { schema: EVENTS["qbo/sync.requested"] });
export const digestWeeklyRequested = eventType("digest/weekly.requested", {
  schema: EVENTS["digest/weekly.requested"],
});
export const digestDeliverRequested = eventType("digest/deliver.requested", {
  schema: EVENTS["digest/deliver.requested"],
});
export const alertRaised = eventType("alert/raised", { schema: EVENTS["alert/raised"] });
export const portfolioRefreshRequested = eventType("portfolio/refresh.requested", {
  schema: EVENTS["portfolio/refresh.requested"],
});
