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

export async function openDriver(opts: { databaseUrl?: string; dataDir: string; jit?: boolean }): Promise<Driver> {
  if (opts.databaseUrl) {
    // Our queries are short: key lookups, and dashboard aggregations over rollups. PostgreSQL's
    // JIT compiles any plan above jit_above_cost, and for those it took longer than the query
    // itself (measured at 10M deliveries: 278 ms of compiling in a 328 ms read-within query).
    // Set at connection start-up (a `SET` sent on connect would wait in pg's query queue).
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, options: opts.jit ? undefined : "-c jit=off" });
    // An idle client losing its connection (database restart) must not crash the process.
    pool.on("error", () => {});
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
/**
 * How the ingestion writer's statements are planned. They are key lookups and bulk inserts, each
 * prepared once per connection (named statements), and three things keep their plans right:
 *
 * - Connections retire as the data grows. A generic plan is made from the table sizes of its
 *   moment: planned on a young database, the lookups of a batch (receipts already logged,
 *   deliveries to lock) stayed hash joins over whole tables as those grew (measured: bench:apply
 *   from an empty database, PostgreSQL CPU per event 58–64 µs against 42–46 µs with renewal). A
 *   connection retires once this process has written as much again as it had when the
 *   connection started (and at least `minimum` events): plans are renewed a logarithmic number
 *   of times as the data grows, and not at all once it is large.
 * - random_page_cost 1.1: what these statements read was just written and is in memory. With the
 *   default 4 (a spinning disk's) the planner preferred hashing tables of a few thousand rows to
 *   a few index lookups (measured: single-event webhooks from an empty database, `messages`
 *   scanned 2,264 times in one bench:ingest run; with 1.1, 108 times, all in its first second).
 * - Generic plans from the first execution: the statements built from a batch (deferred writes
 *   of data-modifying CTEs) come in many shapes, and each was planned afresh for its first five
 *   runs, or for good when the row counts passed as LIMITs made custom plans look cheaper
 *   (planning was 6 % of PostgreSQL's time under webhook load). Forcing custom plans instead cost
 *   ~10 µs of planning per event at 1,000-event commits.
 */
export class WriterPlans {
  readonly begin = "BEGIN; SET LOCAL random_page_cost = 1.1; SET LOCAL plan_cache_mode = force_generic_plan";
  private written = 0;
  private readonly born = new WeakMap<object, number>();

  constructor(private readonly minimum = 1_000) {}

  /** Events written through this process's connections. */
  add(events: number): void {
    this.written += events;
  }

  /** Whether this connection's plans are stale (its first call marks its start). */
  stale(client: object): boolean {
    const born = this.born.get(client);
    if (born === undefined) {
      this.born.set(client, this.written);
      return false;
    }
    return this.written - born >= Math.max(this.minimum, born);
  }
}

export async function withTransaction<T>(
  driver: Driver,
  fn: (tx: SqlTx) => Promise<T>,
  /** For the ingestion writer's transactions (see WriterPlans). */
  opts: { plans?: WriterPlans } = {},
): Promise<T> {
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
  // One statement at a time, each sent the moment the one before it is answered (in the same
  // turn of the event loop), so BEGIN is not awaited before the first statement is prepared and
  // statements issued together wait here rather than in pg's own queue (which pg 9 removes).
  // After a failure nothing more is sent: the statements behind it fail with its error.
  let chain: Promise<unknown> = Promise.resolve();
  let finished = false;
  const send = (config: pg.QueryConfig) => {
    if (finished) return Promise.reject(new Error("statement issued after its transaction ended"));
    const sent = chain.then(() => client.query(config));
    chain = sent;
    return sent;
  };
  try {
    send({ text: opts.plans?.begin ?? "BEGIN" }).catch(() => {});
    // Named statements: each connection parses and plans an ingestion statement once.
    const run = (text: string, values: unknown[]) => send({ name: statementName(text), text, values });
    let last: Promise<unknown> = Promise.resolve();
    const result = await fn({
      $queryRawUnsafe: async <R>(sql: string, ...params: unknown[]) => (await run(sql, params)).rows as R,
      $executeRawUnsafe: async (sql: string, ...params: unknown[]) => (await run(sql, params)).rowCount ?? 0,
      last: (statement) => void (last = statement),
    });
    await Promise.all([last, send({ text: "COMMIT" })]);
    finished = true;
    client.off("error", ignore);
    // Released with `true`, the pool closes the connection and opens a new one when needed.
    client.release(opts.plans?.stale(client) ?? false);
    return result;
  } catch (err) {
    finished = true;
    // Whatever is still in flight ends first; then the connection is free for ROLLBACK.
    await chain.catch(() => {});
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
