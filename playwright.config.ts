import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// Real Chromium from Debian (Playwright's own browser download is not reachable here) against
// the production build on a fresh embedded database.
const port = Number(process.env.E2E_PORT ?? 3210);
const pgPort = port + 1;
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
  projects: [
    { name: "pglite", testIgnore: /postgres\.spec\.ts/ },
    // The same build on PostgreSQL, where ingestion commits in a worker thread (lib/ingest/worker-client.ts).
    { name: "postgres", testMatch: /postgres\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${pgPort}` } },
  ],
  // Every spec signs in from 127.0.0.1: the per-IP sign-in limit would throttle the suite itself.
  webServer: [
    {
      command: `npx next start -p ${port}`,
      url: `http://127.0.0.1:${port}/api/ping`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        DATA_DIR: dataDir,
        PROVISION_FILE: path.resolve("e2e/provision.json"),
        DATABASE_URL: "",
        RATE_LIMIT_SIGN_IN_PER_MINUTE: "1000",
      },
    },
    {
      command: `npx tsx scripts/e2e-postgres-server.ts ${pgPort}`,
      url: `http://127.0.0.1:${pgPort}/api/ping`,
      reuseExistingServer: false,
      timeout: 120_000,
      // SIGTERM lets the script drop its database.
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      env: {
        DATA_DIR: path.join(dataDir, "postgres"),
        PROVISION_FILE: path.resolve("e2e/provision.json"),
        RATE_LIMIT_SIGN_IN_PER_MINUTE: "1000",
      },
    },
  ],
});
