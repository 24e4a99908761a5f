import "server-only";
import { getEnv } from "../env";

/** The origin links in emails point at: APP_URL when set, else the request's own host. */
export async function requestOrigin(): Promise<string> {
  const env = getEnv();
  if (env.appUrl) return env.appUrl.replace(/\/$/, "");
  const { headers } = await import("next/headers");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto =
    h.get("x-forwarded-proto") ??
    (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}
