import { parseAsFloat, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { CLIENT_PLATFORMS, MESSAGE_KINDS } from "@/components/filters/filter-params";

// The /deliveries URL is the query of GET /api/v1/deliveries (the drill-down contract): the
// dashboard filters as the API takes them (local days or instants, tz) plus which count it is.

export const DELIVERY_STATUSES = ["sent", "delivered", "read", "failed", "pending", "unread"] as const;

export const deliveriesSearchParams = {
  from: parseAsString,
  to: parseAsString,
  tz: parseAsString,
  kind: parseAsStringLiteral(MESSAGE_KINDS),
  campaignId: parseAsString,
  source: parseAsString,
  clientPlatform: parseAsStringLiteral(CLIENT_PLATFORMS),
  variant: parseAsString,
  announcementId: parseAsString,
  senderId: parseAsString,
  teamId: parseAsString,
  status: parseAsStringLiteral(DELIVERY_STATUSES),
  ttrFrom: parseAsFloat,
  ttrTo: parseAsFloat,
  errorCode: parseAsString,
};

export type DeliveriesFilterKey = keyof typeof deliveriesSearchParams;
