import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { signInByApi } from "./auth";

// Announcements as a team manager (team-a: Alice = agent-1, Bob = agent-2): the list, one
// announcement's roster and overdue list, and "Nudge overdue" to a receiver running in this test,
// which checks the Standard Webhooks signature with the secret the admin was shown once. In a
// workspace of its own (e2e-ann), so the other specs' counts are not disturbed.

const TOKEN = "rk_e2e_ann_token_00000001";
const USERS = { admin: "admin@ann.test", manager: "manager@ann.test" };
const HOUR = 3600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

// Sent 30 h ago by agent-1 (so team-a's manager sees it) to Alice, Bob and Carol (team-b); only
// Alice read it (after 12 minutes). No due time: with the default "overdue after 24 hours", Bob
// and Carol are overdue.
const ANN = "e2e-ann-handbook";
const TITLE = "New handbook";
function events() {
  const sent = (r: string) => ({
    type: "message.sent",
    id: `ann-e2e-s-${r}`,
    occurredAt: ago(30 * HOUR),
    message: { id: "ann-e2e-m1", kind: "announcement", senderId: "agent-1", announcementId: ANN, title: TITLE },
    recipientId: r,
  });
  // Team B's own announcement (sent by Carol): the team-a manager must not see it.
  const teamB = {
    type: "message.sent",
    id: "ann-e2e-s-b",
    occurredAt: ago(2 * HOUR),
    message: { id: "ann-e2e-m2", kind: "announcement", senderId: "agent-3", announcementId: "e2e-ann-team-b", title: "Team B rota" },
    recipientId: "agent-3",
  };
  return [
    teamB,
    sent("agent-1"),
    sent("agent-2"),
    sent("agent-3"),
    {
      type: "message.delivered",
      id: "ann-e2e-d-agent-2",
      occurredAt: ago(30 * HOUR - 60_000),
      messageId: "ann-e2e-m1",
      recipientId: "agent-2",
    },
    {
      type: "message.read",
      id: "ann-e2e-r-agent-1",
      occurredAt: ago(30 * HOUR - 12 * 60_000),
      messageId: "ann-e2e-m1",
      recipientId: "agent-1",
    },
  ];
}

interface Hit {
  headers: http.IncomingHttpHeaders;
  body: string;
}
const hits: Hit[] = [];
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    hits.push({ headers: req.headers, body });
    res.writeHead(204).end();
  });
});

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

test.beforeAll(async ({ request }) => {
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const res = await request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
    data: events()
      .map((e) => JSON.stringify(e))
      .join("\n"),
  });
  expect((await res.json()).errors).toEqual([]);
});
test.afterAll(async () => {
  await new Promise((r) => receiver.close(r));
});

test("the manager sees the list, then the roster and who is overdue", async ({ page }, testInfo) => {
  await signInByApi(page, USERS.manager);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Announcements" }).click();
  await expect(page).toHaveURL(/\/announcements$/);
  const row = page.getByTestId(`announcement-${ANN}`);
  await expect(row).toContainText(TITLE, { timeout: 20_000 });
  // Sent to 3, 1 acknowledged (33.3%), 2 overdue.
  await expect(row.locator("td").nth(4)).toHaveText("3");
  await expect(row.locator("td").nth(5)).toHaveText("1");
  await expect(row.locator("td").nth(6)).toContainText("33");
  await expect(row.locator("td").nth(7)).toHaveText("2");
  // Another team's announcement is not listed.
  await expect(page.getByTestId("announcement-e2e-ann-team-b")).toHaveCount(0);
  await shot(page, testInfo, "announcements-list");

  await row.getByRole("link", { name: TITLE }).click();
  // The page renders on the server, then its data arrives from the API: allow for a busy machine.
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible({ timeout: 20_000 });
  const roster = page.getByTestId("roster");
  await expect(roster.locator("tbody tr")).toHaveCount(3);
  await expect(page.getByTestId("member-agent-1")).toContainText("read");
  await expect(page.getByTestId("member-agent-1")).toContainText("12 min");
  await expect(page.getByTestId("member-agent-2")).toContainText("delivered");
  const overdue = page.getByTestId("overdue-list");
  await expect(overdue.getByTestId("overdue-agent-2")).toContainText("Bob");
  await expect(overdue.getByTestId("overdue-agent-3")).toContainText("Carol");
  await expect(overdue.getByTestId("overdue-agent-1")).toHaveCount(0);
  // The counts drill down to the deliveries behind them.
  await expect(page.getByTestId("stat-acknowledged").getByRole("link")).toHaveAttribute(
    "href",
    `/deliveries?announcementId=${ANN}&from=2000-01-01&status=read`,
  );

  // Sorting by time-to-read puts the one reader first, descending puts them last (unread stay last).
  await roster.getByRole("button", { name: "Time-to-read" }).click();
  await expect(page).toHaveURL(/sort=timeToRead/);
  await expect(roster.locator("tbody tr").first()).toHaveAttribute("data-testid", "member-agent-1");
  // The CSV has the roster as shown.
  const csv = await page.request.get((await page.getByTestId("roster-csv").getAttribute("href"))!);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split("\n");
  expect(lines[0]).toBe("recipientId,name,status,acknowledged,readAt,timeToReadSeconds,overdue");
  expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["agent-1", "agent-2", "agent-3"]);
  await shot(page, testInfo, "announcement-detail");

  // The member page: Alice's record.
  await page.getByTestId("member-agent-1").getByRole("link", { name: "Alice" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Alice" })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("member-history")).toContainText(TITLE);
  await expect(page.getByTestId("member-median")).toContainText("12 min");
  await shot(page, testInfo, "announcement-member");
});

test("nudging: not set up says where to set it; the admin sets the webhook; the manager's nudge arrives signed", async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  // Before any webhook is configured, the manager is told plainly.
  await signInByApi(page, USERS.manager);
  await page.goto(`/announcements/${ANN}`);
  await page.getByTestId("nudge").click({ timeout: 20_000 });
  await expect(page.getByTestId("nudge-result")).toContainText("Settings → Nudge webhook");
  expect(hits).toHaveLength(0);

  // The admin saves the receiver's URL and is shown the signing secret once.
  const context = await browser.newContext({ baseURL });
  const admin = await context.newPage();
  await signInByApi(admin, USERS.admin);
  await admin.goto("/settings/nudge");
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/nudge`;
  await admin.getByLabel("URL").fill(url);
  await admin.getByRole("button", { name: "Save" }).click();
  const secret = (await admin.getByTestId("nudge-secret").locator("code").textContent())!;
  expect(secret).toMatch(/^whsec_/);
  await expect(admin.getByText(`Nudges are posted to ${url}.`)).toBeVisible();
  await shot(admin, testInfo, "settings-nudge-webhook");
  await admin.reload();
  expect(await admin.content()).not.toContain(secret);
  await context.close();

  await page.reload();
  await page.getByTestId("nudge").click({ timeout: 20_000 });
  await expect(page.getByTestId("nudge-result")).toHaveText("Nudge sent for 2 members.");
  expect(hits).toHaveLength(1);
  const payload = new Webhook(secret).verify(hits[0].body, hits[0].headers as Record<string, string>) as Record<string, unknown>;
  expect(payload).toMatchObject({ type: "announcement.nudge", announcementId: ANN, title: TITLE });
  expect(payload.overdue).toEqual([
    { recipientId: "agent-2", name: "Bob" },
    { recipientId: "agent-3", name: "Carol" },
  ]);
  await shot(page, testInfo, "announcement-nudged");
});
