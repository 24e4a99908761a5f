// @ts-nocheck
import type { Page } from "@playwright/test";
import { expect, newPerson, test } from "./fixtures";

/** Sign in as the demo owner and wait for the first sync to put figures on the digest. */
async function openDemoDigest(page: Page) {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in as the demo owner" }).click();
  await expect(page).toHaveURL(/\/b\/[0-9a-f-]{36}$/);
  // The demo business's first sync runs in the background after start-up; the page says so
  // until it has finished, then shows the figures.
  const headline = page.getByTestId("runway-headline");
  await expect(async () => {
    await page.reload();
    await expect(headline).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  return headline;
}

test("the digest shows the demo business's runway, 13-week chart and this week's actions", async ({
  page,
}) => {
  const headline = await openDemoDigest(page);
  await expect(headline).toHaveText(/^\d[\d,]* days$/);
  await expect(page.getByText(/^Spendable cash runs out on /)).toBeVisible();
  await expect(
    page.getByRole("img", { name: "13-week projection of spendable cash" }).locator("svg").first(),
  ).toBeVisible();
  await expect(page.getByText(/^Lowest point: /)).toBeVisible();
  const actions = page.getByRole("region", { name: "This week's actions" }).getByRole("listitem");
  await expect(actions).toHaveCount(3);
  // Each action shows the gain that ranked it (lib/action-words.ts, actionGain).
  await expect(actions.first()).toContainText(
    /4-week low \+|[+]\d+ days|no longer runs out|lowest \+|cash in sooner|cash kept longer/,
  );
  // The table alternative to the chart: 13 weeks.
  await page.getByText("Show the forecast as a table").click();
  await expect(page.getByRole("table", { name: "Weekly forecast" }).locator("tbody tr")).toHaveCount(13);
  await expect(page.getByRole("heading", { name: "Owed to you (AR)" })).toBeVisible();
  await page.screenshot({ path: "test-results/e2e/digest.png", fullPage: true });
});

test("a digest email is rendered; its link opens signed-out and read-only; a tampered link is refused", async ({
  page,
  browser,
}) => {
  const headline = await openDemoDigest(page);
  const runway = (await headline.textContent())!;
  const digestUrl = page.url();
  await page.getByRole("button", { name: "Send digest now" }).click();
  await expect(page.getByRole("status")).toHaveText(/^Digest saved and sent to \d+ recipients?\.$/);

  // The email, as the demo outbox keeps it: text with the signed links, and the HTML version.
  // The email is sent by the background dispatcher after the action returns (behind any sync
  // it is running): look until it is there.
  const mail = page.getByRole("article", { name: / — digest for / }).first();
  await expect(async () => {
    await page.goto("/outbox");
    await expect(mail).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(mail).toContainText(`RUNWAY: ${runway.toUpperCase()}`);
  const link = (await mail.getByRole("link", { name: /\/d\// }).getAttribute("href"))!;
  expect(link).toMatch(/^http:\/\/localhost:\d+\/d\/[\w-]+\.[\w-]+$/);
  const htmlHref = (await mail.getByRole("link", { name: "Show the HTML email" }).getAttribute("href"))!;
  const htmlView = await page.context().newPage();
  await htmlView.goto(htmlHref);
  await expect(htmlView.getByRole("heading", { name: `Runway: ${runway}` })).toBeVisible();
  await expect(htmlView.getByRole("link", { name: "Open the digest" })).toHaveAttribute("href", link);
  await htmlView.screenshot({ path: "test-results/e2e/digest-email.png", fullPage: true });
  await htmlView.close();

  // Someone with the link and no session: the stored digest, read-only.
  const visitor = await newPerson(browser);
  await visitor.page.goto(link);
  await expect(visitor.page.getByRole("note")).toContainText("Read-only copy of the digest");
  await expect(visitor.page.getByTestId("runway-headline")).toHaveText(runway);
  await expect(visitor.page.getByRole("button", { name: "Send digest now" })).toHaveCount(0);
  await visitor.page.screenshot({ path: "test-results/e2e/digest-email-link.png", fullPage: true });
  // Acting asks for sign-in.
  await visitor.page.getByRole("link", { name: "Sign in to act", exact: true }).click();
  await expect(visitor.page).toHaveURL(/\/signin\?callbackUrl=/);
  // A tampered signature (or an expired link: the same page, see tests/int/digest.int.test.ts).
  const dot = link.lastIndexOf(".");
  const tampered = `${link.slice(0, dot + 5)}${link[dot + 5] === "A" ? "B" : "A"}${link.slice(dot + 6)}`;
  await visitor.page.goto(tampered);
  await expect(
    visitor.page.getByRole("heading", { name: "This link is invalid or has expired" }),
  ).toBeVisible();

  // The unsubscribe link asks before it changes anything (mail scanners follow links).
  const unsubscribe = (await mail.getByRole("link", { name: /\/unsubscribe\// }).getAttribute("href"))!;
  await visitor.page.goto(unsubscribe);
  await expect(
    visitor.page.getByRole("heading", { name: "Unsubscribe from the weekly digest" }),
  ).toBeVisible();
  await visitor.page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(visitor.page.getByRole("status")).toHaveText("You are unsubscribed.");
  await visitor.close();
  // The owner's settings say so.
  await page.goto(`${digestUrl}/settings`);
  await expect(
    page.getByRole("checkbox", { name: "Weekly digest email (owners and bookkeepers)" }),
  ).not.toBeChecked();

  // The owner's history lists it.
  await page.goto(`${digestUrl}/digests`);
  await expect(page.getByRole("cell", { name: "Sent by hand" }).first()).toBeVisible();
});
