import pg from "pg";
import { ADMIN_URL } from "./databases";

// Test files drop the databases they create; a run that was killed cannot. Before a run starts
// (no worker is using any yet), remove what earlier runs left behind.
export default async function setup(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'receipts\\_test\\_%'`);
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.end();
}
