// @ts-nocheck
import { handlers } from "@/server/auth/next-auth";
import { BODY_LIMITS, withBodyLimit } from "@/server/edge/body-limit";

export const { GET } = handlers;
/** Sign-in and sign-out forms: small bodies only (64 KB), refused with 413 beyond. */
export const POST = withBodyLimit(BODY_LIMITS.form, (req) => handlers.POST(req as never));
