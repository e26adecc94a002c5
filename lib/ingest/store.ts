import { query, execute, rowsOf, type Cell, type RawJson, type Tx } from "../db/sql";
import { COARSE_GRAINS } from "./grains";
import { replyRollupsSql, replyRows, storedPairs, supportRepliesSelect } from "./support-replies-sql";
import type { DeliveryState, RollupKey } from "./delivery-state";
import type { MessageKind } from "./events";

// Every statement of the ingestion pipeline. Each takes whole batches (unnest) so a group commit
// of N events costs a fixed number of round trips.

export interface MessageRow {
  workspaceId: string;
  id: string;
  kind: MessageKind;
  senderId: string | null;
  conversationId: string | null;
  campaignId: string | null;
  variant: string | null;
  announcementId: string | null;
  title: string | null;
  sourceId: string | null;
  sentAt: Date;
}

const MESSAGE_COLUMNS = `workspace_id AS "workspaceId", id, kind::text AS kind, sender_id AS "senderId",
  conversation_id AS "conversationId", campaign_id AS "campaignId", variant,
  announcement_id AS "announcementId", title, source_id AS "sourceId", sent_at AS "sentAt"`;
const MESSAGE_COLUMN_NAMES = MESSAGE_COLUMNS.split(",");
const MESSAGE_ALIASES = MESSAGE_COLUMN_NAMES.map((c) =>
  c
    .trim()
    .split(/\s+AS\s+/i)
    .pop()!,
).join(", ");

/**
 * Which of `events` are already in the log — after taking transaction-scoped advisory locks on
 * `locks` and on the conversations stored on `lockMessages` (in one sorted pass, so concurrent
 * writers cannot deadlock on them), when there are any. One statement, one round trip.
 *
 * Its snapshot is taken before the locks are granted, so an event that a writer we waited for
 * committed may look new here. It is not lost nor applied twice: the log's unique index on the
 * key refuses the second insert, the transaction fails, and the writer retries the group
 * (writer.ts, isConflict), which then finds it. Everything read after this statement (messages,
 * deliveries) sees what that writer committed.
 */
export async function lockAndFindExisting(
  tx: Tx,
  events: { ws: string; key: string }[],
  locks: string[] = [],
  lockMessages: { ws: string; id: string }[] = [],
): Promise<Set<string>> {
  if (!events.length && !locks.length) return new Set();
  const u = rowsOf(
    "k",
    [
      ["ws", "text"],
      ["key", "text"],
    ],
    events.map((k) => [k.ws, k.key]),
  );
  const params: unknown[] = [...u.params];
  const dedupe = (from: string) =>
    `SELECT e.workspace_id AS ws, e.dedup_key AS key FROM ${from}receipt_events e
     JOIN ${u.from} ON e.workspace_id = k.ws AND e.dedup_key = k.key`;
  let sql = dedupe("");
  if (locks.length) {
    const m = rowsOf(
      "x",
      [
        ["ws", "text"],
        ["id", "text"],
      ],
      lockMessages.map((x) => [x.ws, x.id]),
      params.length + 2,
    );
    // The lock row (all NULL) keeps the locks taken when no event is found.
    sql = `WITH locked AS MATERIALIZED (
       SELECT count(pg_advisory_xact_lock(h))::int AS n FROM (
         SELECT DISTINCT hashtextextended(k, 0) AS h FROM (
           SELECT k FROM jsonb_array_elements_text($${params.length + 1}::jsonb) AS k
           UNION ALL
           SELECT m.workspace_id || chr(31) || 'c' || chr(31) || m.conversation_id
           FROM messages m JOIN ${m.from} ON m.workspace_id = x.ws AND m.id = x.id
           WHERE m.conversation_id IS NOT NULL) AS u
         ORDER BY 1) AS s)
     ${dedupe("locked, ")}
     UNION ALL SELECT NULL, NULL FROM locked`;
    // jsonb cannot hold U+0000, which the in-memory keys use as a separator (chr(31) above).
    params.push(JSON.stringify([...new Set(locks)].map((k) => k.replaceAll("\u0000", "\u001f"))), ...m.params);
  }
  const rows = await query<{ ws: string | null; key: string | null }>(tx, sql, params);
  const found = new Set<string>();
  for (const r of rows) if (r.ws !== null) found.add(`${r.ws}\u0000${r.key}`);
  return found;
}

export async function upsertCatalog(
  tx: Tx,
  campaigns: { ws: string; id: string; title: string | null }[],
  variants: { ws: string; campaignId: string; variant: string }[],
  announcements: { ws: string; id: string; title: string | null }[],
): Promise<void> {
  if (campaigns.length) {
    const u = rowsOf(
      "c",
      [
        ["ws", "text"],
        ["id", "text"],
        ["title", "text"],
      ],
      campaigns.map((c) => [c.ws, c.id, c.title]),
    );
    await execute(tx, `INSERT INTO campaigns (workspace_id, id, title) SELECT * FROM ${u.from} ON CONFLICT DO NOTHING`, u.params);
  }
  if (variants.length) {
    const u = rowsOf(
      "v",
      [
        ["ws", "text"],
        ["c", "text"],
        ["v", "text"],
      ],
      variants.map((v) => [v.ws, v.campaignId, v.variant]),
    );
    await execute(
      tx,
      `INSERT INTO campaign_variants (workspace_id, campaign_id, variant) SELECT * FROM ${u.from} ON CONFLICT DO NOTHING`,
      u.params,
    );
  }
  if (announcements.length) {
    const u = rowsOf(
      "a",
      [
        ["ws", "text"],
        ["id", "text"],
        ["title", "text"],
      ],
      announcements.map((a) => [a.ws, a.id, a.title]),
    );
    await execute(tx, `INSERT INTO announcements (workspace_id, id, title) SELECT * FROM ${u.from} ON CONFLICT DO NOTHING`, u.params);
  }
}

export interface WaitingRow {
  ws: string;
  key: string;
  sourceId: string | null;
  event: unknown;
}

/**
 * What a batch needs to know about messages, in one statement: registers the messages it sends
 * (returning them as stored), takes the receipts that were waiting for those, looks up the
 * messages of its other receipts (`known`, disjoint from `rows`), and finds the deliveries whose
 * cohort an earlier send time of an already known message moves (`moved`: deliveries created by
 * a receipt, with no send of their own, take their message's first send time).
 */
export async function registerMessages(
  tx: Tx,
  rows: MessageRow[],
  known: { ws: string; id: string }[],
): Promise<{ messages: MessageRow[]; waiting: WaitingRow[]; moved: { ws: string; m: string; r: string }[] }> {
  if (!rows.length && !known.length) return { messages: [], waiting: [], moved: [] };
  const ctes: string[] = [];
  const selects: string[] = [];
  const params: unknown[] = [];
  if (rows.length) {
    const u = rowsOf(
      "m",
      [
        ["workspace_id", "text"],
        ["id", "text"],
        ["kind", `"MessageKind"`],
        ["sender_id", "text"],
        ["conversation_id", "text"],
        ["campaign_id", "text"],
        ["variant", "text"],
        ["announcement_id", "text"],
        ["title", "text"],
        ["source_id", "text"],
        ["sent_at", "timestamptz"],
      ],
      rows
        .slice()
        .sort((a, b) => (a.workspaceId + a.id < b.workspaceId + b.id ? -1 : 1))
        .map((m) => [
          m.workspaceId,
          m.id,
          m.kind,
          m.senderId,
          m.conversationId,
          m.campaignId,
          m.variant,
          m.announcementId,
          m.title,
          m.sourceId,
          m.sentAt,
        ]),
      params.length + 1,
    );
    params.push(...u.params);
    const ids = rowsOf(
      "k",
      [
        ["ws", "text"],
        ["id", "text"],
      ],
      rows.map((m) => [m.workspaceId, m.id]),
      params.length + 1,
    );
    params.push(...ids.params);
    // A message keeps its first specific kind and first non-null attributes; its send time is the
    // earliest reported. Receipts parked for a message registered here are released: a message
    // seen before has none left (they were released when it was first registered).
    ctes.push(
      `registered AS (INSERT INTO messages AS t (workspace_id, id, kind, sender_id, conversation_id, campaign_id, variant,
         announcement_id, title, source_id, sent_at)
       SELECT * FROM ${u.from}
       ON CONFLICT (workspace_id, id) DO UPDATE SET
         kind = CASE WHEN t.kind = 'direct' THEN EXCLUDED.kind ELSE t.kind END,
         sender_id = COALESCE(t.sender_id, EXCLUDED.sender_id),
         conversation_id = COALESCE(t.conversation_id, EXCLUDED.conversation_id),
         campaign_id = COALESCE(t.campaign_id, EXCLUDED.campaign_id),
         variant = COALESCE(t.variant, EXCLUDED.variant),
         announcement_id = COALESCE(t.announcement_id, EXCLUDED.announcement_id),
         title = COALESCE(t.title, EXCLUDED.title),
         source_id = COALESCE(t.source_id, EXCLUDED.source_id),
         sent_at = LEAST(t.sent_at, EXCLUDED.sent_at)
       RETURNING ${MESSAGE_COLUMNS}, xmax <> 0 AS existed)`,
      `released AS (DELETE FROM waiting_receipts w USING ${ids.from}
       WHERE w.workspace_id = k.ws AND w.message_id = k.id
       RETURNING w.workspace_id AS ws, w.event_key AS key, w.source_id AS "sourceId", w.event)`,
      // xmax is set on a row ON CONFLICT updated: only a message seen before can have deliveries.
      `moved AS (SELECT d.workspace_id AS ws, d.message_id AS m, d.recipient_id AS r
       FROM registered g JOIN deliveries d ON d.workspace_id = g."workspaceId" AND d.message_id = g.id
       WHERE g.existed AND d.sent_at IS NULL AND d.cohort_at > g."sentAt")`,
    );
    selects.push(`SELECT ${MESSAGE_ALIASES}, NULL::jsonb AS waiting FROM registered`);
  }
  if (known.length) {
    const u = rowsOf(
      "k",
      [
        ["kws", "text"],
        ["kid", "text"],
      ],
      known.map((k) => [k.ws, k.id]),
      params.length + 1,
    );
    params.push(...u.params);
    ctes.push(`found AS (SELECT ${MESSAGE_COLUMNS} FROM messages JOIN ${u.from} ON workspace_id = kws AND id = kid)`);
    selects.push(`SELECT *, NULL::jsonb AS waiting FROM found`);
  }
  // Released receipts and moved deliveries ride in the last column of rows whose message
  // columns are null.
  const nulls = MESSAGE_COLUMN_NAMES.map(() => "NULL").join(", ");
  if (rows.length)
    selects.push(
      `SELECT ${nulls}, jsonb_build_object('ws', ws, 'key', key, 'sourceId', "sourceId", 'event', event) FROM released`,
      `SELECT ${nulls}, jsonb_build_object('moved', jsonb_build_array(ws, m, r)) FROM moved`,
    );
  const out = await query<MessageRow & { waiting: (WaitingRow & { moved?: undefined }) | { moved: [string, string, string] } | null }>(
    tx,
    `WITH ${ctes.join(",\n")}\n${selects.join("\nUNION ALL\n")}`,
    params,
  );
  const messages: MessageRow[] = [];
  const waiting: WaitingRow[] = [];
  const moved: { ws: string; m: string; r: string }[] = [];
  for (const { waiting: w, ...m } of out) {
    if (!w) messages.push(m);
    else if (w.moved) moved.push({ ws: w.moved[0], m: w.moved[1], r: w.moved[2] });
    else waiting.push(w as WaitingRow);
  }
  return { messages, waiting, moved };
}

export async function insertWaiting(
  tx: Tx,
  rows: { ws: string; key: string; messageId: string; recipientId: string; sourceId: string | null; receivedAt: Date; event: object }[],
): Promise<void> {
  if (!rows.length) return;
  const u = rowsOf(
    "w",
    [
      ["ws", "text"],
      ["key", "text"],
      ["m", "text"],
      ["r", "text"],
      ["src", "text"],
      ["at", "timestamptz"],
      ["ev", "jsonb"],
    ],
    rows.map((r) => [r.ws, r.key, r.messageId, r.recipientId, r.sourceId, r.receivedAt, r.event]),
  );
  await execute(
    tx,
    `INSERT INTO waiting_receipts (workspace_id, event_key, message_id, recipient_id, source_id, received_at, event)
     SELECT ws, key, m, r, src, at, ev FROM ${u.from} ON CONFLICT DO NOTHING`,
    u.params,
  );
}

export interface WatermarkRow {
  ws: string;
  conversationId: string;
  readerId: string;
  readUpTo: Date;
  readAt: Date;
}

/** Store watermarks; returns the ones that were new. */
export async function insertWatermarks(tx: Tx, rows: WatermarkRow[]): Promise<WatermarkRow[]> {
  if (!rows.length) return [];
  const u = rowsOf(
    "w",
    [
      ["ws", "text"],
      ["c", "text"],
      ["r", "text"],
      ["upto", "timestamptz"],
      ["at", "timestamptz"],
    ],
    rows.map((w) => [w.ws, w.conversationId, w.readerId, w.readUpTo, w.readAt]),
  );
  return query(
    tx,
    `INSERT INTO watermarks (workspace_id, conversation_id, reader_id, read_up_to, read_at)
     SELECT * FROM ${u.from} ON CONFLICT DO NOTHING
     RETURNING workspace_id AS ws, conversation_id AS "conversationId", reader_id AS "readerId",
       read_up_to AS "readUpTo", read_at AS "readAt"`,
    u.params,
  );
}

/** Known deliveries that these watermarks would mark read (or read earlier). */
export async function findWatermarkedDeliveries(tx: Tx, rows: WatermarkRow[]): Promise<{ ws: string; m: string; r: string; c: string }[]> {
  if (!rows.length) return [];
  const u = rowsOf(
    "w",
    [
      ["ws", "text"],
      ["c", "text"],
      ["r", "text"],
      ["upto", "timestamptz"],
      ["at", "timestamptz"],
    ],
    rows.map((w) => [w.ws, w.conversationId, w.readerId, w.readUpTo, w.readAt]),
  );
  return query(
    tx,
    `SELECT DISTINCT d.workspace_id AS ws, d.message_id AS m, d.recipient_id AS r, d.conversation_id AS c FROM deliveries d
     JOIN ${u.from} ON d.workspace_id = w.ws AND d.conversation_id = w.c AND d.recipient_id = w.r
       AND d.cohort_at <= w.upto
     WHERE d.read_at IS NULL OR d.read_at > w.at`,
    u.params,
  );
}

export async function findWatermarks(tx: Tx, scopes: { ws: string; c: string; r: string }[]): Promise<WatermarkRow[]> {
  if (!scopes.length) return [];
  const u = rowsOf(
    "k",
    [
      ["ws", "text"],
      ["c", "text"],
      ["r", "text"],
    ],
    scopes.map((s) => [s.ws, s.c, s.r]),
  );
  return query(
    tx,
    `SELECT w.workspace_id AS ws, w.conversation_id AS "conversationId", w.reader_id AS "readerId",
       w.read_up_to AS "readUpTo", w.read_at AS "readAt"
     FROM watermarks w JOIN ${u.from} ON w.workspace_id = k.ws AND w.conversation_id = k.c AND w.reader_id = k.r`,
    u.params,
  );
}

/** Deliveries named by key, as the derived table `k` (ws, m, r). */
function deliveryKeys(keys: { ws: string; m: string; r: string }[]) {
  return rowsOf(
    "k",
    [
      ["ws", "text"],
      ["m", "text"],
      ["r", "text"],
    ],
    keys.map((k) => [k.ws, k.m, k.r]),
  );
}

/** The earliest per-message read logged for each of these deliveries (duplicates aside). */
export async function firstExplicitReads(
  tx: Tx,
  keys: { ws: string; m: string; r: string }[],
): Promise<{ ws: string; m: string; r: string; at: Date }[]> {
  const u = deliveryKeys(keys);
  return query<{ ws: string; m: string; r: string; at: Date }>(
    tx,
    `SELECT e.workspace_id AS ws, e.message_id AS m, e.recipient_id AS r, min(e.occurred_at) AS at
     FROM receipt_events e JOIN ${u.from} ON e.workspace_id = k.ws AND e.message_id = k.m AND e.recipient_id = k.r
     WHERE e.type = 'message.read' AND e.dedup_key IS NOT NULL
     GROUP BY 1, 2, 3`,
    u.params,
  );
}

type DeliveryRow = Omit<DeliveryState, "messageSentAt"> & { cohortAt: Date };

/** Lock and load the deliveries this batch touches (sorted, so concurrent writers never deadlock). */
export async function lockDeliveries(tx: Tx, keys: { ws: string; m: string; r: string }[]): Promise<DeliveryState[]> {
  if (!keys.length) return [];
  const u = deliveryKeys(keys);
  const rows = await query<DeliveryRow>(
    tx,
    `SELECT d.workspace_id AS "workspaceId", d.message_id AS "messageId", d.recipient_id AS "recipientId",
       d.cohort_at AS "cohortAt", d.sent_at AS "sentAt", d.delivered_at AS "deliveredAt", d.read_at AS "readAt",
       d.failed_at AS "failedAt", d.read_by_watermark AS "readByWatermark", d.error_code AS "errorCode",
       d.error_title AS "errorTitle", d.client_platform AS "clientPlatform", d.kind::text AS kind,
       d.sender_id AS "senderId", d.conversation_id AS "conversationId", d.campaign_id AS "campaignId",
       d.variant, d.announcement_id AS "announcementId", d.source_id AS "sourceId"
     FROM deliveries d JOIN ${u.from} ON d.workspace_id = k.ws AND d.message_id = k.m AND d.recipient_id = k.r
     ORDER BY d.workspace_id, d.message_id, d.recipient_id
     FOR UPDATE OF d`,
    u.params,
  );
  // The stored cohort stands for the message's send time when the delivery's own is unknown.
  return rows.map(({ cohortAt, ...r }) => ({ ...r, messageSentAt: cohortAt }));
}

export async function writeDeliveries(
  tx: Tx,
  states: { state: DeliveryState; status: string; cohortAt: Date }[],
  now: Date,
): Promise<void> {
  if (!states.length) return;
  const u = rowsOf(
    "d",
    [
      ["workspace_id", "text"],
      ["message_id", "text"],
      ["recipient_id", "text"],
      ["status", `"DeliveryStatus"`],
      ["cohort_at", "timestamptz"],
      ["sent_at", "timestamptz"],
      ["delivered_at", "timestamptz"],
      ["read_at", "timestamptz"],
      ["failed_at", "timestamptz"],
      ["read_by_watermark", "boolean"],
      ["error_code", "text"],
      ["error_title", "text"],
      ["client_platform", "text"],
      ["kind", `"MessageKind"`],
      ["sender_id", "text"],
      ["conversation_id", "text"],
      ["campaign_id", "text"],
      ["variant", "text"],
      ["announcement_id", "text"],
      ["source_id", "text"],
      ["updated_at", "timestamptz"],
      ["support_unread_at", "timestamptz"],
    ],
    states.map(({ state: s, status, cohortAt }) => [
      s.workspaceId,
      s.messageId,
      s.recipientId,
      status,
      cohortAt,
      s.sentAt,
      s.deliveredAt,
      s.readAt,
      s.failedAt,
      s.readByWatermark,
      s.errorCode,
      s.errorTitle,
      s.clientPlatform,
      s.kind,
      s.senderId,
      s.conversationId,
      s.campaignId,
      s.variant,
      s.announcementId,
      s.sourceId,
      now,
      s.kind === "support" && (status === "sent" || status === "delivered") ? cohortAt : null,
    ]),
  );
  await execute(
    tx,
    `INSERT INTO deliveries (workspace_id, message_id, recipient_id, status, cohort_at, sent_at, delivered_at, read_at,
       failed_at, read_by_watermark, error_code, error_title, client_platform, kind, sender_id, conversation_id,
       campaign_id, variant, announcement_id, source_id, updated_at, support_unread_at)
     SELECT * FROM ${u.from}
     ON CONFLICT (workspace_id, message_id, recipient_id) DO UPDATE SET
       status = EXCLUDED.status, cohort_at = EXCLUDED.cohort_at, sent_at = EXCLUDED.sent_at,
       delivered_at = EXCLUDED.delivered_at, read_at = EXCLUDED.read_at, failed_at = EXCLUDED.failed_at,
       read_by_watermark = EXCLUDED.read_by_watermark, error_code = EXCLUDED.error_code,
       error_title = EXCLUDED.error_title, client_platform = EXCLUDED.client_platform, kind = EXCLUDED.kind,
       sender_id = EXCLUDED.sender_id, conversation_id = EXCLUDED.conversation_id, campaign_id = EXCLUDED.campaign_id,
       variant = EXCLUDED.variant, announcement_id = EXCLUDED.announcement_id, source_id = EXCLUDED.source_id,
       updated_at = EXCLUDED.updated_at, support_unread_at = EXCLUDED.support_unread_at`,
    u.params,
  );
}

const ROLLUP_KEY_COLUMNS: [string, string][] = [
  ["workspace_id", "text"],
  ["bucket_start", "timestamptz"],
  ["kind", `"MessageKind"`],
  ["campaign_id", "text"],
  ["variant", "text"],
  ["announcement_id", "text"],
  ["sender_id", "text"],
  ["source_id", "text"],
  ["client_platform", "text"],
];
const keyCells = (k: RollupKey) => [
  k.workspaceId,
  k.bucketStart,
  k.kind,
  k.campaignId,
  k.variant,
  k.announcementId,
  k.senderId,
  k.sourceId,
  k.clientPlatform,
];

// delivery_totals (migration 20261126220000_coarse_rollups): the same deltas with sender and
// announcement dropped. Summed here so each coarse row is written once per transaction.
const TOTALS_KEY_COLUMNS: [string, string][] = [
  ["workspace_id", "text"],
  ["bucket_start", "timestamptz"],
  ["kind", `"MessageKind"`],
  ["campaign_id", "text"],
  ["variant", "text"],
  ["source_id", "text"],
  ["client_platform", "text"],
];
// The coarse tables (migration 20261127000000_coarse_grains): every delta once per grain.
const COARSE_KEY_COLUMNS: [string, string][] = [
  ["workspace_id", "text"],
  ["minutes", "smallint"],
  ["bucket_start", "timestamptz"],
  ["kind", `"MessageKind"`],
];

const grainStart = (at: Date, minutes: number) => Math.floor(at.getTime() / (minutes * 60_000)) * minutes * 60_000;

function sumBy<T>(
  items: T[],
  key: (x: T) => (string | number)[],
  add: (into: number[] | undefined, x: T) => number[],
): (string | number)[][] {
  const out = new Map<string, { key: (string | number)[]; sums: number[] }>();
  for (const x of items) {
    const k = key(x);
    const ks = k.join("\u0000");
    const row = out.get(ks);
    out.set(ks, { key: k, sums: add(row?.sums, x) });
  }
  return [...out.values()].filter((r) => r.sums.some((v) => v !== 0)).map((r) => [...r.key, ...r.sums]);
}

function coarseDeltas(deltas: RollupDelta[]): (string | number)[][] {
  return sumBy(
    deltas,
    ({ key: k }) => [k.workspaceId, k.bucketStart.getTime(), k.kind, k.campaignId, k.variant, k.sourceId, k.clientPlatform],
    (s = [0, 0, 0, 0, 0], d) => [s[0] + d.sent, s[1] + d.delivered, s[2] + d.read, s[3] + d.failed, s[4] + d.ttrSum],
  );
}

// The all-time campaign tables (campaign_totals, campaign_failures): no time bucket.
const CAMPAIGN_KEY_COLUMNS: Column[] = [
  ["workspace_id", "text"],
  ["campaign_id", "text"],
  ["variant", "text"],
  ["kind", `"MessageKind"`],
  ["source_id", "text"],
  ["client_platform", "text"],
];
const campaignKey = (k: RollupKey) => [k.workspaceId, k.campaignId, k.variant, k.kind, k.sourceId, k.clientPlatform];

/** Campaign deltas summed over time, with the first and last bucket they touch. */
function campaignTotals(deltas: RollupDelta[]): Cell[][] {
  return sumBy(
    deltas.filter((d) => d.key.campaignId !== ""),
    (d) => campaignKey(d.key),
    (s = [0, 0, 0, 0, 0, Infinity, -Infinity], d) => {
      const at = d.key.bucketStart.getTime();
      return [s[0] + d.sent, s[1] + d.delivered, s[2] + d.read, s[3] + d.failed, s[4] + d.ttrSum, Math.min(s[5], at), Math.max(s[6], at)];
    },
  );
}

/** `deltas` summed per coarse grain and the dimensions `dims` keeps. */
function grainDeltas(deltas: RollupDelta[], grains: readonly number[], dims: (k: RollupKey) => string[]): (string | number)[][] {
  return sumBy(
    grains.flatMap((minutes) => deltas.map((d) => ({ minutes, d }))),
    ({ minutes, d: { key: k } }) => [k.workspaceId, minutes, grainStart(k.bucketStart, minutes), ...dims(k)],
    (s = [0, 0, 0, 0, 0], { d }) => [s[0] + d.sent, s[1] + d.delivered, s[2] + d.read, s[3] + d.failed, s[4] + d.ttrSum],
  );
}

/** Time-to-read `bins` summed per coarse grain and the dimensions `dims` keeps. */
function grainBins(
  bins: { key: RollupKey; bin: number; count: number }[],
  grains: readonly number[],
  dims: (k: RollupKey) => string[],
): (string | number)[][] {
  return sumBy(
    grains.flatMap((minutes) => bins.map((b) => ({ minutes, b }))),
    ({ minutes, b: { key: k, bin } }) => [k.workspaceId, minutes, grainStart(k.bucketStart, minutes), ...dims(k), bin],
    (s = [0], { b }) => [s[0] + b.count],
  );
}

/** Failed deliveries by error: `code` and `title` '' when none. */
export interface FailureDelta {
  key: RollupKey;
  code: string;
  title: string;
  count: number;
}

// Error codes and titles come from the platforms; cut (by code point, never inside a surrogate
// pair) so that a key always fits a btree entry.
const ERROR_KEY_CHARS = 200;
const cut = (s: string) => (s.length <= ERROR_KEY_CHARS ? s : [...s].slice(0, ERROR_KEY_CHARS).join(""));
const ERROR_KEY_COLUMNS: Column[] = [
  ["error_code", "text"],
  ["error_title", "text"],
];
const FAILURE_KEY_COLUMNS: Column[] = [...COARSE_KEY_COLUMNS, ["source_id", "text"], ["client_platform", "text"], ...ERROR_KEY_COLUMNS];

function failureRows(failures: FailureDelta[]): (string | number)[][] {
  return sumBy(
    COARSE_GRAINS.failure_rollups.flatMap((minutes) => failures.map((f) => ({ minutes, f }))),
    ({ minutes, f: { key: k, code, title } }) => [
      k.workspaceId,
      minutes,
      grainStart(k.bucketStart, minutes),
      k.kind,
      k.sourceId,
      k.clientPlatform,
      cut(code),
      cut(title),
    ],
    (s = [0], { f }) => [s[0] + f.count],
  );
}

/** Campaign failures have no time bucket: one row per campaign, variant, dimensions and error. */
function campaignFailureRows(failures: FailureDelta[]): (string | number)[][] {
  return sumBy(
    failures.filter((f) => f.key.campaignId !== ""),
    ({ key, code, title }) => [...campaignKey(key), cut(code), cut(title)],
    (s = [0], f) => [s[0] + f.count],
  );
}

export interface RollupDelta {
  key: RollupKey;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  ttrSum: number;
}

type Column = [name: string, pgType: string];
const COUNT_COLUMNS: Column[] = [
  ["sent", "int"],
  ["delivered", "int"],
  ["read", "int"],
  ["failed", "int"],
  ["ttr_sum", "float8"],
];
const BIN_COLUMNS: Column[] = [["count", "int"]];

/**
 * Adds `rows` (key cells, then counter cells, then bound cells) to the counter rows of `shard` in
 * `table`. Bounds keep the least (`min`) or greatest (`max`) value ever written.
 */
async function addCounters(
  tx: Tx,
  table: string,
  key: Column[],
  counters: Column[],
  rows: Cell[][],
  shard: number,
  bounds: [name: string, pgType: string, keep: "min" | "max"][] = [],
): Promise<void> {
  if (!rows.length) return;
  const u = rowsOf("r", [...key, ...counters, ...bounds.map(([n, t]): Column => [n, t])], rows, 2);
  const pk = key.map(([name]) => name).join(", ");
  const names = [...counters, ...bounds].map(([name]) => name);
  const set = [
    ...counters.map(([n]) => `${n} = t.${n} + EXCLUDED.${n}`),
    ...bounds.map(([n, , keep]) => `${n} = ${keep === "min" ? "LEAST" : "GREATEST"}(t.${n}, EXCLUDED.${n})`),
  ];
  await execute(
    tx,
    `INSERT INTO ${table} AS t (${pk}, ${names.join(", ")}, shard)
     SELECT *, $1::smallint FROM ${u.from} ORDER BY ${pk}
     ON CONFLICT (${pk}, shard) DO UPDATE SET ${set.join(", ")}`,
    [shard, ...u.params],
  );
}

/**
 * Adds to the rollup rows of `shard` (the caller's commit lane; see the migration write_shards):
 * the 15-minute tables and, from the same deltas, the coarse ones.
 */
export async function addRollups(
  tx: Tx,
  shard: number,
  deltas: RollupDelta[],
  bins: { key: RollupKey; bin: number; count: number }[],
  failures: FailureDelta[],
): Promise<void> {
  const binKey: Column[] = [...ROLLUP_KEY_COLUMNS, ["bin", "int"]];
  const deltaRows = deltas.map((d) => [...keyCells(d.key), d.sent, d.delivered, d.read, d.failed, d.ttrSum]);
  await addCounters(tx, "delivery_rollups", ROLLUP_KEY_COLUMNS, COUNT_COLUMNS, deltaRows, shard);
  await addCounters(tx, "delivery_totals", TOTALS_KEY_COLUMNS, COUNT_COLUMNS, coarseDeltas(deltas), shard);
  await addCounters(tx, "campaign_totals", CAMPAIGN_KEY_COLUMNS, COUNT_COLUMNS, campaignTotals(deltas), shard, [
    ["first_at", "timestamptz", "min"],
    ["last_at", "timestamptz", "max"],
  ]);
  const coarseKey: Column[] = [...COARSE_KEY_COLUMNS, ["source_id", "text"], ["client_platform", "text"]];
  const dims = (k: RollupKey) => [k.kind, k.sourceId, k.clientPlatform];
  await addCounters(tx, "delivery_coarse", coarseKey, COUNT_COLUMNS, grainDeltas(deltas, COARSE_GRAINS.delivery_coarse, dims), shard);
  const senderKey: Column[] = [...COARSE_KEY_COLUMNS, ["sender_id", "text"], ["source_id", "text"], ["client_platform", "text"]];
  const senderDims = (k: RollupKey) => [k.kind, k.senderId, k.sourceId, k.clientPlatform];
  await addCounters(tx, "sender_coarse", senderKey, COUNT_COLUMNS, grainDeltas(deltas, COARSE_GRAINS.sender_coarse, senderDims), shard);
  await addCounters(
    tx,
    "ttr_coarse",
    [...COARSE_KEY_COLUMNS, ["bin", "int"]],
    BIN_COLUMNS,
    grainBins(bins, COARSE_GRAINS.ttr_coarse, (k) => [k.kind]),
    shard,
  );
  const splitKey: Column[] = [...COARSE_KEY_COLUMNS, ["source_id", "text"], ["client_platform", "text"], ["bin", "int"]];
  const splitDims = (k: RollupKey) => [k.kind, k.sourceId, k.clientPlatform];
  await addCounters(tx, "ttr_split_coarse", splitKey, BIN_COLUMNS, grainBins(bins, COARSE_GRAINS.ttr_split_coarse, splitDims), shard);
  await addCounters(tx, "failure_rollups", FAILURE_KEY_COLUMNS, [["failed", "int"]], failureRows(failures), shard);
  await addCounters(
    tx,
    "campaign_failures",
    [...CAMPAIGN_KEY_COLUMNS, ...ERROR_KEY_COLUMNS],
    [["failed", "int"]],
    campaignFailureRows(failures),
    shard,
  );
  const binRows = bins.map((b) => [...keyCells(b.key), b.bin, b.count]);
  await addCounters(tx, "ttr_rollups", binKey, BIN_COLUMNS, binRows, shard);
}

export interface EventRow {
  ws: string;
  sourceId: string | null;
  key: string;
  duplicate: boolean;
  type: string;
  messageId: string | null;
  recipientId: string | null;
  conversationId: string | null;
  occurredAt: Date;
  receivedAt: Date;
  timeSource: string;
  outcome: string;
  payload: object | null | RawJson;
}

export async function insertEvents(tx: Tx, rows: EventRow[]): Promise<void> {
  if (!rows.length) return;
  const u = rowsOf(
    "e",
    [
      ["ws", "text"],
      ["src", "text"],
      ["key", "text"],
      ["dedup", "text"],
      ["type", "text"],
      ["m", "text"],
      ["r", "text"],
      ["c", "text"],
      ["occurred", "timestamptz"],
      ["received", "timestamptz"],
      ["ts", "text"],
      ["outcome", `"EventOutcome"`],
      ["payload", "jsonb"],
    ],
    rows.map((e) => [
      e.ws,
      e.sourceId,
      e.key,
      e.duplicate ? null : e.key,
      e.type,
      e.messageId,
      e.recipientId,
      e.conversationId,
      e.occurredAt,
      e.receivedAt,
      e.timeSource,
      e.outcome,
      e.payload,
    ]),
  );
  await execute(
    tx,
    `INSERT INTO receipt_events (workspace_id, source_id, idempotency_key, dedup_key, type, message_id, recipient_id,
       conversation_id, occurred_at, received_at, time_source, outcome, payload)
     SELECT ws, src, key, dedup, type, m, r, c, occurred, received, ts, outcome, payload FROM ${u.from}`,
    u.params,
  );
}

export async function setOutcomes(tx: Tx, rows: { ws: string; key: string; outcome: string }[]): Promise<void> {
  if (!rows.length) return;
  const u = rowsOf(
    "k",
    [
      ["ws", "text"],
      ["key", "text"],
      ["outcome", `"EventOutcome"`],
    ],
    rows.map((r) => [r.ws, r.key, r.outcome]),
  );
  await execute(
    tx,
    `UPDATE receipt_events e SET outcome = k.outcome FROM ${u.from} WHERE e.workspace_id = k.ws AND e.dedup_key = k.key`,
    u.params,
  );
}

export async function upsertConversations(
  tx: Tx,
  rows: {
    ws: string;
    id: string;
    customerId: string | null;
    sourceId: string | null;
    firstIn: Date | null;
    lastIn: Date | null;
    lastOut: Date | null;
  }[],
): Promise<void> {
  if (!rows.length) return;
  const u = rowsOf(
    "c",
    [
      ["ws", "text"],
      ["id", "text"],
      ["customer", "text"],
      ["src", "text"],
      ["first_in", "timestamptz"],
      ["last_in", "timestamptz"],
      ["last_out", "timestamptz"],
    ],
    rows.map((r) => [r.ws, r.id, r.customerId, r.sourceId, r.firstIn, r.lastIn, r.lastOut]),
  );
  await execute(
    tx,
    `INSERT INTO conversations AS t (workspace_id, id, customer_id, source_id, first_inbound_at, last_inbound_at, last_outbound_at)
     SELECT * FROM ${u.from} ORDER BY ws, id
     ON CONFLICT (workspace_id, id) DO UPDATE SET
       customer_id = COALESCE(t.customer_id, EXCLUDED.customer_id),
       source_id = COALESCE(t.source_id, EXCLUDED.source_id),
       first_inbound_at = LEAST(t.first_inbound_at, EXCLUDED.first_inbound_at),
       last_inbound_at = GREATEST(t.last_inbound_at, EXCLUDED.last_inbound_at),
       last_outbound_at = GREATEST(t.last_outbound_at, EXCLUDED.last_outbound_at)`,
    u.params,
  );
}

export async function insertInbound(
  tx: Tx,
  rows: { ws: string; conversationId: string; key: string; senderId: string | null; sourceId: string | null; at: Date }[],
): Promise<void> {
  if (!rows.length) return;
  const u = rowsOf(
    "i",
    [
      ["ws", "text"],
      ["c", "text"],
      ["key", "text"],
      ["sender", "text"],
      ["src", "text"],
      ["at", "timestamptz"],
    ],
    rows.map((r) => [r.ws, r.conversationId, r.key, r.senderId, r.sourceId, r.at]),
  );
  await execute(
    tx,
    `INSERT INTO inbound_messages (workspace_id, conversation_id, event_key, sender_id, source_id, occurred_at)
     SELECT * FROM ${u.from} ON CONFLICT DO NOTHING`,
    u.params,
  );
}

/**
 * Recomputes the reply pairs of these conversations from their messages, which must already be
 * written (by an earlier statement: a statement does not see its own CTEs' writes). Pairs still
 * there are updated and pairs gone are deleted — disjoint rows, so both may share one statement.
 */
export async function recomputeReplies(tx: Tx, convs: { ws: string; id: string }[], shard: number): Promise<void> {
  if (!convs.length) return;
  const t = rowsOf(
    "t",
    [
      ["ws", "text"],
      ["c", "text"],
    ],
    convs.map((c) => [c.ws, c.id]),
  );
  // One statement, so the pairs are computed once; every part reads the state before it, so the
  // rollups move the old pairs out and the new ones in while the pairs are rewritten (the DELETE
  // and the upsert touch different turns).
  await execute(
    tx,
    `WITH pairs AS MATERIALIZED (${supportRepliesSelect(t.from)}),
     old AS (${storedPairs(`support_replies s JOIN ${t.from} ON s.workspace_id = t.ws AND s.conversation_id = t.c`)}),
     counted AS (${replyRollupsSql(`${replyRows(-1, "SELECT * FROM old")} UNION ALL ${replyRows(1, "SELECT * FROM pairs")}`, `$${t.params.length + 1}`)}),
     gone AS (
       DELETE FROM support_replies s USING ${t.from}
       WHERE s.workspace_id = t.ws AND s.conversation_id = t.c
         AND NOT EXISTS (SELECT 1 FROM pairs f WHERE f.ws = s.workspace_id AND f.c = s.conversation_id AND f.turn = s.turn)
     )
     INSERT INTO support_replies AS s (workspace_id, conversation_id, turn, agent_id, asked_at, answered_at, is_first, opened_at, source_id)
     SELECT ws, c, turn, agent_id, asked_at, answered_at, is_first, opened_at, source_id FROM pairs
     ON CONFLICT (workspace_id, conversation_id, turn) DO UPDATE SET agent_id = EXCLUDED.agent_id, asked_at = EXCLUDED.asked_at,
       answered_at = EXCLUDED.answered_at, is_first = EXCLUDED.is_first, opened_at = EXCLUDED.opened_at, source_id = EXCLUDED.source_id`,
    [...t.params, shard],
  );
}

export interface StatsDelta {
  ws: string;
  sourceId: string;
  accepted: number;
  duplicates: number;
  outOfOrder: number;
  waiting: number;
  signatureFailures: number;
  parseErrors: number;
  lastEventAt: Date | null;
  lastReceivedAt: Date | null;
}

/** A health-counter change of one source: the given counters, every other one zero. */
export function statsDelta(ws: string, sourceId: string, counts: Partial<Omit<StatsDelta, "ws" | "sourceId">>): StatsDelta {
  return {
    ws,
    sourceId,
    accepted: 0,
    duplicates: 0,
    outOfOrder: 0,
    waiting: 0,
    signatureFailures: 0,
    parseErrors: 0,
    lastEventAt: null,
    lastReceivedAt: null,
    ...counts,
  };
}

/** Adds to the health counters of `shard` (see addRollups). */
export async function addSourceStats(tx: Tx, rows: StatsDelta[], shard = 0): Promise<void> {
  if (!rows.length) return;
  const u = rowsOf(
    "s",
    [
      ["ws", "text"],
      ["src", "text"],
      ["accepted", "int"],
      ["dup", "int"],
      ["ooo", "int"],
      ["waiting", "int"],
      ["sig", "int"],
      ["parse", "int"],
      ["last_event", "timestamptz"],
      ["last_received", "timestamptz"],
    ],
    rows.map((r) => [
      r.ws,
      r.sourceId,
      r.accepted,
      r.duplicates,
      r.outOfOrder,
      r.waiting,
      r.signatureFailures,
      r.parseErrors,
      r.lastEventAt,
      r.lastReceivedAt,
    ]),
    2,
  );
  await execute(
    tx,
    `INSERT INTO source_stats AS t (workspace_id, source_id, accepted, duplicates, out_of_order, waiting,
       signature_failures, parse_errors, last_event_at, last_received_at, shard)
     SELECT *, $1::smallint FROM ${u.from} ORDER BY ws, src
     ON CONFLICT (workspace_id, source_id, shard) DO UPDATE SET
       accepted = t.accepted + EXCLUDED.accepted, duplicates = t.duplicates + EXCLUDED.duplicates,
       out_of_order = t.out_of_order + EXCLUDED.out_of_order, waiting = t.waiting + EXCLUDED.waiting,
       signature_failures = t.signature_failures + EXCLUDED.signature_failures,
       parse_errors = t.parse_errors + EXCLUDED.parse_errors,
       last_event_at = GREATEST(t.last_event_at, EXCLUDED.last_event_at),
       last_received_at = GREATEST(t.last_received_at, EXCLUDED.last_received_at)`,
    [shard, ...u.params],
  );
}

/** A webhook request as kept for replay (content and signatures removed; see lib/webhooks/request-log.ts). */
export interface RequestRow {
  ws: string;
  sourceId: string;
  digest: string;
  receivedAt: Date;
  url: string;
  body: string;
  headers: Record<string, string>;
}

export async function insertRequests(tx: Tx, rows: RequestRow[]): Promise<void> {
  if (!rows.length) return;
  // A retry of the same request (same digest) is kept once; one row per digest per statement.
  const unique = [...new Map(rows.map((r) => [`${r.ws}\u0000${r.sourceId}\u0000${r.digest}`, r])).values()];
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
    unique.map((r) => [r.ws, r.sourceId, r.digest, r.receivedAt, r.url, r.body, r.headers]),
  );
  await execute(
    tx,
    `INSERT INTO webhook_requests (workspace_id, source_id, digest, received_at, url, body, headers)
     SELECT ws, src, digest, received, url, body, headers FROM ${u.from}
     ON CONFLICT (workspace_id, source_id, digest) DO NOTHING`,
    u.params,
  );
}
