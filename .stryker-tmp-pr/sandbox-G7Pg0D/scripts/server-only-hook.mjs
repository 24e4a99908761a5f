/**
 * Scripts run server modules outside Next. Those modules `import "server-only"`, which throws
 * unless the react-server condition is on — but under that condition react-dom/server (which
 * renders the digest email) refuses to load, as in Next's RSC layer. Next runs background work
 * (the dispatcher, from instrumentation.ts) in its Node layer, without that condition; so do the
 * scripts: this hook resolves "server-only" to an empty module instead, and nothing else changes.
 * Use: node --import tsx --import ./scripts/server-only-hook.mjs script.ts
 */
// @ts-nocheck

import { register } from "node:module";

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,", format: "module", shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
