// The drill-down contract (common to every screen): a count links to the deliveries behind it,
// `/deliveries?<params of GET /api/v1/deliveries>`, keys sorted and empty values left out so one
// list has one URL.

export type DrillDownParams = Record<string, string | number | null | undefined>;

export function deliveriesHref(params: DrillDownParams): string {
  const q = new URLSearchParams();
  for (const key of Object.keys(params).sort()) {
    const v = params[key];
    if (v === undefined || v === null || v === "") continue;
    q.set(key, String(v));
  }
  return `/deliveries?${q.toString()}`;
}
