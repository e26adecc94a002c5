import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, withTransaction, WriterPlans } from "./driver";
import { query } from "./sql";
import { freshDb, type TestDb } from "../testing/databases";
import { createWorkspace, ingest } from "../testing/ingest";
import { generateScenario } from "../simulator/scenario";
import { IngestWriter } from "../ingest/writer";

describe("WriterPlans: when the writer's connections are renewed", () => {
  it("renews a connection once the data written has doubled since it started (and at least `minimum`)", () => {
    const plans = new WriterPlans(1_000);
    const young = {};
    expect(plans.stale(young)).toBe(false); // starts at 0 written
    plans.add(999);
    expect(plans.stale(young)).toBe(false);
    plans.add(1);
    expect(plans.stale(young)).toBe(true);

    plans.add(4_000); // 5,000 written
    const older = {};
    expect(plans.stale(older)).toBe(false); // starts at 5,000
    plans.add(4_999);
    expect(plans.stale(older)).toBe(false);
    plans.add(1);
    expect(plans.stale(older)).toBe(true); // 10,000: twice what it started with
  });
});

describe("the writer's transactions on PostgreSQL", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb("postgres");
  });
  afterAll(async () => db?.dispose());

  const settings = `SELECT current_setting('random_page_cost') AS rpc, current_setting('plan_cache_mode') AS mode, pg_backend_pid() AS pid`;
  type Settings = { rpc: string; mode: string; pid: number };

  it("plan for in-memory key lookups with generic plans, inside the transaction only", async () => {
    const plans = new WriterPlans();
    const [inside] = await withTransaction(db.driver, (tx) => tx.$queryRawUnsafe<Settings[]>(settings), { plans });
    expect(inside).toMatchObject({ rpc: "1.1", mode: "force_generic_plan" });
    const [plain] = await withTransaction(db.driver, (tx) => tx.$queryRawUnsafe<Settings[]>(settings));
    expect(plain).toMatchObject({ rpc: "4", mode: "auto" });
    const [pool] = await queryRows<Settings>(db.driver, settings);
    expect(pool).toMatchObject({ rpc: "4", mode: "auto" });
  });

  it("close a stale connection, so the next transaction plans on a new one", async () => {
    const plans = new WriterPlans(1);
    const pid = async () => (await withTransaction(db.driver, (tx) => tx.$queryRawUnsafe<Settings[]>(settings), { plans }))[0].pid;
    const first = await pid(); // the connection starts (0 written)
    expect(await pid()).toBe(first); // nothing written since: kept
    plans.add(1);
    expect(await pid()).toBe(first); // stale at the end of this one: closed
    expect(await pid()).not.toBe(first);
  });
});

describe("the writer's lookups on a young PostgreSQL database", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb("postgres");
    await createWorkspace(db, "w");
  });
  afterAll(async () => db?.dispose());

  it("use indexes once the tables have grown, not plans made when they were empty", async () => {
    const events = generateScenario({
      seed: 5,
      now: new Date("2026-11-20T00:00:00Z"),
      days: 1,
      campaigns: 2,
      recipientsPerCampaign: 1_000,
      announcements: 1,
      conversations: 20,
    });
    // One writer throughout, as in the server, with small commits as under single-event webhooks
    // (many executions of each prepared statement, planned when the tables were empty).
    const writer = new IngestWriter(async () => db);
    const half = Math.floor(events.length / 2);
    await ingest(db, "w", events.slice(0, half), { batch: 10, writer });
    await queryRows(db.driver, "SELECT pg_stat_reset()");
    await ingest(db, "w", events.slice(half), { batch: 10, writer });
    await queryRows(db.driver, "SELECT pg_stat_force_next_flush()");
    const tables = await query<{ table: string; rows: number; read: number }>(
      db.prisma,
      `SELECT relname AS table, n_live_tup::int AS rows, coalesce(seq_tup_read, 0)::int AS read FROM pg_stat_user_tables
       WHERE relname IN ('messages', 'deliveries', 'receipt_events') ORDER BY relname`,
    );
    expect(tables.map((t) => t.table)).toEqual(["deliveries", "messages", "receipt_events"]);
    expect(writer.stats.commits).toBeGreaterThan(300);
    for (const t of tables) {
      // Rows read by sequential scans in the second half: hundreds of commits, and not even one
      // scan of the whole table for each.
      expect(t.read, t.table).toBeLessThan(t.rows);
    }
  });
});
