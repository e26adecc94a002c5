import { expect, test, type Page } from "@playwright/test";

export const PASSWORD = "e2e-password-1";
export const USERS = {
  admin: "admin@e2e.test",
  manager: "manager@e2e.test",
  marketer: "marketer@e2e.test",
  agent: "agent@e2e.test",
  otherAdmin: "admin@other.test",
} as const;
/** The admin of the e2e-ui workspace (Lumen Labs), where the Overview screens spec posts its data. */
export const UI_ADMIN = "admin@ui.test";

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Password hashing (scrypt) takes seconds on a busy machine.
  await expect(page.getByLabel("Account")).toBeVisible({ timeout: 20_000 });
}

/** Signs in over the API with the page's cookie jar: for specs about what comes after sign-in. */
export async function signInByApi(page: Page, email: string, password = PASSWORD): Promise<void> {
  const baseURL = test.info().project.use.baseURL!;
  const res = await page.request.post("/api/auth/sign-in/email", { data: { email, password }, headers: { origin: baseURL } });
  expect(res.status(), `sign-in of ${email}`).toBe(200);
}
