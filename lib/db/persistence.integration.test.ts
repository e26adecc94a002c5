import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { closeDb, openDb } from "./client";
import { query } from "./sql";
import { createWorkspace, ingest } from "../testing/ingest";

describe("embedded database", () => {
  it("keeps its data across a restart (same DATA_DIR)", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "receipts-data-"));
    const first = await openDb({ dataDir });
    await createWorkspace(first, "w");
    await ingest(first, "w", [
      { type: "message.sent", id: "e1", occurredAt: "2026-11-20T09:00:00Z", message: { id: "m1" }, recipientId: "u1" },
      { type: "message.read", id: "e2", occurredAt: "2026-11-20T09:01:00Z", messageId: "m1", recipientId: "u1" },
    ]);
    await closeDb(first);
    const second = await openDb({ dataDir });
    expect(await query(second.prisma, `SELECT status::text FROM deliveries`)).toEqual([{ status: "read" }]);
    expect(await query(second.prisma, `SELECT count(*)::int AS n FROM receipt_events`)).toEqual([{ n: 2 }]);
    await closeDb(second);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
