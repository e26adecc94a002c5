import { openDb, closeDb } from "../lib/db/client";
import { createPgDatabase } from "../lib/testing/databases";
const created = await createPgDatabase();
const db = await openDb({ databaseUrl: created.url, dataDir: "" });
if (db.driver.kind !== "pg") throw 0;
const pool = db.driver.pool;
const N = 5000;
let base = 0;
async function ins(payloadFn: (i: number) => string) {
  const rows = Array.from({ length: N }, (_, i) => base + i); base += N;
  const t = performance.now();
  await pool.query(`INSERT INTO receipt_events (workspace_id, source_id, idempotency_key, dedup_key, type, message_id, recipient_id, conversation_id, occurred_at, received_at, time_source, outcome, payload)
    SELECT 'w', 's', key, key, 'message.read', m, 'u', null, now(), now(), 'platform', 'applied', p::jsonb FROM unnest($1::text[], $2::text[], $3::text[]) AS e(key, m, p)`,
    [rows.map((i) => `evt-${(i * 7919) % 1000003}`), rows.map((i) => `cmp-1-msg-${(i * 104729) % 1000003}`), rows.map(payloadFn)]);
  return performance.now() - t;
}
const big = (i: number) => JSON.stringify({ type: "message.sent", id: `evt-${i}`, occurredAt: "2026-11-20T09:00:00.000Z", message: { id: `cmp-1-msg-${i}`, kind: "campaign", campaignId: "cmp-1", variant: "A", title: "Spring sale", senderId: "marketing" }, recipientId: `cust-${i}`, clientPlatform: "ios" });
const run = async (label: string, f: (i: number) => string) => { let s = 0; for (let k = 0; k < 10; k++) s += await ins(f); console.log(label, (s / 10 / N * 1000).toFixed(1), "µs/row"); };
await run("full", big);
await run("small payload", () => "{}");
await pool.query(`DROP INDEX receipt_events_workspace_id_message_id_idx`);
await run("no message idx", big);
await pool.query(`DROP INDEX receipt_events_workspace_id_dedup_key_key`);
await run("no dedup idx", big);
await pool.query(`DROP INDEX receipt_events_received_at_idx`);
await run("no brin", big);
await closeDb(db); await created.drop();
