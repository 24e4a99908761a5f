// @ts-nocheck
import { type Browser, type BrowserContext, test as base, expect, type Page } from "@playwright/test";

/** Every page fails its test on a console error or an uncaught exception (house rule 30). */
export const test = base.extend<{ consoleGuard: undefined }>({
  consoleGuard: [
    async ({ context }, use) => {
      const problems: string[] = [];
      await reportCspViolations(context);
      context.on("page", (page) => watch(page, problems));
      for (const p of context.pages()) watch(p, problems);
      await use(undefined);
      expect(problems, "console errors on the page").toEqual([]);
    },
    { auto: true },
  ],
});

/**
 * The CSP is enforced in every e2e test (finding 11): a `securitypolicyviolation` becomes a
 * console error, which fails the test like any other.
 */
async function reportCspViolations(context: BrowserContext) {
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(
        `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
}

function watch(page: Page, problems: string[]) {
  page.on("console", (m) => {
    // The location names the resource a "Failed to load resource" message is about: the page URL
    // alone does not (a favicon or a prefetch fails on the page that asked for it).
    if (m.type() === "error") problems.push(`${page.url()}: ${m.text()} (at ${m.location().url || "?"})`);
  });
  // Failed responses are described in full (kind of request, Next's RSC/prefetch/action headers),
  // so a "Failed to load resource" console error says which request it was.
  page.on("response", (r) => {
    if (r.status() < 400) return;
    const h = r.request().headers();
    const next = ["rsc", "next-router-prefetch", "next-action", "next-router-state-tree"]
      .filter((k) => k in h)
      .join(",");
    problems.push(
      `  ↳ ${r.status()} ${r.request().method()} ${r.request().resourceType()} ${r.url()}${next ? ` [${next}]` : ""}`,
    );
  });
  page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message}`));
}

export { expect };

/** Ask for a magic link, then follow it from the demo outbox. Returns the page, signed in. */
export async function signInByEmail(page: Page, email: string, callbackUrl = "/") {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.goto("/outbox");
  const mail = page.getByRole("article", { name: `Email to ${email}: Your Oodaloo sign-in link` }).first();
  await mail.getByRole("link", { name: /\/api\/auth\/callback\// }).click();
}

/**
 * A fresh browser context, so two people never share cookies, with its own console watch.
 * `expected404` lets a test that deliberately opens forbidden pages accept their 404 responses.
 */
export async function newPerson(browser: Browser, opts: { expected404?: boolean } = {}) {
  const ctx = await browser.newContext();
  await reportCspViolations(ctx);
  const page = await ctx.newPage();
  const problems: string[] = [];
  watch(page, problems);
  return {
    page,
    async close() {
      const left = opts.expected404
        ? problems.filter(
            (p) =>
              !p.includes("the server responded with a status of 404 (Not Found)") &&
              !p.startsWith("  ↳ 404 "),
          )
        : problems;
      expect(left, "console errors on the page").toEqual([]);
      await ctx.close();
    },
  };
}
