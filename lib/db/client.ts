import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { env } from "../env";
import { PrismaClient } from "../generated/prisma/client";
import { openDriver, type Driver } from "./driver";
import { migrate } from "./migrate";

export type Db = { prisma: PrismaClient; driver: Driver };

/** Opens the database named by the configuration, applies migrations, returns a Prisma client. */
/** `jit`: leave PostgreSQL's JIT compiler on (benchmark baselines); the app turns it off (driver.ts). */
export async function openDb(opts: { databaseUrl?: string; dataDir: string; jit?: boolean }): Promise<Db> {
  const driver = await openDriver(opts);
  await migrate(driver);
  const adapter = driver.kind === "pg" ? new PrismaPg(driver.pool) : new PrismaPGlite(driver.pglite);
  return { prisma: new PrismaClient({ adapter }), driver };
}

export async function closeDb(db: Db): Promise<void> {
  await db.prisma.$disconnect();
  await db.driver.close();
}

// One database per process (PGlite is single-connection), kept across Next.js dev reloads.
const holder = globalThis as unknown as { __receiptsDb?: Promise<Db> };

export function getDb(): Promise<Db> {
  if (!holder.__receiptsDb) {
    const e = env();
    holder.__receiptsDb = openDb({ databaseUrl: e.DATABASE_URL, dataDir: e.DATA_DIR });
    // A failed open (database down at start) is retried by the next caller instead of cached.
    holder.__receiptsDb.catch(() => (holder.__receiptsDb = undefined));
  }
  return holder.__receiptsDb;
}

/** For tests: use this database as the process database. */
export function setDb(db: Db | undefined): void {
  holder.__receiptsDb = db ? Promise.resolve(db) : undefined;
}
