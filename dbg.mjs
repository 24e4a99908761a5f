import { chromium } from "playwright-core";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"] });
for (let i = 0; i < Number(process.argv[2] ?? 6); i++) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const log = [];
  page.on("response", async (r) => { if (r.status() >= 400) log.push(`${r.status()} ${r.request().method()} ${r.url()} hdrs=${JSON.stringify(r.request().headers())}`); });
  page.on("console", (m) => { if (m.type() === "error") log.push(`console: ${m.text()}`); });
  await page.goto("http://localhost:3200/signin");
  await page.getByRole("button", { name: "Sign in as the demo owner" }).click();
  await page.waitForURL(/\/b\//);
  await page.getByText("Northwind Creative").first().waitFor();
  await page.waitForTimeout(300);
  if (log.length) console.log(i, log.join("\n"));
  await ctx.close();
}
await browser.close();
