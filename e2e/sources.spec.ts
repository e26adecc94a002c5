import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signInByApi, USERS } from "./auth";

// The acceptance check of Settings → Sources: an admin creates a WhatsApp source, copies its
// webhook URL, WhatsApp (played by this test) posts a signed status to it, and the message's
// page shows the new status; the Sources list and the source's page show what arrived.

const TOKEN = "rk_e2e_token_0000000001";
const APP_SECRET = "e2e-whatsapp-app-secret-0001";
const RECIPIENT = "16505551234";

/** A WhatsApp Cloud API statuses webhook for one message, as Meta sends it. */
function statusesPayload(messageId: string, status: "delivered" | "read"): string {
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550783881", phone_number_id: "106540352242922" },
              statuses: [{ id: messageId, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: RECIPIENT }],
            },
          },
        ],
      },
    ],
  });
}

const sign = (secret: string, body: string) => `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("an admin creates a WhatsApp source, copies its URL, and a signed status changes the message on screen", async ({
  page,
  request,
}, testInfo) => {
  // The message the receipts are about, registered by the business system as it is sent.
  const wamid = `wamid.e2e-sources-${Date.now()}`;
  const sent = await request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    data: JSON.stringify([
      {
        type: "message.sent",
        id: `s-${wamid}`,
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        message: { id: wamid, title: "Sources acceptance message" },
        recipientId: RECIPIENT,
      },
    ]),
  });
  expect(sent.status()).toBe(200);

  await signInByApi(page, USERS.admin);
  await page.goto("/settings/tokens");
  await page.getByRole("link", { name: "Sources" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sources" })).toBeVisible();

  await page.getByRole("button", { name: "New source" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Platform").selectOption("whatsapp");
  await dialog.getByLabel("Name").fill("WhatsApp e2e");
  await dialog.getByLabel("App secret").fill(APP_SECRET);
  await dialog.getByLabel("Verify token").fill("e2e-verify-token");
  await dialog.getByRole("button", { name: "Create source" }).click();
  await expect(dialog.getByTestId("source-created")).toBeVisible();
  // What to do in Meta's console is on screen with the URL.
  await expect(dialog.getByText('subscribe to "messages"')).toBeVisible();

  // Copy with the keyboard, then read what the clipboard holds: that is the URL the platform gets.
  const copy = dialog.getByRole("button", { name: "Copy Webhook URL" });
  await copy.focus();
  await page.keyboard.press("Enter");
  await expect(copy).toContainText("Copied");
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toMatch(/^http:\/\/.+\/api\/webhooks\/src_[\w-]+$/);
  expect(url).toBe(await dialog.getByTestId("webhook-url").textContent());
  await page.screenshot({ path: testInfo.outputPath("sources-created.png") });

  // Meta's subscription check answers with the verify token chosen above.
  const check = await request.get(`${url}?hub.mode=subscribe&hub.verify_token=e2e-verify-token&hub.challenge=1158201444`);
  expect(await check.text()).toBe("1158201444");

  // The open page follows the live stream; wait until it is connected before WhatsApp posts.
  const live = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/stream");
  await page.goto(`/messages/${encodeURIComponent(wamid)}`);
  expect((await live).status()).toBe(200);
  const delivery = page.getByTestId(`delivery-${RECIPIENT}`);
  await expect(delivery.locator(".status")).toHaveText("sent");

  // WhatsApp posts the read status, signed with the app secret entered above; the open page follows.
  const body = statusesPayload(wamid, "read");
  const res = await request.post(url, {
    headers: { "content-type": "application/json", "x-hub-signature-256": sign(APP_SECRET, body) },
    data: body,
  });
  expect(res.status()).toBe(200);
  await expect(delivery.locator(".status")).toHaveText("read", { timeout: 10_000 });
  await page.screenshot({ path: testInfo.outputPath("sources-message-read.png"), fullPage: true });

  // A request signed with another secret is refused, counted and listed (never with a secret).
  const forged = statusesPayload(wamid, "delivered");
  const refused = await request.post(url, {
    headers: { "content-type": "application/json", "x-hub-signature-256": sign("not-the-app-secret", forged) },
    data: forged,
  });
  expect(refused.status()).toBe(401);

  await page.goto("/settings/sources");
  const row = page.getByTestId("source-WhatsApp e2e");
  // The list loads on the client: allow for a busy machine.
  await expect(row).toContainText("WhatsApp Cloud API", { timeout: 20_000 });
  await expect(row).toContainText("enabled");
  await page.screenshot({ path: testInfo.outputPath("sources-list.png"), fullPage: true });

  await row.getByRole("link", { name: "WhatsApp e2e" }).click();
  await expect(page.getByTestId("health-accepted")).toHaveText("1", { timeout: 20_000 });
  await expect(page.getByTestId("health-signatureFailures")).toHaveText("1");
  const rejected = page.getByTestId("rejected-requests");
  await expect(rejected).toContainText("401 unauthorized");
  await expect(rejected).toContainText("X-Hub-Signature-256");
  expect(await page.content()).not.toContain(APP_SECRET);
  await page.screenshot({ path: testInfo.outputPath("sources-detail.png"), fullPage: true });

  // Disabling refuses the platform's requests; the page says so.
  await page.getByRole("button", { name: "Disable" }).click();
  await expect(page.getByTestId("source-status")).toContainText("Disabled");
  const whileOff = await request.post(url, {
    headers: { "content-type": "application/json", "x-hub-signature-256": sign(APP_SECRET, body) },
    data: body,
  });
  expect(whileOff.status()).toBe(404);

  // Replay re-runs the stored request and recognises what is already stored.
  await page.getByRole("button", { name: "Replay stored requests" }).click();
  await expect(page.getByTestId("replay-result")).toContainText("Requests replayed: 1; events: 1; newly applied: 0; already stored: 1");
  // Limited to days in the workspace's zone: nothing was received in 2099.
  await page.getByLabel("Received from (day)").fill("2099-01-01");
  await page.getByRole("button", { name: "Replay stored requests" }).click();
  await expect(page.getByTestId("replay-result")).toContainText("Requests replayed: 0;");
});
