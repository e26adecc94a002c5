"use client";

import { ArrowDown, ArrowUp, ArrowUpDown, Download, Send } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useQueryStates } from "nuqs";
import type { NudgeResult } from "@/lib/nudge/send-nudge";
import type { AnnouncementDetail as Detail, RosterMember } from "@/lib/queries/get-announcement";
import { apiUrl } from "@/lib/ui/api-client";
import { deliveriesHref } from "@/lib/ui/drill-down";
import { useApiMutation, useApiQuery } from "@/lib/ui/use-api-query";
import { ChartSkeleton } from "../charts/chart-card";
import { useFormat } from "../i18n/use-format";
import { Button } from "../ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../ui/card";
import { Skeleton } from "../ui/skeleton";
import { Table, Td, Th } from "../ui/table";
import { ChartAcknowledgedOverTime } from "./chart-acknowledged-over-time";
import { announcementParams, type ROSTER_SORTS } from "./overdue-hours";
import { OverdueHoursSelect } from "./overdue-hours-select";

type Sort = (typeof ROSTER_SORTS)[number];
export interface AnnouncementInitial {
  params: { hours: number; sort: Sort; order: "asc" | "desc" };
  data: Detail;
}

function memberHref(m: RosterMember) {
  return `/announcements/members/${encodeURIComponent(m.recipientId)}`;
}

/** One announcement: numbers, acknowledgement over time, overdue list with nudge, sortable roster. */
export function AnnouncementDetail({ id, tz, initial }: { id: string; tz: string; initial?: AnnouncementInitial }) {
  const t = useTranslations("announcements");
  const fmt = useFormat();
  const [{ hours, sort, order }, setSort] = useQueryStates(announcementParams);
  const path = `/api/v1/announcements/${encodeURIComponent(id)}`;
  const params = { hours, sort, order };
  // The server rendered the first view (same URL parameters): no second fetch for it.
  const same = initial && initial.params.hours === hours && initial.params.sort === sort && initial.params.order === order;
  const q = useApiQuery<Detail>(path, params, same ? { initialData: initial.data } : {});
  const nudge = useApiMutation<{ hours: number }, NudgeResult>(`${path}/nudge`);

  if (q.isPending)
    return (
      <div aria-busy="true" className="flex flex-col gap-4">
        <Skeleton className="h-8 w-72" />
        <div className="grid gap-3 sm:grid-cols-4">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-20" />
          ))}
        </div>
        <ChartSkeleton height={240} />
      </div>
    );
  if (q.isError)
    return (
      <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
        {t("loadFailed", { message: q.error.message })}
      </p>
    );
  const d = q.data;
  const overdueNow = d.deadlinePassed ? d.overdue : [];
  const toNudge = overdueNow.filter((m) => !m.acknowledged);
  const drill = (status?: string) => deliveriesHref({ announcementId: id, from: "2000-01-01", status });
  const toggle = (s: Sort) => void setSort({ sort: s, order: sort === s && order === "asc" ? "desc" : "asc" });
  const statusLabel = (s: string) => t(`statuses.${s as "read"}`);

  return (
    <div className={`flex flex-col gap-5 ${q.isPlaceholderData ? "opacity-60" : ""}`}>
      <div className="flex flex-col gap-1">
        <p className="text-sm">
          <Link
            className="text-primary underline-offset-4 hover:underline"
            href={hours === 24 ? "/announcements" : `/announcements?hours=${hours}`}
          >
            {t("back")}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">{d.title ?? d.id}</h1>
        <p className="text-sm text-muted-foreground">
          {[
            d.team ? t("teamLine", { team: d.team.name ?? d.team.id }) : null,
            d.sentAt ? t("sentLine", { time: fmt.dateTime(d.sentAt, tz) }) : null,
            d.dueAt ? t(d.deadlinePassed ? "dueWas" : "dueIn", { time: fmt.dateTime(d.dueAt, tz) }) : t("noDueLine"),
            t("tzLine", { tz }),
          ]
            .filter(Boolean)
            .join(" · ")}
        </p>
      </div>

      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label={t("targeted")} testId="stat-targeted">
          <Link className="hover:underline" href={drill()}>
            {fmt.count(d.targeted)}
          </Link>
        </Stat>
        <Stat label={t("acknowledged")} testId="stat-acknowledged">
          <Link className="hover:underline" href={drill("read")}>
            {fmt.count(d.acknowledged)}
          </Link>{" "}
          <span className="text-sm font-normal text-muted-foreground">({fmt.rate(d.rate)})</span>
        </Stat>
        <Stat label={t("overdue")} testId="stat-overdue">
          <Link className="hover:underline" href={drill("unread")}>
            {fmt.count(overdueNow.length)}
          </Link>
        </Stat>
        <Stat label={t("medianTtr")} testId="stat-median">
          {fmt.duration(d.medianTimeToRead)}
        </Stat>
      </dl>
      <p className="-mt-3 text-xs text-muted-foreground">{t("lowerBound")}</p>

      <div className="grid gap-4 lg:grid-cols-2">
        <ChartAcknowledgedOverTime detail={d} tz={tz} />
        <Card aria-labelledby="overdue-heading" data-testid="overdue-list">
          <CardHeader>
            <div className="min-w-0">
              <CardTitle id="overdue-heading">{t("overdueTitle", { count: overdueNow.length })}</CardTitle>
              <CardDescription>
                {d.deadline
                  ? d.deadlinePassed
                    ? t("overdueSince", { time: fmt.dateTime(d.deadline, tz) })
                    : t("overdueNotYet", { time: fmt.dateTime(d.deadline, tz) })
                  : t("overdueNoDeadline")}
              </CardDescription>
            </div>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              {d.dueAt ? <span /> : <OverdueHoursSelect />}
              <Button
                type="button"
                onClick={() => nudge.mutate({ hours })}
                disabled={toNudge.length === 0 || nudge.isPending}
                data-testid="nudge"
              >
                <Send aria-hidden />
                {nudge.isPending ? t("nudging") : t("nudge", { count: toNudge.length })}
              </Button>
            </div>
            {nudge.isSuccess && (
              <p role="status" className="rounded-md border border-primary/40 bg-primary/5 px-3 py-2 text-sm" data-testid="nudge-result">
                {t("nudged", { count: nudge.data.sent })}
              </p>
            )}
            {nudge.isError && (
              <p
                role="alert"
                className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm"
                data-testid="nudge-result"
              >
                {nudge.error.message}
              </p>
            )}
            {overdueNow.length === 0 ? (
              <p className="text-sm text-muted-foreground">{d.deadlinePassed ? t("nobodyOverdue") : t("notOverdueYet")}</p>
            ) : (
              <Table>
                <thead>
                  <tr>
                    <Th>{t("member")}</Th>
                    <Th>{t("status")}</Th>
                    <Th>{t("readAt")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {overdueNow.map((m) => (
                    <tr key={m.recipientId} data-testid={`overdue-${m.recipientId}`}>
                      <Td>
                        <Link className="text-primary underline-offset-4 hover:underline" href={memberHref(m)}>
                          {m.name ?? m.recipientId}
                        </Link>
                      </Td>
                      <Td>{statusLabel(m.status)}</Td>
                      <Td className="tabular-nums">{m.readAt ? t("readLate", { time: fmt.dateTime(m.readAt, tz) }) : t("notRead")}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </CardContent>
        </Card>
      </div>

      <Card aria-labelledby="roster-heading">
        <CardHeader>
          <div className="min-w-0">
            <CardTitle id="roster-heading">{t("roster", { count: d.members.length })}</CardTitle>
            <CardDescription>{t("rosterHint")}</CardDescription>
          </div>
          <Button asChild variant="outline" size="sm">
            <a href={apiUrl(path, { ...params, format: "csv" })} download data-testid="roster-csv">
              <Download aria-hidden />
              {t("csv")}
            </a>
          </Button>
        </CardHeader>
        <CardContent>
          {d.members.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("rosterEmpty")}</p>
          ) : (
            <Table data-testid="roster">
              <thead>
                <tr>
                  {(
                    [
                      ["name", t("member")],
                      ["status", t("status")],
                      ["readAt", t("readAt")],
                      ["timeToRead", t("timeToRead")],
                    ] as const
                  ).map(([key, label]) => (
                    <Th key={key} aria-sort={sort === key ? (order === "asc" ? "ascending" : "descending") : "none"}>
                      <button type="button" className="inline-flex items-center gap-1 hover:text-foreground" onClick={() => toggle(key)}>
                        {label}
                        {sort === key ? (
                          order === "asc" ? (
                            <ArrowUp className="size-3" aria-hidden />
                          ) : (
                            <ArrowDown className="size-3" aria-hidden />
                          )
                        ) : (
                          <ArrowUpDown className="size-3 opacity-50" aria-hidden />
                        )}
                      </button>
                    </Th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {d.members.map((m) => (
                  <tr key={m.recipientId} data-testid={`member-${m.recipientId}`}>
                    <Td>
                      <Link className="text-primary underline-offset-4 hover:underline" href={memberHref(m)}>
                        {m.name ?? m.recipientId}
                      </Link>
                      {m.name && <span className="ml-2 font-mono text-xs text-muted-foreground">{m.recipientId}</span>}
                    </Td>
                    <Td>
                      <span className={m.acknowledged ? "font-medium text-[var(--chart-read)]" : undefined}>{statusLabel(m.status)}</span>
                    </Td>
                    <Td className="whitespace-nowrap tabular-nums">{m.readAt ? fmt.dateTime(m.readAt, tz) : "—"}</Td>
                    <Td className="tabular-nums">{fmt.duration(m.timeToRead)}</Td>
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

function Stat({ label, testId, children }: { label: string; testId: string; children: React.ReactNode }) {
  return (
    <div className="rounded-lg border bg-card px-4 py-3 text-card-foreground shadow-xs">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
