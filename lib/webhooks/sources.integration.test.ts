import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, freshDb, type TestDb } from "../testing/databases";
import { provisionFixtures } from "../testing/fixtures";
import { cachedSources, findSource, forgetSource } from "./sources";

describe.each(DATABASE_KINDS)("webhook source lookup on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
    await provisionFixtures(db);
    forgetSource();
  });
  afterAll(async () => {
    forgetSource();
    await db?.dispose();
  });

  it("keeps found sources and nothing for unknown ids, whatever a client puts in the URL", async () => {
    expect((await findSource(db, "acme-gen"))?.id).toBe("acme-gen");
    expect(cachedSources()).toBe(1);
    for (let i = 0; i < 200; i++) expect(await findSource(db, randomBytes(500).toString("hex"))).toBeNull();
    expect(cachedSources()).toBe(1);
  });

  it("finds a source created right after a lookup missed it", async () => {
    expect(await findSource(db, "late-src")).toBeNull();
    const acme = await db.prisma.source.findUniqueOrThrow({ where: { id: "acme-gen" } });
    await db.prisma.source.create({
      data: { id: "late-src", workspaceId: acme.workspaceId, platform: "generic", name: "Late", secretSealed: acme.secretSealed },
    });
    expect((await findSource(db, "late-src"))?.workspaceId).toBe(acme.workspaceId);
  });
});
