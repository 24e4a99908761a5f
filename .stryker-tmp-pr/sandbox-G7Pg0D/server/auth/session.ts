// @ts-nocheck
import "server-only";

/**
 * Who is signed in. Pages, actions and route handlers call this once at the edge; domain code
 * receives ids and never reads the session. Tests replace the resolver to call actions directly.
 */
type Resolver = () => Promise<string | null>;
const g = globalThis as unknown as { __oodalooSessionResolver?: Resolver };

export async function currentUserId(): Promise<string | null> {
  if (g.__oodalooSessionResolver) return g.__oodalooSessionResolver();
  const { auth } = await import("./next-auth");
  const session = await auth();
  return session?.user?.id ?? null;
}

/** Tests only: act as `userId` (null = signed out); undefined restores the Auth.js session. */
export function setSessionUserForTests(userId: string | null | undefined): void {
  g.__oodalooSessionResolver = userId === undefined ? undefined : async () => userId;
}
