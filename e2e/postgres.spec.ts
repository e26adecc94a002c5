import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./auth";
import { E2E_TOKEN as TOKEN, signedHeaders as signed } from "./webhooks";

// The production build on PostgreSQL (project "postgres"): there, ingestion commits in a worker
// thread bundled by Next.js, and change notices cross back to the HTTP thread for the live stream.

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

test("on PostgreSQL, receipts commit through the ingestion worker and an open Overview follows them live", async ({ page, request }) => {
  test.setTimeout(180_000);
  const lines = ["a", "b"].map((r) =>
    JSON.stringify({
      type: "message.sent",
      id: `pg-s-${r}`,
      occurredAt: ago(60),
      message: { id: `pg-m-${r}`, kind: "campaign", campaignId: "pg-launch", title: `PG launch ${r}` },
      recipientId: r,
    }),
  );
  const batch = await request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
    data: lines.join("\n"),
  });
  expect(await batch.json()).toEqual({ accepted: 2, duplicates: 0, errors: [] });
  // The same lines again are recognised as duplicates (the worker read the log).
  const again = await request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
    data: lines.join("\n"),
  });
  expect(await again.json()).toEqual({ accepted: 0, duplicates: 2, errors: [] });

  await signIn(page, USERS.admin);
  await page.goto("/");
  await expect(page.getByTestId("kpi-sent")).toContainText("2");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-connected", "true");
  await expect(page.getByTestId("kpi-link-read")).toHaveText("0 read");
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  const body = JSON.stringify({ type: "message.read", id: "pg-r-a", occurredAt: ago(30), messageId: "pg-m-a", recipientId: "a" });
  const hook = await request.post("/api/webhooks/e2e-generic", { headers: signed(body, "msg_pg_1"), data: body });
  expect(hook.status()).toBe(200);
  expect(await hook.json()).toEqual({ accepted: 1, duplicates: 0, ignored: 0 });
  await expect(page.getByTestId("kpi-link-read")).toHaveText("1 read", { timeout: 15_000 });
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  const message = await request.get("/api/v1/messages/pg-m-a", { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(message.status()).toBe(200);
  expect(JSON.stringify(await message.json())).toContain('"read"');
  await page.screenshot({ path: "test-results/overview-postgres.png", fullPage: true });
});
