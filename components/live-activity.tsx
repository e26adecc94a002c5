"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "./i18n/use-format";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "./ui/card";
import { cn } from "./ui/cn";

export interface ActivityItem {
  id: string;
  /** Canonical event type: message.sent | message.delivered | message.read | message.failed | … */
  type: string;
  messageId: string;
  title: string | null;
  kind: string;
  occurredAt: string;
  receivedAt: string;
  sourceName: string | null;
}

const TYPE_KEYS: Record<string, "sent" | "delivered" | "read" | "failed" | "watermark" | "received"> = {
  "message.sent": "sent",
  "message.delivered": "delivered",
  "message.read": "read",
  "message.failed": "failed",
  "conversation.read": "watermark",
  "message.received": "received",
};

const DOT: Record<string, string> = {
  sent: "bg-chart-sent",
  delivered: "bg-chart-delivered",
  read: "bg-chart-read",
  failed: "bg-chart-failed",
};

/** The latest receipts, newest first. No links: the latest-messages table links to each message. */
export function LiveActivity({ items, now }: { items: ActivityItem[]; now: Date }) {
  const t = useTranslations("charts.activity");
  const fmt = useFormat();
  return (
    <Card aria-labelledby="activity-heading" data-testid="widget-activity" className="flex flex-col">
      <CardHeader>
        <div>
          <CardTitle id="activity-heading">{t("title")}</CardTitle>
          <CardDescription>{t("description")}</CardDescription>
        </div>
        <span className="inline-flex items-center gap-1.5 text-xs text-muted-foreground">
          <span className="relative flex size-2">
            <span className="absolute inline-flex size-full animate-ping rounded-full bg-success opacity-60 motion-reduce:animate-none" />
            <span className="relative inline-flex size-2 rounded-full bg-success" />
          </span>
          {t("live")}
        </span>
      </CardHeader>
      <CardContent className="pt-2">
        {items.length === 0 ? (
          <p className="py-6 text-center text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          <ol className="divide-y" aria-live="polite">
            {items.map((e) => {
              const key = TYPE_KEYS[e.type] ?? "received";
              return (
                <li key={e.id} className="flex items-center gap-3 py-2 text-sm">
                  <span aria-hidden className={cn("size-2 shrink-0 rounded-full", DOT[key] ?? "bg-muted-foreground")} />
                  <span className="w-20 shrink-0 font-medium">{t(`types.${key}`)}</span>
                  <span className="flex min-w-0 flex-1 flex-col">
                    <span className="truncate">{e.title ?? e.messageId}</span>
                    {e.sourceName && <span className="truncate text-xs text-muted-foreground">{t("via", { source: e.sourceName })}</span>}
                  </span>
                  <time dateTime={e.occurredAt} className="shrink-0 text-xs tabular-nums text-muted-foreground">
                    {fmt.relative(e.occurredAt, now)}
                  </time>
                </li>
              );
            })}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}
