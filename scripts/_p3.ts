import { openDb, closeDb } from "../lib/db/client";
import { createPgDatabase } from "../lib/testing/databases";
const created = await createPgDatabase();
const db = await openDb({ databaseUrl: created.url, dataDir: "" });
if (db.driver.kind !== "pg") throw 0;
const pool = db.driver.pool;
const N = 5000;
let base = 0;
const mk = () => Array.from({ length: N }, (_, i) => ({ ws: "w", src: "s", key: `k${base + i}`, type: "message.read", m: `m${base + i}`, r: "u", c: null, occ: "2026-11-20T09:00:00.000Z", rec: "2026-11-20T09:00:00.000Z", ts: "platform", outcome: "applied", payload: { type: "message.read", id: `k${base + i}`, occurredAt: "2026-11-20T09:00:00Z", messageId: `m${base + i}`, recipientId: "u" } }));
for (let round = 0; round < 3; round++) {
  let rows = mk(); base += N;
  let t = performance.now();
  await pool.query(`INSERT INTO receipt_events (workspace_id, source_id, idempotency_key, dedup_key, type, message_id, recipient_id, conversation_id, occurred_at, received_at, time_source, outcome, payload)
    SELECT ws, src, key, key, type, m, r, c, occ, rec, ts, outcome::"EventOutcome", payload::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[], $10::text[], $11::text[], $12::text[]) AS e(ws, src, key, type, m, r, c, occ, rec, ts, outcome, payload)`,
    [rows.map((x) => x.ws), rows.map((x) => x.src), rows.map((x) => x.key), rows.map((x) => x.type), rows.map((x) => x.m), rows.map((x) => x.r), rows.map((x) => x.c), rows.map((x) => x.occ), rows.map((x) => x.rec), rows.map((x) => x.ts), rows.map((x) => x.outcome), rows.map((x) => JSON.stringify(x.payload))]);
  const a = performance.now() - t;
  rows = mk(); base += N;
  t = performance.now();
  await pool.query(`INSERT INTO receipt_events (workspace_id, source_id, idempotency_key, dedup_key, type, message_id, recipient_id, conversation_id, occurred_at, received_at, time_source, outcome, payload)
    SELECT ws, src, key, key, type, m, r, c, occ, rec, ts, outcome::"EventOutcome", payload FROM jsonb_to_recordset($1::jsonb) AS e(ws text, src text, key text, type text, m text, r text, c text, occ timestamptz, rec timestamptz, ts text, outcome text, payload jsonb)`,
    [JSON.stringify(rows)]);
  const b = performance.now() - t;
  rows = mk(); base += N;
  t = performance.now();
  await pool.query(`INSERT INTO receipt_events (workspace_id, source_id, idempotency_key, dedup_key, type, message_id, recipient_id, conversation_id, occurred_at, received_at, time_source, outcome, payload)
    SELECT ws, src, key, key, type, m, r, c, occ, rec, ts, outcome::"EventOutcome", payload FROM json_to_recordset($1::json) AS e(ws text, src text, key text, type text, m text, r text, c text, occ timestamptz, rec timestamptz, ts text, outcome text, payload jsonb)`,
    [JSON.stringify(rows)]);
  const c = performance.now() - t;
  console.log("unnest", a.toFixed(0), "jsonb_to_recordset", b.toFixed(0), "json_to_recordset", c.toFixed(0));
}
const t = performance.now();
await pool.query(`SELECT count(*) FROM receipt_events`);
await closeDb(db); await created.drop();
