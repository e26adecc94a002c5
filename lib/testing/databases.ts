import { randomBytes } from "node:crypto";
import pg from "pg";
import { closeDb, openDb, type Db } from "../db/client";

// Real databases for integration tests: a fresh in-memory PGlite, or a fresh database on the
// local PostgreSQL server (dropped afterwards). Never a remote server.

export const DATABASE_KINDS = ["pglite", "postgres"] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/postgres";

function assertLocal(url: string): void {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", ""].includes(host)) throw new Error(`Refusing to run tests against non-local ${host}`);
}

export function databaseUrl(name: string, base = ADMIN_URL): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createPgDatabase(prefix = "receipts_test_"): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  assertLocal(ADMIN_URL);
  // The creating process id is in the name so a cleanup elsewhere can tell abandoned databases from
  // those of a run still going (several checkouts may run tests on this server at once).
  const name = `${prefix}${process.pid}_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    name,
    url: databaseUrl(name),
    async drop() {
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export interface TestDb extends Db {
  kind: DatabaseKind;
  url?: string;
  dispose(): Promise<void>;
}

export async function freshDb(kind: DatabaseKind): Promise<TestDb> {
  if (kind === "pglite") {
    const db = await openDb({ dataDir: "memory://" });
    return { ...db, kind, dispose: () => closeDb(db) };
  }
  const created = await createPgDatabase();
  const db = await openDb({ databaseUrl: created.url, dataDir: "" });
  return {
    ...db,
    kind,
    url: created.url,
    async dispose() {
      await closeDb(db);
      await created.drop();
    },
  };
}
