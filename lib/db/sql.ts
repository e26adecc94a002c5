import type { SqlTx } from "./driver";

// Raw SQL runs on PostgreSQL and PGlite alike, through Prisma (queries) or straight on the
// driver (the ingestion transaction); both offer this shape.

export type Tx = SqlTx;

export function query<T>(tx: Tx, sql: string, params: unknown[] = []): Promise<T[]> {
  return tx.$queryRawUnsafe<T[]>(sql, ...params);
}

export function execute(tx: Tx, sql: string, params: unknown[] = []): Promise<number> {
  return tx.$executeRawUnsafe(sql, ...params);
}

/** JSON text already serialised (and known valid), spliced in as is. Only as a row's last cell. */
export class RawJson {
  constructor(readonly text: string) {}
}

export type Cell = string | number | boolean | Date | null | object;

/**
 * Bulk rows as one derived table fed by a single JSON parameter (an array of row arrays) and its
 * length, so a batch of any size costs one statement. Measured here against `unnest` of one
 * array per column: twice as fast when rows carry JSON payloads (no escaping into array
 * literals), and rows as arrays serialise faster than objects.
 */
export function rowsOf(
  alias: string,
  columns: [name: string, pgType: string][],
  rows: Cell[][],
  param = 1,
): { from: string; params: unknown[] } {
  // Times travel as epoch milliseconds: serialising Date objects cost 4x more than numbers here.
  const select = columns
    .map(([name, type], i) =>
      type === "jsonb"
        ? `r->${i} AS ${name}`
        : type === "timestamptz"
          ? `to_timestamp((r->>${i})::float8 / 1000) AS ${name}`
          : `(r->>${i})::${type} AS ${name}`,
    )
    .join(", ");
  // The row count travels too, as a LIMIT: PostgreSQL otherwise guesses 100 rows for any
  // jsonb_array_elements, and for a batch of a few keys it then prefers hashing a whole table
  // to a few index lookups (see lib/ingest/writer-worker.ts).
  return {
    from: `(SELECT ${select} FROM jsonb_array_elements($${param}::jsonb) AS r LIMIT $${param + 1}) AS ${alias}`,
    params: [serialise(rows), rows.length],
  };
}

function serialise(rows: Cell[][]): string {
  // In place: the rows are built for this one statement.
  for (const r of rows) for (let i = 0; i < r.length; i++) if (r[i] instanceof Date) r[i] = (r[i] as Date).getTime();
  const last = rows[0]?.length - 1;
  if (!rows.some((r) => r[last] instanceof RawJson)) return JSON.stringify(rows);
  const out: string[] = [];
  for (const r of rows) {
    const tail = r[last];
    if (!(tail instanceof RawJson)) out.push(JSON.stringify(r));
    else {
      const head = JSON.stringify(r.slice(0, last));
      out.push(last === 0 ? `[${tail.text}]` : `${head.slice(0, -1)},${tail.text}]`);
    }
  }
  return `[${out.join(",")}]`;
}

/**
 * Collects write statements and runs them as one statement of data-modifying CTEs: the tail of
 * an ingestion transaction (deliveries, rollups, log, health…) costs one round trip, not nine.
 * Only for writes whose results nobody reads and that touch different rows.
 */
export class DeferredWrites implements Tx {
  private parts: { sql: string; params: unknown[] }[] = [];

  constructor(private readonly tx: Tx) {}

  $queryRawUnsafe<T = unknown>(): Promise<T> {
    return Promise.reject(new Error("DeferredWrites cannot read"));
  }

  async $executeRawUnsafe(sql: string, ...params: unknown[]): Promise<number> {
    this.parts.push({ sql, params });
    return 0;
  }

  async flush(): Promise<void> {
    const parts = this.parts.splice(0);
    if (parts.length === 0) return;
    if (parts.length === 1) return void (await this.tx.$executeRawUnsafe(parts[0].sql, ...parts[0].params));
    let offset = 0;
    const ctes = parts.map((p, i) => {
      const sql = p.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
      offset += p.params.length;
      return `w${i} AS (${sql})`;
    });
    await this.tx.$executeRawUnsafe(`WITH ${ctes.join(",\n")} SELECT 1`, ...parts.flatMap((p) => p.params));
  }
}
