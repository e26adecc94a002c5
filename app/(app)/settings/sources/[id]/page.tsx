import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SettingsHeader } from "@/components/settings/settings-header";
import { SourceDetail } from "@/components/sources/source-detail";
import { listSources } from "@/lib/queries/list-sources";
import { pageScope } from "@/lib/ui/page-scope";

export const dynamic = "force-dynamic";

/** One webhook source of the admin's workspace (another workspace's is not found). */
export default async function SourcePage(props: { params: Promise<{ id: string }> }) {
  const id = decodeURIComponent((await props.params).id);
  const { db, ws } = await pageScope("settings");
  const [source] = await listSources(db, ws.id, id);
  if (!source) notFound();
  const t = await getTranslations("sources");
  return (
    <div className="flex flex-col gap-5">
      <p className="text-sm">
        <Link href="/settings/sources" className="text-primary underline-offset-4 hover:underline">
          {t("back")}
        </Link>
      </p>
      <SettingsHeader
        current="sources"
        title={source.name}
        intro={
          <p>
            {t(`platformNames.${source.platform as "generic"}`)} · <code>{id}</code>
          </p>
        }
      />
      <SourceDetail id={id} tz={ws.timezone} />
    </div>
  );
}
