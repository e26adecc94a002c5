import { openDb, closeDb } from "../lib/db/client";
import * as sql from "../lib/db/sql";
import { createPgDatabase } from "../lib/testing/databases";
import { generateScenario } from "../lib/simulator/scenario";
import { parseCanonical } from "../lib/ingest/canonical";
import { applyBatch } from "../lib/ingest/apply-batch";
import { createWorkspace } from "../lib/testing/ingest";

const kind = process.argv[2] ?? "pg";
const created = kind === "pg" ? await createPgDatabase() : null;
const db = await openDb({ databaseUrl: created?.url, dataDir: "memory://" });
await createWorkspace(db, "w");
const events = generateScenario({ seed: 9, now: new Date(), days: 3, campaigns: 10, recipientsPerCampaign: 4000, announcements: 20, conversations: 500 });
let t0 = performance.now();
const parsed = events.map((e) => { const r = parseCanonical(e, new Date()); if (!r.ok) throw new Error(); return r.event; });
console.log("parse", events.length, (performance.now() - t0).toFixed(0), "ms");
const times = new Map<string, number>();
const orig = db.prisma.$transaction.bind(db.prisma);
t0 = performance.now();
let txTime = 0;
for (let i = 0; i < parsed.length; i += 5000) {
  const t1 = performance.now();
  await db.prisma.$transaction(async (tx) => {
    const wrapped = new Proxy(tx, { get(target, prop) {
      const v = (target as any)[prop];
      if (prop === "$queryRawUnsafe" || prop === "$executeRawUnsafe") return async (q: string, ...p: unknown[]) => { const s = performance.now(); const r = await v.call(target, q, ...p); const key = q.trim().split(/\s+/).slice(0, 3).join(" ") + " " + (q.match(/(FROM|INTO|UPDATE)\s+(\w+)/)?.[2] ?? ""); times.set(key, (times.get(key) ?? 0) + performance.now() - s); return r; };
      return typeof v === "function" ? v.bind(target) : v;
    }});
    await applyBatch(wrapped as any, [{ workspaceId: "w", sourceId: null, receivedAt: new Date(), events: parsed.slice(i, i + 5000) }]);
  }, { timeout: 60000 });
  txTime += performance.now() - t1;
}
const total = performance.now() - t0;
console.log("total", total.toFixed(0), "ms", (parsed.length / total * 1000).toFixed(0), "events/s");
for (const [k, v] of [...times].sort((a, b) => b[1] - a[1])) console.log(v.toFixed(0).padStart(6), k);
await closeDb(db); await created?.drop();
