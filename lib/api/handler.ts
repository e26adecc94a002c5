import { z } from "zod";
import { authenticateToken, type TokenScope, type TokenViewer } from "../auth/api-tokens";
import { assertSameOrigin } from "../auth/csrf";
import { ROLES, type Role } from "../auth/roles";
import { sessionUser, type SessionUser } from "../auth/session";
import { getDb, type Db } from "../db/client";
import { scopeForToken, scopeForUser, type ViewerScope } from "../queries/scope";
import { ApiError, errorResponse, StorageUnavailableError } from "./errors";

// The one route skeleton: open the database → authenticate → validate → handler → JSON.
// Handlers receive parsed input and the viewer's scope, never the raw request's loose ends.
// Callers are either an API token (`Authorization: Bearer`, checked against `scope`) or a
// signed-in user (session cookie, checked against `roles`, same-origin required on mutations).

export type Viewer = { kind: "token"; token: TokenViewer } | { kind: "user"; user: SessionUser };

interface Ctx<Q, P> {
  req: Request;
  db: Db;
  scope: ViewerScope;
  viewer: Viewer;
  query: Q;
  params: P;
}

export function withApi<QS extends z.ZodType = z.ZodObject, P = Record<string, string>>(opts: {
  /** API tokens holding this scope may call the route; omitted: tokens may not. */
  scope?: TokenScope;
  /** Signed-in users with these roles may call it. Default: every role on "read" routes, nobody otherwise. */
  roles?: readonly Role[];
  query?: QS;
  handler: (ctx: Ctx<z.infer<QS>, P>) => Promise<unknown>;
}) {
  const roles = opts.roles ?? (opts.scope === "read" ? ROLES : []);
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const db = await getDb().catch((e) => {
        throw new StorageUnavailableError(e);
      });
      const { viewer, scope } = await authenticate(db, req, opts.scope, roles);
      const url = new URL(req.url);
      const query = (opts.query ?? z.object({})).parse(Object.fromEntries(url.searchParams)) as z.infer<QS>;
      const params = await route.params;
      const result = await opts.handler({ req, db, scope, viewer, query, params });
      return result instanceof Response ? result : Response.json(result);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

async function authenticate(
  db: Db,
  req: Request,
  tokenScope: TokenScope | undefined,
  roles: readonly Role[],
): Promise<{ viewer: Viewer; scope: ViewerScope }> {
  if (req.headers.has("authorization")) {
    if (!tokenScope) throw new ApiError("forbidden", "API tokens cannot call this route; it is for signed-in users.");
    const token = await authenticateToken(db, req, tokenScope);
    return { viewer: { kind: "token", token }, scope: scopeForToken(token) };
  }
  const user = req.headers.has("cookie") ? await sessionUser(db, req.headers) : null;
  if (!user)
    throw new ApiError(
      "unauthorized",
      tokenScope ? "Sign in, or send an API token as `Authorization: Bearer <token>`." : "Sign in first (no session, or it has expired).",
    );
  if (!roles.includes(user.role)) throw new ApiError("forbidden", `This is not available to the ${user.role} role.`);
  assertSameOrigin(req);
  return { viewer: { kind: "user", user }, scope: await scopeForUser(db, user) };
}
