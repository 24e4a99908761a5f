import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships wasm + data files it loads by path; bundling it breaks pages and actions.
  serverExternalPackages: ["@electric-sql/pglite", "intuit-oauth"],
  poweredByHeader: false,
  // Server actions (every form) take at most 64 KB (server/edge/body-limit.ts has the rest).
  experimental: { serverActions: { bodySizeLimit: "64kb" } },
};

export default nextConfig;
