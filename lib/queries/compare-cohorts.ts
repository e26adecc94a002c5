import "server-only";
import type { Db } from "../db/client";
import { query } from "../db/sql";
import { twoProportionTest, verdict, wilsonInterval } from "../metrics/significance";
import { countsOf, countsSql, type CountRow, type Counts } from "./counts";
import { resolveRange, rollupWhere, type Filters } from "./filters";
import { countsTable } from "./rollup-tables";
import type { ViewerScope } from "./scope";
import { timeToReadOf, type TimeToRead } from "./time-to-read";
import { ttrBins } from "./ttr-bins";

/** A campaign ("spring") or one of its variants ("spring:B"). */
export interface CohortRef {
  campaignId: string;
  variant?: string;
}

export function parseCohortRef(s: string): CohortRef {
  const i = s.lastIndexOf(":");
  return i > 0 ? { campaignId: s.slice(0, i), variant: s.slice(i + 1) } : { campaignId: s };
}

export interface ComparedCohort extends Counts {
  ref: string;
  label: string;
  readRateCi: [number, number] | null;
  timeToRead: TimeToRead;
}

export interface Comparison {
  cohorts: ComparedCohort[];
  /** Each cohort against the first (the baseline): difference = readRate(b) − readRate(a). */
  comparisons: { a: string; b: string; difference: number; pValue: number; significant: boolean; verdict: string }[];
}

/** 2–5 campaigns or variants side by side, each tested against the first. */
export async function compareCohorts(db: Db, scope: ViewerScope, refs: string[], filters: Filters, defaultTz: string): Promise<Comparison> {
  const range = filters.from || filters.to ? resolveRange(filters, defaultTz) : null;
  const cohorts = await Promise.all(
    refs.map(async (ref) => {
      const r = parseCohortRef(ref);
      const f = { ...filters, campaignId: r.campaignId, variant: r.variant };
      const w = rollupWhere(scope, f, range);
      const [[row], bins, meta] = await Promise.all([
        query<CountRow>(db.prisma, `SELECT ${countsSql()} FROM ${countsTable(scope, f)} WHERE ${w}`, w.params),
        ttrBins(db, scope, f, range),
        query<{ title: string | null }>(db.prisma, `SELECT title FROM campaigns WHERE workspace_id = $1 AND id = $2`, [
          scope.workspaceId,
          r.campaignId,
        ]),
      ]);
      const c = countsOf(row);
      const name = meta[0]?.title ?? r.campaignId;
      return {
        ref,
        label: r.variant !== undefined ? `${name} (variant ${r.variant})` : name,
        ...c,
        readRateCi: wilsonInterval(c.read, c.delivered),
        timeToRead: timeToReadOf(bins, row?.ttr_sum ?? 0, c.read),
      };
    }),
  );
  const [base, ...rest] = cohorts;
  const comparisons = rest.flatMap((b) => {
    const t = twoProportionTest(base.read, base.delivered, b.read, b.delivered);
    const v = verdict({ label: base.label, rate: base.readRate }, { label: b.label, rate: b.readRate }, t);
    return t ? [{ a: base.ref, b: b.ref, difference: t.difference, pValue: t.pValue, significant: t.significant, verdict: v }] : [];
  });
  return { cohorts, comparisons };
}
