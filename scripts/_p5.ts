import { openDb, closeDb } from "../lib/db/client";
import { createPgDatabase } from "../lib/testing/databases";
const created = await createPgDatabase();
const db = await openDb({ databaseUrl: created.url, dataDir: "" });
if (db.driver.kind !== "pg") throw 0;
const pool = db.driver.pool;
const N = 5000;
let base = 0;
const big = (i: number) => ({ type: "message.sent", id: `evt-${i}`, occurredAt: "2026-11-20T09:00:00.000Z", message: { id: `cmp-1-msg-${i}`, kind: "campaign", campaignId: "cmp-1", variant: "A", title: "Spring sale", senderId: "marketing" }, recipientId: `cust-${i}`, clientPlatform: "ios" });
async function a() {
  const rows = Array.from({ length: N }, (_, i) => base + i); base += N;
  const t = performance.now();
  await pool.query(`INSERT INTO receipt_events (workspace_id, source_id, idempotency_key, dedup_key, type, message_id, recipient_id, conversation_id, occurred_at, received_at, time_source, outcome, payload)
    SELECT 'w', 's', key, key, 'message.read', m, 'u', null, now(), now(), 'platform', 'applied', p FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS e(key, m, n) JOIN jsonb_array_elements($3::jsonb) WITH ORDINALITY AS j(p, n2) ON j.n2 = e.n`,
    [rows.map((i) => `evt-${(i * 7919) % 1000003}`), rows.map((i) => `cmp-1-msg-${(i * 104729) % 1000003}`), JSON.stringify(rows.map(big))]);
  return performance.now() - t;
}
async function b() {
  const rows = Array.from({ length: N }, (_, i) => base + i); base += N;
  const t = performance.now();
  await pool.query(`INSERT INTO receipt_events (workspace_id, source_id, idempotency_key, dedup_key, type, message_id, recipient_id, conversation_id, occurred_at, received_at, time_source, outcome, payload)
    SELECT 'w', 's', key, key, 'message.read', m, 'u', null, now(), now(), 'platform', 'applied', p::jsonb FROM unnest($1::text[], $2::text[], $3::text[]) AS e(key, m, p)`,
    [rows.map((i) => `evt-${(i * 7919) % 1000003}`), rows.map((i) => `cmp-1-msg-${(i * 104729) % 1000003}`), rows.map((i) => JSON.stringify(big(i)))]);
  return performance.now() - t;
}
async function c() {
  const rows = Array.from({ length: N }, (_, i) => base + i); base += N;
  const t = performance.now();
  await pool.query(`INSERT INTO receipt_events (workspace_id, source_id, idempotency_key, dedup_key, type, message_id, recipient_id, conversation_id, occurred_at, received_at, time_source, outcome, payload)
    SELECT 'w', 's', x.key, x.key, 'message.read', x.m, 'u', null, now(), now(), 'platform', 'applied', x.p FROM jsonb_to_recordset($1::jsonb) AS x(key text, m text, p jsonb)`,
    [JSON.stringify(rows.map((i) => ({ key: `evt-${(i * 7919) % 1000003}`, m: `cmp-1-msg-${(i * 104729) % 1000003}`, p: big(i) })))]);
  return performance.now() - t;
}
for (const [label, f] of [["text[] payload", b], ["jsonb array + ordinality", a], ["jsonb_to_recordset", c], ["text[] payload", b]] as const) { let s = 0; for (let k = 0; k < 10; k++) s += await f(); console.log(label, (s / 10 / N * 1000).toFixed(1), "µs/row"); }
await closeDb(db); await created.drop();
