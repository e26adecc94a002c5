import { z } from "zod";
import { filtersSchema, isValidTimeZone } from "../queries/filters";
import { campaignSortSchema } from "../queries/list-campaigns";
import { deliveryStatusFilter } from "../queries/list-deliveries";

// Query strings of the read API, validated once here and reused by the OpenAPI document.

const tz = z.string().refine(isValidTimeZone, "not an IANA time zone").optional();
const instant = z.iso.datetime({ offset: true });

export const timeseriesQuery = filtersSchema.extend({ unit: z.enum(["hour", "day"]).default("day") });
export const splitsQuery = filtersSchema.extend({ by: z.enum(["source", "clientPlatform"]) });
export const campaignsQuery = filtersSchema.extend({
  sort: campaignSortSchema.optional(),
  order: z.enum(["asc", "desc"]).optional(),
  /** Part of the campaign's title or id, any case. */
  search: z.string().max(200).optional(),
  format: z.enum(["json", "csv"]).default("json"),
});
export const compareQuery = filtersSchema.extend({
  items: z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .refine((l) => l.length >= 2 && l.length <= 5, "give 2 to 5 comma-separated campaign ids or campaign:variant pairs"),
  format: z.enum(["json", "csv"]).default("json"),
});
/** Without a due time, members are overdue this many hours after the announcement's first send. */
const overdueHours = z.coerce
  .number()
  .positive()
  .max(24 * 365)
  .optional();
export const rosterSortSchema = z.enum(["name", "status", "readAt", "timeToRead"]);
export const announcementQuery = z.object({
  tz,
  deadline: instant.optional(),
  hours: overdueHours,
  /** Order of `members` (and of the CSV): unread and unknown values last. */
  sort: rosterSortSchema.optional(),
  order: z.enum(["asc", "desc"]).optional(),
  format: z.enum(["json", "csv"]).default("json"),
});
export const announcementsQuery = filtersSchema.extend({ hours: overdueHours });
export const responseTimesQuery = filtersSchema.extend({ agentId: z.string().min(1).optional() });
const cursorParams = { cursor: z.string().min(1).max(2000).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() };
export const followUpsQuery = z.object({
  hours: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .optional(),
  agentId: z.string().min(1).optional(),
  tz,
  ...cursorParams,
});
/** The Overview's feeds: the latest receipts and the latest messages of the range. */
export const activityQuery = filtersSchema.extend({ limit: z.coerce.number().int().min(1).max(50).default(12) });
export const recentMessagesQuery = filtersSchema.extend({ limit: z.coerce.number().int().min(1).max(100).default(10) });
export const deliveriesQuery = filtersSchema.extend({
  status: deliveryStatusFilter.optional(),
  ttrFrom: z.coerce.number().min(0).optional(),
  ttrTo: z.coerce.number().min(0).optional(),
  errorCode: z.string().min(1).optional(),
  format: z.enum(["json", "csv"]).default("json"),
  ...cursorParams,
});
