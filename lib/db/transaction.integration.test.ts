import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, withTransaction } from "./driver";
import { query } from "./sql";
import { freshDb, type TestDb } from "../testing/databases";

// withTransaction on PostgreSQL sends a transaction's statements one after another without
// waiting for the code that issued them (BEGIN, statements issued together, COMMIT). Sequences
// are not rolled back, so they show which statements the server actually ran.

describe("withTransaction on PostgreSQL", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb("postgres");
    await query(db.prisma, `CREATE SEQUENCE tx_probe`);
    await query(db.prisma, `CREATE TABLE tx_rows (n int)`);
  });
  afterAll(async () => db?.dispose());

  const probe = async () =>
    (await query<{ last_value: string; is_called: boolean }>(db.prisma, `SELECT last_value::text, is_called FROM tx_probe`))[0];

  it("commits statements issued together, in the order issued", async () => {
    const out = await withTransaction(db.driver, (tx) =>
      Promise.all([
        tx.$executeRawUnsafe(`INSERT INTO tx_rows VALUES ($1::int)`, 1),
        tx.$executeRawUnsafe(`INSERT INTO tx_rows VALUES ($1::int * 10)`, 2),
        tx.$queryRawUnsafe<{ ns: number[] }[]>(`SELECT array_agg(n ORDER BY n) AS ns FROM tx_rows`),
      ]),
    );
    expect(out[2][0].ns).toEqual([1, 20]);
    expect((await query<{ n: number }>(db.prisma, `SELECT count(*)::int AS n FROM tx_rows`))[0].n).toBe(2);
  });

  it("a failed statement fails those behind it and rolls back; the connection stays usable", async () => {
    const failed = withTransaction(db.driver, (tx) =>
      Promise.all([
        tx.$executeRawUnsafe(`INSERT INTO tx_rows VALUES ($1::int)`, 3),
        tx.$queryRawUnsafe(`SELECT 1 / $1::int`, 0),
        tx.$queryRawUnsafe(`SELECT nextval('tx_probe')`),
      ]),
    );
    await expect(failed).rejects.toThrow(/division by zero/);
    expect(await probe()).toEqual({ last_value: "1", is_called: false }); // nextval never ran
    expect((await query<{ n: number }>(db.prisma, `SELECT count(*)::int AS n FROM tx_rows WHERE n = 3`))[0].n).toBe(0);
    // The pool's connections still work.
    const again = await withTransaction(db.driver, (tx) => tx.$queryRawUnsafe<{ one: number }[]>(`SELECT 1 AS one`));
    expect(again[0].one).toBe(1);
  });

  it("runs without PostgreSQL's JIT on every connection of the pool (set at connection start-up)", async () => {
    const settings = await Promise.all(
      Array.from({ length: 4 }, () =>
        withTransaction(db.driver, (tx) => tx.$queryRawUnsafe<{ jit: string }[]>(`SELECT current_setting('jit') AS jit`)),
      ),
    );
    expect(settings.map((s) => s[0].jit)).toEqual(["off", "off", "off", "off"]);
    expect(await queryRows<{ jit: string }>(db.driver, `SELECT current_setting('jit') AS jit`)).toEqual([{ jit: "off" }]);
  });

  it("refuses a statement issued after its transaction ended", async () => {
    let late: Promise<unknown> | null = null;
    await withTransaction(db.driver, async (tx) => {
      late = new Promise((r) => setTimeout(r, 20)).then(() => tx.$queryRawUnsafe(`SELECT nextval('tx_probe')`));
      return tx.$queryRawUnsafe(`SELECT 1`);
    });
    await expect(late!).rejects.toThrow(/after its transaction ended/);
    expect(await probe()).toEqual({ last_value: "1", is_called: false });
  });
});
