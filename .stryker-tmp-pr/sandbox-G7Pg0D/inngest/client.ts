// @ts-nocheck
import { eventType, Inngest } from "inngest";
import { EVENTS, type TEventName } from "@/server/jobs/outbox";

/** The Inngest client and typed events (ids only; schemas shared with the outbox). */
export const inngest = new Inngest({ id: "oodaloo" });

/** One Inngest event type per outbox event, with the same schema. */
export const EVENT_TYPES = Object.fromEntries(
  (Object.keys(EVENTS) as TEventName[]).map((name) => [name, eventType(name, { schema: EVENTS[name] })]),
) as { [N in TEventName]: ReturnType<typeof eventType<N, (typeof EVENTS)[N]>> };
