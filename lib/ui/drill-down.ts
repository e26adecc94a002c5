// The drill-down contract (engineering.md): every count links to the list of deliveries behind
// it, /deliveries with the parameters of GET /api/v1/deliveries (the page's filters and zone plus
// status, ttrFrom/ttrTo or errorCode). Keys sorted and empty values left out, so one list has one URL.

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
