// The Playwright suite's second server (playwright.config.ts, project "postgres"): the production
// build on a fresh PostgreSQL database, where ingestion commits in its worker thread. Creates the
// database, runs `next start`, and drops the database when stopped.
import { spawn } from "node:child_process";
import { createPgDatabase } from "../lib/testing/databases";

async function main() {
  const port = process.argv[2] ?? "3211";
  const db = await createPgDatabase("receipts_test_");
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: db.url },
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await db.drop().catch(() => {});
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  server.on("exit", (code) => {
    if (!stopping) void db.drop().finally(() => process.exit(code ?? 1));
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
