import { e2eToday } from "../playwright.config";
import { expect, signInByEmail, test } from "./fixtures";

const plus = (days: number) =>
  new Date(Date.parse(`${e2eToday}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

test("a scenario with a hire and a promise: built in dialogs (keyboard too), compared with the plan on the chart and table, committed, and mentioned by the digest", async ({
  page,
}) => {
  test.setTimeout(150_000);
  // A business of its own on the emulator's fourth company (a studio six weeks old: too little
  // history for a runway in days, so the digest's line speaks of the 13-week low), so nobody
  // else's figures move.
  await signInByEmail(page, `scenario-${Date.now().toString(36)}@e2e.test`);
  await page.getByLabel("Business name").fill("Scenario Studio");
  await page.getByRole("button", { name: "Create business" }).click();
  await page.getByRole("link", { name: "Go to Connections" }).click();
  await page.getByRole("button", { name: "Connect QuickBooks" }).click();
  await page.getByLabel("Company").selectOption({ index: 3 });
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: /Full sync · on connecting/ })).toContainText(
    "API calls",
    { timeout: 45_000 },
  );
  const businessUrl = page.url().replace(/\/connections.*$/, "");

  await page.goto(`${businessUrl}/scenarios`);
  await expect(page.getByText("No scenarios yet")).toBeVisible();
  await page.getByRole("button", { name: "New scenario" }).click();
  const create = page.getByRole("dialog", { name: "New scenario" });
  await create.getByLabel("Name").fill("Hire a designer in March");
  await create.getByRole("button", { name: "Create scenario" }).click();
  await expect(create).toHaveCount(0);
  const card = page.getByTestId("scenario-card");
  await expect(card).toHaveCount(1);

  // The hire, with the mouse.
  await card.getByRole("button", { name: "Add to scenario" }).click();
  const add = page.getByRole("dialog", { name: "Add to “Hire a designer in March”" });
  await expect(add.getByRole("tab", { name: "Hire" })).toHaveAttribute("aria-selected", "true");
  await add.getByLabel("Role or name").fill("Designer");
  await add.getByLabel("Gross pay a month").fill("9,500.00");
  await add.getByLabel("Starts on").fill(plus(3));
  await add.getByLabel("Paid on day of the month").fill(plus(3).slice(8, 10));
  await add.getByRole("button", { name: "Add the hire" }).click();
  await expect(add).toHaveCount(0);
  await expect(card.getByTestId("scenario-item")).toContainText("Hire: Designer — $9,500.00 a month from");
  await expect(card.getByTestId("scenario-item")).toContainText("plus 7.65% employer payroll tax ($726.75)");

  // A bad amount is a field error in the dialog, not a failure.
  await card.getByRole("button", { name: "Add to scenario" }).click();
  await add.getByLabel("Role or name").fill("Nobody");
  await add.getByLabel("Gross pay a month").fill("lots");
  await add.getByRole("button", { name: "Add the hire" }).click();
  await expect(add.getByText("Enter an amount like 6500.00")).toBeVisible();

  // The promise, from the keyboard: the tabs move with the arrow keys; Escape closes a dialog.
  // Each press waits for its tab to be chosen: on a slow machine presses sent in one burst can land
  // while the dialog is still re-rendering the field error, and some are lost.
  await add.getByRole("tab", { name: "Hire" }).focus();
  await expect(add.getByRole("tab", { name: "Hire" })).toBeFocused();
  for (const next of [
    "Loan",
    "New retainer",
    "Lost client",
    "One-off",
    "Move recurring",
    "Pay a bill",
    "Promise",
  ]) {
    await page.keyboard.press("ArrowRight");
    await expect(add.getByRole("tab", { name: next, exact: true })).toHaveAttribute("aria-selected", "true");
  }
  const invoice = add.getByLabel("Invoice");
  await invoice.focus();
  await invoice.selectOption({ index: 1 });
  const invoiceName = ((await invoice.locator("option").nth(1).textContent()) ?? "")
    .split(" · ")
    .slice(0, 2)
    .join(" · ");
  await add.getByLabel("Customer promised to pay by").fill(plus(5));
  await add.getByLabel("Customer promised to pay by").press("Enter");
  await expect(add).toHaveCount(0);
  await expect(card.getByTestId("scenario-decision")).toContainText(`Promise: ${invoiceName} for`);
  await card.getByRole("button", { name: "Add to scenario" }).press("Enter");
  await expect(add).toBeVisible();
  await page.setViewportSize({ width: 375, height: 812 });
  await page.screenshot({ path: "test-results/e2e/scenario-dialog-phone.png", fullPage: false });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.keyboard.press("Escape");
  await expect(add).toHaveCount(0);
  await expect(card.getByRole("button", { name: "Add to scenario" })).toBeFocused();

  // Compared with the plan: the chart with its legend, and the table with runway and both lows.
  await expect(page.getByTestId("compare-chart")).toBeVisible();
  await expect(page.getByTestId("compare-chart").getByText("Hire a designer in March")).toBeVisible();
  const rows = page.getByTestId("compare-table").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).locator("th")).toHaveText("As planned now");
  await expect(rows.nth(1).locator("th")).toHaveText("Hire a designer in March");
  // $10,226.75 a month more going out: the 13-week low is lower than the plan's.
  const money = async (r: number, c: number) => {
    const t = (await rows.nth(r).locator("td").nth(c).textContent())!;
    const m = /([-−])?\$([\d,]+\.\d\d)/.exec(t)!;
    return (m[1] ? -1 : 1) * Number(m[2]!.replace(/,/g, ""));
  };
  expect(await money(1, 2)).toBeLessThan(await money(0, 2));
  await page.screenshot({ path: "test-results/e2e/scenario-compare.png", fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.screenshot({ path: "test-results/e2e/scenario-compare-phone.png", fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "no sideways scroll at 375 px").toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 720 });

  // Committed: only the promise becomes a decision; the hire stays a plan.
  page.once("dialog", (d) => d.accept());
  await card.getByRole("button", { name: "Commit its decisions" }).click();
  await expect(card.getByRole("status")).toHaveText("“Hire a designer in March”: 1 of 1 committed.");
  await expect(card.getByTestId("scenario-decision")).toContainText(/Committed: .+ promised /);
  await card.getByRole("button", { name: "Mention in the digest" }).click();
  await expect(card.getByText("Mentioned in the digest")).toBeVisible();

  // The digest: the plan now holds the promise, and the line about the scenario names both runways.
  await page.goto(businessUrl);
  await expect(page.getByTestId("runway-headline")).toHaveText("Not enough data");
  const line = page.getByTestId("digest-scenario");
  await expect(line).toContainText("Your “Hire a designer in March” plan");
  const lowest = /^Lowest point: (\$[\d,.]+) on /.exec(
    (await page.getByText(/^Lowest point: /).textContent())!,
  )![1]!;
  const m =
    /plan leaves runway at not enough data and lowers the 13-week low from (\$[\d,.]+) to (\$[\d,.]+)\./.exec(
      (await line.textContent())!,
    );
  expect(m, (await line.textContent())!).not.toBeNull();
  expect(m![1]).toBe(lowest);
  const cents = (t: string) => Number(t.replace(/[$,.]/g, ""));
  expect(cents(m![2]!)).toBeLessThan(cents(m![1]!));
  await page.screenshot({ path: "test-results/e2e/scenario-digest.png", fullPage: false });
});
