import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./auth";
import { E2E_TOKEN as TOKEN, signedHeaders as signed } from "./webhooks";

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

test("the Overview shows the pipeline end to end and updates without a reload", async ({ page, request }) => {
  test.setTimeout(180_000);
  await signIn(page, USERS.admin);
  await page.goto("/");
  await expect(page.getByTestId("overview-empty")).toBeVisible();
  await page.screenshot({ path: "test-results/overview-empty.png", fullPage: true });

  // Four recipients via the batch API: two read, one delivered, one failed.
  const lines = ["a", "b", "c", "d"].map((r, i) =>
    JSON.stringify({
      type: "message.sent",
      id: `s-${r}`,
      occurredAt: ago(60),
      message: { id: `m-${r}`, kind: "campaign", campaignId: "launch", variant: i % 2 ? "B" : "A", title: `Launch ${r}` },
      recipientId: r,
    }),
  );
  lines.push(JSON.stringify({ type: "message.read", id: "r-a", occurredAt: ago(50), messageId: "m-a", recipientId: "a" }));
  lines.push(JSON.stringify({ type: "message.delivered", id: "d-c", occurredAt: ago(59), messageId: "m-c", recipientId: "c" }));
  lines.push(
    JSON.stringify({
      type: "message.failed",
      id: "f-d",
      occurredAt: ago(59),
      messageId: "m-d",
      recipientId: "d",
      error: { code: "131026", title: "Message undeliverable" },
    }),
  );
  const batch = await request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
    data: lines.join("\n"),
  });
  expect(await batch.json()).toEqual({ accepted: 7, duplicates: 0, errors: [] });

  await page.reload();
  await expect(page.getByTestId("kpi-sent")).toContainText("4");
  await expect(page.getByTestId("kpi-delivery-rate")).toContainText("50.0%");
  await expect(page.getByTestId("kpi-read-rate")).toContainText("50.0%");

  // A signed webhook arrives while the page is open: the page catches up on its own, without a
  // reload (a marker set on the window survives) once the live stream is connected.
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-connected", "true");
  await expect(page.getByTestId("kpi-link-read")).toHaveText("1 read");
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  const body = JSON.stringify({ type: "message.read", id: "r-b", occurredAt: ago(40), messageId: "m-b", recipientId: "b" });
  const hook = await request.post("/api/webhooks/e2e-generic", { headers: signed(body, "msg_e2e_1"), data: body });
  expect(hook.status()).toBe(200);
  await expect(page.getByTestId("kpi-delivery-rate")).toContainText("75.0%", { timeout: 15_000 });
  await expect(page.getByTestId("kpi-read-rate")).toContainText("66.7%");
  await expect(page.getByTestId("kpi-link-read")).toHaveText("2 read");
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  // A new send arrives the same way: Sent goes from 4 to 5, still without a reload.
  const send = JSON.stringify({
    type: "message.sent",
    id: "s-e",
    occurredAt: ago(30),
    message: { id: "m-e", kind: "campaign", campaignId: "launch", variant: "A", title: "Launch e" },
    recipientId: "e",
  });
  expect((await request.post("/api/webhooks/e2e-generic", { headers: signed(send, "msg_e2e_2"), data: send })).status()).toBe(200);
  await expect(page.getByTestId("kpi-sent-link")).toHaveText("5", { timeout: 15_000 });
  await expect(page.getByTestId("widget-activity")).toContainText("Launch e");
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  await page.screenshot({ path: "test-results/overview.png", fullPage: true });

  // Drill into one message: its deliveries and status history.
  await page.getByRole("link", { name: "Launch a" }).click();
  await expect(page.getByTestId("delivery-a")).toContainText("read");
  await expect(page.getByRole("cell", { name: "message.read" })).toBeVisible();
  await page.screenshot({ path: "test-results/message.png", fullPage: true });
});

test("filters live in the URL", async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.goto("/");
  await page.getByLabel("Kind").click();
  await page.getByRole("option", { name: "Announcement" }).click();
  await expect(page).toHaveURL(/kind=announcement/);
  await expect(page.getByTestId("overview-empty")).toBeVisible();
});
