// Sends a realistic, signed stream of receipts to a running Receipts server.
//   npm run simulate -- --url http://localhost:3000 --source demo-generic --secret whsec_… --token rk_… [--days 14] [--recipients 2000] [--live]
import { parseArgs } from "node:util";
import { LiveStream } from "../lib/simulator/live";
import { disorder, generateScenario } from "../lib/simulator/scenario";
import { emptyReport, sendBatch, sendWebhooks, type Target } from "../lib/simulator/send";

export async function simulate(
  t: Target,
  opts: { days: number; campaigns: number; recipients: number; conversations: number; seed: number },
) {
  const now = new Date();
  const events = generateScenario({
    seed: opts.seed,
    now,
    days: opts.days,
    campaigns: opts.campaigns,
    recipientsPerCampaign: opts.recipients,
    conversations: opts.conversations,
    announcements: 6,
  });
  // The network's habits: duplicates, reordering, a few lost delivered receipts, late arrivals.
  const messy = disorder(events, { duplicates: 0.03, window: 400, dropDelivered: 0.05, late: 0.01 }, opts.seed);
  const recentFrom = new Date(now.getTime() - 6 * 3600_000).toISOString();
  const history = messy.filter((e) => e.occurredAt < recentFrom);
  const recent = messy.filter((e) => e.occurredAt >= recentFrom);
  const report = emptyReport();
  const started = performance.now();
  await sendBatch(t, history, report);
  await sendWebhooks(t, recent, report);
  const seconds = (performance.now() - started) / 1000;
  return { events: messy.length, seconds, report };
}

/** A slow live trickle so open pages have something to show (lib/simulator/live.ts). */
export async function live(t: Target, seed: number, stop: AbortSignal) {
  const stream = new LiveStream({ seed, runId: `live${Date.now().toString(36)}` });
  while (!stop.aborted) {
    const events = stream.tick(new Date());
    await sendWebhooks(t, events, emptyReport(), { concurrency: 2 }).catch((e: Error) => console.error(`live stream: ${e.message}`));
    await new Promise((r) => setTimeout(r, 3000));
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      url: { type: "string", default: "http://localhost:3000" },
      source: { type: "string" },
      secret: { type: "string" },
      token: { type: "string" },
      days: { type: "string", default: "14" },
      campaigns: { type: "string", default: "6" },
      recipients: { type: "string", default: "2000" },
      conversations: { type: "string", default: "80" },
      seed: { type: "string", default: "1" },
      live: { type: "boolean", default: false },
    },
  });
  if (!values.source || !values.secret || !values.token) throw new Error("--source, --secret and --token are required");
  const t: Target = { baseUrl: values.url!, sourceId: values.source, secret: values.secret, token: values.token };
  const r = await simulate(t, {
    days: Number(values.days),
    campaigns: Number(values.campaigns),
    recipients: Number(values.recipients),
    conversations: Number(values.conversations),
    seed: Number(values.seed),
  });
  console.log(`sent ${r.events} events in ${r.seconds.toFixed(1)} s: ${JSON.stringify(r.report)}`);
  if (values.live) await live(t, Number(values.seed), new AbortController().signal);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
