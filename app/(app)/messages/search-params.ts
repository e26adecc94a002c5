import { parseAsString, parseAsStringLiteral } from "nuqs/server";
import { dashboardFilterParams } from "@/components/filters/filter-params";

// The message list's URL state: date range, kind, "has a delivery in this status", and a search
// by message id.
export const MESSAGE_STATUSES = ["delivered", "read", "unread", "pending", "failed"] as const;

export const messagesSearchParams = {
  range: dashboardFilterParams.range,
  from: dashboardFilterParams.from,
  to: dashboardFilterParams.to,
  kind: dashboardFilterParams.kind,
  status: parseAsStringLiteral(MESSAGE_STATUSES),
  q: parseAsString,
};
