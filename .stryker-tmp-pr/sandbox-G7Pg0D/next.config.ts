// @ts-nocheck
import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./server/edge/security-headers";

const nextConfig: NextConfig = {
  // PGlite ships wasm + data files it loads by path; bundling it breaks pages and actions.
  // rate-limiter-flexible imports drizzle-orm by a computed name, which bundling cannot follow.
  serverExternalPackages: ["@electric-sql/pglite", "intuit-oauth", "rate-limiter-flexible"],
  poweredByHeader: false,
  // The per-request ones (CSP with its nonce, framing, HSTS) are set in proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] }];
  },
  // Server actions (every form) take at most 64 KB (server/edge/body-limit.ts has the rest).
  experimental: { serverActions: { bodySizeLimit: "64kb" } },
};

export default nextConfig;
