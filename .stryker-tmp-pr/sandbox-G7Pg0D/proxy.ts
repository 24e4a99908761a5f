// @ts-nocheck
import { type NextRequest, NextResponse } from "next/server";
import { BODY_LIMITS, tooLarge } from "./server/edge/body-limit";
import { contentSecurityPolicy, HSTS } from "./server/edge/security-headers";
import { getEnv } from "./server/env";

/**
 * Per request: a fresh nonce, the Content-Security-Policy built with it (on the request, where
 * Next reads it to put the nonce on its scripts, and on the response), framing refused, and HSTS
 * in production. The demo outbox's email view sets its own stricter policy (no script at all)
 * and is framed by the outbox page, so it is left out.
 */
export function proxy(request: NextRequest) {
  // A server action's body over the form limit: 413 here, before Next reads it (Next's own limit,
  // next.config.ts, is the backstop for bodies without a Content-Length, and answers 500).
  if (request.method === "POST" && request.headers.has("next-action")) {
    const length = Number(request.headers.get("content-length") ?? "0");
    if (!Number.isFinite(length) || length > BODY_LIMITS.form) return tooLarge(BODY_LIMITS.form);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const env = getEnv();
  const csp = contentSecurityPolicy(nonce, { dev: env.nextDev });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Frame-Options", "DENY");
  if (env.mode === "production") response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|icon.svg|outbox/[^/]+$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
