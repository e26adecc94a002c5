import type { RosterMember } from "./get-announcement";

export type RosterSort = "name" | "status" | "readAt" | "timeToRead";

// Status from least to most acknowledged, so "status ascending" puts who to chase first.
const STATUS_RANK: Record<string, number> = { failed: 0, sent: 1, delivered: 2, read: 3 };

/**
 * The roster in the order the screen shows it (and the CSV exports it). Missing values (no name,
 * not read) sort last in both directions; ties keep recipient id order.
 */
export function sortRoster<T extends RosterMember>(members: T[], sort: RosterSort = "name", order: "asc" | "desc" = "asc"): T[] {
  const dir = order === "asc" ? 1 : -1;
  const key = (m: T): string | number | null =>
    sort === "name"
      ? (m.name ?? null)
      : sort === "status"
        ? (STATUS_RANK[m.status] ?? -1)
        : sort === "readAt"
          ? m.readAt && new Date(m.readAt).getTime()
          : m.timeToRead;
  return [...members].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null || y === null) return x === y ? a.recipientId.localeCompare(b.recipientId) : x === null ? 1 : -1;
    const c = typeof x === "string" ? x.localeCompare(y as string) : x - (y as number);
    return c !== 0 ? c * dir : a.recipientId.localeCompare(b.recipientId);
  });
}
