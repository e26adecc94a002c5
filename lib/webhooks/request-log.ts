import { createHash } from "node:crypto";
import type { Db } from "../db/client";
import { execute, rowsOf } from "../db/sql";
import type { PlatformAdapter, WebhookRequest } from "./adapter";
import { withoutContent } from "./verify";

// Accepted webhook requests are kept (without message content or signatures) so that a later
// adapter can re-run them: events an old adapter skipped or mis-mapped are recovered by replay.
// Inserts from concurrent requests are grouped into one statement, like the ingestion commits.

export interface StoredRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Query parameters that authenticate one attempt (they change on retries and prove nothing later). */
const AUTH_PARAMS = ["Sign", "RequestTime", "bodySHA256"];

export function replayForm(adapter: PlatformAdapter, req: WebhookRequest): StoredRequest {
  const url = new URL(req.url);
  for (const p of AUTH_PARAMS) url.searchParams.delete(p);
  const headers: Record<string, string> = {};
  for (const name of ["content-type", ...(adapter.replayHeaders ?? [])]) {
    const v = req.headers.get(name);
    if (v !== null) headers[name] = v;
  }
  return { url: url.toString(), headers, body: contentFree(req.body, headers["content-type"] ?? "") };
}

function contentFree(body: Buffer, contentType: string): string {
  const text = body.toString("utf8");
  if (contentType.includes("application/x-www-form-urlencoded")) {
    const params = new URLSearchParams(text);
    params.delete("Body");
    return params.toString();
  }
  try {
    return JSON.stringify(withoutContent(JSON.parse(text)));
  } catch {
    return text;
  }
}

interface Row {
  workspaceId: string;
  sourceId: string;
  receivedAt: Date;
  request: StoredRequest;
}

function digest(r: StoredRequest): string {
  return createHash("sha256")
    .update(`${r.url}\n${JSON.stringify(r.headers)}\n${r.body}`)
    .digest("hex");
}

async function insert(db: Db, rows: Row[]): Promise<void> {
  const u = rowsOf(
    "r",
    [
      ["ws", "text"],
      ["src", "text"],
      ["digest", "text"],
      ["received", "timestamptz"],
      ["url", "text"],
      ["body", "text"],
      ["headers", "jsonb"],
    ],
    rows.map((r) => [r.workspaceId, r.sourceId, digest(r.request), r.receivedAt, r.request.url, r.request.body, r.request.headers]),
  );
  await execute(
    db.prisma,
    `INSERT INTO webhook_requests (workspace_id, source_id, digest, received_at, url, body, headers)
     SELECT ws, src, digest, received, url, body, headers FROM ${u.from}
     ON CONFLICT (workspace_id, source_id, digest) DO NOTHING`,
    u.params,
  );
}

class RequestLog {
  private queue: { row: Row; done: (err?: unknown) => void }[] = [];
  private busy = false;
  constructor(private readonly db: Db) {}

  add(row: Row): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, done: (err) => (err ? reject(err) : resolve()) });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    while (this.queue.length) {
      const group = this.queue.splice(0, 500);
      // One row per digest per statement: ON CONFLICT cannot touch the same row twice.
      const unique = [
        ...new Map(group.map((g) => [`${g.row.workspaceId}\u0000${g.row.sourceId}\u0000${digest(g.row.request)}`, g.row])).values(),
      ];
      try {
        await insert(this.db, unique);
        group.forEach((g) => g.done());
      } catch (err) {
        group.forEach((g) => g.done(err));
      }
    }
    this.busy = false;
  }
}

const logs = new WeakMap<Db, RequestLog>();

/** Resolves once the request is stored (or was already stored by an earlier attempt). */
export function recordRequest(db: Db, row: Row): Promise<void> {
  let log = logs.get(db);
  if (!log) logs.set(db, (log = new RequestLog(db)));
  return log.add(row);
}
