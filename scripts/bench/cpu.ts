import fs from "node:fs";
import pg from "pg";

// CPU time of the processes a benchmark drives, from Linux's /proc. CPU time, unlike wall time,
// stays meaningful on a machine shared with other work (these VMs' speed drifts 10–30 % within
// minutes): benchmarks print it per unit of work beside their rates.

const TICK = 100; // clock ticks per second on Linux (getconf CLK_TCK)

/** Fields of /proc/<pid>/stat after the command name: [1] ppid, [2] pgrp, [11] utime, [12] stime, [13] cutime, [14] cstime. */
function statOf(pid: number): number[] | null {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ").map(Number);
  } catch {
    return null; // the process ended
  }
}

function processes(): number[][] {
  return fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => statOf(Number(name)))
    .filter((f): f is number[] => f !== null);
}

/** CPU seconds of a process group (a server started `detached`: its process and its children). */
export function groupCpu(pgrp: number): number {
  let ticks = 0;
  for (const f of processes()) if (f[2] === pgrp) ticks += f[11] + f[12] + f[13] + f[14];
  return ticks / TICK;
}

/**
 * A clock for the whole PostgreSQL server: the postmaster, every live child (backends, WAL
 * writer, autovacuum…) and the children it has already reaped (cutime/cstime) — so backends that
 * ended (a writer retires its connections, see WriterPlans in lib/db/driver.ts) are counted too.
 */
export async function postgresCpu(url: string): Promise<() => number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const backend = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
  const postmaster = statOf(backend)![1]; // read while the backend lives
  await client.end();
  return () => {
    const pm = statOf(postmaster)!;
    let ticks = pm[11] + pm[12] + pm[13] + pm[14];
    for (const f of processes()) if (f[1] === postmaster) ticks += f[11] + f[12];
    return ticks / TICK;
  };
}
