import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDriver, queryRows, type Driver } from "./driver";
import { listMigrations, migrate, MIGRATIONS_DIR } from "./migrate";
import { createPgDatabase } from "../testing/databases";

describe("migrator", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  async function pgDriver(): Promise<{ driver: Driver; url: string }> {
    const created = await createPgDatabase();
    const driver = await openDriver({ databaseUrl: created.url, dataDir: "" });
    cleanups.push(async () => {
      await driver.close();
      await created.drop();
    });
    return { driver, url: created.url };
  }

  it("applies every migration once and records it the way Prisma does", async () => {
    const { driver } = await pgDriver();
    const all = listMigrations().map((m) => m.name);
    expect(await migrate(driver)).toEqual(all);
    expect(await migrate(driver)).toEqual([]);
    const rows = await queryRows<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      driver,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`,
    );
    const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, all[0], "migration.sql"));
    expect(rows[0]).toMatchObject({
      migration_name: all[0],
      checksum: createHash("sha256").update(sql).digest("hex"),
      applied_steps_count: 1,
    });
    expect(rows[0].finished_at).toBeInstanceOf(Date);
  });

  it("lets concurrent starts race safely (advisory lock)", async () => {
    const { driver, url } = await pgDriver();
    const second = await openDriver({ databaseUrl: url, dataDir: "" });
    cleanups.unshift(() => second.close());
    const [a, b] = await Promise.all([migrate(driver), migrate(second)]);
    expect([...a, ...b].sort()).toEqual(listMigrations().map((m) => m.name));
  });

  it("refuses a migration edited after it was applied, and rolls back a failing one", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-"));
    fs.mkdirSync(path.join(dir, "001_a"));
    fs.writeFileSync(path.join(dir, "001_a", "migration.sql"), "CREATE TABLE a (id int);");
    const driver = await openDriver({ dataDir: "memory://" });
    cleanups.push(() => driver.close());
    await migrate(driver, dir);
    fs.writeFileSync(path.join(dir, "001_a", "migration.sql"), "CREATE TABLE a (id bigint);");
    await expect(migrate(driver, dir)).rejects.toThrow(/edited after it was applied/);
    fs.writeFileSync(path.join(dir, "001_a", "migration.sql"), "CREATE TABLE a (id int);");
    fs.mkdirSync(path.join(dir, "002_b"));
    fs.writeFileSync(path.join(dir, "002_b", "migration.sql"), "CREATE TABLE b (id int); SELECT * FROM missing_table;");
    await expect(migrate(driver, dir)).rejects.toThrow(/002_b failed/);
    const tables = await queryRows<{ n: number }>(driver, `SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'b'`);
    expect(tables[0].n).toBe(0);
  });
});
