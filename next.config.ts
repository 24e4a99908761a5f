import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships wasm + data files it loads by path; bundling it breaks pages and actions.
  serverExternalPackages: ["@electric-sql/pglite", "intuit-oauth"],
  poweredByHeader: false,
};

export default nextConfig;
