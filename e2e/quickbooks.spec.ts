import { e2eToday, emulatorPort } from "../playwright.config";
import { expect, newPerson, signInByEmail, test } from "./fixtures";

const emulatorAdmin = (path: string, body: unknown = {}) =>
  fetch(`http://127.0.0.1:${emulatorPort}/__admin/${path}`, { method: "POST", body: JSON.stringify(body) });

test("connect a new business to QuickBooks through the authorize page; the sync fills the Connections page", async ({
  page,
  browser,
}) => {
  const email = `qbo-${Date.now().toString(36)}@e2e.test`;
  await signInByEmail(page, email);
  await page.getByLabel("Business name").fill("Pioneer Design");
  await page.getByRole("button", { name: "Create business" }).click();
  await expect(page.getByRole("heading", { name: "Connect QuickBooks to see your runway" })).toBeVisible();
  await page.getByRole("link", { name: "Go to Connections" }).click();
  await expect(page.getByText("Not connected")).toBeVisible();

  // The emulator's authorize page: pick a company that no other business uses, approve.
  await page.getByRole("button", { name: "Connect QuickBooks" }).click();
  await expect(page.getByRole("heading", { name: "Connect to QuickBooks" })).toBeVisible();
  const company = page.getByLabel("Company");
  const options = await company.locator("option").allTextContents();
  // One company per spec that connects its own (playwright.config.ts seeds four).
  expect(options).toHaveLength(4);
  await company.selectOption({ index: 1 });
  const chosen = options[1]!.replace(/ \(\d+\)$/, "");
  const realmId = /\((\d+)\)$/.exec(options[1]!)![1]!;
  // As an independent QuickBooks server did: this company refuses two optional entities.
  expect(
    (
      await emulatorAdmin(`companies/${realmId}/refuse`, {
        query: ["RecurringTransaction", "CreditCardPayment"],
        cdc: ["CreditCardPayment"],
      })
    ).ok,
  ).toBe(true);
  await page.getByRole("button", { name: "Connect" }).click();

  await expect(page).toHaveURL(/\/connections\?result=connected/);
  await expect(
    page.getByText(/^QuickBooks is connected\. (A sync is running|The sync has finished)\.$/),
  ).toBeVisible();
  // The progress poll ends with every entity up to date and the company's real name.
  await expect(page.getByRole("row", { name: /^Invoices \(Invoice\) \d+ Up to date/ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole("row", { name: /^Vendors \(Vendor\) \d+ Up to date/ })).toBeVisible();
  await expect(page.getByText(chosen, { exact: false }).first()).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: /Full sync · on connecting/ })).toContainText(
    "API calls",
    { timeout: 30_000 },
  );
  // The first sync completed with gaps, and Connections names them and what they leave out.
  await expect(page.getByRole("listitem").filter({ hasText: /Full sync · on connecting/ })).toContainText(
    "Completed with gaps (credit card payments, recurring templates)",
  );
  await expect(page.getByTestId("gap-CreditCardPayment")).toContainText(
    "Not shared by this QuickBooks company — the figures leave out card balances paid from the bank",
  );
  await expect(page.getByTestId("gap-RecurringTransaction")).toContainText("QuickBooks: Error parsing query");
  await page.screenshot({ path: "test-results/e2e/connections-synced.png", fullPage: true });
  // The digest shows figures, and names what the forecast leaves out.
  await page.getByRole("link", { name: "Digest" }).first().click();
  await expect(page.getByTestId("runway-headline")).toBeVisible();
  await expect(page.getByText("What the forecast leaves out")).toBeVisible();
  await expect(
    page.getByText("Credit card payments: QuickBooks did not share them", { exact: false }),
  ).toBeVisible();
  await page.goBack();

  // "Sync now" queues a poll that finds nothing new: one API call.
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: /Changes · asked for/ })).toContainText(
    "0 changed · 1 API calls",
    { timeout: 15_000 },
  );

  // QuickBooks revokes the authorization: the next sync stops with a reconnect banner; reconnecting
  // to the same company resumes from the saved checkpoints (changes only, no full sync).
  expect((await emulatorAdmin(`companies/${realmId}/revoke`)).ok).toBe(true);
  expect((await emulatorAdmin(`companies/${realmId}/expire-tokens`)).ok).toBe(true);
  await page.getByRole("button", { name: "Sync now" }).click();
  const banner = page.getByRole("alert").filter({ hasText: "Reconnect QuickBooks" });
  await expect(async () => {
    await page.reload();
    await expect(banner).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(banner).toContainText("syncing has stopped");
  // The redirect's "connected" notice (still in the URL) is no longer true, so it is gone.
  await expect(page).toHaveURL(/result=connected/);
  await expect(page.getByText("QuickBooks is connected.")).toHaveCount(0);
  await expect(
    page.getByRole("row", { name: /^Invoices \(Invoice\) \d+ Paused until reconnected/ }),
  ).toBeVisible();
  await page.screenshot({ path: "test-results/e2e/connections-reconnect.png", fullPage: true });
  await banner.getByRole("button", { name: "Reconnect QuickBooks" }).click();
  await page.getByLabel("Company").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page).toHaveURL(/\/connections\?result=connected/);
  await expect(page.getByRole("alert").filter({ hasText: "Reconnect QuickBooks" })).toHaveCount(0);
  await expect(page.getByRole("listitem").filter({ hasText: /Changes · on connecting/ })).toContainText(
    "API calls",
    {
      timeout: 30_000,
    },
  );
  await expect(page.getByRole("row", { name: /^Invoices \(Invoice\) \d+ Up to date/ })).toBeVisible();

  // The same company cannot be connected to a second business.
  const other = await newPerson(browser);
  await signInByEmail(other.page, `qbo2-${Date.now().toString(36)}@e2e.test`);
  await other.page.getByLabel("Business name").fill("Copycat LLC");
  await other.page.getByRole("button", { name: "Create business" }).click();
  await other.page.getByRole("link", { name: "Go to Connections" }).click();
  await other.page.getByRole("button", { name: "Connect QuickBooks" }).click();
  await other.page.getByLabel("Company").selectOption({ index: 1 });
  await other.page.getByRole("button", { name: "Connect" }).click();
  await expect(
    other.page.getByText("This QuickBooks company is already connected to another business in Oodaloo.", {
      exact: false,
    }),
  ).toBeVisible();
  await expect(other.page.getByText("Not connected")).toBeVisible();
  await other.close();

  // Disconnect revokes and stops syncing.
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByText("Not connected")).toBeVisible();
});

test("the demo business is connected to the emulator at start-up", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in as the demo owner" }).click();
  await expect(page).toHaveURL(/\/b\/[0-9a-f-]{36}$/);
  await page.getByRole("link", { name: "Connections", exact: true }).click();
  await expect(page.getByText("Northwind Creative · QuickBooks company ID", { exact: false })).toBeVisible();
  await expect(page.getByRole("row", { name: /^Bills \(Bill\) \d+ Up to date/ })).toBeVisible({
    timeout: 30_000,
  });
});

test("a company that does not share purchases: the digest marks the burn incomplete; one that does not share invoices: the pages say what is missing instead of figures", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  /** A new emulator company refusing `entity`, connected to a new business through the authorize page. */
  const connectRefusing = async (p: typeof page, entity: string, business: string) => {
    const realmId = `9341460000${Date.now().toString().slice(-6)}`;
    const res = await emulatorAdmin("companies", {
      seed: Number(realmId.slice(-4)),
      realmId,
      today: e2eToday,
      months: 4,
      name: `${business} Books`,
      refuse: { query: [entity], cdc: [entity] },
    });
    expect(res.ok).toBe(true);
    await signInByEmail(p, `refuse-${entity.toLowerCase()}-${Date.now().toString(36)}@e2e.test`);
    await p.getByLabel("Business name").fill(business);
    await p.getByRole("button", { name: "Create business" }).click();
    await p.getByRole("link", { name: "Go to Connections" }).click();
    await p.getByRole("button", { name: "Connect QuickBooks" }).click();
    await expect(p.getByRole("heading", { name: "Connect to QuickBooks" })).toBeVisible();
    const options = await p.getByLabel("Company").locator("option").allTextContents();
    const label = options.find((o) => o.endsWith(`(${realmId})`));
    expect(label).toBeDefined();
    await p.getByLabel("Company").selectOption({ label: label! });
    await p.getByRole("button", { name: "Connect" }).click();
    await expect(p.getByRole("listitem").filter({ hasText: /Full sync · on connecting/ })).toContainText(
      "Completed with gaps",
      { timeout: 45_000 },
    );
    await expect(p.getByTestId(`gap-${entity}`)).toBeVisible();
    return p.url().replace(/\/connections.*$/, "");
  };

  // Purchase refused: figures, with the burn marked incomplete.
  const purchases = await connectRefusing(page, "Purchase", "Harbor Kitchen");
  await page.goto(purchases);
  await expect(page.getByTestId("runway-headline")).toBeVisible();
  await expect(page.getByTestId("burn-incomplete")).toBeVisible();
  await page.screenshot({ path: "test-results/e2e/digest-burn-incomplete.png", fullPage: true });

  // Invoice refused: no figures anywhere that needs them; each page names what is missing.
  const other = await newPerson(browser);
  const invoices = await connectRefusing(other.page, "Invoice", "Quay Partners");
  for (const path of ["", "/decisions", "/tray"]) {
    await other.page.goto(`${invoices}${path}`);
    await expect(
      other.page.getByRole("heading", { name: "QuickBooks did not share invoices" }),
    ).toBeVisible();
    await expect(other.page.getByTestId("runway-headline")).toHaveCount(0);
  }
  await other.page.getByRole("link", { name: "See what is synced" }).click();
  await expect(other.page.getByTestId("gap-Invoice")).toBeVisible();
  await other.page.setViewportSize({ width: 390, height: 844 });
  await other.page.goto(invoices);
  await other.page.screenshot({ path: "test-results/e2e/digest-blocked-phone.png", fullPage: true });
  await other.close();
});
