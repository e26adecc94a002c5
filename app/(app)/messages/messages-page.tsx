"use client";

import { Mail, RotateCcw, Search, SearchX } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useQueryStates } from "nuqs";
import { useId, useState } from "react";
import { DateRangePicker } from "@/components/filters/date-range-picker";
import { MESSAGE_KINDS, presetDays } from "@/components/filters/filter-params";
import { useFormat } from "@/components/i18n/use-format";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { useApiQuery } from "@/lib/ui/use-api-query";
import { MESSAGE_STATUSES, messagesSearchParams } from "./search-params";

interface MessageRow {
  id: string;
  kind: string;
  title: string | null;
  senderId: string | null;
  sentAt: string;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
}

const ALL = "all";
const messageHref = (id: string) => `/messages/${encodeURIComponent(id)}`;
const LIMIT = 100;

export function MessagesPage({ tz }: { tz: string }) {
  const t = useTranslations();
  const fmt = useFormat();
  const [f, setF] = useQueryStates(messagesSearchParams, { history: "push" });
  const days = presetDays(f, tz);
  const [text, setText] = useState(f.q ?? "");
  const ids = { q: useId(), kind: useId(), status: useId() };
  const list = useApiQuery<{ messages: MessageRow[] }>("/api/v1/messages", {
    from: days.from,
    to: days.to,
    kind: f.kind,
    status: f.status,
    q: f.q,
    limit: LIMIT,
  });
  const filtered = f.kind !== null || f.status !== null || f.q !== null || f.range !== "30d";
  const rows = list.data?.messages;
  // A message's counts are its own deliveries: the message page lists them (and their history).
  const count = (m: MessageRow, n: number) => (
    <Link href={`${messageHref(m.id)}#deliveries`} className="underline-offset-2 hover:underline">
      {fmt.count(n)}
    </Link>
  );
  const field = (id: string, label: string, control: React.ReactNode) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </label>
      {control}
    </div>
  );
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{t("messages.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("messages.subtitle", { from: days.from, to: days.to, tz, limit: LIMIT })}</p>
      </div>
      <div role="search" aria-label={t("filters.label")} className="flex flex-wrap items-end gap-3">
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            setF({ q: text.trim() || null });
          }}
        >
          {field(
            ids.q,
            t("messages.search"),
            <Input
              id={ids.q}
              type="search"
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={t("messages.searchPlaceholder")}
              className="w-56"
            />,
          )}
          <Button type="submit" variant="outline" aria-label={t("messages.searchButton")}>
            <Search aria-hidden />
          </Button>
        </form>
        <DateRangePicker value={f} days={days} onChange={(v) => setF(v)} />
        {field(
          ids.kind,
          t("filters.kind"),
          <Select
            id={ids.kind}
            value={f.kind ?? ALL}
            onValueChange={(v) => setF({ kind: v === ALL ? null : (v as (typeof MESSAGE_KINDS)[number]) })}
            options={[{ value: ALL, label: t("filters.all") }, ...MESSAGE_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))]}
          />,
        )}
        {field(
          ids.status,
          t("messages.status"),
          <Select
            id={ids.status}
            value={f.status ?? ALL}
            onValueChange={(v) => setF({ status: v === ALL ? null : (v as (typeof MESSAGE_STATUSES)[number]) })}
            options={[
              { value: ALL, label: t("filters.all") },
              ...MESSAGE_STATUSES.map((s) => ({ value: s, label: t(`messages.statuses.${s}`) })),
            ]}
          />,
        )}
        {filtered && (
          <Button
            variant="ghost"
            onClick={() => {
              setText("");
              setF({ range: null, from: null, to: null, kind: null, status: null, q: null });
            }}
          >
            <RotateCcw aria-hidden />
            {t("filters.reset")}
          </Button>
        )}
      </div>
      {list.error && (
        <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
          {list.error.message}
        </p>
      )}
      <Card aria-labelledby="messages-heading" aria-busy={list.isFetching} className={cn(list.isPlaceholderData && "opacity-60")}>
        <h2 id="messages-heading" className="sr-only">
          {t("messages.title")}
        </h2>
        <CardContent>
          {!rows ? (
            !list.error && (
              <div aria-busy="true" className="flex flex-col gap-2">
                {Array.from({ length: 8 }, (_, i) => (
                  <Skeleton key={i} className="h-7 w-full" />
                ))}
              </div>
            )
          ) : rows.length === 0 ? (
            <div data-testid="messages-empty" className="flex flex-col items-center gap-2 px-6 py-10 text-center">
              {filtered ? (
                <SearchX className="size-8 text-muted-foreground" aria-hidden />
              ) : (
                <Mail className="size-8 text-muted-foreground" aria-hidden />
              )}
              <h3 className="font-semibold">{filtered ? t("messages.empty.filtered") : t("messages.empty.title")}</h3>
              <p className="max-w-lg text-sm text-muted-foreground">
                {filtered ? t("messages.empty.filteredBody") : t("messages.empty.body")}
              </p>
            </div>
          ) : (
            <>
              <p className="mb-2 text-sm text-muted-foreground" data-testid="messages-count">
                {rows.length >= LIMIT ? t("messages.countMore", { count: rows.length }) : t("messages.count", { count: rows.length })}
              </p>
              <Table>
                <thead>
                  <tr>
                    <Th>{t("recent.message")}</Th>
                    <Th>{t("recent.kind")}</Th>
                    <Th>{t("messages.sender")}</Th>
                    <Th>{t("recent.sentAt")}</Th>
                    <Th className="text-right">{t("recent.recipients")}</Th>
                    <Th className="text-right">{t("metrics.delivered")}</Th>
                    <Th className="text-right">{t("metrics.read")}</Th>
                    <Th className="text-right">{t("metrics.failed")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((m) => (
                    <tr key={m.id} data-testid="message-row">
                      <Td className="max-w-72">
                        <Link href={messageHref(m.id)} className="block truncate text-primary underline-offset-2 hover:underline">
                          {m.title ?? m.id}
                        </Link>
                        {m.title && <span className="block truncate font-mono text-xs text-muted-foreground">{m.id}</span>}
                      </Td>
                      <Td>{t(`kinds.${m.kind as "campaign"}`)}</Td>
                      <Td>{m.senderId ?? "—"}</Td>
                      <Td className="whitespace-nowrap">{fmt.dateTime(m.sentAt, tz)}</Td>
                      <Td className="text-right tabular-nums">{count(m, m.sent)}</Td>
                      <Td className="text-right tabular-nums">{count(m, m.delivered)}</Td>
                      <Td className="text-right tabular-nums">{count(m, m.read)}</Td>
                      <Td className="text-right tabular-nums">{count(m, m.failed)}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
