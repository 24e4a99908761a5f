/**
 * The one same-origin check for post-sign-in destinations (the sign-in page, its action and any
 * link that carries a `callbackUrl`): a path on this site, or "/". `//host`, `/\host` and paths
 * with control characters (browsers drop tabs and newlines, turning `/\t/host` into `//host`)
 * would leave the site.
 */
// @ts-nocheck

const BASE = "http://return-to.invalid";

export function safeReturnTo(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.length > 2000) return "/";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return "/";
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
