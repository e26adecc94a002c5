import { z } from "zod";
import { filtersSchema } from "../queries/filters";
import {
  activityQuery,
  announcementQuery,
  announcementsQuery,
  campaignsQuery,
  compareQuery,
  deliveriesQuery,
  followUpsQuery,
  messagesQuery,
  responseTimesQuery,
  splitsQuery,
  timeseriesQuery,
} from "./query-schemas";

// OpenAPI entries of the dashboard read API. Parameters come from the zod schemas the routes
// validate with; responses list the contract's fields (api.md) and what we add.

const params = (schema: z.ZodObject) =>
  Object.entries(z.toJSONSchema(schema, { unrepresentable: "any", io: "input" }).properties ?? {}).map(([name, s]) => ({
    name,
    in: "query",
    required: false,
    schema: s,
  }));
const path = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });
const err = {
  description: "Error",
  content: { "application/json": { schema: { type: "object", properties: { error: { type: "object" } } } } },
};
const errors = Object.fromEntries(["400", "401", "403", "503"].map((c) => [c, err]));
const rate = { type: ["number", "null"], minimum: 0, maximum: 1 };
const readRate = { ...rate, description: "read ÷ delivered. A LOWER BOUND: recipients can turn read receipts off." };
const seconds = { type: ["number", "null"], description: "seconds" };
const ttr = {
  type: "object",
  description: "time-to-read in seconds; p50/p90 from a log histogram (within 4.4 %), mean exact",
  properties: { p50: seconds, p90: seconds, mean: seconds },
};
const counts = {
  sent: { type: "number" },
  delivered: { type: "number" },
  read: { type: "number" },
  failed: { type: "number" },
  pending: { type: "number" },
  deliveryRate: rate,
  readRate,
  readRateOfSent: rate,
};
const ci = { type: ["array", "null"], items: { type: "number" }, minItems: 2, maxItems: 2, description: "95% Wilson interval of readRate" };
const comparison = {
  type: "object",
  properties: {
    a: { type: "string" },
    b: { type: "string" },
    difference: { type: "number", description: "readRate(b) − readRate(a)" },
    pValue: { type: "number", description: "two-sided pooled two-proportion z-test" },
    significant: { type: "boolean", description: "p < 0.05" },
    verdict: { type: "string", description: "the result in plain words" },
  },
};
const obj = (properties: Record<string, unknown>) => ({ type: "object", properties });
const timeSummary = obj({ count: { type: "integer" }, p50: seconds, p90: seconds, mean: seconds });

function get(summary: string, query: z.ZodObject | null, body: Record<string, unknown>, extra: object[] = [], notFound = false) {
  return {
    get: {
      summary,
      security: [{ bearer: [] }],
      parameters: [...extra, ...(query ? params(query) : [])],
      responses: {
        "200": { description: "OK", content: { "application/json": { schema: body } } },
        ...errors,
        ...(notFound ? { "404": err } : {}),
      },
    },
  };
}

export function dashboardPaths() {
  return {
    "/api/v1/stats/kpis": get(
      "KPI cards: the overview of the range, of the period of equal length before it, and the change",
      filtersSchema,
      obj({ current: obj(counts), previous: obj(counts), change: { type: "object" } }),
    ),
    "/api/v1/stats/timeseries": get(
      "Counts by send-time bucket in tz (local midnight/hour with its offset; DST days have 23 or 25 hours)",
      timeseriesQuery,
      obj({
        unit: { type: "string" },
        tz: { type: "string" },
        buckets: {
          type: "array",
          items: obj({
            start: { type: "string", format: "date-time" },
            ...counts,
            immature: { type: "boolean", description: "sent < 24 h ago" },
          }),
        },
      }),
    ),
    "/api/v1/stats/funnel": get("sent → delivered → read, with failed and pending", filtersSchema, obj({ steps: { type: "array" } })),
    "/api/v1/stats/time-to-read": get(
      "Time-to-read distribution (<5 min … >24 h, exact bin edges in seconds) and the cumulative '% of delivered read within t' over mature cohorts",
      filtersSchema,
      obj({
        timeToRead: ttr,
        bins: { type: "array" },
        curve: { type: "array" },
        readWithin: {
          type: "array",
          description:
            "per point t (seconds) of the '% read within t' curve: delivered, read within the previous point and within t, over the cohorts sent at least t ago (for a Kaplan–Meier estimate)",
          items: obj({
            seconds: { type: "number" },
            delivered: { type: "number" },
            readBefore: { type: "number" },
            read: { type: "number" },
          }),
        },
      }),
    ),
    "/api/v1/stats/splits": get(
      "Every metric split by IM platform source or client platform",
      splitsQuery,
      obj({ by: { type: "string" }, splits: { type: "array", items: obj({ value: { type: "string" }, ...counts, timeToRead: ttr }) } }),
    ),
    "/api/v1/stats/heatmap": get(
      "Read rate by local send hour × ISO weekday (168 cells)",
      filtersSchema,
      obj({ tz: { type: "string" }, cells: { type: "array" } }),
    ),
    "/api/v1/stats/failure-reasons": get(
      "Failed deliveries by error code",
      filtersSchema,
      obj({
        reasons: {
          type: "array",
          items: obj({ code: { type: ["string", "null"] }, title: { type: ["string", "null"] }, count: { type: "integer" } }),
        },
      }),
    ),
    "/api/v1/campaigns": get(
      "Campaigns with their counters (all time unless from/to are given), sortable, searchable by title or id; format=csv gives the same table as CSV",
      campaignsQuery,
      obj({
        campaigns: {
          type: "array",
          items: obj({
            id: { type: "string" },
            title: { type: ["string", "null"] },
            ...counts,
            firstSentAt: { type: "string", format: "date-time" },
            lastSentAt: { type: "string", format: "date-time" },
            immature: { type: "boolean", description: "its newest cohort was sent < 24 h ago: the read rate will still rise" },
          }),
        },
      }),
    ),
    "/api/v1/campaigns/{id}": get(
      "A campaign: counters, readRateCi, timeToRead, variants, pairwise comparisons, heatmap, failure reasons",
      filtersSchema.omit({ campaignId: true }),
      obj({
        id: { type: "string" },
        ...counts,
        readRateCi: ci,
        timeToRead: ttr,
        variants: { type: "array", items: obj({ variant: { type: "string" }, ...counts, readRateCi: ci, timeToRead: ttr }) },
        comparisons: { type: "array", items: comparison },
        heatmap: { type: "object" },
        failureReasons: { type: "array" },
      }),
      [path("id")],
      true,
    ),
    "/api/v1/compare": get(
      "2–5 campaigns or variants (campaign:variant) side by side, each tested against the first; format=csv gives one row per cohort with its test",
      compareQuery,
      obj({
        cohorts: { type: "array", items: obj({ ref: { type: "string" }, ...counts, readRateCi: ci, timeToRead: ttr }) },
        comparisons: { type: "array", items: comparison },
      }),
    ),
    "/api/v1/announcements": get(
      "Announcements the caller may see, newest first, with acknowledgement counted per member; overdue = not acknowledged by the due time (or `hours` after the first send when it has none), 0 before the deadline",
      announcementsQuery,
      obj({
        announcements: {
          type: "array",
          items: obj({
            id: { type: "string" },
            title: { type: ["string", "null"] },
            team: { type: ["object", "null"], properties: { id: { type: "string" }, name: { type: ["string", "null"] } } },
            sentAt: { type: "string", format: "date-time" },
            dueAt: { type: ["string", "null"], format: "date-time" },
            targeted: { type: "integer" },
            acknowledged: { type: "integer" },
            rate: { ...rate, description: "acknowledged ÷ targeted" },
            overdue: { type: "integer" },
          }),
        },
      }),
    ),
    "/api/v1/announcements/{id}/nudge": {
      post: {
        summary:
          "Nudge the overdue members: one Standard Webhooks-signed POST (webhook-id, webhook-timestamp, webhook-signature) of " +
          '{type:"announcement.nudge", announcementId, title, deadline, overdue:[{recipientId, name}]} to the workspace\'s nudge webhook. ' +
          "Signed-in managers (their teams' announcements) and admins; audited",
        security: [{ session: [] }],
        parameters: [path("id")],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: obj({
                deadline: { type: "string", format: "date-time", description: "overrides the due time" },
                hours: { type: "number", description: "without a due time: overdue this many hours after the first send" },
              }),
            },
          },
        },
        responses: {
          "200": {
            description: "The receiver accepted it",
            content: {
              "application/json": {
                schema: obj({ sent: { type: "integer" }, status: { type: "integer" }, webhookId: { type: "string" } }),
              },
            },
          },
          ...errors,
          "404": err,
          "409": { ...err, description: "No nudge webhook is configured (the message says where an admin sets it)" },
          "502": { ...err, description: "The receiver failed or was unreachable; `receiverStatus` is its HTTP status" },
        },
      },
    },
    "/api/v1/announcements/{id}": get(
      "Announcement roster, acknowledgement over time, overdue list (vs deadline or the announcement's due time)",
      announcementQuery,
      obj({
        targeted: { type: "integer" },
        acknowledged: { type: "integer" },
        rate,
        members: {
          type: "array",
          items: obj({
            recipientId: { type: "string" },
            name: { type: ["string", "null"] },
            status: { type: "string" },
            readAt: { type: ["string", "null"] },
            timeToRead: seconds,
          }),
        },
        overTime: { type: "array" },
        overdue: { type: "array" },
      }),
      [path("id")],
      true,
    ),
    "/api/v1/members/{id}/acknowledgements": get(
      "One member's acknowledgement history and median time-to-read",
      filtersSchema,
      obj({ memberId: { type: "string" }, rate, medianTimeToRead: seconds, history: { type: "array" } }),
      [path("id")],
    ),
    "/api/v1/support/response-times": get(
      "First-response and reply times (business hours when the workspace defines them, unless basis=calendar), distributions and per agent (with the read rate of the agent's answers); format=csv gives the per-agent table in the requested order. In calendar time p50/p90 come from log-scaled bins (within 4.4 %, like time-to-read); counts, means and the distribution are exact",
      responseTimesQuery,
      obj({
        basis: { type: "string", enum: ["calendar", "business"] },
        businessHours: {
          type: ["object", "null"],
          description: "the workspace's opening hours in `tz` (ISO weekdays 1 = Monday), null when none are defined",
          properties: { days: { type: "array", items: { type: "integer" } }, start: { type: "string" }, end: { type: "string" } },
        },
        tz: { type: "string" },
        firstResponse: timeSummary,
        reply: timeSummary,
        distribution: {
          type: "array",
          items: obj({
            label: { type: "string" },
            from: { type: "number" },
            to: { type: ["number", "null"] },
            firstResponse: { type: "integer" },
            reply: { type: "integer" },
          }),
        },
        perAgent: {
          type: "array",
          items: obj({
            agentId: { type: "string" },
            conversations: { type: "integer" },
            firstResponse: timeSummary,
            reply: timeSummary,
            messages: obj({ sent: { type: "integer" }, delivered: { type: "integer" }, read: { type: "integer" }, readRate: rate }),
          }),
        },
      }),
    ),
    "/api/v1/support/follow-ups": get(
      "Support answers unread after N hours (default: the workspace's), oldest first, cursor-paginated; format=csv streams the whole list",
      followUpsQuery,
      obj({ hours: { type: "number" }, followUps: { type: "array" }, nextCursor: { type: ["string", "null"] } }),
    ),
    "/api/v1/messages": get(
      "The latest messages (at most `limit`, default 50) sent in the range with their delivery counts; q searches the message id, status keeps messages with a delivery in that status",
      messagesQuery,
      obj({
        messages: {
          type: "array",
          items: obj({
            id: { type: "string" },
            kind: { type: "string" },
            title: { type: ["string", "null"] },
            senderId: { type: ["string", "null"] },
            sentAt: { type: "string" },
            sent: { type: "integer" },
            delivered: { type: "integer" },
            read: { type: "integer" },
            failed: { type: "integer" },
          }),
        },
      }),
    ),
    "/api/v1/deliveries": {
      get: {
        ...get(
          "The deliveries behind any count (same filters and zone), cursor-paginated; format=csv streams the whole list",
          deliveriesQuery,
          obj({
            deliveries: { type: "array" },
            nextCursor: { type: ["string", "null"] },
            total: {
              type: ["integer", "null"],
              description: "how many deliveries the whole list holds; on the first page (no cursor) only",
            },
          }),
        ).get,
      },
    },
    "/api/v1/activity": get(
      "The latest receipts the caller may see (newest first, duplicates left out, no recipient ids): the Overview's live feed",
      activityQuery,
      obj({
        events: {
          type: "array",
          items: obj({
            id: { type: "string" },
            type: { type: "string" },
            messageId: { type: "string" },
            title: { type: ["string", "null"] },
            kind: { type: "string" },
            occurredAt: { type: "string", format: "date-time" },
            receivedAt: { type: "string", format: "date-time" },
            sourceName: { type: ["string", "null"] },
          }),
        },
      }),
    ),
    "/api/v1/stream": {
      get: {
        summary:
          "Server-Sent Events (event `receipts`) of receipt updates the caller may see; resume with Last-Event-ID; `reset` means refetch",
        security: [{ bearer: [] }],
        parameters: [
          { name: "Last-Event-ID", in: "header", required: false, schema: { type: "string" } },
          { name: "lastEventId", in: "query", required: false, schema: { type: "string" } },
        ],
        responses: {
          "200": { description: "text/event-stream", content: { "text/event-stream": { schema: { type: "string" } } } },
          ...errors,
        },
      },
    },
  };
}
