// Set-based seeding of a large workspace for the dashboard benchmark: messages, deliveries,
// support conversations and a receipt event log built with generate_series in PostgreSQL, so
// 10M deliveries take minutes instead of the hours a replay through ingestion would.
// Shape (per `deliveries` N): 70 % campaign sends (1,000 campaigns × variants A/B, ~3,500 each)
// plus one 1M-recipient campaign (10 %), 2 % announcements (team of up to 400), 8 % support
// answers (two turns per conversation), 10 % direct messages; sends spread over the last 90 days.

type Exec = (sql: string, params?: unknown[]) => Promise<unknown>;

export const BENCH_WS = "bench";
export const BIG_CAMPAIGN = "cmp-big";

export async function seedBench(exec: Exec, n: number, opts: { events: boolean; log: (s: string) => void }): Promise<void> {
  const step = async (label: string, sql: string) => {
    const t = Date.now();
    await exec(sql);
    opts.log(`  ${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  const big = Math.round(n * 0.1);
  const perCampaignMsg = Math.max(1, Math.round((n * 0.7) / 2000));
  const annN = Math.max(1, Math.min(400, Math.round((n * 0.02) / 500)));
  const convs = Math.max(1, Math.round((n * 0.08) / 2));
  const direct = Math.max(1, Math.round(n * 0.1));
  const days = 90;

  await exec(`SET synchronous_commit = off`);
  await exec(`SET maintenance_work_mem = '1GB'`);
  await exec(`SET work_mem = '256MB'`);
  await exec(`SELECT setseed(0.42)`);
  await exec(
    `INSERT INTO workspaces (id, slug, name, timezone) VALUES ('${BENCH_WS}', 'bench', 'Bench', 'Europe/Berlin') ON CONFLICT DO NOTHING`,
  );
  await exec(`INSERT INTO team_members (workspace_id, team_id, member_id, name, is_manager)
    SELECT '${BENCH_WS}', 'team-' || (g % 20), 'mem-' || g, 'Member ' || g, g % 20 = 0 FROM generate_series(0, 1999) g`);

  // One row per message with its recipient count; deliveries expand from it.
  await step(
    "message plan",
    `CREATE UNLOGGED TABLE bench_msgs AS
     SELECT 'cmp-' || c || '-' || v AS id, 'campaign'::"MessageKind" AS kind, 'marketer-' || (c % 5) AS sender, NULL::text AS conv,
       'cmp-' || c AS campaign, v AS variant, NULL::text AS ann, 'src-' || (c % 3) AS source,
       now() - make_interval(secs => (random() * ${days} * 86400)::int) AS sent_at, ${perCampaignMsg} AS n, 3600 AS spread
     FROM generate_series(1, 1000) c, unnest(ARRAY['A', 'B']) v
     UNION ALL
     SELECT '${BIG_CAMPAIGN}-' || v, 'campaign', 'marketer-0', NULL, '${BIG_CAMPAIGN}', v, NULL, 'src-0',
       now() - interval '10 days', ${Math.round(big / 2)}, 6 * 3600
     FROM unnest(ARRAY['A', 'B']) v
     UNION ALL
     SELECT 'ann-' || a, 'announcement', 'lead-' || (a % 20), NULL, NULL, NULL, 'ann-' || a, 'src-1',
       now() - make_interval(secs => (random() * ${days} * 86400)::int), ${annN}, 0
     FROM generate_series(1, 500) a
     UNION ALL
     SELECT 'dm-' || d, 'direct', 'staff-' || (d % 200), NULL, NULL, NULL, NULL, 'src-' || (d % 3),
       now() - make_interval(secs => (random() * ${days} * 86400)::int), 1, 0
     FROM generate_series(1, ${direct}) d`,
  );
  // Support: customer asks at t0, agent answers after d1, customer asks again 10 min later, answer after d2.
  await step(
    "support conversations",
    `CREATE UNLOGGED TABLE bench_conv AS
     SELECT k, now() - make_interval(secs => (random() * ${days} * 86400)::int) AS t0, exp(random() * 10) AS d1, exp(random() * 9) AS d2,
       'agent-' || (k % 50) AS agent, 'src-' || (k % 3) AS source
     FROM generate_series(1, ${convs}) k`,
  );
  await exec(`INSERT INTO bench_msgs
    SELECT 'sup-' || k || '-' || t, 'support', agent, 'conv-' || k, NULL, NULL, NULL, source,
      CASE WHEN t = 1 THEN t0 + make_interval(secs => d1) ELSE t0 + make_interval(secs => d1 + 600 + d2) END, 1, 0
    FROM bench_conv, generate_series(1, 2) t`);
  await step(
    "conversations + inbound",
    `INSERT INTO conversations (workspace_id, id, customer_id, source_id, first_inbound_at, last_inbound_at, last_outbound_at)
       SELECT '${BENCH_WS}', 'conv-' || k, 'cust-' || k, source, t0, t0 + make_interval(secs => d1 + 600), t0 + make_interval(secs => d1 + 600 + d2) FROM bench_conv;
     INSERT INTO inbound_messages (workspace_id, conversation_id, event_key, sender_id, source_id, occurred_at)
       SELECT '${BENCH_WS}', 'conv-' || k, 'in-' || k || '-' || t, 'cust-' || k, source,
         CASE WHEN t = 1 THEN t0 ELSE t0 + make_interval(secs => d1 + 600) END
       FROM bench_conv, generate_series(1, 2) t`,
  );
  await step(
    "messages, campaigns, announcements",
    `INSERT INTO messages (workspace_id, id, kind, sender_id, conversation_id, campaign_id, variant, announcement_id, title, source_id, sent_at)
       SELECT '${BENCH_WS}', id, kind, sender, conv, campaign, variant, ann, NULL, source, sent_at FROM bench_msgs;
     INSERT INTO campaigns (workspace_id, id, title) SELECT DISTINCT '${BENCH_WS}', campaign, 'Campaign ' || campaign FROM bench_msgs WHERE campaign IS NOT NULL;
     INSERT INTO campaign_variants (workspace_id, campaign_id, variant) SELECT DISTINCT '${BENCH_WS}', campaign, variant FROM bench_msgs WHERE campaign IS NOT NULL;
     INSERT INTO announcements (workspace_id, id, title, team_id, due_at)
       SELECT '${BENCH_WS}', ann, 'Announcement ' || ann, NULL, sent_at + interval '2 days' FROM bench_msgs WHERE ann IS NOT NULL`,
  );
  // Secondary indexes are built once after the load (much faster than maintaining them per row).
  const indexes = (await exec(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('deliveries', 'receipt_events')
     AND indexname NOT IN ('deliveries_pkey', 'receipt_events_pkey')`,
  )) as { indexname: string; indexdef: string }[];
  for (const i of indexes) await exec(`DROP INDEX "${i.indexname}"`);
  await step(
    `deliveries (${n.toLocaleString("en")} planned)`,
    `INSERT INTO deliveries (workspace_id, message_id, recipient_id, status, cohort_at, sent_at, delivered_at, read_at, failed_at,
       read_by_watermark, error_code, error_title, client_platform, kind, sender_id, conversation_id, campaign_id, variant,
       announcement_id, source_id, updated_at, support_unread_at)
     SELECT '${BENCH_WS}', id, recipient, status::"DeliveryStatus", sent, sent,
       CASE WHEN status IN ('delivered', 'read') THEN sent + make_interval(secs => 1 + u3 * 60) END,
       CASE WHEN status = 'read' THEN LEAST(now(), sent + make_interval(secs => 1 + u3 * 60 + exp(u4 * 12.5))) END,
       CASE WHEN status = 'failed' THEN sent + interval '5 seconds' END,
       false,
       CASE WHEN status = 'failed' THEN (ARRAY['131049', '131026', '131047', '130472', '131000'])[1 + (u4 * 5)::int % 5] END,
       CASE WHEN status = 'failed' THEN 'Error ' || (ARRAY['131049', '131026', '131047', '130472', '131000'])[1 + (u4 * 5)::int % 5] END,
       (ARRAY['ios', 'android', 'android', 'web', 'desktop', NULL])[1 + (u5 * 6)::int % 6],
       kind, sender, conv, campaign, variant, ann, source, now(),
       CASE WHEN kind = 'support' AND status IN ('sent', 'delivered') THEN sent END
     FROM (
       SELECT m.*, CASE WHEN m.kind = 'announcement' THEN 'mem-' || ((substr(m.id, 5)::int * 37 + i) % 2000)
                        WHEN m.kind = 'support' THEN 'cust-' || split_part(m.id, '-', 2)
                        WHEN m.kind = 'direct' THEN 'u' || (random() * 1e6)::int
                        ELSE 'u' || i END AS recipient,
         m.sent_at + make_interval(secs => random() * m.spread) AS sent,
         CASE WHEN u1 < 0.04 THEN 'failed' WHEN u1 < 0.10 THEN 'sent' WHEN u1 < (CASE m.variant WHEN 'B' THEN 0.36 ELSE 0.40 END) THEN 'delivered' ELSE 'read' END AS status,
         u3, u4, u5
       FROM bench_msgs m, generate_series(1, m.n) i,
         LATERAL (SELECT random() + i * 0 AS u1, random() + i * 0 AS u3, random() + i * 0 AS u4, random() + i * 0 AS u5) u
     ) x`,
  );
  if (opts.events) {
    // The event log: the send, delivered, read or failed receipts, and ~46 % duplicates (retries).
    await step(
      "receipt events",
      `INSERT INTO receipt_events (workspace_id, source_id, idempotency_key, dedup_key, type, message_id, recipient_id, conversation_id,
         occurred_at, received_at, time_source, outcome, payload)
       SELECT '${BENCH_WS}', source_id, key, CASE WHEN dup THEN NULL ELSE key END, type, message_id, recipient_id, conversation_id,
         at, at + interval '2 seconds', 'platform', CASE WHEN dup THEN 'duplicate' ELSE 'applied' END::"EventOutcome",
         jsonb_build_object('type', type, 'id', key, 'messageId', message_id, 'recipientId', recipient_id, 'occurredAt', at)
       FROM (
         SELECT d.*, e.type, e.at, e.k > 4 AS dup, d.message_id || '/' || d.recipient_id || '/' || e.type AS key
         FROM deliveries d, LATERAL (VALUES (1, 'message.sent', d.sent_at), (2, 'message.delivered', d.delivered_at),
           (3, 'message.read', d.read_at), (4, 'message.failed', d.failed_at),
           (5, 'message.delivered', CASE WHEN random() < 0.46 THEN COALESCE(d.delivered_at, d.failed_at, d.sent_at) END)) e(k, type, at)
         WHERE d.workspace_id = '${BENCH_WS}' AND e.at IS NOT NULL
       ) x`,
    );
  }
  for (const i of indexes) await step(`index ${i.indexname}`, i.indexdef);
  await exec(`DROP TABLE bench_msgs`);
  await exec(`DROP TABLE bench_conv`);
}
