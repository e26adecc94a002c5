import { parseAsFloat, parseAsStringLiteral } from "nuqs/server";

// "Overdue after N hours" for announcements without a due time (product.md: overdue = not
// acknowledged by the deadline; the due time is the deadline when the announcement has one).
// Kept in the URL so a shared link shows the same overdue list. Parsers from nuqs/server so the
// pages (server) and the components (client) read the URL the same way.
export const OVERDUE_HOURS_OPTIONS = [1, 4, 8, 24, 48, 72] as const;
export const DEFAULT_OVERDUE_HOURS = 24;
export const overdueHoursParam = parseAsFloat.withDefault(DEFAULT_OVERDUE_HOURS);

export const ROSTER_SORTS = ["name", "status", "readAt", "timeToRead"] as const;
export const announcementParams = {
  hours: overdueHoursParam,
  sort: parseAsStringLiteral(ROSTER_SORTS).withDefault("name"),
  order: parseAsStringLiteral(["asc", "desc"] as const).withDefault("asc"),
};
