// `npm run demo`: build if needed, start the app on the embedded database (DATA_DIR, default
// .data/), seed a demo workspace with a realistic signed stream the first time, then keep a live
// trickle going. Data survives restarts; delete .data/ to start over.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DEMO_PASSWORD, DEMO_USERS, demoTeams } from "./demo-people";
import { live, simulate } from "./simulate";

const port = Number(process.env.PORT ?? 3000);
const dataDir = path.resolve(process.env.DATA_DIR ?? ".data");
const base = `http://127.0.0.1:${port}`;

function demoProvision() {
  const file = path.join(dataDir, "demo-provision.json");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    const provision = {
      workspaces: [
        {
          slug: "demo",
          name: "Demo Co.",
          timezone: "Asia/Shanghai",
          sources: [
            {
              id: "demo-generic",
              platform: "generic",
              name: "Generic (Standard Webhooks)",
              secret: `whsec_${randomBytes(24).toString("base64")}`,
            },
          ],
          tokens: [{ name: "demo", token: `rk_demo_${randomBytes(18).toString("base64url")}`, scopes: ["ingest", "read"] }],
          teams: demoTeams(),
          users: DEMO_USERS,
        },
      ],
    };
    fs.writeFileSync(file, JSON.stringify(provision, null, 2), { mode: 0o600 });
  }
  const provision = JSON.parse(fs.readFileSync(file, "utf8"));
  // Teams and users were added later: complete demo folders made before them.
  if (!provision.workspaces[0].users) {
    Object.assign(provision.workspaces[0], { teams: demoTeams(), users: DEMO_USERS });
    fs.writeFileSync(file, JSON.stringify(provision, null, 2), { mode: 0o600 });
  }
  return { file, provision };
}

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`${base}/api/ping`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not start within 60 s");
}

async function main() {
  if (process.env.DATABASE_URL) console.log("DATABASE_URL is set: the demo will use that PostgreSQL database.");
  if (!fs.existsSync(".next/BUILD_ID")) {
    console.log("Building the app (first run only)…");
    const r = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  const { file, provision } = demoProvision();
  const ws = provision.workspaces[0];
  const target = { baseUrl: base, sourceId: ws.sources[0].id, secret: ws.sources[0].secret, token: ws.tokens[0].token };
  // Its own process group, so stopping the demo stops the whole server tree with it.
  const server = spawn("npx", ["next", "start", "-p", String(port)], {
    stdio: "inherit",
    detached: true,
    env: { ...process.env, PROVISION_FILE: file, DATA_DIR: dataDir },
  });
  const stop = new AbortController();
  const shutdown = () => {
    stop.abort();
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  server.on("exit", (code) => process.exit(code ?? 0));
  await waitForServer();

  const overview = await fetch(`${base}/api/v1/stats/overview?from=2000-01-01`, {
    headers: { authorization: `Bearer ${target.token}` },
  }).then((r) => r.json());
  if (overview.sent === 0) {
    console.log("Seeding demo data over HTTP (signed webhooks + batch API)…");
    const r = await simulate(target, { days: 14, campaigns: 6, recipients: 2000, conversations: 80, seed: 1 });
    console.log(`Seeded ${r.events} events in ${r.seconds.toFixed(1)} s.`);
  } else console.log(`Demo data already present (${overview.sent} deliveries); skipping the seed.`);
  console.log(
    `\nReceipts is running: http://localhost:${port}\n  Sign in as ${DEMO_USERS.map((u) => u.email).join(", ")} (password: ${DEMO_PASSWORD})\n  API token for the demo workspace: ${target.token}\n  Webhook URL: ${base}/api/webhooks/${target.sourceId}\n`,
  );
  await live(target, 100, stop.signal);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
