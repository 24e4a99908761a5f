import { expect, test } from "./fixtures";

test("the digest shows the demo business's runway, 13-week chart and this week's actions", async ({
  page,
}) => {
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
  await expect(headline).toHaveText(/^\d[\d,]* days$/);
  await expect(page.getByText(/^Spendable cash runs out on /)).toBeVisible();
  await expect(
    page.getByRole("img", { name: "13-week projection of spendable cash" }).locator("svg").first(),
  ).toBeVisible();
  await expect(page.getByText(/^Lowest point: /)).toBeVisible();
  const actions = page.getByRole("region", { name: "This week's three actions" }).getByRole("listitem");
  await expect(actions).toHaveCount(3);
  await expect(actions.first()).toContainText(/[+]\d+ days|no longer runs out|lowest \+/);
  // The table alternative to the chart: 13 weeks.
  await page.getByText("Show the forecast as a table").click();
  await expect(page.getByRole("table", { name: "Weekly forecast" }).locator("tbody tr")).toHaveCount(13);
  await expect(page.getByRole("heading", { name: "Owed to you (AR)" })).toBeVisible();
  await page.screenshot({ path: "test-results/e2e/digest.png", fullPage: true });
});
