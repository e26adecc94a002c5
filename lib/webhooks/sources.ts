import type { Db } from "../db/client";
import { unseal } from "../crypto/secret-box";
import type { Platform } from "../generated/prisma/enums";

export interface ResolvedSource {
  id: string;
  workspaceId: string;
  platform: Platform;
  enabled: boolean;
  /** Current secret first, then the previous one while its rotation grace period lasts. */
  secrets: string[];
  verifyToken: string | null;
  publicBaseUrl: string | null;
  /** The platform's app id (Tencent SdkAppid, Stream API key, Sendbird app_id), checked when set. */
  appId: string | null;
}

// Webhooks hit the same few sources thousands of times a second; a short cache keeps the source
// lookup and secret unsealing off the hot path, and still picks up edits within seconds. Only
// sources that exist are kept: ids in URLs are anyone's to choose, and remembering each unknown
// one would let a client grow the process's memory without bound.
const TTL_MS = 5_000;
const cache = new Map<string, { at: number; source: ResolvedSource }>();

export async function findSource(db: Db, id: string): Promise<ResolvedSource | null> {
  const hit = cache.get(id);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.source;
  const row = await db.prisma.source.findUnique({ where: { id } });
  const source: ResolvedSource | null = row && {
    id: row.id,
    workspaceId: row.workspaceId,
    platform: row.platform,
    enabled: row.enabled,
    secrets: [
      unseal(row.secretSealed),
      ...(row.previousSecretSealed && row.previousSecretUntil && row.previousSecretUntil > new Date()
        ? [unseal(row.previousSecretSealed)]
        : []),
    ],
    verifyToken: row.verifyToken,
    publicBaseUrl: row.publicBaseUrl,
    appId: row.appId,
  };
  if (source) cache.set(id, { at: Date.now(), source });
  else cache.delete(id);
  return source;
}

/** Sources held in the cache (for tests). */
export function cachedSources(): number {
  return cache.size;
}

export function forgetSource(id?: string): void {
  if (id) cache.delete(id);
  else cache.clear();
}
