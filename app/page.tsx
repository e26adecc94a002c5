import Link from "next/link";
import { AutoRefresh } from "@/components/auto-refresh";
import { formatCount, formatTime } from "@/components/format";
import { KpiCards } from "@/components/kpi-cards";
import { filtersSchema, resolveRange } from "@/lib/queries/filters";
import { getOverview } from "@/lib/queries/get-overview";
import { listRecentMessages } from "@/lib/queries/list-recent-messages";
import { pageScope } from "@/lib/ui/page-scope";

export const dynamic = "force-dynamic";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function OverviewPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const raw = Object.fromEntries(Object.entries(sp).filter(([, v]) => typeof v === "string" && v !== "")) as Record<string, string>;
  const { db, ws, scope } = await pageScope("overview");
  if (!ws || !scope) {
    return (
      <div className="empty panel">
        <h1>No workspace yet</h1>
        <p>
          Start with demo data (<code>npm run demo</code>) or declare a workspace in a PROVISION_FILE.
        </p>
      </div>
    );
  }
  const parsed = filtersSchema.safeParse(raw);
  const filters = parsed.success ? parsed.data : {};
  const overview = await getOverview(db, scope, filters, ws.timezone);
  const range = resolveRange(filters, ws.timezone);
  const recent = await listRecentMessages(db, scope, filters, range);
  const tz = overview.range.tz;
  return (
    <>
      <AutoRefresh />
      <h1>Overview — {ws.name}</h1>
      <p className="subtle">
        Messages sent from {formatTime(overview.range.from, tz)} up to {formatTime(overview.range.to, tz)} ({tz}). Cohorts are by send time;
        the read rate is a lower bound, since recipients can turn read receipts off.
      </p>
      {!parsed.success && <p role="alert">Some filters were not understood and were ignored: {parsed.error.issues[0]?.message}</p>}
      <form className="filters" method="get" aria-label="Filters">
        <label>
          From
          <input type="date" name="from" defaultValue={filters.from?.slice(0, 10)} />
        </label>
        <label>
          To
          <input type="date" name="to" defaultValue={filters.to?.slice(0, 10)} />
        </label>
        <label>
          Kind
          <select name="kind" defaultValue={filters.kind ?? ""}>
            <option value="">All</option>
            <option value="campaign">Campaign</option>
            <option value="announcement">Announcement</option>
            <option value="support">Support</option>
            <option value="direct">Direct</option>
          </select>
        </label>
        <button type="submit">Apply</button>
      </form>
      {overview.sent === 0 ? (
        <div className="panel empty" data-testid="overview-empty">
          <p>No messages were sent in this range.</p>
          <p>
            Point an IM platform at <code>/api/webhooks/&lt;sourceId&gt;</code>, post events to <code>/api/v1/events</code>, or widen the
            date range.
          </p>
        </div>
      ) : (
        <KpiCards o={overview} />
      )}
      <section className="panel" aria-labelledby="recent-heading">
        <h2 id="recent-heading" style={{ fontSize: "1rem", marginTop: 0 }}>
          Latest messages
        </h2>
        {recent.length === 0 ? (
          <p className="subtle">Nothing yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Message</th>
                <th>Kind</th>
                <th>Sent</th>
                <th className="num">Recipients</th>
                <th className="num">Delivered</th>
                <th className="num">Read</th>
                <th className="num">Failed</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link href={`/messages/${encodeURIComponent(m.id)}`}>{m.title ?? m.id}</Link>
                  </td>
                  <td>{m.kind}</td>
                  <td>{formatTime(m.sentAt, tz)}</td>
                  <td className="num">{formatCount(m.sent)}</td>
                  <td className="num">{formatCount(m.delivered)}</td>
                  <td className="num">{formatCount(m.read)}</td>
                  <td className="num">{formatCount(m.failed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
