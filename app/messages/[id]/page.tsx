import Link from "next/link";
import { notFound } from "next/navigation";
import { AutoRefresh } from "@/components/auto-refresh";
import { formatTime } from "@/components/format";
import { ApiError } from "@/lib/api/errors";
import { getMessage } from "@/lib/queries/get-message";
import { pageScope } from "@/lib/ui/page-scope";

export const dynamic = "force-dynamic";

export default async function MessagePage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { db, ws, scope } = await pageScope("messages");
  if (!ws || !scope) notFound();
  const m = await getMessage(db, scope, decodeURIComponent(id), ws.timezone).catch((e) => {
    if (e instanceof ApiError && e.code === "not_found") notFound();
    throw e;
  });
  const tz = ws.timezone;
  return (
    <>
      <AutoRefresh />
      <p className="subtle">
        <Link href="/">← Overview</Link>
      </p>
      <h1>{m.title ?? m.id}</h1>
      <p className="subtle">
        {m.kind} · sent {formatTime(m.sentAt, tz)} ({tz}) · id <code>{m.id}</code>
        {m.campaignId && ` · campaign ${m.campaignId}${m.variant ? ` / ${m.variant}` : ""}`}
      </p>
      <section className="panel" aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading" style={{ fontSize: "1rem", marginTop: 0 }}>
          Deliveries ({m.deliveries.length})
        </h2>
        <table>
          <thead>
            <tr>
              <th>Recipient</th>
              <th>Status</th>
              <th>Sent</th>
              <th>Delivered</th>
              <th>Read</th>
              <th>Failed</th>
            </tr>
          </thead>
          <tbody>
            {m.deliveries.map((d) => (
              <tr key={d.recipientId} data-testid={`delivery-${d.recipientId}`}>
                <td>{d.recipientId}</td>
                <td>
                  <span className={`status status-${d.status}`}>{d.status}</span>
                </td>
                <td>{formatTime(d.sentAt, tz)}</td>
                <td>{formatTime(d.deliveredAt, tz)}</td>
                <td>
                  {formatTime(d.readAt, tz)}
                  {d.readByWatermark && <span title="From a conversation watermark: read at or before this time"> ≤</span>}
                </td>
                <td>{d.failedAt ? `${formatTime(d.failedAt, tz)} ${d.error?.code ?? ""} ${d.error?.title ?? ""}` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-labelledby="history-heading">
        <h2 id="history-heading" style={{ fontSize: "1rem", marginTop: 0 }}>
          Status history (event log)
        </h2>
        <table>
          <thead>
            <tr>
              <th>Event time</th>
              <th>Received</th>
              <th>Event</th>
              <th>Recipient</th>
              <th>Outcome</th>
            </tr>
          </thead>
          <tbody>
            {m.history.map((h, i) => (
              <tr key={`${h.eventId}-${i}`}>
                <td>
                  {formatTime(h.occurredAt, tz)}
                  {h.timeSource === "received" && <span title="The platform gave no event time; this is our arrival time"> *</span>}
                </td>
                <td>{formatTime(h.receivedAt, tz)}</td>
                <td>{h.type}</td>
                <td>{h.recipientId ?? "—"}</td>
                <td>{h.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
