import { expect, test, type Page } from "@playwright/test";
import { signInByApi, UI_ADMIN } from "./auth";
import { NOW, seedUiWorkspace } from "./ui-data";

// The rebuilt Overview against its own workspace (e2e-ui, Asia/Shanghai, seeded by ui-data.ts), so
// these tests do not depend on what other spec files post. Every test signs in as that
// workspace's admin: the shell and the data are the signed-in user's.

const URL = "/";

// The screens load their data on the client after hydration: generous on a shared machine.
test.describe.configure({ timeout: 180_000 });
test.beforeAll(seedUiWorkspace);

test.beforeEach(async ({ page }) => signInByApi(page, UI_ADMIN));

async function noHorizontalScroll(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

test("the Overview renders every widget with demo-like data, at laptop and tablet widths", async ({ page }) => {
  // Hydration mismatches and runtime errors show up as console errors. (404s are the navigation
  // prefetching sections that other branches are building.)
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(URL);
  await expect(page.getByTestId("shell-workspace")).toContainText("Lumen Labs");
  await expect(page.getByTestId("shell-workspace")).toContainText("Asia/Shanghai");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText([
    "Overview",
    "Campaigns",
    "Announcements",
    "Support",
    "Messages",
    "Settings",
  ]);
  await expect(page.getByTestId("kpi-sent")).toContainText("34");
  // 29 delivered of 34 sent; 20 read of 29 delivered.
  await expect(page.getByTestId("kpi-delivery-rate")).toContainText("85.3%");
  await expect(page.getByTestId("kpi-read-rate")).toContainText("69.0%");
  for (const id of ["trend", "funnel", "read-within", "ttr-distribution", "split-source", "split-clientPlatform", "heatmap", "activity"]) {
    await expect(page.getByTestId(`widget-${id}`)).toBeVisible();
  }
  await expect(page.getByTestId("widget-trend").locator(".recharts-area-area").first()).toBeVisible();
  await expect(page.getByTestId("widget-split-source")).toContainText("WhatsApp gateway");
  await expect(page.getByTestId("widget-split-source")).toContainText("API (no source)");
  await expect(page.getByTestId("widget-activity")).toContainText("Re: refund");

  // The accessible fallback: the same numbers as a table.
  const readWithin = page.getByTestId("widget-read-within");
  await readWithin.getByRole("button", { name: "Show as table" }).click();
  await expect(readWithin.getByRole("columnheader", { name: "Time after sending" })).toBeVisible();
  await readWithin.getByRole("button", { name: "Show as chart" }).click();

  // Definitions are reachable by keyboard.
  await page
    .getByTestId("kpi-read-rate")
    .getByRole("button", { name: /Definition of Read rate/ })
    .focus();
  await expect(page.getByRole("tooltip")).toContainText("lower bound");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("tooltip")).toHaveCount(0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.move(0, 0);

  expect(await noHorizontalScroll(page)).toBe(true);
  await page.screenshot({ path: "test-results/overview-1280.png", fullPage: true });

  await page.setViewportSize({ width: 768, height: 1024 });
  await page.mouse.move(0, 0);
  await expect(page.getByTestId("kpi-sent")).toBeVisible();
  expect(await noHorizontalScroll(page)).toBe(true);
  await page.screenshot({ path: "test-results/overview-768.png", fullPage: true });
  expect(errors).toEqual([]);
});

test("filters live in the URL and change the numbers", async ({ page }) => {
  await page.goto(URL);
  await expect(page.getByTestId("kpi-sent")).toContainText("34");

  await page.getByRole("radio", { name: "7 days" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(page.getByTestId("kpi-sent")).toContainText("24");

  // Keyboard only: open the Kind select, move to "Announcement", choose it.
  await page.getByLabel("Kind").focus();
  await page.keyboard.press("Enter");
  await page.getByRole("option", { name: "Announcement" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/kind=announcement/);
  await expect(page.getByTestId("kpi-sent")).toContainText("8");

  // The link reproduces the screen.
  await page.goto(page.url());
  await expect(page.getByTestId("kpi-sent")).toContainText("8");
  await expect(page.getByLabel("Kind")).toContainText("Announcement");

  // A custom range that holds only the oldest message.
  await page.getByRole("button", { name: "Reset filters" }).click();
  await expect(page).not.toHaveURL(/kind=/);
  await expect(page.getByTestId("kpi-sent")).toContainText("34");
  const day = (secondsAgo: number) =>
    new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(NOW - secondsAgo * 1000));
  await page.getByRole("button", { name: "Custom" }).click();
  await page.getByLabel("From", { exact: true }).fill(day(11 * 86400));
  await page.getByLabel("To", { exact: true }).fill(day(9 * 86400));
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/range=custom/);
  await expect(page.getByTestId("kpi-sent")).toContainText("10");

  // Nothing matches: an empty state that says what to do.
  await page.goto(`${URL}?range=today&kind=direct`);
  await expect(page.getByTestId("overview-empty")).toContainText("Nothing matches these filters");
});

test("the language switch shows the page in Chinese, with Chinese number and duration formats", async ({ page }) => {
  await page.goto(URL);
  await page.getByTestId("locale-switch").click();
  await page.getByRole("menuitemradio", { name: "简体中文" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("概览");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByTestId("kpi-sent")).toContainText("已发送");
  await expect(page.getByRole("navigation", { name: "主导航" })).toContainText("营销活动");
  await expect(page.getByTestId("widget-read-within")).toContainText("小时内");
  await page.screenshot({ path: "test-results/overview-zh.png", fullPage: true });

  // The choice sticks (a cookie), and switching back works.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("概览");
  await page.getByTestId("locale-switch").click();
  await page.getByRole("menuitemradio", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
});

test("dark mode toggles and is remembered", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(URL);
  const html = page.locator("html");
  await expect(html).not.toHaveClass(/dark/);
  await page.getByTestId("theme-toggle").click();
  await expect(html).toHaveClass(/dark/);
  await expect(page.getByTestId("theme-toggle")).toHaveAttribute("aria-pressed", "true");
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.reload();
  await expect(html).toHaveClass(/dark/);
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(bg);
  await expect(page.getByTestId("kpi-sent")).toContainText("34");
  await page.screenshot({ path: "test-results/overview-dark.png", fullPage: true });

  await page.getByTestId("theme-toggle").click();
  await expect(html).not.toHaveClass(/dark/);
});

test("dark mode follows the system preference until the user chooses", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(URL);
  await expect(page.locator("html")).toHaveClass(/dark/);
});
