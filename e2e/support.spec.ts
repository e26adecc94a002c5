import { expect as baseExpect, test, type Page, type TestInfo } from "@playwright/test";
import { generateScenario } from "../lib/simulator/scenario";
import { signInByApi } from "./auth";

// The Support and Messages screens with demo data (the demo's scenario generator) in their own
// workspace (e2e-demo, Asia/Shanghai, business hours Mon–Fri 09:00–18:00), as the demo manager
// (leads the support team: sees every agent) and the demo agent (agent-amy: only their own).

// Screens load their numbers from the API after hydration; on a busy 2-core machine the first
// answer can take longer than the default 5 s.
const expect = baseExpect.configure({ timeout: 20_000 });

const TOKEN = "rk_e2e_demo_token_0000001";
const MANAGER = "manager@demo.test";
const AGENT = "agent@demo.test";
const PASSWORD = "receipts-demo";
const AGENTS = ["agent-amy", "agent-ben", "agent-chen", "agent-dana"];

test.beforeAll(async ({ request }) => {
  const events = generateScenario({
    seed: 1,
    now: new Date(),
    days: 14,
    campaigns: 1,
    recipientsPerCampaign: 40,
    announcements: 2,
    conversations: 80,
  });
  for (let i = 0; i < events.length; i += 2000) {
    const res = await request.post("/api/v1/events", {
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
      data: events
        .slice(i, i + 2000)
        .map((e) => JSON.stringify(e))
        .join("\n"),
    });
    expect(res.status()).toBe(200);
    expect((await res.json()).errors).toEqual([]);
  }
});

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.mouse.move(0, 0);
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())!.trim();
const agentRows = (page: Page) => page.getByTestId("agent-table").locator("tbody tr");

test("the demo manager's Support screen: distributions, business hours, agents, follow-ups, all in the URL", async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInByApi(page, MANAGER, PASSWORD);
  await page.goto("/support");
  await expect(page.getByRole("heading", { level: 1, name: "Support" })).toBeVisible();
  for (const metric of ["firstResponse", "reply"]) {
    await expect(page.getByTestId(`widget-support-${metric}`)).toBeVisible();
    await expect(page.getByTestId(`widget-support-${metric}`).locator(".recharts-bar-rectangle").first()).toBeVisible();
  }
  const count30 = Number((await text(page, "firstResponse-count")).replace(/\D/g, ""));
  expect(count30).toBeGreaterThan(20);

  // Business hours are configured: the switch says what they are, and calendar time is one click away.
  await expect(page.getByTestId("business-hours")).toContainText("Open Mon–Fri, 09:00–18:00 (Asia/Shanghai)");
  const businessMean = await text(page, "reply-mean");
  await page.getByRole("radio", { name: "Calendar time" }).click();
  await expect(page).toHaveURL(/basis=calendar/);
  await expect(page.getByTestId("reply-mean")).not.toHaveText(businessMean);
  await expect(page.getByTestId("widget-support-reply")).toContainText("In calendar time");

  // The accessible table fallback holds the same bands.
  const frt = page.getByTestId("widget-support-firstResponse");
  await frt.getByRole("button", { name: "Show as table" }).click();
  await expect(frt.getByRole("columnheader", { name: "Conversations" })).toBeVisible();
  await expect(frt.getByRole("row")).toHaveCount(8);
  await frt.getByRole("button", { name: "Show as chart" }).click();

  // Every support agent of the managed team, sortable; the CSV has the same rows in the same order.
  await expect(agentRows(page)).toHaveCount(AGENTS.length);
  await page.getByRole("button", { name: "Agent", exact: true }).click();
  await expect(page).toHaveURL(/sort=agent&?/);
  await expect(agentRows(page).locator("td:first-child")).toHaveText(AGENTS);
  await page.getByRole("button", { name: "Agent", exact: true }).click();
  await expect(page).toHaveURL(/order=desc/);
  await expect(agentRows(page).locator("td:first-child")).toHaveText([...AGENTS].reverse());
  const csvHref = await page.getByTestId("agent-table").getByRole("link", { name: "CSV" }).getAttribute("href");
  expect(csvHref).toContain("format=csv");
  const csv = await page.request.get(csvHref!);
  expect(csv.status()).toBe(200);
  expect(
    (await csv.text())
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(",")[0]),
  ).toEqual([...AGENTS].reverse());
  // An agent's answer count drills down to the deliveries behind it.
  const drill = await agentRows(page).first().getByRole("link").first().getAttribute("href");
  expect(drill).toMatch(/^\/deliveries\?.*kind=support.*senderId=agent-dana/);
  await shot(page, testInfo, "support-manager");

  // A shorter date range: the URL and the numbers follow.
  await page.getByRole("radio", { name: "7 days" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect.poll(async () => Number((await text(page, "firstResponse-count")).replace(/\D/g, ""))).toBeLessThan(count30);

  // Clicking an agent filters the whole screen to them.
  await page.getByRole("button", { name: "Show only agent-ben" }).click();
  await expect(page).toHaveURL(/agentId=agent-ben/);
  await expect(agentRows(page)).toHaveCount(1);
  await expect(agentRows(page).first()).toContainText("agent-ben");
  await page.getByTestId("agent-filter").click();
  await expect(page).not.toHaveURL(/agentId/);
  await expect(agentRows(page)).toHaveCount(AGENTS.length);

  // Unread follow-ups: N in the URL; a longer N lists fewer answers; rows open their message.
  const followUps = page.getByTestId("follow-ups");
  await followUps.getByLabel("Unread after").click();
  await page.getByRole("option", { name: "1 hour", exact: true }).click();
  await expect(page).toHaveURL(/hours=1(&|$)/);
  await expect(followUps.getByTestId("follow-up-row").first()).toBeVisible();
  const oneHour = await followUps.getByTestId("follow-up-row").count();
  await followUps.getByLabel("Unread after").click();
  await page.getByRole("option", { name: "72 hours" }).click();
  await expect(page).toHaveURL(/hours=72/);
  await expect.poll(() => followUps.getByTestId("follow-up-row").count()).toBeLessThan(oneHour);
  const followCsv = await followUps.getByRole("link", { name: "CSV" }).getAttribute("href");
  expect(followCsv).toContain("hours=72");
  const followRows = (await (await page.request.get(followCsv!)).text()).trim().split("\n").length - 1;
  expect(followRows).toBe(await followUps.getByTestId("follow-up-row").count());
  await shot(page, testInfo, "support-manager-filtered");

  const first = followUps.getByTestId("follow-up-row").first().getByRole("link");
  const messageId = (await first.textContent())!.trim();
  await first.click();
  await expect(page).toHaveURL(new RegExp(`/messages/${messageId}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(messageId);
  await expect(page.getByTestId("history-row").first()).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/hours=72/);
  expect(errors).toEqual([]);
});

test("the demo agent sees only their own conversations on Support", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 900 });
  await signInByApi(page, AGENT, PASSWORD);
  await page.goto("/support");
  await expect(page.getByTestId("support-range")).toContainText("only your own conversations");
  await expect(agentRows(page)).toHaveCount(1);
  await expect(agentRows(page).first()).toContainText("agent-amy");
  await expect(page.getByTestId("widget-support-reply")).toBeVisible();
  const followUps = page.getByTestId("follow-ups");
  await followUps.getByLabel("Unread after").click();
  await page.getByRole("option", { name: "1 hour", exact: true }).click();
  await expect(page).toHaveURL(/hours=1(&|$)/);
  await expect(followUps.getByTestId("follow-up-row").first()).toBeVisible();
  for (const agent of await followUps.getByTestId("follow-up-row").locator("td:nth-child(3)").allTextContents())
    expect(agent).toBe("agent-amy");
  await shot(page, testInfo, "support-agent");
  // Nothing of other agents through the API either.
  const api = await page.request.get("/api/v1/support/response-times?agentId=agent-ben");
  expect((await api.json()).perAgent).toEqual([]);
});

test("Messages: search, filters in the URL, and one message with its history", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInByApi(page, MANAGER, PASSWORD);
  await page.goto("/messages");
  await expect(page.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
  const rows = page.getByTestId("message-row");
  await expect(rows.first()).toBeVisible();
  // The manager leads Engineering and Support: no campaign messages.
  await expect(page.getByText("cmp-1-msg-0", { exact: true })).toHaveCount(0);

  await page.getByLabel("Filters").getByLabel("Kind").click();
  await page.getByRole("option", { name: "Support" }).click();
  await expect(page).toHaveURL(/kind=support/);
  await page.getByLabel("Message id").fill("conv-1-reply");
  await page.getByLabel("Message id").press("Enter");
  await expect(page).toHaveURL(/q=conv-1-reply/);
  await expect(rows.first()).toBeVisible();
  for (const id of await rows.locator("td:first-child a").allTextContents()) expect(id).toContain("conv-1");
  await shot(page, testInfo, "messages-list");

  await page.getByLabel("Message id").fill("no-such-message");
  await page.getByLabel("Message id").press("Enter");
  await expect(page.getByTestId("messages-empty")).toContainText("No messages match these filters");
  await page.getByRole("button", { name: "Reset filters" }).click();
  await expect(page).not.toHaveURL(/q=/);
  await expect(rows.first()).toBeVisible();

  await page.getByLabel("Message id").fill("conv-2-reply-1");
  await page.getByLabel("Message id").press("Enter");
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/messages\/conv-2-reply-1$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("conv-2-reply-1");
  await expect(page.getByTestId("message-summary")).toContainText("1 recipient");
  await expect(page.getByTestId("delivery-cust-s2")).toBeVisible();
  await expect(page.getByTestId("history-row").first()).toBeVisible();
  await shot(page, testInfo, "message-detail");

  // A message that does not exist (or is not yours) looks the same: not found.
  await page.goto("/messages/no-such-message");
  await expect(page.getByText("This page could not be found")).toBeVisible();
});

test("the demo agent's message list holds only their own answers", async ({ page }, testInfo) => {
  await signInByApi(page, AGENT, PASSWORD);
  await page.goto("/messages");
  const rows = page.getByTestId("message-row");
  await expect(rows.first()).toBeVisible();
  const senders = await rows.locator("td:nth-child(3)").allTextContents();
  expect(senders.length).toBeGreaterThan(0);
  expect(new Set(senders)).toEqual(new Set(["agent-amy"]));
  await shot(page, testInfo, "messages-agent");
});
