import { emulatorPort } from "../playwright.config";
import { expect, signInByEmail, test } from "./fixtures";

const admin = async (path: string, body?: unknown) => {
  const res = await fetch(`http://127.0.0.1:${emulatorPort}/__admin/${path}`, {
    method: body === undefined ? "GET" : "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
};

test("delay a bill: the impact shown is what the digest shows once committed; a recorded payment deleted in QuickBooks shows as drift", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // A business of its own, connected to the emulator's third company (the others belong to the
  // demo business and to the QuickBooks test), so this test changes nobody else's figures.
  await signInByEmail(page, `decide-${Date.now().toString(36)}@e2e.test`);
  await page.getByLabel("Business name").fill("North Studio");
  await page.getByRole("button", { name: "Create business" }).click();
  await page.getByRole("link", { name: "Go to Connections" }).click();
  await page.getByRole("button", { name: "Connect QuickBooks" }).click();
  await expect(page.getByRole("heading", { name: "Connect to QuickBooks" })).toBeVisible();
  const company = page.getByLabel("Company");
  const chosen = (await company.locator("option").allTextContents())[2]!;
  const realmId = /\((\d+)\)$/.exec(chosen)![1]!;
  await company.selectOption({ index: 2 });
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: /Full sync · on connecting/ })).toContainText(
    "API calls",
    {
      timeout: 45_000,
    },
  );
  const businessUrl = page.url().replace(/\/connections.*$/, "");

  // Try delays until one moves the runway or its lowest point; the impact comes from the server.
  await page.goto(`${businessUrl}/decisions`);
  const bills = page.locator('[data-testid^="bill-"]');
  await expect(bills.first()).toBeVisible();
  let impact = "";
  let lowestText = "";
  let picked: string | null = null;
  for (let i = 0; i < Math.min(8, await bills.count()); i++) {
    const row = bills.nth(i);
    await row.getByRole("button", { name: "Decide" }).click();
    const input = row.getByLabel("Pay on");
    await input.fill((await input.getAttribute("max"))!); // as late as the forecast allows
    await expect(row.getByTestId("impact-runway")).toHaveText(/^Runway /, { timeout: 15_000 });
    impact = (await row.getByTestId("impact-runway").textContent())!;
    lowestText = (await row.getByTestId("impact-lowest").count())
      ? (await row.getByTestId("impact-lowest").textContent())!
      : "";
    if (/\(\+\d+ days?\)/.test(impact) || /\(\+\$/.test(lowestText)) {
      picked = await row.getAttribute("data-testid"); // rows re-sort once committed: keep its id
      break;
    }
    await row.getByRole("button", { name: "Close" }).click();
  }
  expect(picked, `a delay that helps (last impact: ${impact} ${lowestText})`).not.toBeNull();
  const row = page.getByTestId(picked!);
  const whole = async () => ((await row.getByTestId("impact").textContent()) ?? "").trim();
  const atLatest = await whole();
  await expect(row.getByTestId("impact-chart")).toBeVisible();
  await expect(row.getByTestId("impact-chart").getByText("With this decision")).toBeVisible();
  await page.screenshot({ path: "test-results/e2e/decision-try.png", fullPage: false });
  // The same bill on another date answers differently: the impact sees timing.
  const input = row.getByLabel("Pay on");
  const latest = (await input.getAttribute("max"))!;
  const midway = new Date(Date.parse(`${(await input.getAttribute("min"))!}T00:00:00Z`) + 45 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const settled = async () => {
    await expect(row.getByText("Working out the runway impact…")).toHaveCount(0, { timeout: 15_000 });
    await expect(row.getByTestId("impact-runway")).toBeVisible();
    return whole();
  };
  await input.fill(midway);
  expect(await settled()).not.toBe(atLatest);
  await page.setViewportSize({ width: 375, height: 812 });
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/e2e/decision-try-phone.png", fullPage: false });
  await page.setViewportSize({ width: 1280, height: 720 });
  await input.fill(latest);
  expect(await settled()).toBe(atLatest);
  const m = /^Runway (?:stays |.+? → )?(.+?)(?: \(.*\)|; .*)?$/.exec(impact)!;
  expect(m, impact).not.toBeNull();
  const [, after] = m;
  const l = /^Lowest in 13 weeks: ([-−]?\$[\d,.]+) on (.+?)(?: \(.*\))?$/.exec(lowestText)!;
  expect(l, lowestText).not.toBeNull();
  const [, lowest, lowestDate] = l;
  await page.getByTestId(picked!).getByRole("button", { name: "Commit" }).click();
  await expect(page.getByTestId(picked!).getByRole("status")).toHaveText(/^Committed: pay bill /);
  await expect(page.getByTestId("console-runway")).toContainText(after!);

  // The digest now shows exactly the figures the try showed.
  await page.goto(businessUrl);
  await expect(page.getByTestId("runway-headline")).toHaveText(after!);
  await expect(page.getByText(`Lowest point: ${lowest} on ${lowestDate}.`)).toBeVisible();

  // Record a payment of another bill in QuickBooks, then delete it there.
  await page.goto(`${businessUrl}/decisions`);
  const otherId = (await page
    .locator('[data-testid^="bill-"]')
    .filter({ hasNotText: "Committed" })
    .first()
    .getAttribute("data-testid"))!;
  const other = page.getByTestId(otherId);
  await other.getByRole("button", { name: "Decide" }).click();
  await other.locator("summary", { hasText: "Record payment in QuickBooks" }).click();
  await other.getByRole("button", { name: "Record payment in QuickBooks" }).click();
  // The decision log says it is done (the bill itself leaves the list once the follow-up sync ran).
  const done = page
    .getByTestId("decision-log-entry")
    .filter({ hasText: /^Done in QuickBooks — record payment/ });
  await expect(async () => {
    await page.reload();
    await expect(done).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const exported = await admin(`companies/${realmId}/export`);
  const recorded = (exported.entities.BillPayment as { Id: string; PrivateNote?: string }[]).filter(
    (p) => p.PrivateNote === "Recorded from Oodaloo",
  );
  expect(recorded).toHaveLength(1);
  await admin(`companies/${realmId}/mutations`, { op: "deleteBillPayment", id: recorded[0]!.Id });

  // The next sync notices: drift in the prep tray.
  await page.goto(`${businessUrl}/connections`);
  await page.getByRole("button", { name: "Sync now" }).click();
  await page.goto(`${businessUrl}/tray`);
  const drift = page.locator('[data-rule="writeDrift"]');
  await expect(async () => {
    await page.reload();
    await expect(drift).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(drift).toContainText("The payment recorded from Oodaloo was deleted in QuickBooks");
  await page.screenshot({ path: "test-results/e2e/tray-drift.png", fullPage: false });

  // The proposed payment run: every line says why its day; accepting it saves the days as plans.
  await page.goto(`${businessUrl}/decisions`);
  const run = page.getByTestId("payment-run");
  await run.scrollIntoViewIfNeeded();
  await expect(
    run.getByRole("list", { name: "Proposed payment days" }).getByRole("listitem").first(),
  ).toContainText(/Pay (later|\w{3} \d+, \d{4})/);
  // Beside the bills, the invoices to chase first: reminders or promise dates, never a delay.
  const chase = run.getByTestId("payment-run-chase");
  await expect(chase.getByRole("heading", { name: "Chase first" })).toBeVisible();
  for (const item of await chase.getByRole("listitem").all())
    await expect(item).toContainText(/^(Send a reminder for|Get a promise date for) /);
  await page.screenshot({ path: "test-results/e2e/payment-run.png", fullPage: false });
  const plan = run.getByRole("button", { name: /^Plan (this payment|these \d+ payments)$/ });
  const label = (await plan.textContent())!;
  const n = /\d+/.exec(label)?.[0] ?? "1";
  await plan.click();
  await expect(run).toContainText(`${n === "1" ? "1 bill" : `${n} bills`} planned as proposed.`);
  await page.reload();
  await expect(
    page
      .getByTestId("decision-log-entry")
      .filter({ hasText: /^Planned — pay bill/ })
      .first(),
  ).toBeVisible();
});
