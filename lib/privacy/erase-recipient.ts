import type { Db } from "../db/client";
import { withTransaction } from "../db/driver";
import { execute, query, type Tx } from "../db/sql";
import { RollupChanges } from "../ingest/rollup-changes";
import { addSourceStats, statsDelta, lockDeliveries, recomputeReplies } from "../ingest/store";
import { replyRollupsSql, replyRows, storedPairs } from "../ingest/support-replies-sql";
import { storedFormsOf } from "./settings";

// Erasure of one recipient on request (right to erasure). Every row that holds the person's id,
// in clear or as the workspace's pseudonym of it, is deleted in one transaction:
// deliveries to them, the log events of their receipts and reads, receipts parked for them,
// their read watermarks, the inbound messages they wrote and the conversations where they are
// the customer, and roster rows naming them; a conversation id equal to their id is unlinked. Log events about other people that mention them
// (a group send listing them among its recipients) keep their row with the id redacted.
//
// Rollups hold no identifiers, but they count this person: their deliveries' contributions are
// subtracted, so every aggregate equals what the remaining deliveries add up to (a number and
// the recipient list behind it never disagree). Messages stay: they name the sender, not them.

export const ERASED = "[erased]";

export interface ErasureResult {
  deliveries: number;
  events: number;
  redactedEvents: number;
  waitingReceipts: number;
  watermarks: number;
  inboundMessages: number;
  conversations: number;
  rosterEntries: number;
  /** Stored webhook requests (replay) and rejected-request excerpts that named the person. */
  webhookRequests: number;
}

export async function eraseRecipient(db: Db, workspaceId: string, recipientId: string): Promise<ErasureResult> {
  const forms = await storedFormsOf(db, workspaceId, recipientId);
  return withTransaction(db.driver, async (tx) => {
    const deliveries = await removeDeliveries(tx, workspaceId, forms);
    const del = (sql: string) => execute(tx, sql, [workspaceId, forms]);
    const events = await del(
      `DELETE FROM receipt_events WHERE workspace_id = $1 AND (recipient_id = ANY($2::text[])
         OR (type = 'message.received' AND payload->>'senderId' = ANY($2::text[])))`,
    );
    let redactedEvents = 0;
    for (const id of forms) {
      // jsonb prints strings exactly as JSON.stringify does, so the quoted id is found as a token.
      redactedEvents += await execute(
        tx,
        `UPDATE receipt_events SET payload = replace(payload::text, $2, $3)::jsonb
         WHERE workspace_id = $1 AND strpos(payload::text, $2) > 0`,
        [workspaceId, JSON.stringify(id), JSON.stringify(ERASED)],
      );
    }
    const waitingReceipts = await removeWaiting(tx, workspaceId, forms);
    const watermarks = await del(`DELETE FROM watermarks WHERE workspace_id = $1 AND reader_id = ANY($2::text[])`);
    const gone = await query<{ c: string }>(
      tx,
      `DELETE FROM inbound_messages WHERE workspace_id = $1 AND sender_id = ANY($2::text[]) RETURNING conversation_id AS c`,
      [workspaceId, forms],
    );
    const inboundMessages = gone.length;
    const conversations = await del(`DELETE FROM conversations WHERE workspace_id = $1 AND customer_id = ANY($2::text[])`);
    // Where a platform names a conversation after the customer (a WhatsApp chat is their
    // number), the id is theirs too: the agents' messages keep their counts, not the link.
    for (const table of ["messages", "deliveries", "receipt_events"])
      await del(`UPDATE ${table} SET conversation_id = NULL WHERE workspace_id = $1 AND conversation_id = ANY($2::text[])`);
    // Reply pairs: gone with their conversation (uncounted from the rollups first), recomputed
    // where the person's messages were a turn.
    const orphaned = `support_replies s WHERE workspace_id = $1 AND (conversation_id = ANY($2::text[])
         OR NOT EXISTS (SELECT 1 FROM conversations c WHERE c.workspace_id = s.workspace_id AND c.id = s.conversation_id))`;
    await execute(tx, replyRollupsSql(replyRows(-1, storedPairs(orphaned)), "$3"), [workspaceId, forms, 0]); // shard 0: readers sum over shards
    await del(`DELETE FROM ${orphaned}`);
    await recomputeReplies(
      tx,
      [...new Set(gone.map((g) => g.c))].map((id) => ({ ws: workspaceId, id })),
      0,
    );
    const rosterEntries = await del(
      `DELETE FROM team_members WHERE workspace_id = $1 AND (member_id = ANY($2::text[]) OR recipient_id = ANY($2::text[]))`,
    );
    // Raw requests kept for replay name the person in clear inside the body: they go whole.
    let webhookRequests = 0;
    for (const id of forms) {
      webhookRequests += await execute(tx, `DELETE FROM webhook_requests WHERE workspace_id = $1 AND strpos(body, $2) > 0`, [
        workspaceId,
        id,
      ]);
      webhookRequests += await execute(tx, `DELETE FROM rejected_requests WHERE workspace_id = $1 AND strpos(excerpt, $2) > 0`, [
        workspaceId,
        id,
      ]);
    }
    return {
      deliveries,
      events,
      redactedEvents,
      waitingReceipts,
      watermarks,
      inboundMessages,
      conversations,
      rosterEntries,
      webhookRequests,
    };
  });
}

async function removeDeliveries(tx: Tx, ws: string, forms: string[]): Promise<number> {
  const keys = await query<{ m: string; r: string }>(
    tx,
    `SELECT message_id AS m, recipient_id AS r FROM deliveries WHERE workspace_id = $1 AND recipient_id = ANY($2::text[])
     ORDER BY message_id, recipient_id`,
    [ws, forms],
  );
  if (!keys.length) return 0;
  const states = await lockDeliveries(
    tx,
    keys.map((k) => ({ ws, ...k })),
  );
  const rollups = new RollupChanges();
  for (const s of states) rollups.add(s, -1);
  await rollups.write(tx, 0); // shard 0: readers sum over shards
  return execute(tx, `DELETE FROM deliveries WHERE workspace_id = $1 AND recipient_id = ANY($2::text[])`, [ws, forms]);
}

async function removeWaiting(tx: Tx, ws: string, forms: string[]): Promise<number> {
  const rows = await query<{ src: string; n: number }>(
    tx,
    `WITH gone AS (DELETE FROM waiting_receipts WHERE workspace_id = $1 AND recipient_id = ANY($2::text[]) RETURNING source_id)
     SELECT coalesce(source_id, '') AS src, count(*)::int AS n FROM gone GROUP BY 1`,
    [ws, forms],
  );
  await addSourceStats(
    tx,
    rows.map((r) => statsDelta(ws, r.src, { waiting: -r.n })),
  );
  return rows.reduce((n, r) => n + r.n, 0);
}
