import { z } from "zod";
import { filtersSchema, isValidTimeZone } from "../queries/filters";
import { AGENT_SORTS } from "../queries/agent-sorts";
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
const cursorParams = { cursor: z.string().min(1).max(2000).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() };
/** json, or csv: the same rows as a file (streamed where the list is long). */
const format = z.enum(["json", "csv"]).default("json");
export const responseTimesQuery = filtersSchema.extend({
  agentId: z.string().min(1).optional(),
  /** business (default when the workspace defines opening hours) or calendar time. */
  basis: z.enum(["calendar", "business"]).optional(),
  /** Order of perAgent (and of the CSV, which holds the per-agent table). */
  sort: z.enum(AGENT_SORTS).optional(),
  order: z.enum(["asc", "desc"]).optional(),
  format,
});
export const followUpsQuery = z.object({
  hours: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .optional(),
  agentId: z.string().min(1).optional(),
  tz,
  format,
  ...cursorParams,
});
/** The Overview's feeds: the latest receipts and the latest messages of the range. */
export const activityQuery = filtersSchema.extend({ limit: z.coerce.number().int().min(1).max(50).default(12) });
export const deliveriesQuery = filtersSchema.extend({
  status: deliveryStatusFilter.optional(),
  ttrFrom: z.coerce.number().min(0).optional(),
  ttrTo: z.coerce.number().min(0).optional(),
  errorCode: z.string().min(1).optional(),
  format,
  ...cursorParams,
});
/** The message list: dashboard filters, a search by message id, and "has a delivery in this status". */
export const messagesQuery = filtersSchema.extend({
  q: z.string().trim().min(1).max(200).optional(),
  status: deliveryStatusFilter.optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
