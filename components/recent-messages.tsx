"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useFormat } from "./i18n/use-format";
import { Card, CardContent, CardHeader, CardTitle } from "./ui/card";
import { Table, Td, Th } from "./ui/table";

export interface RecentMessageRow {
  id: string;
  kind: string;
  title: string | null;
  sentAt: string;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
}

/** The latest messages of the range with their counts; each links to its deliveries and history. */
export function RecentMessages({ rows, tz, messageHref }: { rows: RecentMessageRow[]; tz: string; messageHref: (id: string) => string }) {
  const t = useTranslations();
  const fmt = useFormat();
  return (
    <Card aria-labelledby="recent-heading">
      <CardHeader>
        <CardTitle id="recent-heading">{t("recent.title")}</CardTitle>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("recent.nothing")}</p>
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>{t("recent.message")}</Th>
                <Th>{t("recent.kind")}</Th>
                <Th>{t("recent.sentAt")}</Th>
                <Th className="text-right">{t("recent.recipients")}</Th>
                <Th className="text-right">{t("metrics.delivered")}</Th>
                <Th className="text-right">{t("metrics.read")}</Th>
                <Th className="text-right">{t("metrics.failed")}</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id}>
                  <Td className="max-w-64 truncate">
                    <Link href={messageHref(m.id)} className="text-primary underline-offset-2 hover:underline">
                      {m.title ?? m.id}
                    </Link>
                  </Td>
                  <Td>{t(`kinds.${m.kind as "campaign"}`)}</Td>
                  <Td className="whitespace-nowrap">{fmt.dateTime(m.sentAt, tz)}</Td>
                  <Td className="text-right tabular-nums">{fmt.count(m.sent)}</Td>
                  <Td className="text-right tabular-nums">{fmt.count(m.delivered)}</Td>
                  <Td className="text-right tabular-nums">{fmt.count(m.read)}</Td>
                  <Td className="text-right tabular-nums">{fmt.count(m.failed)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
