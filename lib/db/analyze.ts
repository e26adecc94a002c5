import { queryRows } from "./driver";
import type { Db } from "./client";

// The embedded database has no autovacuum, so nothing ever refreshes its planner statistics and
// dashboard queries are planned for empty tables (seen: 0.14–1 s instead of milliseconds for the
// live-activity list on the demo data). PostgreSQL's autovacuum does this by itself; for PGlite
// the server runs ANALYZE shortly after start (after a demo seed) and then every ten minutes.

export async function analyzeEmbedded(db: Db): Promise<boolean> {
  if (db.driver.kind !== "pglite") return false;
  await queryRows(db.driver, "ANALYZE");
  return true;
}

const holder = globalThis as unknown as { __receiptsAnalyze?: () => void };

export function scheduleAnalyze(getDb: () => Promise<Db>, opts: { everyMs?: number; firstAfterMs?: number } = {}): () => void {
  if (holder.__receiptsAnalyze) return holder.__receiptsAnalyze;
  const run = () =>
    getDb()
      .then(analyzeEmbedded)
      .catch((err) => console.error("ANALYZE of the embedded database failed; will retry:", (err as Error).message));
  const first = setTimeout(run, opts.firstAfterMs ?? 30_000);
  const every = setInterval(run, opts.everyMs ?? 600_000);
  first.unref();
  every.unref();
  return (holder.__receiptsAnalyze = () => {
    clearTimeout(first);
    clearInterval(every);
    holder.__receiptsAnalyze = undefined;
  });
}
