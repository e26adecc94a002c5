import type { SearchParams } from "nuqs/server";
import { RefreshOnLive } from "@/components/shell/live-updates";
import { toQueryFilters } from "@/components/filters/filter-params";
import { filtersSchema, resolveRange } from "@/lib/queries/filters";
import { listRecentMessages } from "@/lib/queries/list-recent-messages";
import { pageScope } from "@/lib/ui/page-scope";
import {
  loadActivity,
  loadHeatmap,
  loadKpis,
  loadReadWithin,
  loadSources,
  loadSplits,
  loadTrend,
  loadTtrBins,
  type Ctx,
} from "./overview-data";
import { OverviewPage } from "./overview-page";
import { loadOverviewSearchParams } from "./search-params";

export const dynamic = "force-dynamic";

export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await loadOverviewSearchParams(searchParams);
  const { db, ws, scope } = await pageScope("overview");
  // The URL parsers drop values they do not know, and impossible days (2026-02-30) fail the
  // query schema: say so instead of silently showing something else.
  const raw = await searchParams;
  const parsed = filtersSchema.safeParse(toQueryFilters(params, ws.timezone));
  const unknown = ["kind", "clientPlatform"].some((k) => typeof raw[k] === "string" && raw[k] !== "" && params[k as "kind"] === null);
  const badFilters = unknown || !parsed.success;
  const filters = parsed.success ? parsed.data : toQueryFilters({ ...params, range: "30d" }, ws.timezone);
  const ctx: Ctx = { db, scope, filters, tz: ws.timezone };
  const range = resolveRange(ctx.filters, ws.timezone);
  const [kpis, sources] = await Promise.all([loadKpis(ctx), loadSources(ctx)]);
  const recent = listRecentMessages(db, scope, ctx.filters, range, 10).then((rows) =>
    rows.map((m) => ({ ...m, sentAt: new Date(m.sentAt).toISOString() })),
  );
  return (
    <>
      <RefreshOnLive />
      <OverviewPage
        timezone={ws.timezone}
        filtered={Boolean(params.kind || params.source || params.clientPlatform || params.range !== "30d")}
        badFilters={badFilters}
        sources={sources}
        now={new Date().toISOString()}
        data={{
          kpis,
          trend: loadTrend(ctx),
          ttrBins: loadTtrBins(ctx),
          readWithin: loadReadWithin(ctx),
          splits: loadSplits(ctx),
          heatmap: loadHeatmap(ctx),
          activity: loadActivity(ctx),
          recent,
        }}
      />
    </>
  );
}
