import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query } from "./sql";
import { analyzeEmbedded } from "./analyze";
import { freshDb, type TestDb } from "../testing/databases";
import { createWorkspace, ingest } from "../testing/ingest";
import { generateScenario } from "../simulator/scenario";

describe("planner statistics of the embedded database", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb("pglite");
    await createWorkspace(db, "w");
    await ingest(
      db,
      "w",
      generateScenario({
        seed: 3,
        now: new Date("2026-11-20T00:00:00Z"),
        days: 1,
        campaigns: 1,
        recipientsPerCampaign: 200,
        announcements: 1,
        conversations: 5,
      }),
    );
  });
  afterAll(async () => db?.dispose());

  const estimate = async () =>
    (await query<{ n: number }>(db.prisma, `SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 'deliveries'`))[0].n;

  it("are missing until ANALYZE runs, then match the table", async () => {
    expect(await estimate()).toBeLessThan(0); // never analysed: no autovacuum in PGlite
    expect(await analyzeEmbedded(db)).toBe(true);
    const [{ n }] = await query<{ n: number }>(db.prisma, `SELECT count(*)::int AS n FROM deliveries`);
    expect(await estimate()).toBe(n);
  });
});
