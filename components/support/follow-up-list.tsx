"use client";

import { Download } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { useFormat } from "../i18n/use-format";
import { Button } from "../ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../ui/card";
import { Select } from "../ui/select";
import { Skeleton } from "../ui/skeleton";
import { Table, Td, Th } from "../ui/table";

export interface FollowUpRow {
  messageId: string;
  recipientId: string;
  conversationId: string | null;
  agentId: string | null;
  status: string;
  sentAt: string;
  hoursUnread: number;
}

/**
 * Support answers the customer has not read N hours after they were sent, oldest first: the
 * people to call. N is in the URL; every row opens its message (deliveries and history).
 */
export function FollowUpList({
  hours,
  choices,
  onHours,
  rows,
  more,
  loading,
  error,
  tz,
  csvHref,
}: {
  hours: number;
  choices: readonly number[];
  onHours: (hours: number) => void;
  rows: FollowUpRow[] | undefined;
  /** True when there are more rows than shown (the CSV has them all). */
  more: boolean;
  loading: boolean;
  error: string | null;
  tz: string;
  csvHref: string;
}) {
  const t = useTranslations("support.followUps");
  const fmt = useFormat();
  const id = useId();
  const options = [...new Set([...choices, hours])].sort((a, b) => a - b);
  return (
    <Card aria-labelledby="follow-ups-heading" data-testid="follow-ups">
      <CardHeader className="flex-wrap">
        <div>
          <CardTitle id="follow-ups-heading">{t("title")}</CardTitle>
          <CardDescription>{t("description", { hours })}</CardDescription>
        </div>
        <div className="flex items-end gap-2">
          <div className="flex flex-col gap-1">
            <label htmlFor={id} className="text-xs text-muted-foreground">
              {t("threshold")}
            </label>
            <Select
              id={id}
              value={String(hours)}
              onValueChange={(v) => onHours(Number(v))}
              options={options.map((h) => ({ value: String(h), label: t("hours", { hours: h }) }))}
            />
          </div>
          <Button asChild variant="outline" size="sm" className="h-9">
            <a href={csvHref} download>
              <Download aria-hidden />
              {t("csv")}
            </a>
          </Button>
        </div>
      </CardHeader>
      <CardContent>
        {error ? (
          <p role="alert" className="text-sm">
            {error}
          </p>
        ) : loading || !rows ? (
          <div aria-busy="true" className="flex flex-col gap-2">
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} className="h-6 w-full" />
            ))}
          </div>
        ) : rows.length === 0 ? (
          <p className="text-sm text-muted-foreground" data-testid="follow-ups-empty">
            {t("empty", { hours })}
          </p>
        ) : (
          <>
            <p className="mb-2 text-sm" data-testid="follow-ups-count">
              {more ? t("countMore", { count: rows.length }) : t("count", { count: rows.length })}
            </p>
            <Table>
              <thead>
                <tr>
                  <Th>{t("message")}</Th>
                  <Th>{t("customer")}</Th>
                  <Th>{t("agent")}</Th>
                  <Th>{t("status")}</Th>
                  <Th>{t("sentAt")}</Th>
                  <Th className="text-right">{t("unreadFor")}</Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((f) => (
                  <tr key={`${f.messageId}/${f.recipientId}`} data-testid="follow-up-row">
                    <Td className="max-w-56 truncate">
                      <Link
                        href={`/messages/${encodeURIComponent(f.messageId)}`}
                        className="text-primary underline-offset-2 hover:underline"
                      >
                        {f.messageId}
                      </Link>
                    </Td>
                    <Td>{f.recipientId}</Td>
                    <Td>{f.agentId ?? "—"}</Td>
                    <Td>{t(`statuses.${f.status === "sent" ? "sent" : "delivered"}`)}</Td>
                    <Td className="whitespace-nowrap">{fmt.dateTime(f.sentAt, tz)}</Td>
                    <Td className="text-right tabular-nums">{fmt.duration(f.hoursUnread * 3600)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </>
        )}
      </CardContent>
    </Card>
  );
}
