// The drill-down contract: every count links to the deliveries behind it, as a /deliveries URL
// carrying the params of GET /api/v1/deliveries. Keys are sorted and empty values dropped, so the
// same filters always give the same link.

export type DrillDownParams = Record<string, string | number | null | undefined>;

export function deliveriesHref(params: DrillDownParams): string {
  const q = new URLSearchParams();
  for (const key of Object.keys(params).sort()) {
    const v = params[key];
    if (v === undefined || v === null || v === "") continue;
    q.set(key, String(v));
  }
  return `/deliveries?${q}`;
}
