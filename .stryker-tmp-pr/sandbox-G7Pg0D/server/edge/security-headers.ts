/**
 * The security headers (finding 11). The Content-Security-Policy is per request, with a nonce
 * Next puts on its own scripts (so pages render dynamically: the root layout reads headers).
 * Recorded in docs/decisions/0008-csp.md, with the one exception: `style-src-attr
 * 'unsafe-inline'`, because React's `style={…}` and the chart write style attributes (attributes
 * cannot carry a nonce; they cannot run script either).
 */
// @ts-nocheck

export function contentSecurityPolicy(nonce: string, { dev = false }: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts Next's nonced bootstrap loads are trusted; nothing else runs.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'self'",
  ].join("; ");
}

/** Headers every response carries (static files included); next.config.ts sets them. */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
] as const;

/** HSTS: production only (the demo runs on http://localhost). Two years, subdomains included. */
export const HSTS = "max-age=63072000; includeSubDomains";
