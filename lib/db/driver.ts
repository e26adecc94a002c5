import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { createHash } from "node:crypto";
import pg from "pg";

/**
 * The raw driver under Prisma: a pg pool for PostgreSQL, or one in-process PGlite (a real
 * Postgres in WASM) when no DATABASE_URL is set. The migrator and Prisma's adapter share it.
 */
export type Driver = { kind: "pg"; pool: pg.Pool; close(): Promise<void> } | { kind: "pglite"; pglite: PGlite; close(): Promise<void> };

export async function openDriver(opts: { databaseUrl?: string; dataDir: string; maxUses?: number; jit?: boolean }): Promise<Driver> {
  if (opts.databaseUrl) {
    // maxUses: transactions after which a connection is replaced (lib/ingest/writer-worker.ts).
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, maxUses: opts.maxUses });
    // An idle client losing its connection (database restart) must not crash the process.
    pool.on("error", () => {});
    // Our queries are short: key lookups, and dashboard aggregations over rollups. PostgreSQL's
    // JIT compiles any plan above jit_above_cost, and for those it took longer than the query
    // itself (measured at 10M deliveries: 278 ms of compiling in a 328 ms read-within query).
    // Sent first on every new connection (pg queues it ahead of the connection's first query).
    if (!opts.jit) pool.on("connect", (client) => void client.query("SET jit = off").catch(() => {}));
    return { kind: "pg", pool, close: () => pool.end() };
  }
  const dir = opts.dataDir.startsWith("memory://") ? opts.dataDir : path.join(opts.dataDir, "pglite");
  if (!dir.startsWith("memory://")) fs.mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create({ dataDir: dir });
  return { kind: "pglite", pglite, close: () => pglite.close() };
}

export async function queryRows<T>(driver: Driver, sql: string, params: unknown[] = []): Promise<T[]> {
  if (driver.kind === "pg") return (await driver.pool.query(sql, params)).rows as T[];
  return (await driver.pglite.query<T>(sql, params)).rows;
}

/** The SQL surface the ingestion pipeline needs (the same shape as Prisma's raw methods). */
export interface SqlTx {
  $queryRawUnsafe<T = unknown>(sql: string, ...params: unknown[]): Promise<T>;
  $executeRawUnsafe(sql: string, ...params: unknown[]): Promise<number>;
  /**
   * The transaction's last statement, in flight: COMMIT is queued right behind it, and the
   * transaction succeeds only if both do (after a failed statement PostgreSQL turns COMMIT into
   * ROLLBACK, and the statement's own error is what is reported).
   */
  last?(statement: Promise<unknown>): void;
}

/**
 * A transaction straight on the driver, for the ingestion hot path: measured here, Prisma's raw
 * query path costs ~0.3 ms of CPU per statement, which under webhook load was most of our
 * per-request overhead. Everything else goes through Prisma.
 */
export async function withTransaction<T>(driver: Driver, fn: (tx: SqlTx) => Promise<T>): Promise<T> {
  if (driver.kind === "pglite") {
    return driver.pglite.transaction((t) =>
      fn({
        $queryRawUnsafe: async <R>(sql: string, ...params: unknown[]) => (await t.query(sql, params)).rows as R,
        $executeRawUnsafe: async (sql: string, ...params: unknown[]) => (await t.query(sql, params)).affectedRows ?? 0,
      }),
    );
  }
  const client = await driver.pool.connect();
  // A connection dying mid-transaction also emits 'error' on the client; the failed query
  // already reports it, so this listener only keeps the process alive.
  const ignore = () => {};
  client.on("error", ignore);
  try {
    // Not awaited: pg queues the transaction's first statement behind BEGIN and sends it as soon
    // as BEGIN completes, saving an event-loop round trip per commit (which under load costs
    // more than the database's own time). A failed BEGIN fails that first statement too.
    const begun = client.query("BEGIN");
    begun.catch(() => {});
    // Named statements: each connection parses and plans an ingestion statement once.
    const run = (text: string, values: unknown[]) => client.query({ name: statementName(text), text, values });
    let last: Promise<unknown> = Promise.resolve();
    const result = await fn({
      $queryRawUnsafe: async <R>(sql: string, ...params: unknown[]) => (await run(sql, params)).rows as R,
      $executeRawUnsafe: async (sql: string, ...params: unknown[]) => (await run(sql, params)).rowCount ?? 0,
      last: (statement) => void (last = statement),
    });
    await Promise.all([last, client.query("COMMIT")]);
    client.off("error", ignore);
    client.release();
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    client.off("error", ignore);
    // A connection that failed mid-transaction is not reused.
    client.release(err instanceof Error ? err : true);
    throw err;
  }
}

const names = new Map<string, string>();
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) names.set(sql, (name = `rk_${createHash("sha1").update(sql).digest("hex").slice(0, 16)}`));
  return name;
}
