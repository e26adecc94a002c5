import { getFormatter, getTranslations } from "next-intl/server";
import { SettingsHeader } from "@/components/settings/settings-header";
import { Table, Td, Th } from "@/components/ui/table";
import { listAudit } from "@/lib/audit/audit-log";
import { pageScope } from "@/lib/ui/page-scope";

export const dynamic = "force-dynamic";

/** The workspace's audit log, newest first: exports, per-person list views, role changes, token use. Admins only. */
export default async function AuditPage() {
  const { db, ws } = await pageScope("settings");
  const { entries } = await listAudit(db, ws.id, { limit: 200 });
  const t = await getTranslations("audit");
  const format = await getFormatter();
  return (
    <div className="flex flex-col gap-5">
      <SettingsHeader current="audit" title={t("title")} intro={<p>{t("intro", { count: entries.length, tz: ws.timezone })}</p>} />
      {entries.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("empty")}</p>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>{t("time")}</Th>
              <Th>{t("actor")}</Th>
              <Th>{t("action")}</Th>
              <Th>{t("target")}</Th>
              <Th>{t("details")}</Th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <Td className="whitespace-nowrap">
                  {format.dateTime(new Date(e.at), { dateStyle: "medium", timeStyle: "medium", timeZone: ws.timezone })}
                </Td>
                <Td>{`${e.actor.type}${e.actor.id ? `: ${e.actor.id}` : ""}`}</Td>
                <Td className="font-mono text-xs">{e.action}</Td>
                <Td className="font-mono text-xs">{e.target ?? "—"}</Td>
                <Td className="max-w-md truncate font-mono text-xs">{e.details ? JSON.stringify(e.details) : "—"}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
