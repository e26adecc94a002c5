import { parse } from "csv-parse/sync";
import { expect as baseExpect, request as pwRequest, test, type Page, type TestInfo } from "@playwright/test";
import { signInByApi, USERS } from "./auth";

// The Campaigns screens against their own workspace (e2e-campaigns, Europe/Berlin), so other spec
// files' data cannot change these numbers. Demo data: four campaigns at different ages, one with
// an A/B test whose variants differ clearly (50 % vs 70 % read), failures with error codes.

// The machine running these is shared and busy: give client-rendered data room to arrive.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 180_000 });

const TOKEN = "rk_e2e_cmp_token_00000001";
const MARKETER = "marketer@cmp.test";
const NOW = Date.now();
const at = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString();
const DAY = 86400;

interface Wave {
  campaignId: string;
  title: string;
  variant?: string;
  sentAgo: number;
  recipients: number;
  delivered: number; // delivered or read
  read: number;
  failed: number;
  errorCode?: string;
}

// Read rate = read ÷ delivered: spring A 85/170 = 50 %, spring B 126/180 = 70 % (10 and 3 days
// ago), summer 50/90, flash 10/30 (2 hours ago: immature), autumn 30/55 (40 days ago).
const WAVES: Wave[] = [
  {
    campaignId: "autumn",
    title: "Autumn preview",
    sentAgo: 40 * DAY,
    recipients: 60,
    delivered: 55,
    read: 30,
    failed: 2,
    errorCode: "131026",
  },
  {
    campaignId: "spring",
    title: "Spring sale",
    variant: "A",
    sentAgo: 10 * DAY,
    recipients: 200,
    delivered: 170,
    read: 85,
    failed: 20,
    errorCode: "131026",
  },
  {
    campaignId: "spring",
    title: "Spring sale",
    variant: "B",
    sentAgo: 3 * DAY,
    recipients: 200,
    delivered: 180,
    read: 126,
    failed: 8,
    errorCode: "131049",
  },
  {
    campaignId: "summer",
    title: "Summer launch",
    sentAgo: 2 * DAY,
    recipients: 100,
    delivered: 90,
    read: 50,
    failed: 5,
    errorCode: "131049",
  },
  { campaignId: "flash", title: "Flash deal", sentAgo: 2 * 3600, recipients: 40, delivered: 30, read: 10, failed: 0 },
];
const READ_DELAYS = [90, 400, 1300, 2500, 6000, 20000, 40000, 90000];

function eventsFor(w: Wave) {
  const messageId = `${w.campaignId}-${w.variant ?? "all"}`;
  const events: object[] = [];
  for (let i = 0; i < w.recipients; i++) {
    const recipientId = `${messageId}-r${i}`;
    events.push({
      type: "message.sent",
      id: `${messageId}-s${i}`,
      occurredAt: at(w.sentAgo),
      message: { id: messageId, kind: "campaign", title: w.title, campaignId: w.campaignId, variant: w.variant },
      recipientId,
    });
    if (i < w.delivered)
      events.push({ type: "message.delivered", id: `${messageId}-d${i}`, occurredAt: at(w.sentAgo - 30), messageId, recipientId });
    if (i < w.read) {
      const delays = READ_DELAYS.filter((d) => d < w.sentAgo - 60);
      events.push({
        type: "message.read",
        id: `${messageId}-r${i}`,
        occurredAt: at(w.sentAgo - delays[i % delays.length]),
        messageId,
        recipientId,
      });
    }
    if (i >= w.recipients - w.failed)
      events.push({
        type: "message.failed",
        id: `${messageId}-f${i}`,
        occurredAt: at(w.sentAgo - 60),
        messageId,
        recipientId,
        error: { code: w.errorCode, title: w.errorCode === "131026" ? "Message undeliverable" : "Healthy ecosystem limit" },
      });
  }
  return events;
}

test.beforeAll(async () => {
  const api = await pwRequest.newContext({ baseURL: test.info().project.use.baseURL });
  for (const w of WAVES) {
    const res = await api.post("/api/v1/events", {
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
      data: eventsFor(w)
        .map((e) => JSON.stringify(e))
        .join("\n"),
    });
    expect((await res.json()).errors).toEqual([]);
  }
  await api.dispose();
});

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.mouse.move(0, 0);
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

const rowIds = (page: Page) =>
  page
    .getByTestId("campaigns-table")
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid")!.replace(/^campaign-/, "")));

test("the list renders every campaign, sorts by mouse and keyboard, and exports the table as shown", async ({ page }, testInfo) => {
  await signInByApi(page, MARKETER);
  await page.goto("/campaigns");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Campaigns");
  // Newest first by default.
  await expect.poll(() => rowIds(page)).toEqual(["flash", "summer", "spring", "autumn"]);
  const spring = page.getByTestId("campaign-spring");
  await expect(spring.getByRole("cell").nth(3)).toHaveText("400");
  await expect(spring).toContainText("60.3%"); // 211 read of 350 delivered
  await expect(page.getByRole("columnheader", { name: /Read rate \(lower bound\)/ })).toBeVisible();
  // Sent 2 hours ago: flagged instead of looking bad.
  await expect(page.getByTestId("campaign-flash").getByTestId("immature")).toHaveText("Immature");
  await expect(spring.getByTestId("immature")).toHaveCount(0);
  await shot(page, testInfo, "campaigns-list");
  // Tablet width: the page does not scroll sideways (the wide table scrolls inside its frame).
  await page.setViewportSize({ width: 768, height: 1024 });
  await expect(spring).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await shot(page, testInfo, "campaigns-list-768");
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.getByRole("button", { name: "Sent", exact: true }).click();
  await expect(page).toHaveURL(/sort=sent/);
  await expect.poll(() => rowIds(page)).toEqual(["spring", "summer", "autumn", "flash"]);
  await expect(page.getByRole("columnheader", { name: "Sent", exact: true })).toHaveAttribute("aria-sort", "descending");
  await page.getByRole("button", { name: "Sent", exact: true }).click();
  await expect(page).toHaveURL(/order=asc/);
  await expect.poll(() => rowIds(page)).toEqual(["flash", "autumn", "summer", "spring"]);

  // Keyboard only: Tab-reachable header button, Enter sorts.
  await page.getByRole("button", { name: "Read rate (lower bound)" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/sort=readRate/);
  // spring 60.3 %, summer 55.6 %, autumn 54.5 %, flash 33.3 %
  await expect.poll(() => rowIds(page)).toEqual(["spring", "summer", "autumn", "flash"]);

  // The CSV is the same table: same rows, same order, same numbers.
  const href = await page.getByTestId("campaigns-csv").getAttribute("href");
  expect(href).toContain("format=csv");
  expect(href).toContain("sort=readRate");
  const csv = await page.request.get(href!);
  expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
  const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
  expect(rows.map((r) => r.id)).toEqual(["spring", "summer", "autumn", "flash"]);
  expect(rows[0]).toMatchObject({ title: "Spring sale", sent: "400", read: "211", failed: "28" });

  // Searching narrows the list; no match says what to do.
  await page.getByLabel("Search").fill("summ");
  await page.getByLabel("Search").press("Enter");
  await expect(page).toHaveURL(/search=summ/);
  await expect.poll(() => rowIds(page)).toEqual(["summer"]);
  await page.getByLabel("Search").fill("nothing-like-this");
  await page.getByLabel("Search").press("Enter");
  await expect(page.getByTestId("campaigns-empty")).toContainText("No campaigns match");
});

test("changing the date range changes the numbers and the URL", async ({ page }) => {
  await signInByApi(page, MARKETER);
  await page.goto("/campaigns");
  const sent = page.getByTestId("campaign-spring").getByRole("cell").nth(3);
  await expect(sent).toHaveText("400");
  await page.getByRole("radio", { name: "7 days" }).click();
  await expect(page).toHaveURL(/range=7d/);
  // Only variant B (3 days ago) of spring is in the last 7 days; autumn (40 days) is gone.
  await expect(sent).toHaveText("200");
  await expect.poll(() => rowIds(page)).toEqual(["flash", "summer", "spring"]);
  await page.getByRole("radio", { name: "30 days" }).click();
  await expect(page).toHaveURL(/range=30d/);
  await expect(sent).toHaveText("400");
  await expect.poll(() => rowIds(page)).toEqual(["flash", "summer", "spring"]);
  // The detail keeps the range: only variant B there.
  await page.getByRole("radio", { name: "7 days" }).click();
  await page.getByRole("link", { name: "Spring sale", exact: true }).click();
  await expect(page).toHaveURL(/\/campaigns\/spring\?.*range=7d/);
  await expect(page.getByTestId("count-sent")).toContainText("200");
  await expect(page.getByTestId("variant-B")).toBeVisible();
  await expect(page.getByTestId("variant-A")).toHaveCount(0);
});

test("the detail shows variants with confidence intervals, a verdict, and counts that drill down", async ({ page }, testInfo) => {
  await signInByApi(page, MARKETER);
  await page.goto("/campaigns/spring");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Spring sale");
  await expect(page.getByTestId("count-sent")).toContainText("400");
  await expect(page.getByTestId("count-read")).toContainText("211");
  await expect(page.getByTestId("count-failed")).toContainText("28");
  await expect(page.getByTestId("count-pending")).toContainText("22");
  await expect(page.getByTestId("rate-read")).toContainText("95% interval");

  const a = page.getByTestId("variant-A");
  const b = page.getByTestId("variant-B");
  await expect(a).toContainText("50.0%");
  await expect(b).toContainText("70.0%");
  // Wilson 95 % intervals: 85/170 → 42.6 %–57.4 %, 126/180 → 62.9 %–76.2 %.
  await expect(a.getByTestId("ci-bar")).toContainText("42.6% – 57.4%");
  await expect(b.getByTestId("ci-bar")).toContainText("62.9% – 76.2%");
  await expect(page.getByTestId("comparisons").getByTestId("verdict")).toHaveText(
    "Variant B's read rate is 20.0 points higher than Variant A's; this is unlikely to be chance (p < 0.001).",
  );
  await expect(page.getByTestId("failure-reasons")).toContainText("131026");
  await expect(page.getByTestId("widget-heatmap")).toBeVisible();
  await expect(page.getByTestId("widget-campaign-ttr")).toBeVisible();
  await shot(page, testInfo, "campaign-detail");

  // A count's link names the deliveries behind it, and the deliveries API lists exactly that many.
  const link = b.getByRole("link", { name: "126 Read of Variant B: show the deliveries" });
  const href = (await link.getAttribute("href"))!;
  const url = new URL(href, "http://x");
  expect(url.pathname).toBe("/deliveries");
  expect(Object.fromEntries(url.searchParams)).toEqual({ campaignId: "spring", status: "read", variant: "B" });
  const listed = await page.request.get(`/api/v1/deliveries${url.search}&limit=1000`);
  expect(listed.status()).toBe(200);
  expect((await listed.json()).deliveries).toHaveLength(126);

  const failed = page.getByTestId("failure-reasons").getByRole("link", { name: "20 failed with 131026: show the deliveries" });
  const failedUrl = new URL((await failed.getAttribute("href"))!, "http://x");
  expect(Object.fromEntries(failedUrl.searchParams)).toEqual({ campaignId: "spring", errorCode: "131026", status: "failed" });
  const failedList = await page.request.get(`/api/v1/deliveries${failedUrl.search}&limit=1000`);
  expect((await failedList.json()).deliveries).toHaveLength(20);
});

test("compare: pick two campaigns in the table, read the verdict, in English and Chinese", async ({ page, context }, testInfo) => {
  await signInByApi(page, MARKETER);
  await page.goto("/campaigns");
  const compare = page.getByTestId("compare-selected");
  await expect(compare).toBeDisabled();
  await page.getByLabel("Select Spring sale for comparison").check();
  await page.getByLabel("Select Summer launch for comparison").check();
  await compare.click();
  await expect(page).toHaveURL(/\/campaigns\/compare\?ids=spring,summer/);
  await expect(page.getByTestId("cohort-spring")).toContainText("60.3%");
  await expect(page.getByTestId("cohort-summer")).toContainText("55.6%");
  // 211/350 vs 50/90: a 4.7-point gap that could be chance.
  await expect(page.getByTestId("verdicts").getByTestId("verdict")).toHaveText(
    /^Not enough evidence of a difference: Spring sale and Summer launch are 4\.7 points apart, which could be chance \(p = 0\.4\d\d\)\.$/,
  );
  await shot(page, testInfo, "campaigns-compare");
  const csv = await page.request.get((await page.getByTestId("compare-csv").getAttribute("href"))!);
  const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
  expect(rows.map((r) => [r.ref, r.read, r.significant])).toEqual([
    ["spring", "211", ""],
    ["summer", "50", "false"],
  ]);

  // Variants of one campaign: a clear difference.
  await page.goto("/campaigns/compare?ids=spring:A,spring:B");
  await expect(page.getByTestId("verdicts").getByTestId("verdict")).toHaveText(
    "Spring sale · variant B's read rate is 20.0 points higher than Spring sale · variant A's; this is unlikely to be chance (p < 0.001).",
  );

  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: page.url() }]);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("比较");
  await expect(page.getByTestId("verdicts").getByTestId("verdict")).toHaveText(
    "Spring sale · 变体 B 的已读率比 Spring sale · 变体 A 高 20.0 个百分点；这不太可能是偶然（p < 0.001）。",
  );
  await expect(page.getByTestId("widget-compare-read-rate").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await shot(page, testInfo, "campaigns-compare-zh");
});

test("with no campaigns the list says how to get some", async ({ page }, testInfo) => {
  await signInByApi(page, USERS.otherAdmin);
  await page.goto("/campaigns");
  await expect(page.getByTestId("campaigns-empty")).toContainText("No campaigns yet");
  await expect(page.getByTestId("campaigns-empty")).toContainText("Settings → Sources");
  await shot(page, testInfo, "campaigns-empty");
});
