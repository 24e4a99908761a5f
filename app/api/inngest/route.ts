import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

/**
 * Inngest's endpoint. Used only when an Inngest server is configured (INNGEST_EVENT_KEY /
 * INNGEST_SIGNING_KEY, or INNGEST_DEV for a dev server); otherwise the outbox dispatcher runs the
 * same use cases in-process (docs/decisions/0004-one-machine-mode.md).
 */
export const { GET, POST, PUT } = serve({ client: inngest, functions });
