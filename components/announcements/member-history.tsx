"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { MemberAcknowledgements } from "@/lib/queries/get-member-acknowledgements";
import { useApiQuery } from "@/lib/ui/use-api-query";
import { useFormat } from "../i18n/use-format";
import { Card, CardContent, CardHeader, CardTitle } from "../ui/card";
import { Skeleton } from "../ui/skeleton";
import { Table, Td, Th } from "../ui/table";

/** One member's acknowledgement record: every announcement sent to them, read time, median time-to-read. */
export function MemberHistory({ memberId, tz, initial }: { memberId: string; tz: string; initial?: MemberAcknowledgements }) {
  const t = useTranslations("announcements");
  const fmt = useFormat();
  // All time: a member's record is short (one row per announcement), and a manager wants all of it.
  const q = useApiQuery<MemberAcknowledgements>(
    `/api/v1/members/${encodeURIComponent(memberId)}/acknowledgements`,
    { from: "2000-01-01" },
    initial ? { initialData: initial } : {},
  );
  if (q.isPending)
    return (
      <div aria-busy="true" className="flex flex-col gap-3">
        <Skeleton className="h-8 w-60" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  if (q.isError)
    return (
      <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
        {t("loadFailed", { message: q.error.message })}
      </p>
    );
  const m = q.data;
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-1">
        <p className="text-sm">
          <Link className="text-primary underline-offset-4 hover:underline" href="/announcements">
            {t("back")}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">{m.name ?? m.memberId}</h1>
        <p className="text-sm text-muted-foreground">{t("memberIntro", { id: m.memberId, tz })}</p>
      </div>
      <dl className="grid gap-3 sm:grid-cols-3">
        {(
          [
            [t("memberAnnouncements"), fmt.count(m.announcements), "member-announcements"],
            [t("acknowledged"), `${fmt.count(m.acknowledged)} (${fmt.rate(m.rate)})`, "member-acknowledged"],
            [t("medianTtr"), fmt.duration(m.medianTimeToRead), "member-median"],
          ] as const
        ).map(([label, value, id]) => (
          <div key={id} className="rounded-lg border bg-card px-4 py-3 shadow-xs">
            <dt className="text-xs text-muted-foreground">{label}</dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid={id}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <Card aria-labelledby="history-heading">
        <CardHeader>
          <CardTitle id="history-heading">{t("history")}</CardTitle>
        </CardHeader>
        <CardContent>
          {m.history.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("historyEmpty")}</p>
          ) : (
            <Table data-testid="member-history">
              <thead>
                <tr>
                  <Th>{t("announcement")}</Th>
                  <Th>{t("sentAt")}</Th>
                  <Th>{t("status")}</Th>
                  <Th>{t("readAt")}</Th>
                  <Th>{t("timeToRead")}</Th>
                  <Th>{t("overdue")}</Th>
                </tr>
              </thead>
              <tbody>
                {m.history.map((h) => (
                  <tr key={h.announcementId}>
                    <Td>
                      <Link
                        className="text-primary underline-offset-4 hover:underline"
                        href={`/announcements/${encodeURIComponent(h.announcementId)}`}
                      >
                        {h.title ?? h.announcementId}
                      </Link>
                    </Td>
                    <Td className="whitespace-nowrap tabular-nums">{fmt.dateTime(h.sentAt, tz)}</Td>
                    <Td>{t(`statuses.${h.status as "read"}`)}</Td>
                    <Td className="whitespace-nowrap tabular-nums">{h.readAt ? fmt.dateTime(h.readAt, tz) : "—"}</Td>
                    <Td className="tabular-nums">{fmt.duration(h.timeToRead)}</Td>
                    <Td>{h.overdue ? <span className="font-medium text-destructive">{t("yes")}</span> : t("no")}</Td>
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
