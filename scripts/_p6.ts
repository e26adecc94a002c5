import pg from "pg";
import { createPgDatabase } from "../lib/testing/databases";
const created = await createPgDatabase();
const pool = new pg.Pool({ connectionString: created.url });
await pool.query(`CREATE TABLE a (ws text, key text, m text, p jsonb); CREATE TABLE b (ws text, key text, m text, p json); CREATE TABLE c (ws text, key text, m text, p text); CREATE TABLE d (ws text, key text, m text)`);
const N = 5000; let base = 0;
const big = (i: number) => ({ type: "message.sent", id: `evt-${i}`, occurredAt: "2026-11-20T09:00:00.000Z", message: { id: `cmp-1-msg-${i}`, kind: "campaign", campaignId: "cmp-1", variant: "A", title: "Spring sale", senderId: "marketing" }, recipientId: `cust-${i}`, clientPlatform: "ios" });
async function run(t: string, sel: string) {
  let s = 0;
  for (let k = 0; k < 10; k++) {
    const rows = Array.from({ length: N }, (_, i) => [`w`, `evt-${base + i}`, `m-${base + i}`, big(base + i)]); base += N;
    const t0 = performance.now();
    await pool.query(`INSERT INTO ${t} SELECT ${sel} FROM jsonb_array_elements($1::jsonb) r`, [JSON.stringify(rows)]);
    s += performance.now() - t0;
  }
  console.log(t, sel.slice(-20), (s / 10 / N * 1000).toFixed(1), "µs/row");
}
await run("a", "r->>0, r->>1, r->>2, r->3");
await run("b", "r->>0, r->>1, r->>2, (r->3)::json");
await run("c", "r->>0, r->>1, r->>2, r->>3");
await run("d", "r->>0, r->>1, r->>2");
await run("a", "r->>0, r->>1, r->>2, r->3");
await pool.end(); await created.drop();
