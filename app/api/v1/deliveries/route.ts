import { withApi } from "@/lib/api/handler";
import { recordAudit } from "@/lib/audit/audit-log";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { csvResponse } from "@/lib/api/csv";
import { deliveriesQuery } from "@/lib/api/query-schemas";
import { DELIVERY_CSV_COLUMNS, serializeDelivery } from "@/lib/api/serializers";
import { countDeliveries, listDeliveries } from "@/lib/queries/list-deliveries";

export const dynamic = "force-dynamic";

const CSV_PAGE = 5_000;

export const GET = withApi({
  scope: "read",
  query: deliveriesQuery,
  handler: async ({ db, scope, actor, query }) => {
    const tz = query.tz ?? (await getWorkspace(db, scope)).timezone;
    const { format, ...filters } = query;
    // A per-person list (and its export): every view is audited, with the filters that chose it.
    const { cursor: _c, limit: _l, ...chosen } = filters;
    await recordAudit(db, {
      workspaceId: scope.workspaceId,
      actor,
      action: format === "csv" ? "export.csv" : "list.viewed",
      target: filters.campaignId
        ? `campaign:${filters.campaignId}`
        : filters.announcementId
          ? `announcement:${filters.announcementId}`
          : "deliveries",
      details: chosen,
    });
    if (format === "json") {
      // The total (the number the list came from) once, on the first page.
      const [page, total] = await Promise.all([
        listDeliveries(db, scope, filters, tz),
        filters.cursor ? null : countDeliveries(db, scope, filters, tz),
      ]);
      return { deliveries: page.deliveries.map((d) => serializeDelivery(d, tz)), nextCursor: page.nextCursor, total };
    }
    // The whole list behind the count, same filters and zone, one keyset page at a time.
    async function* pages() {
      let cursor = filters.cursor;
      do {
        const page = await listDeliveries(db, scope, { ...filters, cursor, limit: CSV_PAGE }, tz);
        yield page.deliveries.map((d) => serializeDelivery(d, tz));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    return csvResponse("deliveries.csv", DELIVERY_CSV_COLUMNS, pages(), (row, key) => row[key as keyof typeof row]);
  },
});
