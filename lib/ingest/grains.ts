// Which grains (minutes: 15, UTC hour, UTC day, 7-day week from the epoch) each coarse rollup
// table holds (migration 20261127000000_coarse_grains). Ingestion writes exactly these and readers
// (lib/queries/rollup-tables.ts) read exactly these: a grain read but never written would read as
// zeros. Tables whose dimensions make an hour as many rows as the 15-minute table keep no hours.

export type Grain = 15 | 60 | 1440 | 10080;

export const COARSE_GRAINS = {
  delivery_coarse: [60, 1440, 10080],
  sender_coarse: [1440, 10080],
  ttr_coarse: [60, 1440, 10080],
  ttr_split_coarse: [1440, 10080],
  failure_rollups: [15, 60, 1440, 10080],
  reply_rollups: [1440, 10080],
} as const satisfies Record<string, readonly Grain[]>;

export type CoarseTable = keyof typeof COARSE_GRAINS;

/** SQL: a relation g(minutes) of the table's grains, to CROSS JOIN rows with. */
export function grainsSql(table: CoarseTable): string {
  return `(VALUES ${COARSE_GRAINS[table].map((m) => `(${m}::smallint)`).join(", ")}) AS g(minutes)`;
}

/** SQL: the start of the grain bucket (`g.minutes`) holding the timestamptz `at`. */
export const grainStartSql = (at: string) => `date_bin(make_interval(mins => g.minutes), ${at}, 'epoch'::timestamptz)`;
