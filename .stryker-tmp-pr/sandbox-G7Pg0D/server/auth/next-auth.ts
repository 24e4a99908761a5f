// @ts-nocheck
import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { eq } from "drizzle-orm";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { clientIp, consumeLimit } from "../abuse/rate-limits";
import { getDb } from "../db/client";
import { accounts, sessions, users, verificationTokens } from "../db/schema";
import { DEMO_USERS } from "../demo/demo-identities";
import { sendEmail } from "../email/send-email";
import { getEnv } from "../env";
import { currentSessionVersion, endAllSessions, isSessionLive } from "./session-version";

/**
 * Auth.js v5: email magic links for everyone; one-click demo sign-in only in demo mode.
 * The JWT carries the user id and a session version (revocable: see session-version.ts). Roles
 * and grants are read from the database per request.
 * The config is lazy so nothing opens the database at import or build time.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(async (): Promise<NextAuthConfig> => {
  const env = getEnv();
  const db = await getDb();
  return {
    secret: env.authSecret,
    trustHost: true,
    session: { strategy: "jwt", maxAge: 30 * 86_400 },
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
    providers: [
      {
        id: "email",
        type: "email",
        name: "Email",
        maxAge: 24 * 60 * 60,
        from: env.emailFrom,
        options: {},
        async sendVerificationRequest({ identifier, url, request }) {
          // Counted here, so Auth.js's own endpoint is limited as well as the app's form.
          await consumeLimit(db, "signInPerAddress", identifier);
          const ip = clientIp(request.headers.get("x-forwarded-for"), env.trustedProxyHops);
          if (ip) await consumeLimit(db, "signInPerIp", ip);
          await sendEmail({
            db,
            message: {
              to: identifier,
              kind: "magic_link",
              subject: "Your Oodaloo sign-in link",
              text: `Sign in to Oodaloo:\n\n${url}\n\nThe link works once, for 24 hours. If you did not ask for it, ignore this email.`,
              html: `<p><a href="${url}">Sign in to Oodaloo</a></p><p>The link works once, for 24 hours. If you did not ask for it, ignore this email.</p>`,
            },
          });
        },
      },
      ...(env.mode === "demo"
        ? [
            Credentials({
              id: "demo",
              name: "Demo",
              credentials: { who: {} },
              async authorize(raw) {
                const parsed = z.object({ who: z.enum(["owner", "advisor"]) }).safeParse(raw);
                if (!parsed.success) return null;
                const email = DEMO_USERS[parsed.data.who].email;
                const [user] = await db.select().from(users).where(eq(users.email, email));
                return user ? { id: user.id, email: user.email, name: user.name } : null;
              },
            }),
          ]
        : []),
    ],
    events: {
      // Every sign-out (the app's button or Auth.js's own endpoint) ends all of the user's
      // sessions: a copied cookie stops working with the one that signed out.
      async signOut(message) {
        const uid = "token" in message ? message.token?.uid : undefined;
        if (typeof uid === "string") await endAllSessions(db, uid);
      },
    },
    callbacks: {
      // Runs at sign-in (with `user`) and on every request that reads the session: a token whose
      // session version is no longer the user's is refused (null clears the cookie).
      async jwt({ token, user }) {
        if (user?.id) {
          token.uid = user.id;
          token.sv = await currentSessionVersion(db, user.id);
          return token;
        }
        return (await isSessionLive(db, token)) ? token : null;
      },
      session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
        return session;
      },
    },
  };
});
