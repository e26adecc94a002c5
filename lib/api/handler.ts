import { z } from "zod";
import { recordTokenUse, type AuditActor } from "../audit/audit-log";
import { authenticateToken, type TokenScope } from "../auth/api-tokens";
import { getDb, type Db } from "../db/client";
import { scopeForToken, type ViewerScope } from "../queries/scope";
import { parseJson, readBody, requireMediaType } from "./body";
import { errorResponse, StorageUnavailableError } from "./errors";
import { enforceRateLimit } from "./rate-limit";

// The one route skeleton: open the database → authenticate → rate-limit → validate → handler → JSON.
// Handlers receive parsed input and the viewer's scope, never the raw request's loose ends.

/** JSON bodies of API routes (the batch endpoint reads its own, larger body). */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

interface Ctx<Q, P, B> {
  req: Request;
  db: Db;
  scope: ViewerScope;
  /** Who is acting, for the audit log. */
  actor: AuditActor;
  query: Q;
  params: P;
  body: B;
}

export function withApi<QS extends z.ZodType = z.ZodObject, P = Record<string, string>, BS extends z.ZodType = z.ZodUndefined>(opts: {
  scope: TokenScope;
  query?: QS;
  /** A JSON body, validated (at most MAX_JSON_BODY_BYTES; 413 above, 415 when not JSON). */
  body?: BS;
  handler: (ctx: Ctx<z.infer<QS>, P, z.infer<BS>>) => Promise<unknown>;
}) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const db = await getDb().catch((e) => {
        throw new StorageUnavailableError(e);
      });
      const viewer = await authenticateToken(db, req, opts.scope);
      enforceRateLimit("token", viewer.tokenId);
      await recordTokenUse(db, viewer.workspaceId, viewer.tokenId, req);
      const url = new URL(req.url);
      const query = (opts.query ?? z.object({})).parse(Object.fromEntries(url.searchParams)) as z.infer<QS>;
      let body = undefined as z.infer<BS>;
      if (opts.body) {
        requireMediaType(req, ["application/json"]);
        body = opts.body.parse(parseJson((await readBody(req, MAX_JSON_BODY_BYTES)).toString("utf8"))) as z.infer<BS>;
      }
      const params = await route.params;
      const actor: AuditActor = { type: "token", id: viewer.tokenId };
      const result = await opts.handler({ req, db, scope: scopeForToken(viewer), actor, query, params, body });
      return result instanceof Response ? result : Response.json(result);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
