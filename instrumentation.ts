// Runs once when the server starts: open the database (migrations included) and apply the
// provision file, so a misconfiguration fails the start instead of the first request; then
// start the hourly retention run and, on the embedded database, periodic ANALYZE.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDb } = await import("./lib/db/client");
  const { env } = await import("./lib/env");
  const { applyProvision, readProvisionFile } = await import("./lib/provision");
  const db = await getDb();
  const file = env().PROVISION_FILE;
  if (file) await applyProvision(db, readProvisionFile(file));
  const { scheduleRetention } = await import("./lib/privacy/retention");
  scheduleRetention(getDb);
  const { scheduleAnalyze } = await import("./lib/db/analyze");
  scheduleAnalyze(getDb);
}
