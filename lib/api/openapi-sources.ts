import { z } from "zod";
import { createSourceSchema, replaySchema, rotateSecretSchema, updateSourceSchema } from "../sources/admin";

// OpenAPI entries of source administration (/api/admin/sources…). Request bodies come from the
// zod schemas the routes validate with. Secrets appear in answers once at most: `secret` of
// create and rotate, for generic sources (whose secret we generate).

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { unrepresentable: "any", io: "input" });
const err = {
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
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), err]));
/** A signed-in admin, or a token with the admin scope. */
const security = [{ session: [] }, { bearer: [] }];
const id = [{ name: "id", in: "path", required: true, schema: { type: "string" } }];
const time = { type: ["string", "null"], format: "date-time" };
const int = { type: "integer" };
const source = {
  type: "object",
  properties: {
    id: { type: "string" },
    platform: { type: "string", enum: ["whatsapp", "twilio", "sendbird", "tencent", "stream", "generic"] },
    name: { type: "string" },
    enabled: { type: "boolean", description: "disabled sources' webhooks are answered 404" },
    webhookUrl: {
      type: "string",
      description: "to paste into the platform's console (public base URL, else PUBLIC_BASE_URL, else this request's origin)",
    },
    verifyToken: { type: ["string", "null"], description: "WhatsApp's subscription handshake token" },
    publicBaseUrl: { type: ["string", "null"] },
    appId: { type: ["string", "null"] },
    createdAt: { type: "string", format: "date-time" },
    previousSecretUntil: { ...time, description: "the previous secret is accepted until then (after a rotation)" },
    health: {
      type: "object",
      properties: {
        accepted: int,
        duplicates: int,
        outOfOrder: int,
        waiting: int,
        signatureFailures: int,
        parseErrors: int,
        lastEventAt: time,
        lastReceivedAt: time,
      },
    },
  },
};
const answer = (description: string, properties: Record<string, unknown>) => ({
  description,
  content: { "application/json": { schema: { type: "object", properties } } },
});
const body = (schema: z.ZodType) => ({ required: true, content: { "application/json": { schema: json(schema) } } });
const secretOnce = {
  type: ["string", "null"],
  description: "the generated secret of a generic source, in this answer only; null when the platform's secret was pasted",
};

export function sourcePaths() {
  return {
    "/api/admin/sources": {
      get: {
        summary: "The workspace's webhook sources: settings, webhook URL, ingestion counters (never a secret). Admins only",
        security,
        responses: { "200": answer("Sources", { sources: { type: "array", items: source } }), ...errors(401, 403, 429, 503) },
      },
      post: {
        summary:
          "Create a source. WhatsApp (app secret), Twilio (auth token), Sendbird (master API token), Tencent (callback token) and Stream (API secret) need the platform's secret as `secret`; generic sources get a generated whsec_ secret. Audited",
        security,
        requestBody: body(createSourceSchema),
        responses: { "201": answer("Created", { source, secret: secretOnce }), ...errors(400, 401, 403, 413, 415, 429, 503) },
      },
    },
    "/api/admin/sources/{id}": {
      get: {
        summary: "One source (never its secret). Admins only",
        security,
        parameters: id,
        responses: { "200": answer("Source", { source }), ...errors(401, 403, 404, 429, 503) },
      },
      patch: {
        summary: "Change name, enabled, verify token, public base URL or app id (null clears); effective within seconds. Audited",
        security,
        parameters: id,
        requestBody: body(updateSourceSchema),
        responses: { "200": answer("Changed", { source }), ...errors(400, 401, 403, 404, 413, 415, 429, 503) },
      },
    },
    "/api/admin/sources/{id}/rotate-secret": {
      post: {
        summary:
          "Replace the secret (paste the platform's new one; generic: generated). The previous secret stays valid for graceHours (default 24). Audited",
        security,
        parameters: id,
        requestBody: body(rotateSecretSchema),
        responses: { "200": answer("Rotated", { source, secret: secretOnce }), ...errors(400, 401, 403, 404, 413, 415, 429, 503) },
      },
    },
    "/api/admin/sources/{id}/replay": {
      post: {
        summary:
          "Re-run the source's stored webhook requests (received in [from, to) when given) through its current adapter; what is already stored is recognised. Audited",
        security,
        parameters: id,
        requestBody: body(replaySchema),
        responses: {
          "200": answer("Replayed", {
            report: {
              type: "object",
              properties: {
                requests: int,
                events: int,
                applied: int,
                alreadyStored: int,
                ignored: int,
                errors: {
                  type: "array",
                  items: { type: "object", properties: { requestId: { type: "string" }, message: { type: "string" } } },
                },
              },
            },
          }),
          ...errors(400, 401, 403, 404, 413, 415, 429, 503),
        },
      },
    },
  };
}
