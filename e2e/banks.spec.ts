import { e2eToday, plaidEmulatorPort } from "../playwright.config";
import { expect, signInByEmail, test } from "./fixtures";

const plaidAdmin = async (path: string, body: unknown) => {
  const res = await fetch(`http://127.0.0.1:${plaidEmulatorPort}/__admin/${path}`, {
    method: "POST",
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`plaid admin ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
};

test("connect a bank through Hosted Link: errors and exits say what happened; a password changed at the bank → banner → sign in again → syncing resumes", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInByEmail(page, `bank-${Date.now().toString(36)}@e2e.test`);
  await page.getByLabel("Business name").fill("Bank Street Studio");
  await page.getByRole("button", { name: "Create business" }).click();
  await page.getByRole("link", { name: "Go to Connections" }).click();
  await expect(page.getByText("No bank connected yet.")).toBeVisible();

  // Plaid failing: the button says so, nothing is started.
  await plaidAdmin("faults", {
    endpoint: "/link/token/create",
    error_type: "API_ERROR",
    error_code: "INTERNAL_SERVER_ERROR",
    status: 500,
    count: 1,
  });
  await page.getByRole("button", { name: "Connect a bank" }).click();
  await expect(
    page.getByText("The bank connection service is not answering. Try again in a few minutes."),
  ).toBeVisible();

  // An exit after a wrong password: back on Connections with the bank's words, nothing connected.
  await page.getByRole("button", { name: "Connect a bank" }).click();
  await expect(page.getByRole("heading", { name: "Connect Oodaloo to your bank" })).toBeVisible();
  await page.getByLabel(/Tartan Bank — Sample business 1/).check();
  await page.getByLabel("Password").fill("wrong");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("credentials you provided were incorrect");
  await page.getByRole("button", { name: "Exit" }).click();
  await expect(page).toHaveURL(/\/connections\?bank=exited/);
  await expect(page.getByTestId("bank-banner")).toContainText(
    "The bank connection was not completed. Nothing changed.",
  );
  await expect(page.getByTestId("bank-banner")).toContainText("credentials you provided were incorrect");
  await expect(page.getByText("No bank connected yet.")).toBeVisible();

  // Connected: the bank's accounts and balances, each with its QuickBooks match to confirm.
  await page.getByRole("button", { name: "Connect a bank" }).click();
  await page.getByLabel(/Tartan Bank — Sample business 1/).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/connections\?bank=connected/);
  await expect(page.getByTestId("bank-banner")).toContainText("The bank is connected.");
  const item = page.getByTestId("bank-item");
  await expect(item).toContainText("Tartan Bank");
  await expect(item.getByTestId("bank-account")).toHaveCount(2);
  await expect(async () => {
    await page.reload();
    await expect(item).toContainText(/Transactions synced/, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await page.screenshot({ path: "test-results/e2e/bank-connected.png", fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.screenshot({ path: "test-results/e2e/bank-connected-phone.png", fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "no sideways scroll at 375 px").toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 720 });
  const checking = item.getByTestId("bank-account").filter({ hasText: "Business Checking" });
  const balance = async () => {
    const t = (await checking.locator("td").nth(1).textContent())!;
    return Number(t.replace(/[^\d.-]/g, ""));
  };
  const before = await balance();

  // The person changes their password at the bank: Plaid's ITEM_LOGIN_REQUIRED webhook arrives.
  await plaidAdmin("logins/login_1/reset-login", {});
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("bank-reconnect")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("bank-reconnect")).toContainText("Tartan Bank stopped sharing data");
  await expect(item).toContainText("Needs you to sign in again");
  await page.screenshot({ path: "test-results/e2e/bank-needs-login.png", fullPage: true });
  // Meanwhile the bank moves on: a 1,234.56 deposit the app has not seen.
  await plaidAdmin("logins/login_1/mutations", {
    notify: false,
    mutations: [
      {
        op: "add",
        txn: {
          transaction_id: `e2e_dep_${Date.now()}`,
          account_id: "l1_chk",
          amountCents: -123_456,
          date: e2eToday,
          name: "DEPOSIT E2E",
          pending: false,
        },
      },
    ],
  });

  // Update mode: the same Item, signed in again; the sync picks up from where it stopped.
  await item.getByRole("button", { name: "Sign in to the bank again" }).click();
  await expect(page.getByText(/Sign in again to/)).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/connections\?bank=repaired/);
  await expect(page.getByTestId("bank-banner")).toContainText("working again");
  await expect(page.getByTestId("bank-reconnect")).toHaveCount(0);
  await expect(async () => {
    await page.reload();
    expect(await balance()).toBeCloseTo(before + 1234.56, 2);
  }).toPass({ timeout: 20_000 });
  await expect(item.getByTestId("bank-account")).toHaveCount(2);
  // Every webhook Plaid sent was verified and accepted (none refused as forged or stale).
  const { deliveries } = (await (
    await fetch(`http://127.0.0.1:${plaidEmulatorPort}/__admin/deliveries`)
  ).json()) as {
    deliveries: { status: number | string }[];
  };
  expect(deliveries.length).toBeGreaterThan(2);
  expect(deliveries.filter((d) => d.status !== 200)).toEqual([]);
});

test("the demo business's bank beside its books: confirm the suggested match, see the gap on Connections and the digest", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in as the demo owner" }).click();
  await expect(page).toHaveURL(/\/b\/[0-9a-f-]{36}$/);
  const businessUrl = page.url();
  // The demo bank is made from the books once the first QuickBooks sync is in.
  await page.goto(`${businessUrl}/connections`);
  const item = page.getByTestId("bank-item");
  await expect(async () => {
    await page.reload();
    await expect(item).toContainText(/Transactions synced/, { timeout: 1_000 });
  }).toPass({ timeout: 90_000 });
  await expect(item).toContainText("First Platypus Bank");
  const checking = item
    .getByTestId("bank-account")
    .filter({ hasText: /checking/i })
    .first();
  const book = checking.getByTestId("bank-book");
  await expect(book.getByLabel(/Suggested \(same name\)/)).toBeVisible();
  await book.getByRole("button", { name: "Confirm" }).click();
  // The demo bank leaves two recent checks uncleared and has fees and a transfer the books lack.
  await expect(book).toContainText(/bank (higher|lower) by \$[\d,]+\.\d\d/);
  await page.screenshot({ path: "test-results/e2e/bank-beside-book.png", fullPage: true });

  await page.goto(businessUrl);
  const lines = page.getByTestId("digest-bank");
  await expect(lines).toContainText(/In the bank: \$[\d,]+\.\d\d, as the bank reported/);
  await expect(lines).toContainText(
    /For the 1 account matched to QuickBooks, the bank holds \$[\d,]+\.\d\d (more|less) than the books/,
  );
  await page.screenshot({ path: "test-results/e2e/digest-bank.png", fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.screenshot({ path: "test-results/e2e/digest-bank-phone.png", fullPage: true });
});
