// Re-runs a source's stored webhook requests through its current adapter (after an adapter fix).
//   npm run replay -- --source <id> [--since 2026-11-01T00:00:00Z] [--until …]
// Uses the same database as the app (DATABASE_URL, else the embedded one in DATA_DIR).
import { parseArgs } from "node:util";
import { closeDb, getDb } from "../lib/db/client";
import { replaySource } from "../lib/webhooks/replay";

const { values } = parseArgs({
  options: { source: { type: "string" }, since: { type: "string" }, until: { type: "string" }, help: { type: "boolean" } },
});

if (values.help || !values.source) {
  console.log("usage: npm run replay -- --source <sourceId> [--since <ISO time>] [--until <ISO time>]");
  process.exit(values.help ? 0 : 1);
}

const time = (v: string | undefined, name: string) => {
  if (!v) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new Error(`--${name} is not a time: ${v}`);
  return d;
};

const db = await getDb();
try {
  const report = await replaySource(db, values.source, { since: time(values.since, "since"), until: time(values.until, "until") });
  console.log(JSON.stringify(report, null, 2));
  // Requests the current adapter still cannot parse are listed in `errors`.
  if (report.errors.length) process.exitCode = 2;
} catch (err) {
  console.error(`replay failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await closeDb(db);
}
