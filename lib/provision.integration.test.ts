import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "./auth/api-tokens";
import { query } from "./db/sql";
import { applyProvision, readProvisionFile } from "./provision";
import { DATABASE_KINDS, freshDb, type TestDb } from "./testing/databases";
import { findSource, forgetSource } from "./webhooks/sources";

const file = (p: unknown) => {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "prov-")), "provision.json");
  fs.writeFileSync(f, JSON.stringify(p));
  return f;
};

const provision = readProvisionFile(
  file({
    workspaces: [
      {
        slug: "acme",
        name: "Acme",
        timezone: "Asia/Shanghai",
        sources: [
          { id: "wa-main", platform: "whatsapp", name: "WhatsApp", secret: "app-secret", verifyToken: "verify-me" },
          { id: "gen", platform: "generic", name: "Generic", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" },
        ],
        tokens: [{ name: "ci", token: "rk_test_123456789", scopes: ["ingest", "read"] }],
      },
    ],
  }),
);

describe.each(DATABASE_KINDS)("provisioning on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
  });
  afterAll(async () => db?.dispose());

  it("creates or updates, never duplicates, and stores secrets sealed and tokens hashed", async () => {
    await applyProvision(db, provision);
    await applyProvision(db, provision);
    const counts = await query<{ w: number; s: number; t: number }>(
      db.prisma,
      `SELECT (SELECT count(*)::int FROM workspaces) AS w, (SELECT count(*)::int FROM sources) AS s, (SELECT count(*)::int FROM api_tokens) AS t`,
    );
    expect(counts).toEqual([{ w: 1, s: 2, t: 1 }]);
    const dump =
      JSON.stringify(await query(db.prisma, `SELECT * FROM sources`)) + JSON.stringify(await query(db.prisma, `SELECT * FROM api_tokens`));
    expect(dump).not.toContain("app-secret");
    expect(dump).not.toContain("rk_test_123456789");
    expect(dump).toContain(hashToken("rk_test_123456789"));
    forgetSource();
    expect((await findSource(db, "wa-main"))?.secrets).toEqual(["app-secret"]);
  });

  it("applies a changed secret and time zone on the next start", async () => {
    const changed = structuredClone(provision);
    changed.workspaces[0].timezone = "Asia/Kathmandu";
    changed.workspaces[0].sources[0].secret = "new-secret";
    await applyProvision(db, changed);
    forgetSource();
    expect((await findSource(db, "wa-main"))?.secrets).toEqual(["new-secret"]);
    expect((await db.prisma.workspace.findUnique({ where: { slug: "acme" } }))?.timezone).toBe("Asia/Kathmandu");
  });

  it("sets business hours when given, and keeps them when a later file leaves them out", async () => {
    const hours = { days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00" };
    const withHours = structuredClone(provision);
    withHours.workspaces[0].businessHours = hours;
    await applyProvision(db, withHours);
    expect((await db.prisma.workspace.findUnique({ where: { slug: "acme" } }))?.businessHours).toEqual(hours);
    await applyProvision(db, provision);
    expect((await db.prisma.workspace.findUnique({ where: { slug: "acme" } }))?.businessHours).toEqual(hours);
    const bad = structuredClone(provision);
    bad.workspaces[0].businessHours = { days: [8], start: "9", end: "18:00" };
    await expect(applyProvision(db, bad)).rejects.toThrow();
  });

  it("refuses to move a source id into another workspace", async () => {
    const other = structuredClone(provision);
    other.workspaces[0].slug = "other";
    await expect(applyProvision(db, other)).rejects.toThrow(/already belongs to another workspace/);
  });
});

describe("provision file validation", () => {
  it("names the bad field", () => {
    expect(() =>
      readProvisionFile(
        file({ workspaces: [{ slug: "Bad Slug", name: "x", sources: [{ id: "s", platform: "icq", name: "x", secret: "y" }] }] }),
      ),
    ).toThrow(/workspaces\.0\.slug: lower-case letters[\s\S]*workspaces\.0\.sources\.0\.platform/);
  });
});
