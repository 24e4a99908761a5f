// @ts-nocheck
import "server-only";
import { getEnv } from "../env";

/**
 * The origin links in emails and redirects point at: configuration only (APP_URL, or in demo mode
 * http://localhost:PORT) — never the request's Host or X-Forwarded-Host, which a caller chooses
 * (finding 10: without APP_URL, emailed links followed X-Forwarded-Host).
 */
export async function requestOrigin(): Promise<string> {
  return getEnv().linkOrigin;
}
