import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import "./globals.css";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: { default: "Oodaloo", template: "%s · Oodaloo" },
  description: "Cash runway for service businesses on QuickBooks Online",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request makes every page render per request, so Next can put the CSP nonce
  // (proxy.ts) on its scripts — the 404 and error pages included, which would otherwise be
  // prerendered without one.
  const nonce = (await headers()).get("x-nonce");
  return (
    <html lang="en">
      <body>
        <Providers nonce={nonce}>{children}</Providers>
      </body>
    </html>
  );
}
