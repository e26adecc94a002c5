"use client";

import { Megaphone } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useQueryState } from "nuqs";
import type { AnnouncementRow } from "@/lib/queries/list-announcements";
import { deliveriesHref } from "@/lib/ui/drill-down";
import { useApiQuery } from "@/lib/ui/use-api-query";
import { useFormat } from "../i18n/use-format";
import { Card, CardContent } from "../ui/card";
import { Skeleton } from "../ui/skeleton";
import { Table, Td, Th } from "../ui/table";
import { overdueHoursParam } from "./overdue-hours";
import { OverdueHoursSelect } from "./overdue-hours-select";

/** Every announcement the viewer may see with its acknowledgement rate and overdue count. */
export function AnnouncementsList({ tz, initial }: { tz: string; initial?: { hours: number; announcements: AnnouncementRow[] } }) {
  const t = useTranslations("announcements");
  const fmt = useFormat();
  const [hours] = useQueryState("hours", overdueHoursParam);
  // The server rendered the first view: no second fetch for the same hours.
  const q = useApiQuery<{ announcements: AnnouncementRow[] }>(
    "/api/v1/announcements",
    { hours },
    initial?.hours === hours ? { initialData: { announcements: initial.announcements } } : {},
  );
  const withHours = (href: string) => (hours === 24 ? href : `${href}?hours=${hours}`);

  if (q.isPending)
    return (
      <Card aria-busy="true" className="p-4">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="mb-2 h-8 w-full" />
        ))}
      </Card>
    );
  if (q.isError)
    return (
      <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
        {t("loadFailed", { message: q.error.message })}
      </p>
    );
  const rows = q.data.announcements;
  if (rows.length === 0)
    return (
      <Card data-testid="announcements-empty" className="flex flex-col items-center gap-2 p-10 text-center">
        <Megaphone className="size-8 text-muted-foreground" aria-hidden />
        <h2 className="font-semibold">{t("emptyTitle")}</h2>
        <p className="max-w-lg text-sm text-muted-foreground">{t("emptyBody")}</p>
      </Card>
    );
  return (
    <Card className={q.isPlaceholderData ? "opacity-60" : undefined}>
      <CardContent className="pt-4">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-muted-foreground">{t("listHint", { tz })}</p>
          <OverdueHoursSelect />
        </div>
        <Table data-testid="announcements-table">
          <thead>
            <tr>
              <Th>{t("announcement")}</Th>
              <Th>{t("team")}</Th>
              <Th>{t("sentAt")}</Th>
              <Th>{t("dueAt")}</Th>
              <Th className="text-right">{t("targeted")}</Th>
              <Th className="text-right">{t("acknowledged")}</Th>
              <Th className="text-right">{t("rate")}</Th>
              <Th className="text-right">{t("overdue")}</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id} data-testid={`announcement-${a.id}`}>
                <Td className="font-medium">
                  <Link
                    className="text-primary underline-offset-4 hover:underline"
                    href={withHours(`/announcements/${encodeURIComponent(a.id)}`)}
                  >
                    {a.title ?? a.id}
                  </Link>
                </Td>
                <Td>{a.team?.name ?? a.team?.id ?? "—"}</Td>
                <Td className="whitespace-nowrap tabular-nums">{fmt.dateTime(a.sentAt, tz)}</Td>
                <Td className="whitespace-nowrap tabular-nums">{a.dueAt ? fmt.dateTime(a.dueAt, tz) : t("noDue")}</Td>
                <Td className="text-right tabular-nums">
                  <Link className="hover:underline" href={deliveriesHref({ announcementId: a.id, from: "2000-01-01" })}>
                    {fmt.count(a.targeted)}
                  </Link>
                </Td>
                <Td className="text-right tabular-nums">
                  <Link className="hover:underline" href={deliveriesHref({ announcementId: a.id, from: "2000-01-01", status: "read" })}>
                    {fmt.count(a.acknowledged)}
                  </Link>
                </Td>
                <Td className="text-right font-medium tabular-nums">{fmt.rate(a.rate)}</Td>
                <Td className="text-right tabular-nums">
                  {a.overdue > 0 ? (
                    <Link
                      className="font-medium text-destructive hover:underline"
                      href={deliveriesHref({ announcementId: a.id, from: "2000-01-01", status: "unread" })}
                    >
                      {fmt.count(a.overdue)}
                    </Link>
                  ) : (
                    fmt.count(0)
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </CardContent>
    </Card>
  );
}
