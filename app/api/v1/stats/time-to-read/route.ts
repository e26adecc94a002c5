import { withApi } from "@/lib/api/handler";
import { getWorkspace } from "@/lib/queries/get-workspace";
import { filtersSchema } from "@/lib/queries/filters";
import { getReadWithin } from "@/lib/queries/read-within";
import { getTtrDistribution } from "@/lib/queries/get-ttr-distribution";

export const dynamic = "force-dynamic";

export const GET = withApi({
  scope: "read",
  query: filtersSchema,
  handler: async ({ db, scope, query }) => {
    const tz = (await getWorkspace(db, scope)).timezone;
    const now = new Date();
    const [distribution, readWithin] = await Promise.all([
      getTtrDistribution(db, scope, query, tz, now),
      getReadWithin(db, scope, query, tz, now),
    ]);
    return { ...distribution, readWithin };
  },
});
