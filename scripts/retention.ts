// `npm run retention`: delete raw receipt events older than each workspace's retention period
// now (the server also does this hourly). Uses the same configuration as the server.
import { closeDb, getDb } from "../lib/db/client";
import { applyRetention } from "../lib/privacy/retention";

const db = await getDb();
try {
  const results = await applyRetention(db);
  if (results.length === 0) console.log("No workspace has a retention period set.");
  for (const r of results)
    console.log(
      `${r.workspaceId}: deleted ${r.events} events and ${r.waiting} parked receipts received before ${r.cutoff.toISOString()}` +
        (r.more ? " (more left; run again)" : ""),
    );
} finally {
  await closeDb(db);
}
