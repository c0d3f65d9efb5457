// Uses GraphiQL as a person would, in headless Chromium (Debian's), with every request to another origin
// blocked: opens the page, pastes a bearer token into the Headers editor, types a query, runs it, opens the
// documentation explorer. Prints one JSON report on stdout; exits non-zero when a step fails.
//
//   node graphiql.mjs <server base URL> <bearer token> <query>
import { chromium } from "playwright-core";

const [base, token, query] = process.argv.slice(2);
const origin = new URL(base).origin;
const report = { blocked: [], served: [], consoleErrors: [] };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    // Every host name but the server's address resolves to nothing: the network is closed at the browser too.
    `--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE ${new URL(base).hostname}`,
  ],
});
try {
  const page = await browser.newPage();
  page.on("console", (m) => m.type() === "error" && report.consoleErrors.push(m.text()));
  page.on("pageerror", (e) => report.consoleErrors.push(String(e)));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:")) {
      report.served.push(url.slice(origin.length));
      return route.continue();
    }
    report.blocked.push(url);
    return route.abort("blockedbyclient");
  });

  await page.goto(`${base}/graphql`, { waitUntil: "load" });
  await page.locator(".graphiql-query-editor .CodeMirror").waitFor({ timeout: 20000 });
  report.rendered = true;

  // The headers editor, where a user pastes a token.
  await page.getByRole("button", { name: "Headers" }).click();
  const headers = page.locator(".graphiql-editor-tool .CodeMirror").last();
  await headers.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${token}` }));

  // The query, typed key by key into the query editor.
  await page.locator(".graphiql-query-editor .CodeMirror").click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(query, { delay: 5 });
  await page.keyboard.press("Escape"); // closes the completion list typing opened
  report.typed = await page.evaluate(
    () => document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.getValue(),
  );

  const answered = page.waitForResponse((r) => r.url() === `${origin}/graphql` && r.request().method() === "POST"
    && (r.request().postData() ?? "").includes("centres"));
  await page.getByRole("button", { name: /Execute query/ }).click();
  await answered;
  const result = page.locator(".graphiql-response .CodeMirror");
  await page.waitForFunction(
    () => (document.querySelector(".graphiql-response .CodeMirror")?.CodeMirror.getValue() ?? "").includes("data"),
    null,
    { timeout: 20000 },
  );
  report.result = JSON.parse(await result.evaluate((el) => el.CodeMirror.getValue()));

  // The documentation explorer shows the schema's root types.
  await page.getByRole("button", { name: /Show Documentation Explorer/ }).click();
  const docs = page.locator(".graphiql-doc-explorer");
  await docs.getByText("Query", { exact: true }).first().waitFor({ timeout: 20000 });
  report.docs = await docs.innerText();
} catch (error) {
  report.error = String(error);
  process.exitCode = 1;
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));
