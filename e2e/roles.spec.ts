import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { PASSWORD, signIn, USERS } from "./auth";

// Each demo role signs in and sees exactly its navigation and data; then every page (listed from
// app/**/page.tsx, so a new page without a rule fails) is opened by every kind of visitor.

const TOKEN = "rk_e2e_token_0000000001";
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const sent = (id: string, title: string, message: Record<string, unknown>, recipientId: string) =>
  JSON.stringify({ type: "message.sent", id: `s-${id}`, occurredAt: ago(30), message: { id, title, ...message }, recipientId });

const MESSAGES = {
  "roles-camp": "Roles campaign",
  "roles-agent1": "Answer by agent 1",
  "roles-agent2": "Answer by agent 2",
  "roles-agent3": "Answer by agent 3",
};

const EXPECT = {
  admin: { nav: ["Overview", "Campaigns", "Announcements", "Support", "Messages", "Settings"], sees: Object.keys(MESSAGES) },
  manager: { nav: ["Overview", "Announcements", "Support", "Messages"], sees: ["roles-agent1", "roles-agent2"] }, // team-a
  marketer: { nav: ["Overview", "Campaigns"], sees: ["roles-camp"] },
  agent: { nav: ["Overview", "Support", "Messages"], sees: ["roles-agent1"] },
} as const;

async function seed(request: APIRequestContext) {
  const lines = [
    sent("roles-camp", MESSAGES["roles-camp"], { kind: "campaign", campaignId: "roles" }, "c-1"),
    sent("roles-agent1", MESSAGES["roles-agent1"], { kind: "support", senderId: "agent-1", conversationId: "rc-1" }, "c-2"),
    sent("roles-agent2", MESSAGES["roles-agent2"], { kind: "support", senderId: "agent-2", conversationId: "rc-2" }, "c-3"),
    sent("roles-agent3", MESSAGES["roles-agent3"], { kind: "support", senderId: "agent-3", conversationId: "rc-3" }, "c-4"),
    // An announcement by agent-3 (team-b) to agent-3: for the announcement and member page rules.
    sent("roles-ann3", "Team B notice", { kind: "announcement", senderId: "agent-3", announcementId: "roles-ann-b" }, "agent-3"),
  ];
  const res = await request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
    data: lines.join("\n"),
  });
  expect(res.status()).toBe(200);
}

test.beforeAll(async ({ request }) => seed(request));

for (const [role, want] of Object.entries(EXPECT)) {
  test(`a ${role} sees exactly their navigation and data`, async ({ page }) => {
    await signIn(page, USERS[role as keyof typeof EXPECT]);
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" }).getByRole("link");
    await expect(nav).toHaveText([...want.nav]);
    const recent = page.getByRole("region", { name: "Latest messages" });
    // The list is read on the client: what the role sees first (so it has loaded), then what it must not.
    const entries = Object.entries(MESSAGES);
    const sees = (id: string) => (want.sees as readonly string[]).includes(id);
    for (const [id, title] of entries.filter(([id]) => sees(id)))
      await expect(recent.getByRole("link", { name: title, exact: true }), `${role} should see ${id}`).toBeVisible();
    for (const [id, title] of entries.filter(([id]) => !sees(id)))
      await expect(recent.getByRole("link", { name: title, exact: true }), `${role} must not see ${id}`).toHaveCount(0);
    await page.screenshot({ path: `test-results/role-${role}.png`, fullPage: true });
    // Signing out ends the session: the app sends the visitor back to sign-in.
    await page.getByLabel("Account").click();
    await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
  });
}

test("an admin creates an API token (shown once), sees it used, and revokes it", async ({ page, request }) => {
  await signIn(page, USERS.admin);
  await page.goto("/settings/tokens");
  await page.getByLabel("Name").fill("e2e-made");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token").locator("code").textContent())!;
  expect(secret).toMatch(/^rk_/);
  const use = () => request.get("/api/v1/stats/overview", { headers: { authorization: `Bearer ${secret}` } });
  expect((await use()).status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  await expect(page.getByTestId("token-e2e-made")).toContainText("active");
  await page.getByRole("button", { name: "Revoke e2e-made" }).click();
  await expect(page.getByTestId("token-e2e-made")).toContainText("revoked");
  expect((await use()).status()).toBe(401);
  await page.screenshot({ path: "test-results/settings-tokens.png", fullPage: true });
});

test("an admin adds a user who can sign in, changes their role, and removes them", async ({ page, browser, baseURL }) => {
  await signIn(page, USERS.admin);
  await page.goto("/settings/users");
  const form = page.getByRole("form", { name: "New user" });
  await form.getByLabel("Email").fill("nia@e2e.test");
  await form.getByLabel("Name").fill("Nia New");
  await form.getByLabel("Role").selectOption("marketer");
  await form.getByLabel("First password").fill("nia-first-password");
  await form.getByRole("button", { name: "Create user" }).click();
  const row = page.getByTestId("user-nia@e2e.test");
  await expect(row).toContainText("Nia New");
  // Admins cannot demote or remove themselves: their own row offers neither.
  await expect(page.getByTestId(`user-${USERS.admin}`).getByRole("button")).toHaveCount(0);
  await expect(page.getByTestId(`user-${USERS.admin}`).getByRole("combobox")).toHaveCount(0);

  const context = await browser.newContext({ baseURL });
  const nia = await context.newPage();
  await signIn(nia, "nia@e2e.test", "nia-first-password");
  const nav = nia.getByRole("navigation", { name: "Main" }).getByRole("link");
  await expect(nav).toHaveText(["Overview", "Campaigns"]);

  const changed = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/api/admin/users/"));
  await row.getByLabel("Role of Nia New").selectOption("agent");
  expect((await changed).status()).toBe(200);
  await nia.reload();
  await expect(nav).toHaveText(["Overview", "Support", "Messages"]);
  await page.screenshot({ path: "test-results/settings-users.png", fullPage: true });

  await row.getByRole("button", { name: "Remove Nia New" }).click();
  await expect(row).toHaveCount(0);
  await nia.goto("/");
  await expect(nia).toHaveURL(/\/sign-in$/);
  await context.close();
});

// ---- every page × every visitor ----

type Visitor = "anonymous" | keyof typeof USERS;
const VISITORS: Visitor[] = ["anonymous", "admin", "manager", "marketer", "agent", "otherAdmin"];
/** "sign-in": sent to the sign-in page; "home": sent to the Overview; a number: that status. */
type Outcome = 200 | 404 | "sign-in" | "home";
const signedIn = (o: Record<Exclude<Visitor, "anonymous">, Outcome>) => ({ anonymous: "sign-in" as Outcome, ...o });

const PAGE_RULES: Record<string, { path: string; expect: Record<Visitor, Outcome> }> = {
  "/": { path: "/", expect: signedIn({ admin: 200, manager: 200, marketer: 200, agent: 200, otherAdmin: 200 }) },
  "/sign-in": {
    path: "/sign-in",
    expect: { anonymous: 200, admin: "home", manager: "home", marketer: "home", agent: "home", otherAdmin: "home" },
  },
  // Support and the message list: admins, managers and agents (each sees only what their scope allows).
  "/support": {
    path: "/support",
    expect: signedIn({ admin: 200, manager: 200, marketer: 404, agent: 200, otherAdmin: 200 }),
  },
  "/messages": {
    path: "/messages",
    expect: signedIn({ admin: 200, manager: 200, marketer: 404, agent: 200, otherAdmin: 200 }),
  },
  // Sent by agent-3 (team-b): only the admin of this workspace may open it.
  "/messages/[id]": {
    path: "/messages/roles-agent3",
    expect: signedIn({ admin: 200, manager: 404, marketer: 404, agent: 404, otherAdmin: 404 }),
  },
  // Campaign pages: the roles of the "campaigns" section (admin, marketer). Another workspace's
  // admin may open the list and Compare (of their own campaigns) but not this workspace's campaign.
  "/campaigns": {
    path: "/campaigns",
    expect: signedIn({ admin: 200, manager: 404, marketer: 200, agent: 404, otherAdmin: 200 }),
  },
  "/campaigns/[id]": {
    path: "/campaigns/roles",
    expect: signedIn({ admin: 200, manager: 404, marketer: 200, agent: 404, otherAdmin: 404 }),
  },
  "/campaigns/compare": {
    path: "/campaigns/compare?ids=roles,roles",
    expect: signedIn({ admin: 200, manager: 404, marketer: 200, agent: 404, otherAdmin: 200 }),
  },
  // Team data: admins and managers of the team. roles-ann-b was sent by agent-3 (team-b), and
  // agent-3 is in team-b: the team-a manager may open neither.
  "/announcements": {
    path: "/announcements",
    expect: signedIn({ admin: 200, manager: 200, marketer: 404, agent: 404, otherAdmin: 200 }),
  },
  "/announcements/[id]": {
    path: "/announcements/roles-ann-b",
    expect: signedIn({ admin: 200, manager: 404, marketer: 404, agent: 404, otherAdmin: 404 }),
  },
  "/announcements/members/[id]": {
    path: "/announcements/members/agent-3",
    expect: signedIn({ admin: 200, manager: 404, marketer: 404, agent: 404, otherAdmin: 404 }),
  },
  "/settings/nudge": {
    path: "/settings/nudge",
    expect: signedIn({ admin: 200, manager: 404, marketer: 404, agent: 404, otherAdmin: 200 }),
  },
  // The list behind any count: every role (each sees only what its scope allows, in SQL).
  "/deliveries": {
    path: "/deliveries?status=sent",
    expect: signedIn({ admin: 200, manager: 200, marketer: 200, agent: 200, otherAdmin: 200 }),
  },
  "/settings/tokens": {
    path: "/settings/tokens",
    expect: signedIn({ admin: 200, manager: 404, marketer: 404, agent: 404, otherAdmin: 200 }),
  },
  "/settings/users": {
    path: "/settings/users",
    expect: signedIn({ admin: 200, manager: 404, marketer: 404, agent: 404, otherAdmin: 200 }),
  },
  "/settings/sources": {
    path: "/settings/sources",
    expect: signedIn({ admin: 200, manager: 404, marketer: 404, agent: 404, otherAdmin: 200 }),
  },
  // The e2e workspace's provisioned source: another workspace's admin does not find it.
  "/settings/sources/[id]": {
    path: "/settings/sources/e2e-generic",
    expect: signedIn({ admin: 200, manager: 404, marketer: 404, agent: 404, otherAdmin: 404 }),
  },
  "/settings/audit": {
    path: "/settings/audit",
    expect: signedIn({ admin: 200, manager: 404, marketer: 404, agent: 404, otherAdmin: 200 }),
  },
};

function pages(): string[] {
  const root = path.resolve("app");
  const walk = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : d.name === "page.tsx" ? [dir] : []));
  return walk(root)
    .map((dir) => "/" + path.relative(root, dir).split(path.sep).join("/"))
    .map((p) => p.replace(/\/\([^/]+\)/g, "") || "/") // route groups, such as (app), are not in the URL
    .map((p) => (p === "/" ? p : p.replace(/\/$/, "")));
}

test("every page has an access rule", () => {
  expect(pages().filter((p) => !PAGE_RULES[p])).toEqual([]);
  expect(Object.keys(PAGE_RULES).filter((p) => !pages().includes(p))).toEqual([]);
});

async function visitorContext(browser: Browser, who: Visitor, baseURL: string) {
  const context = await browser.newContext({ baseURL });
  if (who !== "anonymous") {
    const res = await context.request.post("/api/auth/sign-in/email", {
      data: { email: USERS[who], password: PASSWORD },
      headers: { origin: baseURL },
    });
    expect(res.status(), `sign-in of ${who}`).toBe(200);
  }
  return context;
}

test("every page with every visitor: allowed, hidden (404) or sent to sign-in", async ({ browser, baseURL }) => {
  // 12 pages × 6 visitors; the machine running the suite may be busy.
  test.setTimeout(420_000);
  // Grows with the pages: up to 8 s per page and visitor on a busy machine.
  test.setTimeout(Math.max(180_000, VISITORS.length * Object.keys(PAGE_RULES).length * 8_000));
  const got: Record<string, Outcome> = {};
  const want: Record<string, Outcome> = {};
  for (const who of VISITORS) {
    const context = await visitorContext(browser, who, baseURL!);
    for (const [route, rule] of Object.entries(PAGE_RULES)) {
      // Pages stream (loading.tsx), so redirects and 404s arrive inside a 200 answer: judge by
      // where the browser ends up and what it shows.
      const page = await context.newPage();
      await page.goto(rule.path, { waitUntil: "commit" });
      const notFound = page.getByText("This page could not be found");
      await expect(page.locator("main h1").or(notFound).first()).toBeVisible({ timeout: 15_000 });
      const at = new URL(page.url()).pathname;
      got[`${who} ${route}`] =
        at === "/sign-in" && rule.path !== "/sign-in"
          ? "sign-in"
          : at === "/" && rule.path !== "/"
            ? "home"
            : (await notFound.count()) > 0
              ? 404
              : 200;
      want[`${who} ${route}`] = rule.expect[who];
      await page.close();
    }
    await context.close();
  }
  expect(got).toEqual(want);
});

test("another workspace's admin sees none of this workspace's data", async ({ page }) => {
  await signIn(page, USERS.otherAdmin);
  await page.goto("/");
  for (const title of Object.values(MESSAGES)) await expect(page.getByRole("link", { name: title, exact: true })).toHaveCount(0);
  await expect(page.getByTestId("overview-empty")).toBeVisible();
});
