// @ts-nocheck
import { expect, newPerson, signInByEmail, test } from "./fixtures";

test("the advisor sees only granted clients; once the owner revokes, the client leaves the portfolio and its pages answer 404; another firm sees none of it", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // The demo advisor's firm has the demo business as a client.
  const advisor = await newPerson(browser, { expected404: true });
  await advisor.page.goto("/signin");
  await advisor.page.getByRole("button", { name: "Sign in as the demo advisor" }).click();
  await expect(advisor.page).toHaveURL(/\/firm\/[0-9a-f-]{36}$/);
  const portfolioUrl = advisor.page.url();
  const client = advisor.page.getByRole("link", { name: "Northwind Creative" });
  await expect(client).toBeVisible();
  const businessPath = (await client.getAttribute("href"))!;
  await expect(advisor.page.getByTestId("portfolio-row")).toHaveCount(1);
  const code = (await advisor.page.getByTestId("invite-code").textContent())!;
  await advisor.page.screenshot({ path: "test-results/e2e/portfolio.png", fullPage: true });

  // Another firm: created from scratch, it sees nothing, and the client's pages answer 404.
  const outsider = await newPerson(browser, { expected404: true });
  await signInByEmail(outsider.page, `firm-${Date.now().toString(36)}@e2e.test`);
  await outsider.page.getByRole("link", { name: "Create a firm" }).click();
  await outsider.page.getByLabel("Firm name").fill("Elsewhere Advisory");
  await outsider.page.getByRole("button", { name: "Create firm" }).click();
  await expect(outsider.page.getByRole("heading", { name: "No clients yet" })).toBeVisible();
  for (const suffix of ["", "/decisions", "/tray"]) {
    const res = await outsider.page.goto(`${businessPath}${suffix}`);
    expect(res?.status(), `${businessPath}${suffix}`).toBe(404);
  }
  await outsider.close();

  // The owner revokes the firm's access.
  const owner = await newPerson(browser);
  await owner.page.goto("/signin");
  await owner.page.getByRole("button", { name: "Sign in as the demo owner" }).click();
  await expect(owner.page).toHaveURL(/\/b\/[0-9a-f-]{36}$/);
  await owner.page.goto(`${businessPath}/settings`);
  const grant = owner.page.getByTestId("firm-grant").filter({ hasText: "Ledgerlight CAS" });
  await expect(grant).toContainText("has access since");
  owner.page.once("dialog", (d) => void d.accept());
  await grant.getByRole("button", { name: "Revoke" }).click();
  await expect(grant.first()).toContainText("revoked");

  // At once: the portfolio no longer lists it, and its pages answer 404 to the advisor.
  await advisor.page.goto(portfolioUrl);
  await expect(advisor.page.getByRole("heading", { name: "No clients yet" })).toBeVisible();
  const res = await advisor.page.goto(businessPath);
  expect(res?.status()).toBe(404);

  // The owner grants again with the firm's code; it counts once the firm accepts.
  await owner.page.getByLabel("Firm's code").fill(code.toLowerCase());
  await owner.page.getByRole("button", { name: "Grant access" }).click();
  await expect(owner.page.getByRole("status")).toHaveText(/it starts when the firm accepts/);
  await advisor.page.goto(portfolioUrl);
  await expect(advisor.page.getByRole("heading", { name: "No clients yet" })).toBeVisible();
  const pending = advisor.page.getByTestId("pending-client").filter({ hasText: "Northwind Creative" });
  await pending.getByRole("button", { name: "Accept" }).click();
  await expect(advisor.page.getByRole("link", { name: "Northwind Creative" })).toBeVisible();
  await owner.close();
  await advisor.close();
});
