// @ts-nocheck
"use server";

import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { z } from "zod";
import { checkLimit, clientIp } from "@/server/abuse/rate-limits";
import { signIn, signOut } from "@/server/auth/next-auth";
import { getDb } from "@/server/db/client";
import { publicAction } from "@/server/edge/define-action";
import { getEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import { safeReturnTo } from "@/server/lib/return-to";
import { ZEmail } from "@/server/lib/validation";

/** Only same-site paths are allowed as a post-sign-in destination (the page uses the same check). */
const ZReturnTo = z.unknown().transform(safeReturnTo);

export const requestMagicLink = publicAction({
  name: "requestMagicLink",
  why: "Signing in is what anonymous visitors do; it only emails a link to the address given.",
  input: z.object({ email: ZEmail, callbackUrl: ZReturnTo }),
  async run({ input }) {
    // Say so plainly when the limit is already reached (Auth.js would only say "failed").
    const db = await getDb();
    await checkLimit(db, "signInPerAddress", input.email);
    const ip = clientIp((await headers()).get("x-forwarded-for"), getEnv().trustedProxyHops);
    if (ip) await checkLimit(db, "signInPerIp", ip);
    try {
      await signIn("email", { email: input.email, redirectTo: input.callbackUrl });
    } catch (err) {
      if (err instanceof AuthError)
        throw new AppError("upstream", "We could not send the sign-in email. Try again.");
      throw err; // NEXT_REDIRECT to the check-your-email page
    }
    return null;
  },
});

export const demoSignIn = publicAction({
  name: "demoSignIn",
  why: "Demo mode only: one-click sign-in as the demo owner or advisor.",
  input: z.object({ who: z.enum(["owner", "advisor"]) }),
  async run({ input }) {
    if (getEnv().mode !== "demo") throw new AppError("not_found", "Not available");
    try {
      await signIn("demo", { who: input.who, redirectTo: "/" });
    } catch (err) {
      if (err instanceof AuthError)
        throw new AppError("upstream", "Demo sign-in failed: the demo data is missing.");
      throw err;
    }
    return null;
  },
});

export const signOutAction = publicAction({
  name: "signOut",
  why: "Ends the caller's own sessions (every copy of the cookie), then clears this one.",
  input: z.object({}),
  async run() {
    await signOut({ redirectTo: "/signin" }); // Auth.js's signOut event ends every session
    return null;
  },
});
