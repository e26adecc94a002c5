// The drill-down contract: every count on screen links to the /deliveries list behind it, with
// the parameters of GET /api/v1/deliveries (dashboard filters plus status, ttrFrom/ttrTo,
// errorCode). One builder, so every screen's links look alike and the same count gives the same URL.

export type DrillDownParams = Record<string, string | number | null | undefined>;

/**
 * `/deliveries?` + the non-empty params, keys sorted. Screens render these links with
 * prefetch={false}: a table holds dozens of them and few are followed.
 */
export function deliveriesHref(params: DrillDownParams): string {
  const q = new URLSearchParams();
  for (const key of Object.keys(params).sort()) {
    const v = params[key];
    if (v === undefined || v === null || v === "") continue;
    q.set(key, String(v));
  }
  return `/deliveries?${q.toString()}`;
}
