import { z } from "zod";
import { authenticateToken, type TokenScope } from "../auth/api-tokens";
import { getDb, type Db } from "../db/client";
import { scopeForToken, type ViewerScope } from "../queries/scope";
import { errorResponse, StorageUnavailableError } from "./errors";

// The one route skeleton: open the database → authenticate → validate → handler → JSON.
// Handlers receive parsed input and the viewer's scope, never the raw request's loose ends.

interface Ctx<Q, P> {
  req: Request;
  db: Db;
  scope: ViewerScope;
  query: Q;
  params: P;
}

export function withApi<QS extends z.ZodType = z.ZodObject, P = Record<string, string>>(opts: {
  scope: TokenScope;
  query?: QS;
  handler: (ctx: Ctx<z.infer<QS>, P>) => Promise<unknown>;
}) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const db = await getDb().catch((e) => {
        throw new StorageUnavailableError(e);
      });
      const viewer = await authenticateToken(db, req, opts.scope);
      const url = new URL(req.url);
      const query = (opts.query ?? z.object({})).parse(Object.fromEntries(url.searchParams)) as z.infer<QS>;
      const params = await route.params;
      const result = await opts.handler({ req, db, scope: scopeForToken(viewer), query, params });
      return result instanceof Response ? result : Response.json(result);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
