import type { Db } from "../db/client";
import { execute } from "../db/sql";
import { withoutContent } from "./verify";

// The last rejected requests of each source, for debugging an integration from Settings: why,
// when, which status, and a short excerpt of the body (message content removed). Never a
// header, so never a signature or a secret.

export const KEEP_REJECTED = 50;
const EXCERPT_CHARS = 200;

export function excerptOf(body: Buffer | null): string | null {
  if (!body || body.length === 0) return null;
  let text = body.subarray(0, 64 * 1024).toString("utf8");
  try {
    text = JSON.stringify(withoutContent(JSON.parse(text)));
  } catch {
    // not JSON (or cut short): the raw text, trimmed below
  }
  text = text.replace(/[\u0000-\u001f\u007f]/g, " ");
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

export async function recordRejection(
  db: Db,
  r: { workspaceId: string; sourceId: string; receivedAt: Date; status: number; code: string; reason: string; body: Buffer | null },
): Promise<void> {
  // Insert and trim in one statement. The DELETE sees the rows as they were before the insert,
  // so keeping the newest KEEP_REJECTED - 1 old rows leaves KEEP_REJECTED with the new one.
  await execute(
    db.prisma,
    `WITH ins AS (
       INSERT INTO rejected_requests (workspace_id, source_id, received_at, status, code, reason, excerpt)
       VALUES ($1, $2, $3, $4, $5, $6, $7))
     DELETE FROM rejected_requests WHERE workspace_id = $1 AND source_id = $2 AND id <= (
       SELECT id FROM rejected_requests WHERE workspace_id = $1 AND source_id = $2 ORDER BY id DESC OFFSET ${KEEP_REJECTED - 1} LIMIT 1)`,
    [r.workspaceId, r.sourceId, r.receivedAt, r.status, r.code, r.reason.slice(0, 500), excerptOf(r.body)],
  );
}
