import { Webhook } from "standardwebhooks";
import type { CanonicalEvent } from "./scenario";

// Sends a stream the way the outside world does: bulk history through the batch API, and the
// rest as Standard-Webhooks-signed POSTs (single events and small arrays, some retried).

export interface Target {
  baseUrl: string;
  token: string;
  sourceId: string;
  secret: string;
}

export interface SendReport {
  batchEvents: number;
  webhooks: number;
  retried: number;
  accepted: number;
  duplicates: number;
}

async function post(url: string, init: RequestInit, attempts = 5): Promise<Response> {
  for (let i = 1; ; i++) {
    const res = await fetch(url, init).catch((e: Error) => e);
    // 503 means "not stored, try again" — do what a platform does.
    if (res instanceof Response && res.status !== 503) return res;
    if (i >= attempts) throw new Error(`POST ${url} failed: ${res instanceof Response ? res.status : res.message}`);
    await new Promise((r) => setTimeout(r, 500 * i));
  }
}

export async function sendBatch(t: Target, events: CanonicalEvent[], report: SendReport, chunk = 2000): Promise<void> {
  for (let i = 0; i < events.length; i += chunk) {
    const body = events
      .slice(i, i + chunk)
      .map((e) => JSON.stringify(e))
      .join("\n");
    const res = await post(`${t.baseUrl}/api/v1/events?source=${encodeURIComponent(t.sourceId)}`, {
      method: "POST",
      headers: { authorization: `Bearer ${t.token}`, "content-type": "application/x-ndjson" },
      body,
    });
    const json = (await res.json()) as { accepted: number; duplicates: number; errors: unknown[] };
    if (!res.ok || json.errors.length) throw new Error(`batch rejected: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
    report.batchEvents += events.slice(i, i + chunk).length;
    report.accepted += json.accepted;
    report.duplicates += json.duplicates;
  }
}

let seq = 0;

export async function sendWebhooks(
  t: Target,
  events: CanonicalEvent[],
  report: SendReport,
  opts: { concurrency?: number; retryShare?: number } = {},
): Promise<void> {
  const wh = new Webhook(t.secret);
  const groups: CanonicalEvent[][] = [];
  for (let i = 0; i < events.length;) {
    const size = Math.random() < 0.7 ? 1 : 2 + Math.floor(Math.random() * 10);
    groups.push(events.slice(i, i + size));
    i += size;
  }
  let next = 0;
  const worker = async () => {
    while (next < groups.length) {
      const group = groups[next++];
      const body = JSON.stringify(group.length === 1 ? group[0] : group);
      const id = `msg_sim_${Date.now().toString(36)}_${++seq}`;
      const attempts = Math.random() < (opts.retryShare ?? 0.03) ? 2 : 1; // a lost acknowledgement → the platform retries
      for (let a = 0; a < attempts; a++) {
        const ts = new Date();
        const res = await post(`${t.baseUrl}/api/webhooks/${encodeURIComponent(t.sourceId)}`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "webhook-id": id,
            "webhook-timestamp": String(Math.floor(ts.getTime() / 1000)),
            "webhook-signature": wh.sign(id, ts, body),
          },
          body,
        });
        const json = (await res.json()) as { accepted: number; duplicates: number };
        if (!res.ok) throw new Error(`webhook rejected: ${res.status} ${JSON.stringify(json)}`);
        report.webhooks++;
        report.accepted += json.accepted;
        report.duplicates += json.duplicates;
        if (a > 0) report.retried++;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 8 }, worker));
}

export function emptyReport(): SendReport {
  return { batchEvents: 0, webhooks: 0, retried: 0, accepted: 0, duplicates: 0 };
}
