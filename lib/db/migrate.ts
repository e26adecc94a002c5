import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Driver } from "./driver";

// Applies prisma/migrations/*/migration.sql in order and records them in `_prisma_migrations`
// exactly as Prisma does (same table, checksum = sha256 of the file), so `prisma migrate deploy`
// keeps working for deployments that can run Prisma's schema engine. We cannot use Prisma's CLI
// here: its engine is a download, and it cannot reach an in-process PGlite.

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Prisma's own advisory lock key, so our migrator and `prisma migrate deploy` exclude each other.
const LOCK_KEY = 72707369;

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

interface Session {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  exec(sql: string): Promise<void>;
}

async function withSession<T>(driver: Driver, fn: (s: Session) => Promise<T>): Promise<T> {
  if (driver.kind === "pglite") {
    const db = driver.pglite;
    return fn({
      query: (sql, params) => db.query(sql, params),
      exec: async (sql) => void (await db.exec(sql)),
    });
  }
  const client = await driver.pool.connect();
  try {
    return await fn({
      query: (sql, params) => client.query(sql, params),
      exec: async (sql) => void (await client.query(sql)),
    });
  } finally {
    client.release();
  }
}

/** Returns the names of the migrations applied by this call. */
export async function migrate(driver: Driver, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = listMigrations(dir);
  return withSession(driver, async (s) => {
    await s.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    try {
      await s.exec(CREATE_TABLE);
      const { rows } = await s.query(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`);
      const done = new Map(rows.map((r) => [String(r.migration_name), r]));
      const applied: string[] = [];
      for (const m of migrations) {
        const row = done.get(m.name);
        if (row) {
          if (!row.finished_at) throw new Error(`Migration ${m.name} failed earlier; fix the database, then mark it rolled back.`);
          if (row.checksum !== m.checksum) throw new Error(`Migration ${m.name} was edited after it was applied.`);
          continue;
        }
        const id = randomUUID();
        await s.exec("BEGIN");
        try {
          await s.exec(m.sql);
          await s.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
             VALUES ($1, $2, now(), $3, 1)`,
            [id, m.checksum, m.name],
          );
          await s.exec("COMMIT");
        } catch (err) {
          await s.exec("ROLLBACK");
          throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`);
        }
        applied.push(m.name);
      }
      return applied;
    } finally {
      await s.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
    }
  });
}
