import { z } from "zod";
import { createTokenSchema } from "../auth/api-tokens";
import { createUserSchema, updateUserSchema } from "../auth/users";
import { canonicalEventSchema } from "../ingest/canonical";
import { auditQuerySchema } from "../audit/audit-log";
import { nudgeWebhookSchema } from "../nudge/webhook-settings";
import { privacyPatchSchema } from "../privacy/settings";
import { filtersSchema } from "../queries/filters";
import { dashboardPaths } from "./openapi-dashboard";
import { sourcePaths } from "./openapi-sources";

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
/** Read routes take an API token or a signed-in user's session cookie (scoped to their role). */
const bearerOrSession = [{ bearer: [] }, { session: [] }];
const adminSession = [{ session: [] }];
const tokenSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    scopes: { type: "array", items: { type: "string", enum: ["ingest", "read"] } },
    createdAt: { type: "string", format: "date-time" },
    lastUsedAt: { type: ["string", "null"], format: "date-time" },
    revokedAt: { type: ["string", "null"], format: "date-time" },
  },
};
const userSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", enum: ["admin", "manager", "marketer", "agent"] },
    senderIds: { type: "array", items: { type: "string" } },
    manages: { type: "array", items: { type: "string" }, description: "team ids this user manages" },
    createdAt: { type: "string", format: "date-time" },
  },
};
const userAnswer = (description: string) => ok(description, { user: userSchema });
const rate = { type: ["number", "null"], minimum: 0, maximum: 1 };
const seconds = { type: ["number", "null"], description: "seconds" };

const queryParams = (schema: z.ZodObject) =>
  Object.entries(json(schema).properties ?? {}).map(([name, s]) => ({ name, in: "query", required: false, schema: s }));

const ok = (description: string, properties: Record<string, unknown>) => ({
  description,
  content: { "application/json": { schema: { type: "object", properties } } },
});
const jsonBody = (schema: unknown) => ({ required: true, content: { "application/json": { schema } } });
const privacySettings = {
  pseudonymise: { type: "boolean", description: "recipient, reader and customer ids are stored as keyed hashes (p_…)" },
  retentionDays: { type: ["integer", "null"], description: "raw events older than this are deleted; null keeps them" },
};
const count = { type: "integer" };
const nudgeWebhook = {
  url: { type: ["string", "null"] },
  hasSecret: { type: "boolean", description: "a signing secret exists (it is never shown again)" },
};

export function openApiDocument() {
  const event = json(canonicalEventSchema);
  return {
    openapi: "3.1.0",
    info: { title: "Receipts API", version: "1.0.0", description: "Delivery and read receipts from IM platforms; read-rate analytics." },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "receipts.session_token",
          description: "Signed-in user (POST /api/auth/sign-in/email). Mutations must carry this app's Origin.",
        },
      },
      schemas: { CanonicalEvent: event },
    },
    paths: {
      "/api/webhooks/{sourceId}": {
        post: {
          summary: "Receive a platform's webhook; the source's platform decides authentication and parsing",
          description:
            "WhatsApp Cloud API (X-Hub-Signature-256), Twilio (X-Twilio-Signature over the public URL and the form parameters; JSON " +
            "bodies with bodySHA256), Sendbird (x-sendbird-signature), Tencent Cloud IM (Sign and RequestTime in the query, ±60 s), " +
            "Stream Chat (X-Signature, X-Webhook-Id) or generic (Standard Webhooks-signed canonical events). Answered only after the " +
            'events are stored; Tencent receives {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}.',
          parameters: [
            { name: "sourceId", in: "path", required: true, schema: { type: "string" } },
            { name: "webhook-id", in: "header", required: false, schema: { type: "string" }, description: "generic sources" },
            { name: "webhook-timestamp", in: "header", required: false, schema: { type: "string" }, description: "generic sources" },
            { name: "webhook-signature", in: "header", required: false, schema: { type: "string" }, description: "generic sources" },
          ],
          requestBody: {
            content: {
              "application/json": {
                schema: {
                  oneOf: [
                    { $ref: "#/components/schemas/CanonicalEvent" },
                    { type: "array", items: { $ref: "#/components/schemas/CanonicalEvent" } },
                    { type: "object", description: "the platform's own payload (WhatsApp, Sendbird, Tencent, Stream, Twilio JSON)" },
                  ],
                },
              },
              "application/x-www-form-urlencoded": { schema: { type: "object", description: "Twilio status callbacks" } },
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
            ...errors(400, 401, 404, 413, 415, 429, 503),
          },
        },
        get: {
          summary: "WhatsApp's subscription handshake: answers hub.challenge when hub.verify_token is the source's verify token",
          parameters: [
            { name: "sourceId", in: "path", required: true, schema: { type: "string" } },
            { name: "hub.mode", in: "query", required: true, schema: { type: "string", const: "subscribe" } },
            { name: "hub.verify_token", in: "query", required: true, schema: { type: "string" } },
            { name: "hub.challenge", in: "query", required: true, schema: { type: "string" } },
          ],
          responses: { "200": { description: "The challenge, as text/plain" }, ...errors(403, 404, 503) },
        },
      },
      "/api/v1/sources/{id}/health": {
        get: {
          summary: "Ingestion health of a source: counters, last event time and the last rejected requests (reason, time; never a secret)",
          security: bearer,
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": {
              description: "Source health",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      source: {
                        type: "object",
                        properties: {
                          id: { type: "string" },
                          platform: { type: "string" },
                          name: { type: "string" },
                          enabled: { type: "boolean" },
                        },
                      },
                      accepted: { type: "integer" },
                      duplicates: { type: "integer" },
                      outOfOrder: { type: "integer" },
                      waiting: { type: "integer" },
                      signatureFailures: { type: "integer" },
                      parseErrors: { type: "integer" },
                      lastEventAt: { type: ["string", "null"], format: "date-time" },
                      lastReceivedAt: { type: ["string", "null"], format: "date-time" },
                      rejected: {
                        type: "array",
                        items: {
                          type: "object",
                          properties: {
                            receivedAt: { type: "string", format: "date-time" },
                            status: { type: "integer" },
                            code: { type: "string" },
                            reason: { type: "string" },
                            excerpt: { type: ["string", "null"] },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
            ...errors(401, 403, 404, 503),
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
            ...errors(400, 401, 403, 404, 413, 415, 429, 503),
          },
        },
      },
      "/api/v1/stats/overview": {
        get: {
          summary: "Headline numbers for deliveries sent in the range (cohorts by send time)",
          security: bearerOrSession,
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
            ...errors(400, 401, 403, 429, 503),
          },
        },
      },
      "/api/v1/messages/{id}": {
        get: {
          summary: "One message: its deliveries and its full status history from the event log",
          security: bearerOrSession,
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string" } },
            {
              name: "tz",
              in: "query",
              required: false,
              schema: { type: "string", description: "IANA time zone of the times in the answer" },
            },
          ],
          responses: { "200": { description: "Message detail" }, ...errors(400, 401, 403, 404, 429, 503) },
        },
      },
      "/api/v1/admin/privacy": {
        get: {
          summary: "The workspace's privacy settings (admin scope)",
          security: bearer,
          responses: { "200": ok("Settings", privacySettings), ...errors(401, 403, 429, 503) },
        },
        patch: {
          summary: "Change pseudonymisation and retention (admin scope); audited",
          security: bearer,
          requestBody: jsonBody(json(privacyPatchSchema)),
          responses: { "200": ok("Settings after the change", privacySettings), ...errors(400, 401, 403, 413, 415, 429, 503) },
        },
      },
      "/api/v1/admin/nudge-webhook": {
        get: {
          summary: "The workspace's outgoing webhook for nudges: its URL and whether a signing secret exists (admin scope)",
          security: bearer,
          responses: { "200": ok("Settings", nudgeWebhook), ...errors(401, 403, 429, 503) },
        },
        put: {
          summary:
            "Set the nudge webhook's URL; a Standard Webhooks signing secret (whsec_…) is made the first time or on rotateSecret and shown once (admin scope); audited",
          security: bearer,
          requestBody: jsonBody(json(nudgeWebhookSchema)),
          responses: {
            "200": ok("Settings; `secret` only when a new one was made", { ...nudgeWebhook, secret: { type: "string" } }),
            ...errors(400, 401, 403, 413, 415, 429, 503),
          },
        },
        delete: {
          summary: "Remove the nudge webhook (URL and secret) (admin scope); audited",
          security: bearer,
          responses: { "200": ok("Settings after removal", nudgeWebhook), ...errors(401, 403, 429, 503) },
        },
      },
      "/api/v1/admin/erasure": {
        post: {
          summary:
            "Erase one recipient's data (deliveries, log events, parked receipts, watermarks, inbound messages, conversations, roster rows); rollups are reduced to match (admin scope); audited without the id",
          security: bearer,
          requestBody: jsonBody({
            type: "object",
            required: ["recipientId"],
            properties: { recipientId: { type: "string", description: "the id in clear; its pseudonym is erased too" } },
          }),
          responses: {
            "200": ok("Rows removed", {
              erased: {
                type: "object",
                properties: Object.fromEntries(
                  [
                    "deliveries",
                    "events",
                    "redactedEvents",
                    "waitingReceipts",
                    "watermarks",
                    "inboundMessages",
                    "conversations",
                    "rosterEntries",
                    "webhookRequests",
                  ].map((k) => [k, count]),
                ),
              },
            }),
            ...errors(400, 401, 403, 413, 415, 429, 503),
          },
        },
      },
      "/api/v1/admin/audit": {
        get: {
          summary: "The audit log, newest first, in pages (admin scope)",
          security: bearer,
          parameters: queryParams(auditQuerySchema),
          responses: {
            "200": ok("Entries", {
              entries: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    id: { type: "string" },
                    at: { type: "string", format: "date-time" },
                    actor: {
                      type: "object",
                      properties: { type: { enum: ["token", "user", "system"] }, id: { type: ["string", "null"] } },
                    },
                    action: { type: "string" },
                    target: { type: ["string", "null"] },
                    details: {},
                  },
                },
              },
              nextCursor: { type: ["string", "null"], description: "pass as cursor for the next page" },
            }),
            ...errors(400, 401, 403, 429, 503),
          },
        },
      },
      "/api/v1/admin/retention": {
        post: {
          summary: "Run this workspace's retention now (the server runs it hourly) (admin scope)",
          security: bearer,
          responses: {
            "200": ok("Deleted", {
              retentionDays: { type: ["integer", "null"] },
              cutoff: { type: ["string", "null"], format: "date-time" },
              deletedEvents: count,
              deletedWaiting: count,
              more: { type: "boolean", description: "the run stopped at its batch limit; more is left for the next" },
            }),
            ...errors(401, 403, 429, 503),
          },
        },
      },
      "/api/auth/{all}": {
        get: {
          summary: "better-auth endpoints: get-session, list-sessions, … (session tokens are never in the body)",
          parameters: [{ name: "all", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "See better-auth's documentation" }, ...errors(401, 403, 429) },
        },
        post: {
          summary: "better-auth endpoints: sign-in/email {email, password}, sign-out, revoke-sessions (sign out everywhere)",
          parameters: [{ name: "all", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "Sets or clears the session cookie" }, ...errors(400, 401, 403, 429, 503) },
        },
      },
      "/api/admin/tokens": {
        get: {
          summary: "The workspace's API tokens (never their values). Admins only",
          security: adminSession,
          responses: {
            "200": {
              description: "Tokens",
              content: {
                "application/json": { schema: { type: "object", properties: { tokens: { type: "array", items: tokenSchema } } } },
              },
            },
            ...errors(401, 403, 503),
          },
        },
        post: {
          summary: "Create an API token; its value (`secret`) is in this answer only",
          security: adminSession,
          requestBody: { content: { "application/json": { schema: json(createTokenSchema) } } },
          responses: {
            "201": {
              description: "Created",
              content: {
                "application/json": { schema: { type: "object", properties: { token: tokenSchema, secret: { type: "string" } } } },
              },
            },
            ...errors(400, 401, 403, 415, 503),
          },
        },
      },
      "/api/admin/tokens/{id}": {
        delete: {
          summary: "Revoke an API token at once. Admins only",
          security: adminSession,
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": {
              description: "Revoked",
              content: { "application/json": { schema: { type: "object", properties: { token: tokenSchema } } } },
            },
            ...errors(401, 403, 404, 503),
          },
        },
      },
      "/api/admin/users": {
        get: {
          summary: "The workspace's users, roles, sender ids and managed teams (never password data). Admins only",
          security: adminSession,
          responses: { "200": ok("Users", { users: { type: "array", items: userSchema } }), ...errors(401, 403, 503) },
        },
        post: {
          summary: "Create a user with a first password (at least 12 characters). Admins only; audited",
          security: adminSession,
          requestBody: jsonBody(json(createUserSchema)),
          responses: { "201": userAnswer("Created"), ...errors(400, 401, 403, 413, 415, 503) },
        },
      },
      "/api/admin/users/{id}": {
        patch: {
          summary: "Change a user's role, sender ids or managed teams. Role changes are audited; admins cannot demote themselves",
          security: adminSession,
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          requestBody: jsonBody(json(updateUserSchema)),
          responses: { "200": userAnswer("Changed"), ...errors(400, 401, 403, 404, 413, 415, 503) },
        },
        delete: {
          summary: "Remove a user and end their sessions. Admins only; not yourself; audited",
          security: adminSession,
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": userAnswer("Removed"), ...errors(400, 401, 403, 404, 503) },
        },
      },
      ...dashboardPaths(),
      ...sourcePaths(),
      "/api/openapi.json": { get: { summary: "This document", responses: { "200": { description: "OpenAPI 3.1" } } } },
      "/api/ping": {
        get: { summary: "Liveness", responses: { "200": { description: "ok" } } },
        post: {
          summary: "Liveness; the empty-route baseline of the ingestion benchmark",
          responses: { "200": { description: "ok" }, ...errors(413) },
        },
      },
    },
  };
}
