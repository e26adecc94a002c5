import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { RefreshOnLive } from "@/components/shell/live-updates";
import { formatTime } from "@/components/format";
import { ApiError } from "@/lib/api/errors";
import { getMessage } from "@/lib/queries/get-message";
import { pageScope } from "@/lib/ui/page-scope";

export const dynamic = "force-dynamic";

export default async function MessagePage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { db, ws, scope } = await pageScope("messages");
  const m = await getMessage(db, scope, decodeURIComponent(id), ws.timezone).catch((e) => {
    if (e instanceof ApiError && e.code === "not_found") notFound();
    throw e;
  });
  const tz = ws.timezone;
  const t = await getTranslations();
  const locale = await getLocale();
  const time = (d: Date | string | null) => formatTime(d, tz, locale);
  return (
    <>
      <RefreshOnLive />
      <p className="subtle">
        <Link href="/">{t("message.back")}</Link>
      </p>
      <h1>{m.title ?? m.id}</h1>
      <p className="subtle">
        {t(`kinds.${m.kind as "campaign"}`)} · {t("message.sentAt", { time: time(m.sentAt), tz })} · {t("message.id")} <code>{m.id}</code>
        {m.campaignId && ` · ${t("message.campaign", { campaign: m.campaignId })}${m.variant ? ` / ${m.variant}` : ""}`}
      </p>
      <section className="panel" aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading" style={{ fontSize: "1rem", marginTop: 0 }}>
          {t("message.deliveries", { count: m.deliveries.length })}
        </h2>
        <table>
          <thead>
            <tr>
              <th>{t("message.recipient")}</th>
              <th>{t("message.status")}</th>
              <th>{t("message.sent")}</th>
              <th>{t("message.delivered")}</th>
              <th>{t("message.read")}</th>
              <th>{t("message.failed")}</th>
            </tr>
          </thead>
          <tbody>
            {m.deliveries.map((d) => (
              <tr key={d.recipientId} data-testid={`delivery-${d.recipientId}`}>
                <td>{d.recipientId}</td>
                <td>
                  <span className={`status status-${d.status}`}>{t(`message.statuses.${d.status as "read"}`)}</span>
                </td>
                <td>{time(d.sentAt)}</td>
                <td>{time(d.deliveredAt)}</td>
                <td>
                  {time(d.readAt)}
                  {d.readByWatermark && <span title={t("message.byWatermark")}> ≤</span>}
                </td>
                <td>{d.failedAt ? `${time(d.failedAt)} ${d.error?.code ?? ""} ${d.error?.title ?? ""}` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel" aria-labelledby="history-heading">
        <h2 id="history-heading" style={{ fontSize: "1rem", marginTop: 0 }}>
          {t("message.history")}
        </h2>
        <table>
          <thead>
            <tr>
              <th>{t("message.eventTime")}</th>
              <th>{t("message.received")}</th>
              <th>{t("message.event")}</th>
              <th>{t("message.recipient")}</th>
              <th>{t("message.outcome")}</th>
            </tr>
          </thead>
          <tbody>
            {m.history.map((h, i) => (
              <tr key={`${h.eventId}-${i}`}>
                <td>
                  {time(h.occurredAt)}
                  {h.timeSource === "received" && <span title={t("message.arrivalTime")}> *</span>}
                </td>
                <td>{time(h.receivedAt)}</td>
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
