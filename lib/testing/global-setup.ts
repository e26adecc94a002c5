import pg from "pg";
import { ADMIN_URL } from "./databases";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// Test files drop the databases they create; a run that was killed cannot. Before a run starts,
// remove what earlier runs left behind — only databases whose creating process is gone, because
// another checkout on this machine may be running its tests against the same server.
export default async function setup(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'receipts\\_test\\_%'`);
  for (const { datname } of rows) {
    const pid = Number(/^receipts_test_(\d+)_/.exec(datname)?.[1]);
    if (Number.isInteger(pid) && alive(pid)) continue;
    await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  await admin.end();
}
