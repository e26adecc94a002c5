import { expect, test, type Page } from "@playwright/test";
import { signIn, USERS } from "./auth";

// The Content Security Policy is enforced by real Chromium and breaks nothing of ours: pages
// render and hydrate with no violation reported, and a script without the nonce is refused.

function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text());
  });
  page.on("pageerror", (e) => violations.push(`pageerror: ${e.message}`));
  return violations;
}

test("sign-in and the Overview render under a nonce-based CSP with no violations", async ({ page }) => {
  const violations = watchViolations(page);
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  // The sign-in page (theme script, locale switch) and signing in, under the policy too.
  await signIn(page, USERS.admin);
  const res = await page.goto("/");
  const csp = res!.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
  expect(csp).not.toContain("unsafe-eval");
  expect(res!.headers()["x-frame-options"]).toBe("DENY");
  expect(res!.headers()["x-content-type-options"]).toBe("nosniff");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByTestId("overview-empty").or(page.getByTestId("kpi-sent"))).toBeVisible();
  // Next's scripts carry this response's nonce (and hydration ran: React attached its root).
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  await expect.poll(() => page.evaluate(() => [...document.scripts].filter((s) => s.nonce).length)).toBeGreaterThan(0);
  expect(await page.evaluate((n) => [...document.scripts].some((s) => s.nonce === n), nonce)).toBe(true);
  await page.screenshot({ path: "test-results/overview-csp.png", fullPage: true });
  // The tab shows our icon (without one the browser asks for /favicon.ico and logs a 404).
  const icon = await page.locator('link[rel="icon"]').getAttribute("href");
  const iconRes = await page.request.get(icon!);
  expect(iconRes.status()).toBe(200);
  expect(iconRes.headers()["content-type"]).toContain("image/svg+xml");
  await page.goto("/messages/does-not-exist");
  await page.goto("/no-such-page");
  await page.waitForTimeout(500);
  expect(violations).toEqual([]);
});

test("injected markup cannot run script", async ({ page }) => {
  // What an HTML injection would try: an inline event handler in parser-inserted markup.
  const inject = async () => {
    await page.evaluate(() => {
      const div = document.createElement("div");
      div.innerHTML = '<img src="data:image/gif;base64,invalid" onerror="window.__injected = true">';
      document.body.appendChild(div);
    });
    await page.waitForTimeout(300);
    return page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected ?? false);
  };
  // Control: without our policy the handler runs…
  await page.goto("about:blank");
  expect(await inject()).toBe(true);
  // …under it, it does not.
  await page.goto("/");
  expect(await inject()).toBe(false);
});

test("API responses carry a deny-all policy", async ({ request }) => {
  const res = await request.get("/api/ping");
  expect(res.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
});
