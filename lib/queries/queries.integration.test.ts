import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execute, query } from "../db/sql";
import { twoProportionTest, wilsonInterval } from "../metrics/significance";
import { ttrBin } from "../metrics/ttr-histogram";
import { disorder, generateScenario, memberId, TEAM } from "../simulator/scenario";
import { DATABASE_KINDS, freshDb, type TestDb } from "../testing/databases";
import { createWorkspace, ingest } from "../testing/ingest";
import { compareCohorts } from "./compare-cohorts";
import { resolveRange, type Filters } from "./filters";
import { getAnnouncement } from "./get-announcement";
import { getCampaign } from "./get-campaign";
import { getFunnel } from "./get-funnel";
import { getKpis } from "./get-kpis";
import { getMemberAcknowledgements } from "./get-member-acknowledgements";
import { getOverview } from "./get-overview";
import { getReadHeatmap } from "./get-read-heatmap";
import { getResponseTimes } from "./get-response-times";
import { getSplits } from "./get-splits";
import { getTimeseries } from "./get-timeseries";
import { getTtrDistribution } from "./get-ttr-distribution";
import { listCampaigns } from "./list-campaigns";
import { listDeliveries } from "./list-deliveries";
import { listFailureReasons } from "./list-failure-reasons";
import { listUnreadFollowUps } from "./list-unread-follow-ups";
import type { ViewerScope } from "./scope";

// Every metric of the query layer (which reads rollups, or delivery state for lists) compared
// with an independent computation: plain SQL over the deliveries table, written here without
// calling the query code, over the same ingested data. Two windows of data cover the DST
// changes of 2026 in New York (Mar 8, Nov 1) and Berlin (Mar 29, Oct 25); zones with +05:30
// (Kolkata) and +03:30 (Tehran) offsets are checked on both.

const WS = "q";
const scope: ViewerScope = { workspaceId: WS };
const ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Asia/Tehran"];
const SPRING = { from: "2026-03-01", to: "2026-03-31" };
const AUTUMN = { from: "2026-10-22", to: "2026-11-05" };
const TTR = "GREATEST(0, extract(epoch FROM read_at - cohort_at))";
const COUNTS = `count(*)::int AS sent, count(*) FILTER (WHERE status IN ('delivered', 'read'))::int AS delivered,
  count(*) FILTER (WHERE status = 'read')::int AS read, count(*) FILTER (WHERE status = 'failed')::int AS failed`;

type Row = Record<string, unknown>;

describe.each(DATABASE_KINDS)("dashboard queries equal SQL over deliveries on %s", (kind) => {
  let db: TestDb;
  const sql = (text: string, params: unknown[] = []) => query<Row>(db.prisma, text, params);
  /** The [from, to) instants of local days in tz, computed by PostgreSQL itself. */
  const bounds = async (days: { from: string; to: string }, tz: string) => {
    const [r] = await sql(`SELECT ($1::date::timestamp AT TIME ZONE $3) AS f, (($2::date + 1)::timestamp AT TIME ZONE $3) AS t`, [
      days.from,
      days.to,
      tz,
    ]);
    return [r.f as Date, r.t as Date] as const;
  };
  const counts = async (where: string, params: unknown[]) =>
    (await sql(`SELECT ${COUNTS} FROM deliveries WHERE workspace_id = '${WS}' AND ${where}`, params))[0];

  beforeAll(async () => {
    db = await freshDb(kind);
    await createWorkspace(db, WS, "UTC");
    const shape = { campaigns: 3, recipientsPerCampaign: 150, announcements: 4, conversations: 25 };
    const spring = generateScenario({ seed: 3, now: new Date("2026-03-31T20:00:00Z"), days: 31, prefix: "s-", ...shape });
    const autumn = generateScenario({ seed: 4, now: new Date("2026-11-05T20:00:00Z"), days: 15, prefix: "a-", ...shape });
    await ingest(db, WS, disorder(spring, { duplicates: 0.05, window: 200, dropDelivered: 0.1 }), { sourceId: "src-s", batch: 300 });
    await ingest(db, WS, disorder(autumn, { duplicates: 0.05, window: 200 }), { sourceId: "src-a", batch: 300 });
    for (const team of TEAM)
      for (const name of team.members)
        await execute(db.prisma, `INSERT INTO team_members (workspace_id, team_id, member_id, name) VALUES ($1, $2, $3, $4)`, [
          WS,
          team.id,
          memberId(team.id, name),
          name,
        ]);
    await execute(db.prisma, `UPDATE announcements SET due_at = '2026-03-20T00:00:00Z' WHERE workspace_id = $1`, [WS]);
  }, 120_000);
  afterAll(async () => db?.dispose());

  it("has data in both windows, including DST days", async () => {
    const [r] = await sql(`SELECT count(*)::int AS n, count(DISTINCT kind)::int AS kinds FROM deliveries WHERE workspace_id = '${WS}'`);
    expect(r.n).toBeGreaterThan(900);
    expect(r.kinds).toBe(3);
  });

  it("overview and funnel: counts exact, rates from them, time-to-read within the histogram's 4.4 %", async () => {
    const cases: Filters[] = [
      { ...SPRING, tz: "America/New_York" },
      { ...AUTUMN, tz: "Asia/Kolkata", kind: "campaign" },
      { ...SPRING, tz: "Asia/Tehran", source: "src-s", clientPlatform: "android" },
      { ...AUTUMN, tz: "Europe/Berlin", clientPlatform: "unknown" },
      { from: "2026-03-08", to: "2026-03-08", tz: "America/New_York" },
    ];
    for (const f of cases) {
      const o = await getOverview(db, scope, f, "UTC");
      const [from, to] = await bounds({ from: f.from!, to: f.to! }, f.tz!);
      const cond = [`cohort_at >= $1 AND cohort_at < $2`];
      const params: unknown[] = [from, to];
      if (f.kind) cond.push(`kind::text = $${params.push(f.kind)}`);
      if (f.source) cond.push(`source_id = $${params.push(f.source)}`);
      if (f.clientPlatform === "unknown") cond.push(`client_platform IS NULL`);
      else if (f.clientPlatform) cond.push(`client_platform = $${params.push(f.clientPlatform)}`);
      const [e] = await sql(
        `SELECT ${COUNTS}, percentile_disc(0.5) WITHIN GROUP (ORDER BY ${TTR}) FILTER (WHERE status = 'read') AS p50,
           percentile_disc(0.9) WITHIN GROUP (ORDER BY ${TTR}) FILTER (WHERE status = 'read') AS p90,
           avg(${TTR}) FILTER (WHERE status = 'read')::float8 AS mean
         FROM deliveries WHERE workspace_id = '${WS}' AND ${cond.join(" AND ")}`,
        params,
      );
      const label = JSON.stringify(f);
      expect(e.sent, label).toBeGreaterThan(0);
      expect({ sent: o.sent, delivered: o.delivered, read: o.read, failed: o.failed }, label).toEqual({
        sent: e.sent,
        delivered: e.delivered,
        read: e.read,
        failed: e.failed,
      });
      expect(o.pending).toBe((e.sent as number) - (e.delivered as number) - (e.failed as number));
      expect(o.readRate).toBeCloseTo((e.read as number) / (e.delivered as number), 12);
      expect(o.deliveryRate).toBeCloseTo((e.delivered as number) / (e.sent as number), 12);
      expect(Math.abs(o.timeToRead.p50! / Number(e.p50) - 1), label).toBeLessThan(0.045);
      expect(Math.abs(o.timeToRead.p90! / Number(e.p90) - 1), label).toBeLessThan(0.045);
      expect(o.timeToRead.mean).toBeCloseTo(e.mean as number, 3);
      const funnel = await getFunnel(db, scope, f, "UTC");
      expect(funnel.steps.map((s) => s.count)).toEqual([e.sent, e.delivered, e.read]);
    }
  });

  it("rates are null on zero denominators", async () => {
    const o = await getOverview(db, scope, { from: "2020-01-01", to: "2020-01-02" }, "UTC");
    expect(o).toMatchObject({ sent: 0, deliveryRate: null, readRate: null, timeToRead: { p50: null, p90: null, mean: null } });
  });

  it("KPI cards compare with the period of equal length before", async () => {
    const k = await getKpis(db, scope, { from: "2026-03-16", to: "2026-03-31", tz: "Europe/Berlin" }, "UTC");
    const [from, to] = await bounds({ from: "2026-03-16", to: "2026-03-31" }, "Europe/Berlin");
    const len = to.getTime() - from.getTime();
    const cur = await counts(`cohort_at >= $1 AND cohort_at < $2`, [from, to]);
    const prev = await counts(`cohort_at >= $1 AND cohort_at < $2`, [new Date(from.getTime() - len), from]);
    expect(k.current.sent).toBe(cur.sent);
    expect(k.previous.sent).toBe(prev.sent);
    expect(k.change.sent).toBeCloseTo(((cur.sent as number) - (prev.sent as number)) / (prev.sent as number), 12);
    expect(k.change.readRate).toBeCloseTo(
      (cur.read as number) / (cur.delivered as number) - (prev.read as number) / (prev.delivered as number),
      12,
    );
  });

  describe.each(ZONES)("timeseries in %s", (tz) => {
    it.each([SPRING, AUTUMN])("days and hours by local send time, %o", async (days) => {
      for (const unit of ["day", "hour"] as const) {
        const t = await getTimeseries(db, scope, { ...days, tz, unit }, "UTC");
        // Independent keys: the local wall-clock day/hour and the UTC offset in force, by PostgreSQL.
        const expected = await sql(
          `SELECT to_char(cohort_at AT TIME ZONE $3, '${unit === "day" ? "YYYY-MM-DD" : 'YYYY-MM-DD"T"HH24'}') AS k,
             ${unit === "hour" ? `(extract(epoch FROM (cohort_at AT TIME ZONE $3) - (cohort_at AT TIME ZONE 'UTC')) / 60)::int` : "0"} AS off, ${COUNTS}
           FROM deliveries WHERE workspace_id = '${WS}' AND cohort_at >= $1 AND cohort_at < $2 GROUP BY 1, 2`,
          [...(await bounds(days, tz)), tz],
        );
        const offsetOf = (iso: string) => {
          const m = /([+-])(\d{2}):(\d{2})$/.exec(iso);
          return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
        };
        const got = t.buckets
          .filter((b) => b.sent > 0)
          .map((b) => ({
            k: b.start.slice(0, unit === "day" ? 10 : 13),
            off: unit === "hour" ? offsetOf(b.start) : 0,
            sent: b.sent,
            delivered: b.delivered,
            read: b.read,
            failed: b.failed,
          }));
        const sort = (l: Row[]) => [...l].sort((a, b) => `${a.k}${a.off}`.localeCompare(`${b.k}${b.off}`));
        expect(sort(got), `${tz} ${unit}`).toEqual(
          sort(expected.map((e) => ({ k: e.k, off: e.off, sent: e.sent, delivered: e.delivered, read: e.read, failed: e.failed }))),
        );
        // Every bucket starts at a local midnight / full local hour.
        for (const b of t.buckets)
          expect(b.start, b.start).toMatch(
            unit === "day" ? /T00:00:00(\.000)?([+-]\d{2}:\d{2}|Z)$/ : /T\d{2}:00:00(\.000)?([+-]\d{2}:\d{2}|Z)$/,
          );
        expect(t.buckets.length).toBe(
          unit === "day"
            ? days === SPRING
              ? 31
              : 15
            : Math.round(((await bounds(days, tz))[1].getTime() - (await bounds(days, tz))[0].getTime()) / 3600_000),
        );
      }
    });
  });

  it("gives DST days 23 and 25 hours and +05:30 / +03:30 hours that start at :30 UTC", async () => {
    const hours = async (day: string, tz: string) =>
      (await getTimeseries(db, scope, { from: day, to: day, tz, unit: "hour" }, "UTC")).buckets;
    expect((await hours("2026-03-08", "America/New_York")).length).toBe(23);
    expect((await hours("2026-11-01", "America/New_York")).length).toBe(25);
    expect((await hours("2026-03-29", "Europe/Berlin")).length).toBe(23);
    const fall = await hours("2026-10-25", "Europe/Berlin");
    expect(fall.length).toBe(25);
    expect(fall.slice(2, 4).map((b) => b.start)).toEqual(["2026-10-25T02:00:00.000+02:00", "2026-10-25T02:00:00.000+01:00"]);
    const kolkata = await hours("2026-03-10", "Asia/Kolkata");
    expect(kolkata.length).toBe(24);
    expect(new Date(kolkata[1].start).toISOString()).toBe("2026-03-09T19:30:00.000Z");
    const tehran = await hours("2026-03-10", "Asia/Tehran");
    expect(new Date(tehran[0].start).toISOString()).toBe("2026-03-09T20:30:00.000Z");
    const days = (await getTimeseries(db, scope, { from: "2026-03-07", to: "2026-03-09", tz: "America/New_York", unit: "day" }, "UTC"))
      .buckets;
    expect(days.map((b) => b.start)).toEqual([
      "2026-03-07T00:00:00.000-05:00",
      "2026-03-08T00:00:00.000-05:00",
      "2026-03-09T00:00:00.000-04:00",
    ]);
    expect(days.every((b) => !b.immature)).toBe(true);
  });

  it("time-to-read distribution: bins and curve count exactly the reads within their stated edges", async () => {
    const d = await getTtrDistribution(db, scope, { ...SPRING, tz: "Asia/Kolkata" }, "UTC");
    const [from, to] = await bounds(SPRING, "Asia/Kolkata");
    const where = `workspace_id = '${WS}' AND status = 'read' AND cohort_at >= $1 AND cohort_at < $2`;
    for (const b of d.bins) {
      const [e] = await sql(
        `SELECT count(*)::int AS n FROM deliveries WHERE ${where} AND ${TTR} >= $3 AND ($4::float8 IS NULL OR ${TTR} < $4)`,
        [from, to, b.from, b.to],
      );
      expect(b.count, b.label).toBe(e.n);
    }
    expect(d.read).toBe(d.bins.reduce((s, b) => s + b.count, 0));
    const [del] = await sql(
      `SELECT count(*)::int AS n FROM deliveries WHERE workspace_id = '${WS}' AND status IN ('delivered', 'read') AND cohort_at >= $1 AND cohort_at < $2`,
      [from, to],
    );
    expect(d.curveDelivered).toBe(del.n);
    for (const p of d.curve.filter((_, i) => i % 5 === 0)) {
      const [e] = await sql(`SELECT count(*)::int AS n FROM deliveries WHERE ${where} AND ${TTR} < $3`, [from, to, p.within]);
      expect(p.read, String(p.within)).toBe(e.n);
      expect(p.fraction).toBeCloseTo((e.n as number) / (del.n as number), 12);
    }
  });

  it("splits by source and client platform", async () => {
    const [from, to] = await bounds({ from: "2026-03-01", to: "2026-11-05" }, "UTC");
    const f = { from: "2026-03-01", to: "2026-11-05" };
    for (const [by, col] of [
      ["source", "COALESCE(source_id, 'unknown')"],
      ["clientPlatform", "COALESCE(client_platform, 'unknown')"],
    ] as const) {
      const got = await getSplits(db, scope, f, by, "UTC");
      const exp = await sql(
        `SELECT ${col} AS v, ${COUNTS} FROM deliveries WHERE workspace_id = '${WS}' AND cohort_at >= $1 AND cohort_at < $2 GROUP BY 1`,
        [from, to],
      );
      expect(Object.fromEntries(got.map((s) => [s.value, [s.sent, s.delivered, s.read, s.failed]]))).toEqual(
        Object.fromEntries(exp.map((e) => [e.v, [e.sent, e.delivered, e.read, e.failed]])),
      );
    }
  });

  it("campaigns list, detail with Wilson intervals and z-tests, heatmap, failure reasons, compare", async () => {
    const list = await listCampaigns(db, scope, { sort: "readRate" }, "UTC");
    const exp = await sql(
      `SELECT campaign_id AS id, ${COUNTS} FROM deliveries WHERE workspace_id = '${WS}' AND kind = 'campaign' GROUP BY 1`,
    );
    expect(list.length).toBe(6);
    expect(Object.fromEntries(list.map((c) => [c.id, [c.sent, c.read]]))).toEqual(
      Object.fromEntries(exp.map((e) => [e.id, [e.sent, e.read]])),
    );
    const rates = list.map((c) => c.readRate!);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    // All time (campaign_totals) and over a range holding everything (15-minute rows): the same
    // counts and the same first and last send buckets.
    const ranged = await listCampaigns(db, scope, { sort: "readRate", from: "2026-01-01", to: "2026-12-31", tz: "UTC" }, "UTC");
    expect(ranged).toEqual(list);
    const [firstLast] = await sql(
      `SELECT min(date_bin('15 minutes', cohort_at, 'epoch'::timestamptz)) AS first, max(date_bin('15 minutes', cohort_at, 'epoch'::timestamptz)) AS last
       FROM deliveries WHERE workspace_id = '${WS}' AND campaign_id = $1`,
      [list[0].id],
    );
    expect([list[0].firstSentAt, list[0].lastSentAt]).toEqual([firstLast.first, firstLast.last]);

    const id = list[0].id;
    const c = await getCampaign(db, scope, id, {}, "UTC");
    const vars = await sql(
      `SELECT variant, ${COUNTS} FROM deliveries WHERE workspace_id = '${WS}' AND campaign_id = $1 GROUP BY 1 ORDER BY 1`,
      [id],
    );
    expect(c.variants.map((v) => [v.variant, v.sent, v.delivered, v.read, v.failed])).toEqual(
      vars.map((v) => [v.variant, v.sent, v.delivered, v.read, v.failed]),
    );
    const [a, b] = vars as { read: number; delivered: number }[];
    expect(c.variants[0].readRateCi).toEqual(wilsonInterval(a.read, a.delivered));
    expect(c.readRateCi).toEqual(wilsonInterval(a.read + b.read, a.delivered + b.delivered));
    const z = twoProportionTest(a.read, a.delivered, b.read, b.delivered)!;
    expect(c.comparisons).toEqual([
      expect.objectContaining({ a: "A", b: "B", difference: z.difference, pValue: z.pValue, significant: z.pValue < 0.05 }),
    ]);
    expect(c.comparisons[0].verdict).toMatch(c.comparisons[0].significant ? /read more often/ : /not significantly different/);

    const heat = await getReadHeatmap(db, scope, { campaignId: id, tz: "Asia/Kolkata" }, "UTC");
    const cells = await sql(
      `SELECT extract(isodow FROM cohort_at AT TIME ZONE 'Asia/Kolkata')::int AS weekday, extract(hour FROM cohort_at AT TIME ZONE 'Asia/Kolkata')::int AS hour, ${COUNTS}
       FROM deliveries WHERE workspace_id = '${WS}' AND campaign_id = $1 GROUP BY 1, 2`,
      [id],
    );
    expect(heat.cells).toHaveLength(168);
    expect(
      heat.cells
        .filter((x) => x.sent > 0)
        .map((x) => [x.weekday, x.hour, x.sent, x.read])
        .sort(),
    ).toEqual(cells.map((x) => [x.weekday, x.hour, x.sent, x.read]).sort());

    // A campaign or variant over all time (from campaign_failures), and over a range (from state).
    const campaignReasons = (where: string, params: unknown[]) =>
      sql(
        `SELECT error_code AS code, max(error_title) AS title, count(*)::int AS count FROM deliveries
         WHERE workspace_id = '${WS}' AND status = 'failed' AND ${where} GROUP BY 1 ORDER BY count DESC, code`,
        params,
      );
    const reasons = await listFailureReasons(db, scope, { campaignId: id }, "UTC");
    expect(reasons).toEqual(await campaignReasons("campaign_id = $1", [id]));
    expect(reasons.length).toBeGreaterThan(0);
    const ofVariant = await listFailureReasons(db, scope, { campaignId: id, variant: "B" }, "UTC");
    expect(ofVariant).toEqual(await campaignReasons("campaign_id = $1 AND variant = 'B'", [id]));
    expect(ofVariant.length).toBeGreaterThan(0);
    const [lo0, hi0] = [new Date(SPRING.from), new Date(`${SPRING.to}T00:00:00Z`)].map((d) => d.toISOString());
    const ofRange = await listFailureReasons(db, scope, { campaignId: id, from: SPRING.from, to: SPRING.to, tz: "UTC" }, "UTC");
    expect(ofRange).toEqual(
      await campaignReasons("campaign_id = $1 AND cohort_at >= $2 AND cohort_at < $3::timestamptz + interval '1 day'", [id, lo0, hi0]),
    );
    expect(ofRange.length).toBeGreaterThan(0);

    // Over a range (from the failure rollups): every zone, kind and platform filter, titles included.
    for (const f of [
      { ...SPRING, tz: "Asia/Kolkata" },
      { ...AUTUMN, tz: "America/New_York", kind: "campaign" as const },
      { from: "2026-03-10", to: "2026-03-12", tz: "Asia/Tehran", clientPlatform: "unknown" as const },
      { from: "2026-03-29", to: "2026-03-29", tz: "Europe/Berlin", source: "src-s" },
    ]) {
      const [lo, hi] = await bounds(f, f.tz);
      const got = await listFailureReasons(db, scope, f, "UTC");
      const want = await sql(
        `SELECT error_code AS code, max(error_title) AS title, count(*)::int AS count FROM deliveries
         WHERE workspace_id = '${WS}' AND status = 'failed' AND cohort_at >= $1 AND cohort_at < $2
           AND ($3::text IS NULL OR kind::text = $3) AND ($4::text IS NULL OR COALESCE(client_platform, '') IN ('', 'unknown'))
           AND ($5::text IS NULL OR source_id = $5)
         GROUP BY 1 ORDER BY count DESC, code`,
        [lo, hi, "kind" in f ? f.kind : null, "clientPlatform" in f ? f.clientPlatform : null, "source" in f ? f.source : null],
      );
      expect(got, JSON.stringify(f)).toEqual(want);
    }
    expect((await listFailureReasons(db, scope, { ...SPRING, tz: "Asia/Kolkata" }, "UTC")).length).toBeGreaterThan(1);

    const cmp = await compareCohorts(db, scope, [`${list[0].id}:A`, `${list[0].id}:B`, list[1].id], {}, "UTC");
    const [other] = await sql(`SELECT ${COUNTS} FROM deliveries WHERE workspace_id = '${WS}' AND campaign_id = $1`, [list[1].id]);
    expect(cmp.cohorts.map((x) => x.read)).toEqual([a.read, b.read, other.read]);
    expect(cmp.comparisons.map((x) => x.b)).toEqual([`${list[0].id}:B`, list[1].id]);
    expect(cmp.comparisons[0].pValue).toBe(z.pValue);
  });

  it("announcement roster, acknowledgement over time, overdue; member history", async () => {
    const [ann] = await sql(
      `SELECT announcement_id AS id FROM deliveries WHERE workspace_id = '${WS}' AND announcement_id IS NOT NULL ORDER BY 1 LIMIT 1`,
    );
    const a = await getAnnouncement(db, scope, ann.id as string, { tz: "Asia/Kolkata" });
    const roster = await sql(
      `SELECT d.recipient_id, d.status::text AS status, d.read_at, tm.name, ${TTR}::float8 AS ttr FROM deliveries d
       LEFT JOIN team_members tm ON tm.workspace_id = d.workspace_id AND tm.member_id = d.recipient_id
       WHERE d.workspace_id = '${WS}' AND d.announcement_id = $1 ORDER BY 1`,
      [ann.id],
    );
    expect(a.targeted).toBe(roster.length);
    expect(a.acknowledged).toBe(roster.filter((r) => r.read_at).length);
    expect(a.members.map((m) => [m.recipientId, m.name, m.status])).toEqual(roster.map((r) => [r.recipient_id, r.name, r.status]));
    for (const m of a.members.filter((x) => x.readAt))
      expect(m.timeToRead).toBeCloseTo(roster.find((r) => r.recipient_id === m.recipientId)!.ttr as number, 3);
    expect(a.overTime.at(-1)!.acknowledged).toBe(a.acknowledged);
    const due = new Date("2026-03-20T00:00:00Z");
    expect(a.overdue.map((m) => m.recipientId).sort()).toEqual(
      roster
        .filter((r) => !r.read_at || (r.read_at as Date) > due)
        .map((r) => r.recipient_id)
        .sort(),
    );
    const early = await getAnnouncement(db, scope, ann.id as string, { tz: "UTC", deadline: "2000-01-01T00:00:00Z" });
    expect(early.overdue.length).toBe(early.targeted);

    const member = roster[0].recipient_id as string;
    const h = await getMemberAcknowledgements(db, scope, member, { from: "2026-01-01", to: "2026-12-31" }, "UTC");
    const [e] = await sql(
      `SELECT count(*)::int AS n, count(read_at)::int AS acked, percentile_disc(0.5) WITHIN GROUP (ORDER BY ${TTR}) FILTER (WHERE read_at IS NOT NULL) AS median
       FROM deliveries WHERE workspace_id = '${WS}' AND recipient_id = $1 AND announcement_id IS NOT NULL`,
      [member],
    );
    expect([h.announcements, h.acknowledged]).toEqual([e.n, e.acked]);
    expect(h.medianTimeToRead).toBeCloseTo(Number(e.median), 3);
    expect(h.name).toBe(roster[0].name);
  });

  it("support: first-response and reply times, per agent, and the unread follow-up list", async () => {
    const [from, to] = await bounds(SPRING, "UTC");
    const rt = await getResponseTimes(db, scope, { ...SPRING, tz: "UTC" }, "UTC");
    expect(rt.basis).toBe("calendar");
    // First response: first agent message at or after the customer's first message.
    const frt = await sql(
      `SELECT c.id, (SELECT min(m.sent_at) FROM messages m WHERE m.workspace_id = c.workspace_id AND m.conversation_id = c.id AND m.kind = 'support' AND m.sent_at >= c.first_inbound_at) AS answered, c.first_inbound_at AS asked
       FROM conversations c WHERE c.workspace_id = '${WS}' AND c.first_inbound_at >= $1 AND c.first_inbound_at < $2`,
      [from, to],
    );
    const frtSecs = frt
      .filter((r) => r.answered)
      .map((r) => ((r.answered as Date).getTime() - (r.asked as Date).getTime()) / 1000)
      .sort((x, y) => x - y);
    expect(rt.firstResponse.count).toBe(frtSecs.length);
    // Percentiles come from the log bins: the bin holding the exact nearest-rank value (within 4.4 %).
    expect(ttrBin(rt.firstResponse.p50!)).toBe(ttrBin(frtSecs[Math.ceil(0.5 * frtSecs.length) - 1]));
    expect(ttrBin(rt.firstResponse.p90!)).toBe(ttrBin(frtSecs[Math.ceil(0.9 * frtSecs.length) - 1]));
    expect(rt.firstResponse.mean).toBeCloseTo(frtSecs.reduce((x, y) => x + y, 0) / frtSecs.length, 3);
    // Reply: each agent message answers the customer's messages since the agent's previous one.
    const replies = await sql(
      `SELECT m.sender_id, m.conversation_id, extract(epoch FROM m.sent_at - (
           SELECT min(i.occurred_at) FROM inbound_messages i WHERE i.workspace_id = m.workspace_id AND i.conversation_id = m.conversation_id
             AND i.occurred_at <= m.sent_at
             AND i.occurred_at > COALESCE((SELECT max(p.sent_at) FROM messages p WHERE p.workspace_id = m.workspace_id
                   AND p.conversation_id = m.conversation_id AND p.kind = 'support' AND p.sent_at < m.sent_at), '-infinity')))::float8 AS s
       FROM messages m JOIN conversations c ON c.workspace_id = m.workspace_id AND c.id = m.conversation_id
       WHERE m.workspace_id = '${WS}' AND m.kind = 'support' AND c.first_inbound_at >= $1 AND c.first_inbound_at < $2`,
      [from, to],
    );
    const replySecs = replies.filter((r) => r.s !== null).map((r) => r.s as number);
    expect(rt.reply.count).toBe(replySecs.length);
    expect(rt.reply.mean).toBeCloseTo(replySecs.reduce((x, y) => x + y, 0) / replySecs.length, 3);
    const sorted = [...replySecs].sort((x, y) => x - y);
    expect(ttrBin(rt.reply.p90!)).toBe(ttrBin(sorted[Math.ceil(0.9 * sorted.length) - 1]));
    // The distribution's product bins are exact.
    expect(rt.distribution.map((b) => b.reply)).toEqual(
      rt.distribution.map((b) => replySecs.filter((x) => x >= b.from && (b.to === null || x < b.to)).length),
    );
    expect(rt.distribution.map((b) => b.firstResponse)).toEqual(
      rt.distribution.map((b) => frtSecs.filter((x) => x >= b.from && (b.to === null || x < b.to)).length),
    );
    expect(rt.distribution.filter((b) => b.reply > 0).length).toBeGreaterThan(2);
    const perAgent = new Map<string, number>();
    const conversations = new Map<string, Set<string>>();
    for (const r of replies.filter((x) => x.s !== null)) {
      perAgent.set(r.sender_id as string, (perAgent.get(r.sender_id as string) ?? 0) + 1);
      conversations.set(r.sender_id as string, (conversations.get(r.sender_id as string) ?? new Set()).add(r.conversation_id as string));
    }
    expect(Object.fromEntries(rt.perAgent.map((p) => [p.agentId, p.reply.count]))).toEqual(Object.fromEntries(perAgent));
    expect(Object.fromEntries(rt.perAgent.map((p) => [p.agentId, p.conversations]))).toEqual(
      Object.fromEntries([...conversations].map(([a, set]) => [a, set.size])),
    );
    // A +05:30 range: whole days from the rollups, its ragged ends from the pairs themselves.
    const [kFrom, kTo] = await bounds(SPRING, "Asia/Kolkata");
    const kol = await getResponseTimes(db, scope, { ...SPRING, tz: "Asia/Kolkata" }, "UTC");
    const kPairs = await sql(
      `SELECT agent_id, count(*)::int AS n, count(DISTINCT conversation_id)::int AS conv, count(*) FILTER (WHERE is_first)::int AS first
       FROM support_replies WHERE workspace_id = '${WS}' AND opened_at >= $1 AND opened_at < $2 GROUP BY 1`,
      [kFrom, kTo],
    );
    expect(kol.firstResponse.count).toBe(kPairs.reduce((n, r) => n + (r.first as number), 0));
    expect(Object.fromEntries(kol.perAgent.map((p) => [p.agentId, [p.reply.count, p.conversations]]))).toEqual(
      Object.fromEntries(kPairs.map((r) => [r.agent_id, [r.n, r.conv]])),
    );
    expect(kol.reply.count).not.toBe(rt.reply.count); // the 5.5 hours at each end do differ
    // An agent scope sees only that agent's replies.
    const agent = rt.perAgent[0].agentId;
    const mine = await getResponseTimes(db, { workspaceId: WS, senderIds: [agent] }, { ...SPRING }, "UTC");
    expect(mine.perAgent.map((p) => p.agentId)).toEqual([agent]);
    // Business hours, when the workspace defines them, never exceed calendar time.
    await execute(db.prisma, `UPDATE workspaces SET business_hours = $1::jsonb WHERE id = $2`, [
      JSON.stringify({ days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" }),
      WS,
    ]);
    const business = await getResponseTimes(db, scope, { ...SPRING }, "UTC");
    await execute(db.prisma, `UPDATE workspaces SET business_hours = NULL WHERE id = $1`, [WS]);
    expect(business.basis).toBe("business");
    expect(business.reply.count).toBe(rt.reply.count);
    expect(business.reply.mean!).toBeLessThanOrEqual(rt.reply.mean!);

    const now = new Date("2026-04-02T00:00:00Z");
    const exp = await sql(
      `SELECT message_id, recipient_id FROM deliveries WHERE workspace_id = '${WS}' AND kind = 'support' AND status IN ('sent', 'delivered')
       AND cohort_at <= $1 ORDER BY cohort_at, message_id, recipient_id`,
      [new Date(now.getTime() - 4 * 3600_000)],
    );
    expect(exp.length).toBeGreaterThan(3);
    const got: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listUnreadFollowUps(db, scope, { hours: 4, now, cursor, limit: 3 });
      got.push(...page.followUps.map((f) => `${f.messageId}/${f.recipientId}`));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(got).toEqual(exp.map((e) => `${e.message_id}/${e.recipient_id}`));
    // One agent's (deliveries_support_unread_agent_idx).
    const [busiest] = await sql(
      `SELECT sender_id FROM deliveries WHERE workspace_id = '${WS}' AND kind = 'support' AND status IN ('sent', 'delivered')
       AND cohort_at <= $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      [new Date(now.getTime() - 4 * 3600_000)],
    );
    const theirs = await sql(
      `SELECT message_id, recipient_id FROM deliveries WHERE workspace_id = '${WS}' AND kind = 'support' AND status IN ('sent', 'delivered')
       AND cohort_at <= $1 AND sender_id = $2 ORDER BY cohort_at, message_id, recipient_id`,
      [new Date(now.getTime() - 4 * 3600_000), busiest.sender_id],
    );
    expect(theirs.length).toBeLessThan(exp.length);
    expect(theirs.length).toBeGreaterThan(0);
    const agentPage = await listUnreadFollowUps(db, scope, { hours: 4, now, agentId: busiest.sender_id as string, limit: 1000 });
    expect(agentPage.followUps.map((f) => `${f.messageId}/${f.recipientId}`)).toEqual(
      theirs.map((e) => `${e.message_id}/${e.recipient_id}`),
    );
  });

  it("drill-down lists exactly the deliveries behind a count, across pages", async () => {
    const f = { ...SPRING, tz: "America/New_York", kind: "campaign" as const };
    const o = await getOverview(db, scope, f, "UTC");
    const all = async (extra: object) => {
      const out: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listDeliveries(db, scope, { ...f, ...extra, cursor, limit: 97 }, "UTC");
        out.push(...page.deliveries.map((d) => `${d.messageId}/${d.recipientId}`));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return out;
    };
    const read = await all({ status: "read" });
    expect(read.length).toBe(o.read);
    expect(new Set(read).size).toBe(read.length);
    expect((await all({ status: "delivered" })).length).toBe(o.delivered);
    expect((await all({ status: "pending" })).length).toBe(o.pending);
    const d = await getTtrDistribution(db, scope, f, "UTC");
    const bin = d.bins[1];
    expect((await all({ status: "read", ttrFrom: bin.from, ttrTo: bin.to ?? undefined })).length).toBe(bin.count);
  });

  it("applies the viewer scope in SQL: senders and kinds", async () => {
    const f = { from: "2026-03-01", to: "2026-11-05" };
    const [from, to] = await bounds(f, "UTC");
    const agentScope = { workspaceId: WS, senderIds: ["agent-amy", "s-marketing"] };
    const o = await getOverview(db, agentScope, f, "UTC");
    const e = await counts(`cohort_at >= $1 AND cohort_at < $2 AND sender_id IN ('agent-amy', 's-marketing')`, [from, to]);
    expect(o.sent).toBe(e.sent);
    // Scoped to senders, a +05:30 range reads days and weeks by sender and its ragged ends from
    // the 15-minute rollups; local days of a timeseries likewise.
    const [kFrom, kTo] = await bounds(SPRING, "Asia/Kolkata");
    const kScoped = await getOverview(db, agentScope, { ...SPRING, tz: "Asia/Kolkata" }, "UTC");
    const kWant = await counts(`cohort_at >= $1 AND cohort_at < $2 AND sender_id IN ('agent-amy', 's-marketing')`, [kFrom, kTo]);
    expect([kScoped.sent, kScoped.delivered, kScoped.read, kScoped.failed]).toEqual([
      kWant.sent,
      kWant.delivered,
      kWant.read,
      kWant.failed,
    ]);
    expect(kScoped.sent).toBeGreaterThan(0);
    const days = await getTimeseries(db, agentScope, { ...SPRING, tz: "Asia/Kolkata", unit: "day" }, "UTC");
    const perDay = await sql(
      `SELECT to_char(cohort_at AT TIME ZONE 'Asia/Kolkata', 'YYYY-MM-DD') AS d, count(*)::int AS n FROM deliveries
       WHERE workspace_id = '${WS}' AND cohort_at >= $1 AND cohort_at < $2 AND sender_id IN ('agent-amy', 's-marketing') GROUP BY 1`,
      [kFrom, kTo],
    );
    expect(Object.fromEntries(days.buckets.filter((b) => b.sent > 0).map((b) => [b.start.slice(0, 10), b.sent]))).toEqual(
      Object.fromEntries(perDay.map((r) => [r.d, r.n])),
    );
    const kindScope = { workspaceId: WS, kinds: ["announcement"] };
    expect((await getOverview(db, kindScope, f, "UTC")).sent).toBe(
      (await counts(`cohort_at >= $1 AND cohort_at < $2 AND kind = 'announcement'`, [from, to])).sent,
    );
    expect(await listCampaigns(db, kindScope, {}, "UTC")).toEqual([]);
    expect((await getOverview(db, { workspaceId: "nobody" }, f, "UTC")).sent).toBe(0);
    const range = resolveRange(f, "UTC");
    expect((await listDeliveries(db, { workspaceId: "nobody" }, { ...f, limit: 5 }, "UTC")).deliveries).toEqual([]);
    expect(range.from.toISOString()).toBe(from.toISOString());
  });
});
