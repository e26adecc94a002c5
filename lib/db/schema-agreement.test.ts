import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query } from "./sql";
import { DATABASE_KINDS, freshDb, type TestDb } from "../testing/databases";

// The migrations are hand-written SQL (Prisma's schema engine cannot run offline), so this test
// is what keeps them honest: a migrated database must have exactly the tables, columns, types,
// nullability, keys, indexes and enums that schema.prisma declares.

interface Field {
  name: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
  attrs: string;
}
interface Model {
  name: string;
  table: string;
  fields: Field[];
  blockAttrs: string[];
}

function parseSchema(text: string) {
  const enums = new Map<string, string[]>();
  for (const m of text.matchAll(/enum (\w+) \{([^}]*)\}/g))
    enums.set(
      m[1],
      m[2]
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith("//")),
    );
  const models: Model[] = [];
  for (const m of text.matchAll(/model (\w+) \{([^}]*)\}/g)) {
    const lines = m[2]
      .split("\n")
      .map((l) => l.replace(/\/\/.*$/, "").trim())
      .filter(Boolean);
    const blockAttrs = lines.filter((l) => l.startsWith("@@"));
    const table = /@@map\("(\w+)"\)/.exec(blockAttrs.join(" "))?.[1] ?? m[1];
    const fields = lines
      .filter((l) => !l.startsWith("@@"))
      .map((l) => {
        const [, name, type, mod, attrs] = /^(\w+)\s+(\w+)(\[\]|\?)?\s*(.*)$/.exec(l)!;
        return { name, type, optional: mod === "?", list: mod === "[]", attrs, column: /@map\("(\w+)"\)/.exec(attrs)?.[1] ?? name };
      });
    models.push({ name: m[1], table, fields, blockAttrs });
  }
  const modelNames = new Set(models.map((m) => m.name));
  for (const m of models) m.fields = m.fields.filter((f) => !modelNames.has(f.type));
  return { enums, models };
}

const SQL_TYPE: Record<string, string> = {
  String: "text",
  Int: "int4",
  BigInt: "int8",
  Boolean: "bool",
  DateTime: "timestamptz",
  Float: "float8",
  Json: "jsonb",
};

/** Native types (`@db.X`) that change the column's type; Timestamptz(3) keeps timestamptz. */
const NATIVE_TYPE: Record<string, string> = { SmallInt: "int2" };

function expected(text: string) {
  const { enums, models } = parseSchema(text);
  const columns: string[] = [];
  const indexes: string[] = [];
  for (const m of models) {
    const col = (name: string) => m.fields.find((f) => f.name === name)!.column;
    const cols = (list: string) =>
      list
        .split(",")
        .map((s) => col(s.trim()))
        .join(",");
    for (const f of m.fields) {
      const udt = enums.has(f.type) ? f.type : (NATIVE_TYPE[/@db\.(\w+)/.exec(f.attrs)?.[1] ?? ""] ?? SQL_TYPE[f.type]);
      columns.push(`${m.table}.${f.column} ${f.list ? "_" : ""}${udt} ${f.optional || f.list ? "null" : "not null"}`);
      if (/@id\b/.test(f.attrs)) indexes.push(`${m.table} primary (${f.column})`);
      if (/@unique\b/.test(f.attrs)) indexes.push(`${m.table} unique (${f.column})`);
    }
    for (const a of m.blockAttrs) {
      const [, kind, list] = /^@@(id|unique|index)\(\[([^\]]+)\]/.exec(a) ?? [];
      if (!kind) continue;
      indexes.push(`${m.table} ${kind === "id" ? "primary" : kind} (${cols(list)})`);
    }
  }
  return { columns: columns.sort(), indexes: indexes.sort(), enums: [...enums].map(([k, v]) => `${k}: ${v.join(",")}`).sort() };
}

async function actual(db: TestDb) {
  const columns = await query<{ c: string }>(
    db.prisma,
    `SELECT table_name || '.' || column_name || ' ' || udt_name || ' ' || CASE WHEN is_nullable = 'YES' THEN 'null' ELSE 'not null' END AS c
     FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
  );
  const indexes = await query<{ i: string }>(
    db.prisma,
    `SELECT t.relname || ' ' || CASE WHEN ix.indisprimary THEN 'primary' WHEN ix.indisunique THEN 'unique' ELSE 'index' END
       || ' (' || string_agg(a.attname, ',' ORDER BY k.n) || ')' AS i
     FROM pg_index ix
     JOIN pg_class t ON t.oid = ix.indrelid
     JOIN pg_namespace ns ON ns.oid = t.relnamespace AND ns.nspname = 'public'
     CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, n)
     JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
     WHERE t.relname <> '_prisma_migrations'
     GROUP BY t.relname, ix.indexrelid, ix.indisprimary, ix.indisunique`,
  );
  const enums = await query<{ e: string }>(
    db.prisma,
    `SELECT t.typname || ': ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS e
     FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
  );
  return { columns: columns.map((r) => r.c).sort(), indexes: indexes.map((r) => r.i).sort(), enums: enums.map((r) => r.e).sort() };
}

describe.each(DATABASE_KINDS)("schema.prisma and the migrations agree on %s", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb(kind);
  });
  afterAll(async () => db?.dispose());

  it("has exactly the declared columns, keys, indexes and enums", async () => {
    const want = expected(fs.readFileSync(path.join(process.cwd(), "prisma/schema.prisma"), "utf8"));
    expect(want.columns.length).toBeGreaterThan(100);
    expect(await actual(db)).toEqual(want);
  });

  it("leads every key of a table that grows with traffic with workspace_id", async () => {
    const keys = await query<{ t: string; first: string }>(
      db.prisma,
      `SELECT t.relname AS t, a.attname AS first FROM pg_index ix
       JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace ns ON ns.oid = t.relnamespace AND ns.nspname = 'public'
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ix.indkey[0]
       WHERE (ix.indisprimary OR ix.indisunique) AND t.relname NOT IN ('_prisma_migrations', 'workspaces', 'sources', 'api_tokens', 'users', 'sessions', 'accounts', 'verifications')`,
    );
    expect(keys.length).toBeGreaterThan(10);
    expect(keys.filter((k) => k.first !== "workspace_id")).toEqual([]);
  });
});
