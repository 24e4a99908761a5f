// @ts-nocheck
import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";
import { BODY_LIMITS, withBodyLimit } from "@/server/edge/body-limit";

/**
 * Inngest's endpoint. Used only when an Inngest server is configured (INNGEST_EVENT_KEY /
 * INNGEST_SIGNING_KEY, or INNGEST_DEV for a dev server); otherwise the outbox dispatcher runs the
 * same use cases in-process (docs/decisions/0004-one-machine-mode.md).
 */
const handler = serve({ client: inngest, functions });
export const { GET } = handler;
export const POST = withBodyLimit(BODY_LIMITS.inngest, (req, ctx: unknown) =>
  handler.POST(req as never, ctx),
);
export const PUT = withBodyLimit(BODY_LIMITS.form, (req, ctx: unknown) => handler.PUT(req as never, ctx));
