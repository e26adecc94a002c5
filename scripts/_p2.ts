import { openDb, closeDb } from "../lib/db/client";
import { createPgDatabase } from "../lib/testing/databases";
const created = await createPgDatabase();
const db = await openDb({ databaseUrl: created.url, dataDir: "" });
const arr = Array.from({ length: 5000 }, (_, i) => `{"type":"message.sent","id":"evt-${i}","occurredAt":"2026-11-20T09:00:00Z","message":{"id":"m${i}"}}`);
for (let k = 0; k < 3; k++) {
  let t = performance.now();
  await db.prisma.$queryRawUnsafe(`SELECT count(*) FROM unnest($1::text[])`, arr);
  const prismaMs = performance.now() - t;
  if (db.driver.kind !== "pg") throw 0;
  t = performance.now();
  await db.driver.pool.query(`SELECT count(*) FROM unnest($1::text[])`, [arr]);
  console.log("prisma", prismaMs.toFixed(1), "pg", (performance.now() - t).toFixed(1));
}
await closeDb(db); await created.drop();
