import "server-only";
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { z } from "zod";
import { ApiError } from "../api/errors";
import { recordAudit, type AuditActor } from "../audit/audit-log";
import type { Db } from "../db/client";
import { getAnnouncement } from "../queries/get-announcement";
import type { ViewerScope } from "../queries/scope";
import { nudgeTarget } from "./webhook-settings";

// "Nudge overdue": one Standard Webhooks-signed POST to the workspace's outgoing webhook naming
// the members of an announcement who are overdue, so the receiving system (a chat bot, HR tool)
// can remind them. The deadline rules are the roster's (get-announcement.ts), so exactly the
// overdue members on screen are sent — those who still have not acknowledged.

export const nudgeBodySchema = z
  .object({
    /** Same meaning as on GET /api/v1/announcements/{id}: overrides the due time. */
    deadline: z.iso.datetime({ offset: true }).optional(),
    /** Without a due time: overdue this many hours after the first send. */
    hours: z
      .number()
      .positive()
      .max(24 * 365)
      .optional(),
  })
  .strict();
export type NudgeBody = z.infer<typeof nudgeBodySchema>;

export interface NudgePayload {
  type: "announcement.nudge";
  announcementId: string;
  title: string | null;
  deadline: string | null;
  overdue: { recipientId: string; name: string | null }[];
}

export interface NudgeResult {
  sent: number;
  status: number;
  webhookId: string;
}

const TIMEOUT_MS = 10_000;

export async function sendNudge(
  db: Db,
  scope: ViewerScope,
  actor: AuditActor,
  announcementId: string,
  body: NudgeBody,
  opts: { now?: Date } = {},
): Promise<NudgeResult> {
  // Not visible → 404 before anything else: a manager of another team learns nothing.
  const roster = await getAnnouncement(db, scope, announcementId, { tz: "UTC", ...body, now: opts.now });
  const target = await nudgeTarget(db, scope.workspaceId);
  if (!target)
    throw new ApiError(
      "not_configured",
      "No outgoing webhook is set up for nudges, so nobody was nudged. An admin sets its URL in Settings → Nudge webhook (/settings/nudge).",
    );
  if (!roster.deadline)
    throw new ApiError("bad_request", "This announcement has no due time: say after how many hours members are overdue (`hours`).");
  if (!roster.deadlinePassed) throw new ApiError("bad_request", "Nobody is overdue yet: the due time has not passed.");
  const overdue = roster.overdue.filter((m) => !m.acknowledged);
  if (overdue.length === 0) throw new ApiError("bad_request", "Nobody is overdue: every member has acknowledged it.");

  const payload: NudgePayload = {
    type: "announcement.nudge",
    announcementId,
    title: roster.title,
    deadline: roster.deadline,
    overdue: overdue.map((m) => ({ recipientId: m.recipientId, name: m.name })),
  };
  const text = JSON.stringify(payload);
  const webhookId = `msg_${randomBytes(12).toString("hex")}`;
  const at = new Date();
  const signature = new Webhook(target.secret).sign(webhookId, at, text);
  let status = 0;
  let failure: string | null = null;
  try {
    const res = await fetch(target.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Receipts-Nudge/1",
        "webhook-id": webhookId,
        "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
        "webhook-signature": signature,
      },
      body: text,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    status = res.status;
    await res.body?.cancel();
    if (status < 200 || status >= 300)
      failure = `The receiver answered HTTP ${status}; nobody was nudged. Check the receiving system and try again.`;
  } catch (e) {
    const reason = (e as Error).name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : "the connection failed";
    failure = `The nudge webhook could not be reached (${reason}); nobody was nudged. Check that the receiving system is up and try again.`;
  }
  // Audited either way; the entry holds how many were nudged, never who (audit-log.ts).
  await recordAudit(db, {
    workspaceId: scope.workspaceId,
    actor,
    action: "announcement.nudged",
    target: `announcement:${announcementId}`,
    details: { overdue: overdue.length, status, delivered: failure === null, webhookId },
  });
  if (failure) throw new ApiError("bad_gateway", failure, { receiverStatus: status || null });
  return { sent: overdue.length, status, webhookId };
}
