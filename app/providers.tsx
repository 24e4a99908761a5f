"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { setNonce } from "get-nonce";
import { type ReactNode, useState } from "react";

export function Providers({ children, nonce }: { children: ReactNode; nonce: string | null }) {
  // Radix dialogs lock page scroll with a <style> element they add (react-remove-scroll): it
  // carries the document's CSP nonce, so the policy needs no 'unsafe-inline' for it. The first
  // one only: a client navigation re-renders this layout with the new request's nonce, but the
  // document keeps the policy it was loaded with.
  useState(() => {
    if (nonce) setNonce(nonce);
  });
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 } } }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
