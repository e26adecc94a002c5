import { z } from "zod";
import { recordTokenUse, type AuditActor } from "../audit/audit-log";
import { authenticateToken, type TokenScope, type TokenViewer } from "../auth/api-tokens";
import { assertSameOrigin } from "../auth/csrf";
import { ROLES, type Role } from "../auth/roles";
import { sessionUser, type SessionUser } from "../auth/session";
import { getDb, type Db } from "../db/client";
import { scopeForToken, scopeForUser, type ViewerScope } from "../queries/scope";
import { parseJson, readBody, requireMediaType } from "./body";
import { ApiError, errorResponse, StorageUnavailableError } from "./errors";
import { enforceRateLimit } from "./rate-limit";

// The one route skeleton: open the database → authenticate → rate-limit → validate → handler → JSON.
// Handlers receive parsed input and the viewer's scope, never the raw request's loose ends.
// Callers are either an API token (`Authorization: Bearer`, checked against `scope`) or a
// signed-in user (session cookie, checked against `roles`, same-origin required on mutations).

export type Viewer = { kind: "token"; token: TokenViewer } | { kind: "user"; user: SessionUser };

/** JSON bodies of API routes (the batch endpoint reads its own, larger body). */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

interface Ctx<Q, P, B> {
  req: Request;
  db: Db;
  scope: ViewerScope;
  viewer: Viewer;
  /** Who is acting, for the audit log. */
  actor: AuditActor;
  query: Q;
  params: P;
  body: B;
}

export function withApi<QS extends z.ZodType = z.ZodObject, P = Record<string, string>, BS extends z.ZodType = z.ZodUndefined>(opts: {
  /** API tokens holding this scope may call the route; omitted: tokens may not. */
  scope?: TokenScope;
  /** Signed-in users with these roles may call it. Default: every role on "read" routes, nobody otherwise. */
  roles?: readonly Role[];
  query?: QS;
  /** A JSON body, validated (at most MAX_JSON_BODY_BYTES; 413 above, 415 when not JSON). */
  body?: BS;
  handler: (ctx: Ctx<z.infer<QS>, P, z.infer<BS>>) => Promise<unknown>;
}) {
  const roles = opts.roles ?? (opts.scope === "read" ? ROLES : []);
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const db = await getDb().catch((e) => {
        throw new StorageUnavailableError(e);
      });
      const { viewer, scope } = await authenticate(db, req, opts.scope, roles);
      if (viewer.kind === "token") {
        enforceRateLimit("token", viewer.token.tokenId);
        await recordTokenUse(db, viewer.token.workspaceId, viewer.token.tokenId, req);
      }
      const url = new URL(req.url);
      const query = (opts.query ?? z.object({})).parse(Object.fromEntries(url.searchParams)) as z.infer<QS>;
      let body = undefined as z.infer<BS>;
      if (opts.body) {
        requireMediaType(req, ["application/json"]);
        body = opts.body.parse(parseJson((await readBody(req, MAX_JSON_BODY_BYTES)).toString("utf8"))) as z.infer<BS>;
      }
      const params = await route.params;
      const actor: AuditActor =
        viewer.kind === "token" ? { type: "token", id: viewer.token.tokenId } : { type: "user", id: viewer.user.id };
      const result = await opts.handler({ req, db, scope, viewer, actor, query, params, body });
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
