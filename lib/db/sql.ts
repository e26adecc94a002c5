import type { PrismaClient } from "../generated/prisma/client";

// Raw SQL goes through Prisma's driver adapter, so PostgreSQL and PGlite run the same statements.

export type Tx = Pick<PrismaClient, "$queryRawUnsafe" | "$executeRawUnsafe">;

export function query<T>(tx: Tx, sql: string, params: unknown[] = []): Promise<T[]> {
  return tx.$queryRawUnsafe<T[]>(sql, ...params);
}

export function execute(tx: Tx, sql: string, params: unknown[] = []): Promise<number> {
  return tx.$executeRawUnsafe(sql, ...params);
}

type Cell = string | number | boolean | Date | null;

/**
 * Bulk rows as one `unnest($1::type[], $2::type[], …) AS alias(col, …)` source: a batch of any
 * size costs one statement and a fixed number of parameters.
 */
export function unnest(
  alias: string,
  columns: [name: string, pgType: string][],
  rows: Cell[][],
  firstParam = 1,
): { from: string; params: unknown[] } {
  const params = columns.map((_, c) =>
    rows.map((r) => {
      const v = r[c];
      return v instanceof Date ? v.toISOString() : v;
    }),
  );
  // Enum arrays travel as text[]: PGlite cannot serialise an array parameter of an enum type.
  const args = columns.map(([, t], c) => `$${firstParam + c}::${t.startsWith('"') ? `text[]::${t}` : t}[]`).join(", ");
  const names = columns.map(([n]) => n).join(", ");
  return { from: `unnest(${args}) AS ${alias}(${names})`, params };
}
