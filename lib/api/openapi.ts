import { z } from "zod";
import { canonicalEventSchema } from "../ingest/canonical";
import { filtersSchema } from "../queries/filters";
import { dashboardPaths } from "./openapi-dashboard";

// The OpenAPI description of every route, served at /api/openapi.json. Request schemas come from
// the same zod schemas the routes validate with; a test fails when a route is missing here.

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { unrepresentable: "any", io: "input" });

const error = {
  description: "Error",
  content: {
    "application/json": {
      schema: {
        type: "object",
        properties: { error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } } } },
      },
    },
  },
};
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), error]));
const bearer = [{ bearer: [] }];
const rate = { type: ["number", "null"], minimum: 0, maximum: 1 };
const seconds = { type: ["number", "null"], description: "seconds" };

const queryParams = (schema: z.ZodObject) =>
  Object.entries(json(schema).properties ?? {}).map(([name, s]) => ({ name, in: "query", required: false, schema: s }));

export function openApiDocument() {
  const event = json(canonicalEventSchema);
  return {
    openapi: "3.1.0",
    info: { title: "Receipts API", version: "1.0.0", description: "Delivery and read receipts from IM platforms; read-rate analytics." },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } }, schemas: { CanonicalEvent: event } },
    paths: {
      "/api/webhooks/{sourceId}": {
        post: {
          summary: "Receive a platform's webhook (generic: Standard Webhooks-signed canonical events)",
          parameters: [
            { name: "sourceId", in: "path", required: true, schema: { type: "string" } },
            { name: "webhook-id", in: "header", required: true, schema: { type: "string" } },
            { name: "webhook-timestamp", in: "header", required: true, schema: { type: "string" } },
            { name: "webhook-signature", in: "header", required: true, schema: { type: "string" } },
          ],
          requestBody: {
            content: {
              "application/json": {
                schema: {
                  oneOf: [
                    { $ref: "#/components/schemas/CanonicalEvent" },
                    { type: "array", items: { $ref: "#/components/schemas/CanonicalEvent" } },
                  ],
                },
              },
            },
          },
          responses: {
            "200": {
              description: "Stored durably",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: { accepted: { type: "integer" }, duplicates: { type: "integer" }, ignored: { type: "integer" } },
                  },
                },
              },
            },
            ...errors(400, 401, 404, 413, 415, 501, 503),
          },
        },
      },
      "/api/v1/events": {
        post: {
          summary: "Ingest canonical events (NDJSON or a JSON array); valid lines are kept",
          security: bearer,
          parameters: [{ name: "source", in: "query", required: false, schema: { type: "string" } }],
          requestBody: {
            content: {
              "application/x-ndjson": { schema: { type: "string", description: "one CanonicalEvent per line" } },
              "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/CanonicalEvent" } } },
            },
          },
          responses: {
            "200": {
              description: "Stored",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      accepted: { type: "integer" },
                      duplicates: { type: "integer" },
                      errors: {
                        type: "array",
                        items: { type: "object", properties: { line: { type: "integer" }, message: { type: "string" } } },
                      },
                    },
                  },
                },
              },
            },
            ...errors(400, 401, 403, 404, 413, 415, 503),
          },
        },
      },
      "/api/v1/stats/overview": {
        get: {
          summary: "Headline numbers for deliveries sent in the range (cohorts by send time)",
          security: bearer,
          parameters: queryParams(filtersSchema),
          responses: {
            "200": {
              description: "Overview",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      sent: { type: "integer" },
                      delivered: { type: "integer" },
                      read: { type: "integer" },
                      failed: { type: "integer" },
                      pending: { type: "integer" },
                      deliveryRate: rate,
                      readRate: { ...rate, description: "read ÷ delivered; a lower bound" },
                      readRateOfSent: rate,
                      timeToRead: { type: "object", properties: { p50: seconds, p90: seconds, mean: seconds } },
                    },
                  },
                },
              },
            },
            ...errors(400, 401, 403, 503),
          },
        },
      },
      "/api/v1/messages/{id}": {
        get: {
          summary: "One message: its deliveries and its full status history from the event log",
          security: bearer,
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string" } },
            {
              name: "tz",
              in: "query",
              required: false,
              schema: { type: "string", description: "IANA time zone of the times in the answer" },
            },
          ],
          responses: { "200": { description: "Message detail" }, ...errors(400, 401, 403, 404, 503) },
        },
      },
      ...dashboardPaths(),
      "/api/openapi.json": { get: { summary: "This document", responses: { "200": { description: "OpenAPI 3.1" } } } },
      "/api/ping": {
        get: { summary: "Liveness", responses: { "200": { description: "ok" } } },
        post: { summary: "Liveness; the empty-route baseline of the ingestion benchmark", responses: { "200": { description: "ok" } } },
      },
    },
  };
}
