import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { RefreshOnLive } from "@/components/shell/live-updates";
import { formatTime } from "@/components/format";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { ApiError } from "@/lib/api/errors";
import { getMessage } from "@/lib/queries/get-message";
import { pageScope } from "@/lib/ui/page-scope";

export const dynamic = "force-dynamic";

// One message: its deliveries (current state) and its full status history from the event log.
// Server-rendered; RefreshOnLive re-renders it when a receipt this viewer may see arrives. A
// message the viewer may not see answers 404, like one that does not exist.
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
  const counts = { read: 0, delivered: 0, failed: 0, sent: 0 };
  for (const d of m.deliveries) counts[d.status as keyof typeof counts]++;
  return (
    <div className="flex flex-col gap-5">
      <RefreshOnLive />
      <p className="text-sm">
        <Link href="/messages" className="text-primary underline-offset-2 hover:underline">
          {t("message.back")}
        </Link>
      </p>
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{m.title ?? m.id}</h1>
        <p className="text-sm text-muted-foreground">
          {t(`kinds.${m.kind as "campaign"}`)} · {t("message.sentAt", { time: time(m.sentAt), tz })} · {t("message.id")} <code>{m.id}</code>
          {m.senderId && ` · ${t("message.sender", { sender: m.senderId })}`}
          {m.conversationId && ` · ${t("message.conversation", { conversation: m.conversationId })}`}
          {m.campaignId && ` · ${t("message.campaign", { campaign: m.campaignId })}${m.variant ? ` / ${m.variant}` : ""}`}
        </p>
        {m.deliveries.length > 0 && (
          <p className="text-sm" data-testid="message-summary">
            {t("message.summary", { total: m.deliveries.length, ...counts })}
          </p>
        )}
      </div>
      <Card id="deliveries" aria-labelledby="deliveries-heading">
        <CardHeader>
          <CardTitle id="deliveries-heading">{t("message.deliveries", { count: m.deliveries.length })}</CardTitle>
        </CardHeader>
        <CardContent>
          {m.deliveries.length === 0 ? (
            <p className="text-sm text-muted-foreground" data-testid="deliveries-empty">
              {t("message.noDeliveries")}
            </p>
          ) : (
            <Table>
              <thead>
                <tr>
                  <Th>{t("message.recipient")}</Th>
                  <Th>{t("message.status")}</Th>
                  <Th>{t("message.sent")}</Th>
                  <Th>{t("message.delivered")}</Th>
                  <Th>{t("message.read")}</Th>
                  <Th>{t("message.failed")}</Th>
                </tr>
              </thead>
              <tbody>
                {m.deliveries.map((d) => (
                  <tr key={d.recipientId} data-testid={`delivery-${d.recipientId}`}>
                    <Td>{d.recipientId}</Td>
                    <Td>
                      <span className={`status status-${d.status}`}>{t(`message.statuses.${d.status as "read"}`)}</span>
                    </Td>
                    <Td className="whitespace-nowrap">{time(d.sentAt)}</Td>
                    <Td className="whitespace-nowrap">{time(d.deliveredAt)}</Td>
                    <Td className="whitespace-nowrap">
                      {time(d.readAt)}
                      {d.readByWatermark && <span title={t("message.byWatermark")}> ≤</span>}
                    </Td>
                    <Td>{d.failedAt ? `${time(d.failedAt)} ${d.error?.code ?? ""} ${d.error?.title ?? ""}` : "—"}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </CardContent>
      </Card>
      <Card aria-labelledby="history-heading">
        <CardHeader>
          <div>
            <CardTitle id="history-heading">{t("message.history")}</CardTitle>
            <CardDescription>{t("message.historyHelp")}</CardDescription>
          </div>
        </CardHeader>
        <CardContent>
          {m.history.length === 0 ? (
            <p className="text-sm text-muted-foreground" data-testid="history-empty">
              {t("message.noHistory")}
            </p>
          ) : (
            <Table>
              <thead>
                <tr>
                  <Th>{t("message.eventTime")}</Th>
                  <Th>{t("message.received")}</Th>
                  <Th>{t("message.event")}</Th>
                  <Th>{t("message.recipient")}</Th>
                  <Th>{t("message.outcome")}</Th>
                </tr>
              </thead>
              <tbody>
                {m.history.map((h, i) => (
                  <tr key={`${h.eventId}-${i}`} data-testid="history-row">
                    <Td className="whitespace-nowrap">
                      {time(h.occurredAt)}
                      {h.timeSource === "received" && <span title={t("message.arrivalTime")}> *</span>}
                    </Td>
                    <Td className="whitespace-nowrap">{time(h.receivedAt)}</Td>
                    <Td>{h.type}</Td>
                    <Td>{h.recipientId ?? "—"}</Td>
                    <Td>{h.outcome}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
