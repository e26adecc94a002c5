import type { TokenViewer } from "../auth/api-tokens";

// Every query function takes a ViewerScope and applies it in SQL; there is no unscoped query to
// call by mistake. API tokens see their whole workspace; user roles (agents, managers, marketers)
// narrow it further with `senderIds` and `kinds`.

export interface ViewerScope {
  workspaceId: string;
  /** When set, only messages sent by these sender ids are visible. */
  senderIds?: string[];
  /** When set, only messages of these kinds are visible. */
  kinds?: string[];
}

export function scopeForToken(viewer: TokenViewer): ViewerScope {
  return { workspaceId: viewer.workspaceId };
}
