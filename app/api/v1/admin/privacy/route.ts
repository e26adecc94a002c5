import { withApi } from "@/lib/api/handler";
import { recordAudit } from "@/lib/audit/audit-log";
import { getPrivacySettings, privacyPatchSchema, updatePrivacySettings } from "@/lib/privacy/settings";

export const dynamic = "force-dynamic";

export const GET = withApi({
  scope: "admin",
  roles: ["admin"],
  handler: ({ db, scope }) => getPrivacySettings(db, scope.workspaceId),
});

export const PATCH = withApi({
  scope: "admin",
  roles: ["admin"],
  body: privacyPatchSchema,
  handler: async ({ db, scope, actor, body }) => {
    const settings = await updatePrivacySettings(db, scope.workspaceId, body);
    await recordAudit(db, { workspaceId: scope.workspaceId, actor, action: "privacy.changed", details: body });
    return settings;
  },
});
