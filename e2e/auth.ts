import { expect, type Page } from "@playwright/test";

export const PASSWORD = "e2e-password-1";
export const USERS = {
  admin: "admin@e2e.test",
  manager: "manager@e2e.test",
  marketer: "marketer@e2e.test",
  agent: "agent@e2e.test",
  otherAdmin: "admin@other.test",
} as const;

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Account")).toBeVisible();
}
