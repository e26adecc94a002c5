"use client";

import { Download, X } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useQueryStates } from "nuqs";
import { useState } from "react";
import { useFormat } from "@/components/i18n/use-format";
import { LiveBadge } from "@/components/shell/live-badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import type { SourceOption } from "@/lib/queries/list-source-options";
import { apiUrl, type ApiParams } from "@/lib/ui/api-client";
import { useApiQuery } from "@/lib/ui/use-api-query";
import { deliveriesSearchParams, type DeliveriesFilterKey } from "./search-params";

/** One row of GET /api/v1/deliveries (times ISO with the offset of the list's zone). */
export interface DeliveryItem {
  messageId: string;
  recipientId: string;
  status: "sent" | "delivered" | "read" | "failed";
  kind: string;
  campaignId: string | null;
  variant: string | null;
  sentAt: string | null;
  cohortAt: string;
  deliveredAt: string | null;
  readAt: string | null;
  failedAt: string | null;
  timeToRead: number | null;
  errorCode: string | null;
  errorTitle: string | null;
}

interface DeliveriesResponse {
  deliveries: DeliveryItem[];
  nextCursor: string | null;
  total: number | null;
}

const PATH = "/api/v1/deliveries";
const DAY = /^\d{4}-\d{2}-\d{2}$/;
// Every view of this list is audited by the API (a per-person list): refetching it on each live
// receipt would write an audit entry per receipt, so this list is read when opened and paged, not live.
const NOT_LIVE = { meta: { live: false } } as const;

export function DeliveriesPage({
  timezone,
  sources,
  canOpenMessages,
}: {
  timezone: string;
  sources: SourceOption[];
  canOpenMessages: boolean;
}) {
  const t = useTranslations("deliveries");
  const fmt = useFormat();
  const [f, setF] = useQueryStates(deliveriesSearchParams, { history: "push" });
  const tz = f.tz ?? timezone;
  const params: ApiParams = { ...f, tz };
  const first = useApiQuery<DeliveriesResponse>(PATH, params, NOT_LIVE);
  const total = first.data?.total ?? null;
  // A new set of filters starts again from the first page.
  const listKey = apiUrl("", params);

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex flex-col gap-1">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
            {total !== null && (
              <span className="text-lg font-semibold tabular-nums text-muted-foreground" data-testid="deliveries-total" data-count={total}>
                {t("total", { count: fmt.count(total) })}
              </span>
            )}
          </div>
          <p className="text-sm text-muted-foreground">{t("description", { tz })}</p>
        </div>
        <Button asChild variant="outline">
          <a href={apiUrl(PATH, { ...params, format: "csv" })} download data-testid="deliveries-csv">
            <Download aria-hidden />
            {t("downloadCsv")}
          </a>
        </Button>
      </div>
      <FilterSummary
        f={f}
        tz={tz}
        timezone={timezone}
        sources={sources}
        onClear={(keys) => setF(Object.fromEntries(keys.map((k) => [k, null])))}
      />
      {first.error && !first.data ? (
        <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
          {t("error", { message: first.error.message })}
        </p>
      ) : total === 0 ? (
        <Card className="px-6 py-10 text-center text-sm text-muted-foreground" data-testid="deliveries-empty">
          {t("empty")}
        </Card>
      ) : (
        <Card className="p-2" aria-busy={first.isPlaceholderData}>
          <DeliveryList key={listKey} params={params} tz={tz} canOpenMessages={canOpenMessages} />
        </Card>
      )}
    </div>
  );
}

/** The loaded keyset pages, one query each, and "Load more" under the last one. */
function DeliveryList({ params, tz, canOpenMessages }: { params: ApiParams; tz: string; canOpenMessages: boolean }) {
  const t = useTranslations("deliveries");
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <Table data-testid="deliveries-table">
      <thead>
        <tr>
          {(
            ["message", "recipient", "status", "kind", "campaign", "sentAt", "deliveredAt", "readAt", "failedAt", "ttr", "error"] as const
          ).map((c) => (
            <Th key={c} className={cn("whitespace-nowrap", c === "ttr" && "text-right")}>
              {t(`columns.${c}`)}
            </Th>
          ))}
        </tr>
      </thead>
      {cursors.map((cursor, i) => (
        <DeliveryPage
          key={cursor ?? "first"}
          params={params}
          cursor={cursor}
          tz={tz}
          canOpenMessages={canOpenMessages}
          onMore={i === cursors.length - 1 ? (next) => setCursors((c) => [...c, next]) : undefined}
        />
      ))}
    </Table>
  );
}

function DeliveryPage({
  params,
  cursor,
  tz,
  canOpenMessages,
  onMore,
}: {
  params: ApiParams;
  cursor: string | null;
  tz: string;
  canOpenMessages: boolean;
  /** Set on the last loaded page: appends the next one. */
  onMore?: (cursor: string) => void;
}) {
  const t = useTranslations();
  const fmt = useFormat();
  const q = useApiQuery<DeliveriesResponse>(PATH, { ...params, cursor }, NOT_LIVE);
  if (!q.data)
    return (
      <tbody aria-busy="true">
        <tr>
          <td colSpan={11} className="p-2">
            {q.error ? (
              <p role="alert" className="text-sm">
                {t("deliveries.error", { message: q.error.message })}
              </p>
            ) : (
              <div className="flex flex-col gap-2">
                <span className="sr-only">{t("deliveries.loading")}</span>
                {Array.from({ length: 5 }, (_, i) => (
                  <Skeleton key={i} className="h-6 w-full" />
                ))}
              </div>
            )}
          </td>
        </tr>
      </tbody>
    );
  const time = (v: string | null) => (v ? fmt.dateTime(v, tz) : "—");
  return (
    <tbody>
      {q.data.deliveries.map((d) => (
        <tr key={`${d.messageId}\u0000${d.recipientId}`} data-testid="delivery-row">
          <Td className="max-w-56 truncate">
            {canOpenMessages ? (
              <Link href={`/messages/${encodeURIComponent(d.messageId)}`} className="text-primary underline-offset-2 hover:underline">
                {d.messageId}
              </Link>
            ) : (
              d.messageId
            )}
          </Td>
          <Td className="max-w-40 truncate">{d.recipientId}</Td>
          <Td className="whitespace-nowrap">{t(`deliveries.rowStatus.${d.status}`)}</Td>
          <Td className="whitespace-nowrap">{t(`kinds.${d.kind as "campaign"}`)}</Td>
          <Td className="whitespace-nowrap">{d.campaignId ? `${d.campaignId}${d.variant ? ` / ${d.variant}` : ""}` : "—"}</Td>
          <Td className="whitespace-nowrap tabular-nums">{time(d.sentAt ?? d.cohortAt)}</Td>
          <Td className="whitespace-nowrap tabular-nums">{time(d.deliveredAt)}</Td>
          <Td className="whitespace-nowrap tabular-nums">{time(d.readAt)}</Td>
          <Td className="whitespace-nowrap tabular-nums">{time(d.failedAt)}</Td>
          <Td className="whitespace-nowrap text-right tabular-nums">{d.timeToRead === null ? "—" : fmt.duration(d.timeToRead)}</Td>
          <Td className="max-w-48 truncate" title={d.errorTitle ?? undefined}>
            {d.errorCode ? `${d.errorCode}${d.errorTitle ? ` · ${d.errorTitle}` : ""}` : "—"}
          </Td>
        </tr>
      ))}
      {onMore && q.data.nextCursor && (
        <tr>
          <td colSpan={11} className="pt-3 text-center">
            <Button variant="outline" onClick={() => onMore(q.data.nextCursor!)} data-testid="deliveries-more">
              {t("deliveries.loadMore")}
            </Button>
          </td>
        </tr>
      )}
    </tbody>
  );
}

type Values = ReturnType<typeof useQueryStates<typeof deliveriesSearchParams>>[0];

/** The active filters in words, each with a button that clears it. */
function FilterSummary({
  f,
  tz,
  timezone,
  sources,
  onClear,
}: {
  f: Values;
  tz: string;
  timezone: string;
  sources: SourceOption[];
  onClear: (keys: DeliveriesFilterKey[]) => void;
}) {
  const t = useTranslations();
  const fmt = useFormat();
  const day = (v: string) => (DAY.test(v) ? fmt.day(`${v}T12:00:00Z`, "UTC") : fmt.dateTime(v, tz));
  const chips: { id: string; text: string; keys: DeliveriesFilterKey[] }[] = [];
  if (f.status) chips.push({ id: "status", text: t(`deliveries.status.${f.status}`), keys: ["status"] });
  if (f.from && f.to)
    chips.push({ id: "range", text: t("deliveries.filter.range", { from: day(f.from), to: day(f.to) }), keys: ["from", "to"] });
  else if (f.from) chips.push({ id: "range", text: t("deliveries.filter.rangeFrom", { from: day(f.from) }), keys: ["from"] });
  else if (f.to) chips.push({ id: "range", text: t("deliveries.filter.rangeTo", { to: day(f.to) }), keys: ["to"] });
  const value = (key: DeliveriesFilterKey, text: string | null) => {
    if (text !== null) chips.push({ id: key, text: t(`deliveries.filter.${key as "kind"}`, { value: text }), keys: [key] });
  };
  value("kind", f.kind && t(`kinds.${f.kind}`));
  value("source", f.source && (sources.find((s) => s.id === f.source)?.name ?? f.source));
  value("clientPlatform", f.clientPlatform && t(`clientPlatforms.${f.clientPlatform}`));
  value("campaignId", f.campaignId);
  value("variant", f.variant);
  value("announcementId", f.announcementId);
  value("senderId", f.senderId);
  value("teamId", f.teamId);
  if (f.ttrFrom !== null && f.ttrTo !== null)
    chips.push({
      id: "ttr",
      text: t("deliveries.filter.ttr", { from: fmt.duration(f.ttrFrom), to: fmt.duration(f.ttrTo) }),
      keys: ["ttrFrom", "ttrTo"],
    });
  else if (f.ttrFrom !== null)
    chips.push({ id: "ttr", text: t("deliveries.filter.ttrFrom", { from: fmt.duration(f.ttrFrom) }), keys: ["ttrFrom"] });
  else if (f.ttrTo !== null) chips.push({ id: "ttr", text: t("deliveries.filter.ttrTo", { to: fmt.duration(f.ttrTo) }), keys: ["ttrTo"] });
  value("errorCode", f.errorCode);
  if (f.tz && f.tz !== timezone) value("tz", f.tz);
  const all = chips.flatMap((c) => c.keys);
  return (
    <section aria-label={t("deliveries.filtersLabel")} data-testid="deliveries-filters" className="flex flex-wrap items-center gap-2">
      {!f.from && !f.to && (
        <span className="rounded-full border px-3 py-1 text-xs text-muted-foreground">{t("deliveries.defaultRange")}</span>
      )}
      {chips.map((c) => (
        <span
          key={c.id}
          data-testid={`filter-${c.id}`}
          className="inline-flex items-center gap-1 rounded-full border bg-card py-0.5 pl-3 pr-1 text-xs"
        >
          {c.text}
          <button
            type="button"
            onClick={() => onClear(c.keys)}
            aria-label={t("deliveries.clear", { filter: c.text })}
            className="inline-flex size-5 items-center justify-center rounded-full text-muted-foreground hover:bg-accent hover:text-foreground"
          >
            <X className="size-3" aria-hidden />
          </button>
        </span>
      ))}
      {chips.length > 1 && (
        <Button variant="ghost" size="sm" onClick={() => onClear(all)}>
          {t("deliveries.clearAll")}
        </Button>
      )}
    </section>
  );
}
