import { chromium } from "@playwright/test";

const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
p.on("console", (m) => {
  if (m.type() === "error" || m.type() === "warning") console.log("console", m.type(), m.text());
});
await p.goto("http://localhost:3000/signin");
await p.getByRole("button", { name: "Sign in as the demo owner" }).click();
await p.waitForURL(/\/b\/[0-9a-f-]{36}$/);
await p.waitForTimeout(8000);
await p.reload();
await p.waitForTimeout(1500);
await p.screenshot({ path: "/tmp/digest.png", fullPage: true });
await p.mouse.move(700, 520);
await p.waitForTimeout(500);
await p.screenshot({ path: "/tmp/digest-hover.png" });
await b.close();
