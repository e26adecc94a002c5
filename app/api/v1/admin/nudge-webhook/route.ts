import { withApi } from "@/lib/api/handler";
import { recordAudit } from "@/lib/audit/audit-log";
import { clearNudgeWebhook, getNudgeWebhook, nudgeWebhookSchema, setNudgeWebhook } from "@/lib/nudge/webhook-settings";

export const dynamic = "force-dynamic";

export const GET = withApi({
  scope: "admin",
  roles: ["admin"],
  handler: ({ db, scope }) => getNudgeWebhook(db, scope.workspaceId),
});

/** Sets the URL; the answer carries `secret` once, when a signing secret is made. */
export const PUT = withApi({
  scope: "admin",
  roles: ["admin"],
  body: nudgeWebhookSchema,
  handler: async ({ db, scope, actor, body }) => {
    const settings = await setNudgeWebhook(db, scope.workspaceId, body);
    await recordAudit(db, {
      workspaceId: scope.workspaceId,
      actor,
      action: "webhook.changed",
      target: "webhook:nudge",
      details: { url: body.url, newSecret: settings.secret !== undefined },
    });
    return settings;
  },
});

export const DELETE = withApi({
  scope: "admin",
  roles: ["admin"],
  handler: async ({ db, scope, actor }) => {
    const settings = await clearNudgeWebhook(db, scope.workspaceId);
    await recordAudit(db, {
      workspaceId: scope.workspaceId,
      actor,
      action: "webhook.changed",
      target: "webhook:nudge",
      details: { removed: true },
    });
    return settings;
  },
});
