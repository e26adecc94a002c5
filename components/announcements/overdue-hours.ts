import { parseAsFloat } from "nuqs";

// "Overdue after N hours" for announcements without a due time (product.md: overdue = not
// acknowledged by the deadline; the due time is the deadline when the announcement has one).
// Kept in the URL so a shared link shows the same overdue list.
export const OVERDUE_HOURS_OPTIONS = [1, 4, 8, 24, 48, 72] as const;
export const DEFAULT_OVERDUE_HOURS = 24;
export const overdueHoursParam = parseAsFloat.withDefault(DEFAULT_OVERDUE_HOURS);
