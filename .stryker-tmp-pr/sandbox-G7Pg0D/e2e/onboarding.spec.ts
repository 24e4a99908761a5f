// @ts-nocheck
import { expect, newPerson, signInByEmail, test } from "./fixtures";

test("sign up by magic link, create a business, invite a bookkeeper; a stranger gets 404", async ({
  page,
  browser,
}) => {
  const stamp = Date.now().toString(36);
  const ownerEmail = `owner-${stamp}@e2e.test`;
  const bookkeeperEmail = `bk-${stamp}@e2e.test`;

  // 1. Sign up through a magic link from the outbox → onboarding.
  await signInByEmail(page, ownerEmail);
  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(page.getByRole("heading", { name: "Welcome to Oodaloo" })).toBeVisible();

  // Bad input shows field errors and creates nothing.
  await page.getByLabel("Business name").fill("   ");
  await page.getByRole("button", { name: "Create business" }).click();
  await expect(page.getByText("Enter the business name")).toBeVisible();
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.getByLabel("Business name").fill("x".repeat(200));
  await page.getByRole("button", { name: "Create business" }).click();
  await expect(page.getByText("Keep the name under 120 characters")).toBeVisible();

  // 2. Create the business → the empty digest says what to do next.
  await page.getByLabel("Business name").fill("Harbor Lane Design");
  await page.getByLabel("Timezone").selectOption("America/Chicago");
  await page.getByRole("button", { name: "Create business" }).click();
  await expect(page).toHaveURL(/\/b\/[0-9a-f-]{36}$/);
  const businessUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { name: "Connect QuickBooks to see your runway" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to Connections" })).toBeVisible();
  await expect(page.getByText("Harbor Lane Design · runway, cash and this week's actions")).toBeVisible();

  // 3. Invite a bookkeeper.
  await page.getByRole("link", { name: "Settings" }).click();
  const invite = page.getByRole("heading", { name: "Invite someone" }).locator("..");
  await invite.getByLabel("Email").fill("not-an-email");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(invite.getByText("Enter a valid email address")).toBeVisible();
  await invite.getByLabel("Email").fill(bookkeeperEmail);
  await invite.getByLabel("Role").selectOption("bookkeeper");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`${bookkeeperEmail} · bookkeeper`)).toBeVisible();

  // 4. The bookkeeper signs in, opens the invitation from the outbox and joins with bookkeeper rights.
  const bookkeeper = await newPerson(browser);
  const bk = bookkeeper.page;
  await signInByEmail(bk, bookkeeperEmail);
  await bk.goto("/outbox");
  await bk
    .getByRole("article", {
      name: `Email to ${bookkeeperEmail}: You're invited to Harbor Lane Design on Oodaloo`,
    })
    .getByRole("link", { name: /\/invite\// })
    .click();
  await expect(bk.getByRole("heading", { name: "Join Harbor Lane Design" })).toBeVisible();
  await bk.getByRole("button", { name: "Accept invitation" }).click();
  await expect(bk).toHaveURL(new RegExp(`${businessUrl}$`));
  await expect(bk.getByText("Bookkeeper", { exact: false }).first()).toBeVisible();
  await bk.getByRole("link", { name: "Settings" }).click();
  await expect(bk.getByText("Only owners can invite people or change roles.")).toBeVisible();
  await expect(bk.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await expect(bk.getByRole("cell", { name: bookkeeperEmail })).toBeVisible();
  await bk.screenshot({ path: "test-results/e2e/bookkeeper-settings.png", fullPage: true });

  // 5. A second, unrelated user gets 404 on every page of the business.
  const strangerPerson = await newPerson(browser, { expected404: true });
  const stranger = strangerPerson.page;
  await signInByEmail(stranger, `stranger-${stamp}@e2e.test`);
  await expect(stranger).toHaveURL(/\/onboarding$/);
  for (const suffix of ["", "/settings", "/tray", "/decisions", "/reserve", "/connections"]) {
    const res = await stranger.goto(`${businessUrl}${suffix}`);
    expect(res?.status(), `${businessUrl}${suffix}`).toBe(404);
    await expect(stranger.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  await bookkeeper.close();
  await strangerPerson.close();
});

test("signed-out visitors go to sign-in", async ({ page }) => {
  await page.goto("/b/7d2f8d4e-0000-4000-8000-000000000000/settings");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await expect(page.getByRole("heading", { name: "Sign in or create an account" })).toBeVisible();
  // Browsers ask for /favicon.ico whenever a page's icon link is momentarily absent (React swaps
  // the head on client navigations); a 404 there was a console error on an unrelated test.
  const icon = await page.request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/");
});

test("the demo owner signs in with one click and sees the demo business", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in as the demo owner" }).click();
  await expect(page).toHaveURL(/\/b\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Northwind Creative").first()).toBeVisible();
  await page.screenshot({ path: "test-results/e2e/demo-owner-digest.png", fullPage: true });
});

test("the demo advisor lands on the firm portfolio with the granted client", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in as the demo advisor" }).click();
  await expect(page).toHaveURL(/\/firm\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("link", { name: "Northwind Creative" })).toBeVisible();
  await page.getByRole("link", { name: "Northwind Creative" }).click();
  await expect(page.getByText("Advisor").first()).toBeVisible();
});
