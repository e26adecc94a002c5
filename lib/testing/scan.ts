import type { Db } from "../db/client";
import { query } from "../db/sql";

/** Every row of every table (as text) that contains `needle`: "table: row" strings. */
export async function rowsMentioning(db: Db, needle: string): Promise<string[]> {
  const tables = await query<{ t: string }>(
    db.prisma,
    `SELECT table_name AS t FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
  );
  const hits: string[] = [];
  for (const { t } of tables) {
    const rows = await query<{ row: string }>(db.prisma, `SELECT x::text AS row FROM "${t}" x WHERE strpos(x::text, $1) > 0`, [needle]);
    hits.push(...rows.map((r) => `${t}: ${r.row}`));
  }
  return hits;
}
