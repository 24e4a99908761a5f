import { NextResponse } from "next/server";

/**
 * Request bodies are read with a byte limit (finding 3): a declared Content-Length over the limit
 * is refused before anything is read, and a body without one (chunked) is read only up to the
 * limit, then abandoned. One set of limits for every route that reads a body.
 */
export const BODY_LIMITS = {
  /** Intuit's CloudEvents batches run to about 1 MB. */
  webhook: 2 * 1024 * 1024,
  /** Plaid's webhooks are a few hundred bytes of JSON. */
  plaidWebhook: 64 * 1024,
  /** Sign-in, sign-out and every form. */
  form: 64 * 1024,
  /** Inngest's calls into our functions carry event data and step results. */
  inngest: 4 * 1024 * 1024,
} as const;

export type TBodyRead = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; response: Response };

export const tooLarge = (limit: number) =>
  NextResponse.json(
    { error: `request body too large (limit ${Math.round(limit / 1024)} KB)` },
    { status: 413 },
  );

export async function readBodyLimited(req: Request, limit: number): Promise<TBodyRead> {
  const declared = req.headers.get("content-length");
  if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > limit)) {
    await req.body?.cancel().catch(() => {});
    return { ok: false, response: tooLarge(limit) };
  }
  if (!req.body) return { ok: true, bytes: new Uint8Array() };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return { ok: false, response: tooLarge(limit) };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, bytes };
}

/**
 * A route handler whose body is read under `limit` first, then handed on as an equal request
 * (for handlers that read the body themselves: Auth.js, Inngest).
 */
export function withBodyLimit<C>(
  limit: number,
  handler: (req: Request, ctx: C) => Promise<Response>,
): (req: Request, ctx: C) => Promise<Response> {
  return async (req, ctx) => {
    const read = await readBodyLimited(req, limit);
    if (!read.ok) return read.response;
    const headers = new Headers(req.headers);
    headers.delete("content-length");
    // NextRequest keeps nextUrl and cookies when rebuilt from the original's URL and headers.
    const copy = new (req.constructor as typeof Request)(req.url, {
      method: req.method,
      headers,
      body: req.method === "GET" || req.method === "HEAD" ? undefined : read.bytes,
    });
    return handler(copy, ctx);
  };
}
