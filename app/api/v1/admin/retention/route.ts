import { withApi } from "@/lib/api/handler";
import { applyRetention } from "@/lib/privacy/retention";
import { getPrivacySettings } from "@/lib/privacy/settings";

export const dynamic = "force-dynamic";

/** Runs this workspace's retention now (the server also runs it hourly). */
export const POST = withApi({
  scope: "admin",
  roles: ["admin"],
  handler: async ({ db, scope }) => {
    const { retentionDays } = await getPrivacySettings(db, scope.workspaceId);
    const [r] = await applyRetention(db, { workspaceId: scope.workspaceId });
    return {
      retentionDays,
      cutoff: r?.cutoff.toISOString() ?? null,
      deletedEvents: r?.events ?? 0,
      deletedWaiting: r?.waiting ?? 0,
      more: r?.more ?? false,
    };
  },
});
