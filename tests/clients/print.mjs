// Prints a page as a person would from headless Chromium (Debian's): opens it with a bearer token, saves it as
// PDF and PNG, and reports the page's text on stdout as JSON. Requests to other origins are refused.
//
//   node print.mjs <URL> <bearer token> <output path without extension>
import { chromium } from "playwright-core";

const [url, token, out] = process.argv.slice(2);
const origin = new URL(url).origin;
const report = { blocked: [] };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  await page.setExtraHTTPHeaders({ Authorization: `Bearer ${token}` });
  await page.route("**/*", (route) => {
    if (route.request().url().startsWith(origin)) return route.continue();
    report.blocked.push(route.request().url());
    return route.abort("blockedbyclient");
  });
  const response = await page.goto(url, { waitUntil: "load" });
  report.status = response.status();
  await page.emulateMedia({ media: "print" });
  await page.pdf({ path: `${out}.pdf`, format: "A4" });
  await page.screenshot({ path: `${out}.png`, fullPage: true });
  report.text = await page.innerText("body");
} catch (error) {
  report.error = String(error);
  process.exitCode = 1;
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));
