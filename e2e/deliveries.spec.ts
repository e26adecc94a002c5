import { expect, test, type Page } from "@playwright/test";
import { signInByApi, UI_ADMIN } from "./auth";
import { seedUiWorkspace } from "./ui-data";

// Drill-down: every count on the Overview opens the deliveries behind it (same filters and zone),
// the list's total is the number clicked, and its CSV holds exactly those rows. Reads the e2e-ui
// workspace (34 sent, 29 delivered, 20 read over 30 days; 24 sent within 7 days) without changing it.

// Each test walks several screens that load their data on the client: generous on a shared machine.
test.describe.configure({ timeout: 180_000 });
test.beforeAll(seedUiWorkspace);
test.beforeEach(async ({ page }) => signInByApi(page, UI_ADMIN));

const number = (s: string | null) => Number((s ?? "").replace(/[^\d]/g, ""));

/** The total the list reports, once loaded. */
async function listTotal(page: Page) {
  const total = page.getByTestId("deliveries-total");
  await expect(total).toBeVisible();
  return Number(await total.getAttribute("data-count"));
}

/** Data rows of the CSV behind the "Download CSV" link (the header line left out). */
async function csvRows(page: Page) {
  const href = await page.getByTestId("deliveries-csv").getAttribute("href");
  expect(href).toMatch(/^\/api\/v1\/deliveries\?.*format=csv/);
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  const lines = (await res.text()).split(/\r?\n/).filter((l) => l.trim() !== "");
  return lines.slice(1);
}

test("a KPI count opens the deliveries behind it, and the CSV has exactly those rows", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page.getByTestId("kpi-sent")).toContainText("34");
  const readLink = page.getByTestId("kpi-link-read");
  await expect(readLink).toHaveText(/read/);
  const clicked = number(await readLink.textContent());
  expect(clicked).toBe(20);

  await readLink.click();
  await expect(page).toHaveURL(/\/deliveries\?.*status=read/);
  await expect(page).toHaveURL(/tz=Asia%2FShanghai/);
  expect(await listTotal(page)).toBe(clicked);
  await expect(page.getByTestId("delivery-row")).toHaveCount(clicked);
  // Every row is a read one, with its time to read.
  await expect(page.getByTestId("delivery-row").filter({ hasText: "Pending" })).toHaveCount(0);
  await expect(page.getByTestId("deliveries-filters")).toContainText("Read");
  const rows = await csvRows(page);
  expect(rows).toHaveLength(clicked);
  expect(rows.every((r) => r.includes(",read,"))).toBe(true);
  await page.screenshot({ path: testInfo.outputPath("deliveries.png"), fullPage: true });
  await page.screenshot({ path: "test-results/deliveries.png", fullPage: true });

  // Clearing the status filter shows every sent delivery of the same range.
  await page.getByRole("button", { name: "Clear filter: Read" }).click();
  await expect(page).not.toHaveURL(/status=/);
  await expect(page.getByTestId("deliveries-total")).toHaveAttribute("data-count", "34");
  expect(await csvRows(page)).toHaveLength(34);

  // Rows open the message.
  await page.getByTestId("delivery-row").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/messages\/ui-m/);
});

test("drill-downs keep the Overview's filters: funnel, time-to-read bands and splits", async ({ page }) => {
  await page.goto("/?range=7d");
  await expect(page.getByTestId("kpi-sent")).toContainText("24");

  // The sent KPI of the last 7 days.
  await page.getByTestId("kpi-sent-link").click();
  await expect(page).toHaveURL(/\/deliveries\?.*status=sent/);
  expect(await listTotal(page)).toBe(24);
  await expect(page.getByTestId("filter-range")).toBeVisible();
  await page.goBack();

  // A time-to-read band, from the chart's table: the reads that took that long.
  const ttr = page.getByTestId("widget-ttr-distribution");
  await ttr.getByRole("button", { name: "Show as table" }).click();
  const band = ttr.getByRole("link").first();
  const reads = number(await band.textContent());
  expect(reads).toBeGreaterThan(0);
  await band.click();
  await expect(page).toHaveURL(/ttrTo=/);
  expect(await listTotal(page)).toBe(reads);
  await expect(page.getByTestId("filter-ttr")).toBeVisible();
  expect(await csvRows(page)).toHaveLength(reads);
  await page.goBack();

  // The client-platform split: the deliveries sent to iOS devices.
  const split = page.getByTestId("widget-split-clientPlatform");
  await split.getByRole("button", { name: "Show as table" }).click();
  const ios = split.getByRole("link", { name: /^iOS:/ });
  const sentToIos = number(await ios.textContent());
  await ios.click();
  await expect(page).toHaveURL(/clientPlatform=ios/);
  expect(await listTotal(page)).toBe(sentToIos);
  await expect(page.getByTestId("filter-clientPlatform")).toContainText("iOS");
});
