"use client";

import { Download, GitCompareArrows, Inbox, SearchX } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { createSerializer, useQueryStates } from "nuqs";
import { useId, useState } from "react";
import { Definition } from "../charts/chart-card";
import type { SourceOption } from "../filters/filter-bar";
import { useFormat } from "../i18n/use-format";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Input } from "../ui/input";
import { Skeleton } from "../ui/skeleton";
import { Table, Td, Th } from "../ui/table";
import { apiUrl } from "@/lib/ui/api-client";
import { deliveriesHref } from "@/lib/ui/drill-down";
import { useApiQuery } from "@/lib/ui/use-api-query";
import type { CampaignListRow } from "./api-types";
import { CampaignFilterBar } from "./campaign-filter-bar";
import {
  campaignApiFilters,
  campaignFilterParams,
  campaignListParams,
  compareParams,
  isFiltered,
  MAX_COMPARE,
  type CampaignSortKey,
} from "./campaign-params";
import { SortHeader } from "./sort-header";

const filterUrl = createSerializer(campaignFilterParams);
const compareUrl = createSerializer(compareParams);

const COUNT_COLUMNS = ["sent", "delivered", "read", "failed", "pending"] as const;

/** The Campaigns table: sortable, searchable, filtered by the URL, with CSV and Compare. */
export function CampaignsList({ tz, sources }: { tz: string; sources: SourceOption[] }) {
  const t = useTranslations();
  const fmt = useFormat();
  const [p, setP] = useQueryStates(campaignListParams, { history: "push" });
  const [selected, setSelected] = useState<string[]>([]);
  const searchId = useId();
  const filters = campaignApiFilters(p, tz);
  const order = p.order ?? (p.sort === "title" ? "asc" : "desc");
  const params = { ...filters, search: p.search || undefined, sort: p.sort, order };
  const q = useApiQuery<{ campaigns: CampaignListRow[] }>("/api/v1/campaigns", params);
  const rows = q.data?.campaigns;
  const urlFilters = { range: p.range, from: p.from, to: p.to, source: p.source, clientPlatform: p.clientPlatform };
  const filterQuery = filterUrl(urlFilters);

  const sortBy = (key: CampaignSortKey) =>
    setP(
      key === p.sort ? { order: order === "asc" ? "desc" : "asc" } : { sort: key, order: null }, // a new column starts in its natural order
    );
  const header = (key: CampaignSortKey, label: string, align: "left" | "right" = "right") => (
    <SortHeader label={label} active={p.sort === key} order={order} onSort={() => sortBy(key)} align={align} />
  );
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const canCompare = selected.length >= 2 && selected.length <= MAX_COMPARE;

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{t("campaigns.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("campaigns.list.subtitle", { tz })}</p>
      </div>
      <CampaignFilterBar sources={sources} tz={tz}>
        <form
          className="flex flex-col gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            const v = new FormData(e.currentTarget).get("search");
            setP({ search: typeof v === "string" && v.trim() ? v.trim() : null });
          }}
        >
          <label htmlFor={searchId} className="text-xs text-muted-foreground">
            {t("campaigns.list.search")}
          </label>
          <Input
            id={searchId}
            name="search"
            type="search"
            key={p.search}
            defaultValue={p.search}
            placeholder={t("campaigns.list.searchPlaceholder")}
            className="w-56"
          />
        </form>
      </CampaignFilterBar>

      <div className="flex flex-wrap items-center gap-2">
        <Button asChild={canCompare} disabled={!canCompare} data-testid="compare-selected">
          {canCompare ? (
            <Link href={compareUrl("/campaigns/compare", { ...urlFilters, ids: selected })}>
              <GitCompareArrows aria-hidden />
              {t("campaigns.list.compare", { count: selected.length })}
            </Link>
          ) : (
            <>
              <GitCompareArrows aria-hidden />
              {t("campaigns.list.compare", { count: selected.length })}
            </>
          )}
        </Button>
        <span className="text-xs text-muted-foreground" aria-live="polite">
          {t("campaigns.list.compareHint", { max: MAX_COMPARE })}
        </span>
        <Button asChild variant="outline" className="ml-auto">
          <a href={apiUrl("/api/v1/campaigns", { ...params, format: "csv" })} download data-testid="campaigns-csv">
            <Download aria-hidden />
            {t("campaigns.csv")}
          </a>
        </Button>
      </div>

      {q.error ? (
        <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
          {t("campaigns.loadError", { message: q.error.message })}
        </p>
      ) : !rows ? (
        <div className="flex flex-col gap-2" aria-busy="true" aria-label={t("campaigns.loading")}>
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-8 w-full" />
          ))}
        </div>
      ) : rows.length === 0 ? (
        <EmptyState filtered={isFiltered(p) || p.search !== ""} />
      ) : (
        <div className={cn("rounded-lg border bg-card transition-opacity", q.isPlaceholderData && "opacity-60")} aria-busy={q.isFetching}>
          <Table data-testid="campaigns-table">
            <caption className="sr-only">{t("campaigns.list.caption")}</caption>
            <thead>
              <tr>
                <Th className="w-8">
                  <span className="sr-only">{t("campaigns.list.select")}</span>
                </Th>
                {header("title", t("campaigns.list.campaign"), "left")}
                {header("firstSentAt", t("campaigns.list.firstSent"), "left")}
                {COUNT_COLUMNS.map((c) => header(c, t(`metrics.${c}`)))}
                {header("deliveryRate", t("metrics.deliveryRate"))}
                <SortHeader
                  label={t("campaigns.readRateLowerBound")}
                  active={p.sort === "readRate"}
                  order={order}
                  onSort={() => sortBy("readRate")}
                />
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => {
                const name = c.title ?? c.id;
                const checked = selected.includes(c.id);
                return (
                  <tr key={c.id} data-testid={`campaign-${c.id}`}>
                    <Td>
                      <input
                        type="checkbox"
                        className="size-4 accent-primary"
                        aria-label={t("campaigns.list.selectOne", { name })}
                        checked={checked}
                        disabled={!checked && selected.length >= MAX_COMPARE}
                        onChange={() => toggle(c.id)}
                      />
                    </Td>
                    <Td className="max-w-72">
                      <Link href={`/campaigns/${encodeURIComponent(c.id)}${filterQuery}`} className="font-medium hover:underline">
                        {name}
                      </Link>
                      {c.title && <div className="truncate text-xs text-muted-foreground">{c.id}</div>}
                    </Td>
                    <Td className="whitespace-nowrap text-muted-foreground">{fmt.day(c.firstSentAt, tz)}</Td>
                    {COUNT_COLUMNS.map((k) => (
                      <Td key={k} className="text-right tabular-nums">
                        <Link
                          href={deliveriesHref({ ...filters, campaignId: c.id, status: k })}
                          prefetch={false}
                          className="hover:underline"
                          aria-label={t("campaigns.drillDown", { count: fmt.count(c[k]), status: t(`metrics.${k}`), name })}
                        >
                          {fmt.count(c[k])}
                        </Link>
                      </Td>
                    ))}
                    <Td className="text-right tabular-nums">{fmt.rate(c.deliveryRate)}</Td>
                    <Td className="text-right tabular-nums whitespace-nowrap">
                      {c.immature && (
                        <span
                          className="mr-1.5 rounded-full border border-amber-500/60 px-1.5 py-px text-[10px] tracking-wide text-amber-700 uppercase dark:text-amber-300"
                          title={t("campaigns.immatureHint")}
                          data-testid="immature"
                        >
                          {t("campaigns.immature")}
                        </span>
                      )}
                      {fmt.rate(c.readRate)}
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
          <p className="flex items-center gap-1 px-3 py-2 text-xs text-muted-foreground">
            <Definition title={t("metrics.readRate")}>{t("metrics.definitions.readRate")}</Definition>
            {t("campaigns.lowerBoundNote")} {t("campaigns.immatureNote")}
          </p>
        </div>
      )}
    </div>
  );
}

function EmptyState({ filtered }: { filtered: boolean }) {
  const t = useTranslations("campaigns.empty");
  const Icon = filtered ? SearchX : Inbox;
  return (
    <section
      data-testid="campaigns-empty"
      className="flex flex-col items-center gap-2 rounded-lg border border-dashed bg-card px-6 py-12 text-center"
    >
      <Icon className="size-8 text-muted-foreground" aria-hidden />
      <h2 className="text-lg font-semibold">{filtered ? t("filtered") : t("title")}</h2>
      <p className="max-w-lg text-sm text-muted-foreground">{filtered ? t("filteredBody") : t("body")}</p>
    </section>
  );
}
