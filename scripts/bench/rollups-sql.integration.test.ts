import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execute } from "@/lib/db/sql";
import { DATABASE_KINDS, freshDb, type TestDb } from "@/lib/testing/databases";
import { createWorkspace, ingest, snapshot } from "@/lib/testing/ingest";
import { disorder, generateScenario } from "@/lib/simulator/scenario";
import { rebuildRollups } from "./rollups-sql";

// The benchmark builds rollups with set-based SQL instead of replaying 30M events; this proves
// that SQL writes exactly what ingestion writes.
describe.each(DATABASE_KINDS)("rollups rebuilt by SQL equal ingestion's on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
  });
  afterAll(async () => db?.dispose());

  it("for a realistic shuffled stream with duplicates, failures and watermarks", async () => {
    await createWorkspace(db, "ws");
    const events = generateScenario({ seed: 7, campaigns: 3, recipientsPerCampaign: 300, announcements: 4, conversations: 40 });
    await ingest(db, "ws", disorder(events, { duplicates: 0.05, window: 300, dropDelivered: 0.1, late: 0.02 }), { batch: 200 });
    const before = await snapshot(db, "ws");
    expect(before.rollups.length).toBeGreaterThan(20);
    expect(before.bins.length).toBeGreaterThan(20);
    await rebuildRollups((sql, params) => execute(db.prisma, sql, params), "ws");
    const after = await snapshot(db, "ws");
    expect(after.rollups).toEqual(before.rollups);
    expect(after.bins).toEqual(before.bins);
    expect(after.coarse).toEqual(before.coarse);
    expect(after.coarse.grains.length).toBeGreaterThan(20);
  });
});
