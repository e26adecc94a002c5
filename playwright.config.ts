import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// Real Chromium from Debian (Playwright's own browser download is not reachable here) against
// the production build on a fresh embedded database.
const port = Number(process.env.E2E_PORT ?? 3210);
const dataDir = process.env.E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "receipts-e2e-"));
process.env.E2E_DATA_DIR = dataDir; // workers re-evaluate this file; keep one folder

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 60_000,
  // The screens read their numbers on the client after hydration (useApiQuery); on a loaded shared
  // machine that takes longer than the default 5 s, so assertions wait longer before failing.
  expect: { timeout: 60_000 },
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `npx next start -p ${port}`,
    url: `http://127.0.0.1:${port}/api/ping`,
    reuseExistingServer: false,
    timeout: 120_000,
    // Every spec signs in from 127.0.0.1: the per-IP sign-in limit would throttle the suite itself.
    env: { DATA_DIR: dataDir, PROVISION_FILE: path.resolve("e2e/provision.json"), DATABASE_URL: "", RATE_LIMIT_SIGN_IN_PER_MINUTE: "1000" },
  },
});
