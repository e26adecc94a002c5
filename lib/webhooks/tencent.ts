import { z } from "zod";
import type { IngestEvent } from "../ingest/events";
import type { AdapterResult, AdapterSource, PlatformAdapter, WebhookRequest } from "./adapter";
import { canonicalEvent, iso } from "./events";
import { badRequest, fromEpoch, parseJsonBody, safeEqual, sha256Hex, unauthorized } from "./verify";

// Tencent Cloud IM third-party callbacks (docs/platforms.md §2.4). Authentication is a query
// Sign = hex SHA-256(token + RequestTime), valid ±60 s; it does not cover the body, so the
// SdkAppid must also be ours. Three read callbacks: C2C watermark (MsgReport), C2C per message
// (MsgReadReceipt) and group per MsgSeq (ReadReceipt); C2C sends register messages.

export const TENCENT_WINDOW_SECONDS = 60;

export function verifyTencent(req: WebhookRequest, source: AdapterSource): void {
  const q = new URL(req.url).searchParams;
  const sign = q.get("Sign");
  const time = q.get("RequestTime");
  if (!sign || !time)
    throw unauthorized("Sign and RequestTime are missing from the URL (turn on callback authentication in the Tencent IM console).");
  const requestTime = Number(time);
  if (!Number.isInteger(requestTime)) throw unauthorized("RequestTime is not Unix seconds.");
  const skew = Math.abs(req.receivedAt.getTime() / 1000 - requestTime);
  if (skew > TENCENT_WINDOW_SECONDS)
    throw unauthorized(
      `RequestTime is ${Math.round(skew)} s away from our clock (more than ${TENCENT_WINDOW_SECONDS} s): a replay or a stale retry.`,
    );
  if (!source.secrets.some((token) => safeEqual(sha256Hex(token + time), sign.toLowerCase()))) {
    throw unauthorized("Sign does not match the source's callback token.");
  }
  checkApp(q, source);
}

function checkApp(q: URLSearchParams, source: AdapterSource): void {
  const app = q.get("SdkAppid") ?? q.get("SdkAppId");
  if (source.appId && app !== source.appId) throw unauthorized(`SdkAppid ${app ?? "(none)"} is not this source's application.`);
}

/** A C2C chat's conversation id, the same whichever side is named first. */
export function tencentC2cConversation(a: string, b: string): string {
  return `c2c:${[a, b].sort().join("|")}`;
}

export function tencentGroupMessageId(groupId: string, msgSeq: number | string): string {
  return `${groupId}:${msgSeq}`;
}

const epochMs = z.union([z.number(), z.string()]).optional();
const msgReport = z.looseObject({
  Report_Account: z.string().min(1),
  Peer_Account: z.string().min(1),
  LastReadTime: z.number(),
  EventTime: epochMs,
});
const msgReadReceipt = z.looseObject({
  Operator_Account: z.string().min(1),
  C2CMsgInfo: z.array(z.looseObject({ From_Account: z.string().optional(), To_Account: z.string().optional(), MsgKey: z.string().min(1) })),
  EventTime: epochMs,
});
const groupReadReceipt = z.looseObject({
  GroupId: z.string().min(1),
  GroupMsgReceiptList: z.array(
    z.looseObject({
      MsgSeq: z.union([z.number(), z.string()]),
      ReadReceiptMembers: z.array(z.looseObject({ Member_Account: z.string().min(1) })).default([]),
    }),
  ),
  EventTime: epochMs,
});
const c2cSend = z.looseObject({
  From_Account: z.string().min(1),
  To_Account: z.string().min(1),
  MsgKey: z.string().min(1),
  MsgTime: z.number(),
  SendMsgResult: z.number().optional(),
});

function parseWith<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const p = schema.safeParse(body);
  if (!p.success) throw badRequest(`${p.error.issues[0].path.join(".")}: ${p.error.issues[0].message}`);
  return p.data;
}

export function parseTencent(req: WebhookRequest, source: AdapterSource): AdapterResult {
  const q = new URL(req.url).searchParams;
  checkApp(q, source);
  const body = parseJsonBody(req.body) as Record<string, unknown>;
  if (!body || typeof body !== "object") throw badRequest("The body is not a JSON object.");
  const command = typeof body.CallbackCommand === "string" ? body.CallbackCommand : q.get("CallbackCommand");
  const clientPlatform = q.get("OptPlatform");
  // EventTime is milliseconds (an integer, or a string in group callbacks); older payloads lack it.
  const eventTime = (v: unknown) => fromEpoch(v, "ms") ?? undefined;
  const payload = { ...body, OptPlatform: clientPlatform, SdkAppid: q.get("SdkAppid") };
  switch (command) {
    case "C2C.CallbackAfterMsgReport": {
      const b = parseWith(msgReport, body);
      const upTo = fromEpoch(b.LastReadTime, "s");
      if (!upTo) throw badRequest("LastReadTime: not Unix seconds");
      const event = canonicalEvent(
        {
          type: "conversation.read",
          id: `tc:${command}:${b.Report_Account}:${b.Peer_Account}:${b.LastReadTime}`,
          occurredAt: iso(eventTime(b.EventTime) ?? upTo),
          conversationId: tencentC2cConversation(b.Report_Account, b.Peer_Account),
          readerId: b.Report_Account,
          readUpTo: iso(upTo),
        },
        req.receivedAt,
        payload,
        command,
      );
      return { events: [event], ignored: 0 };
    }
    case "C2C.CallbackAfterMsgReadReceipt": {
      const b = parseWith(msgReadReceipt, body);
      const at = iso(eventTime(b.EventTime));
      const events = b.C2CMsgInfo.map((m, i): IngestEvent =>
        canonicalEvent(
          {
            type: "message.read",
            id: `tc:${command}:${m.MsgKey}:${b.Operator_Account}`,
            ...(at ? { occurredAt: at } : {}),
            messageId: m.MsgKey,
            recipientId: m.To_Account ?? b.Operator_Account,
            clientPlatform,
          },
          req.receivedAt,
          { ...payload, C2CMsgInfo: [m] },
          `C2CMsgInfo[${i}]`,
        ),
      );
      return { events, ignored: 0 };
    }
    case "Group.CallbackAfterReadReceipt": {
      const b = parseWith(groupReadReceipt, body);
      const at = iso(eventTime(b.EventTime));
      const events = b.GroupMsgReceiptList.flatMap((r, i) =>
        r.ReadReceiptMembers.map((m, j) =>
          canonicalEvent(
            {
              type: "message.read",
              id: `tc:${command}:${b.GroupId}:${r.MsgSeq}:${m.Member_Account}`,
              ...(at ? { occurredAt: at } : {}),
              messageId: tencentGroupMessageId(b.GroupId, r.MsgSeq),
              recipientId: m.Member_Account,
              clientPlatform,
            },
            req.receivedAt,
            { ...payload, GroupMsgReceiptList: [{ ...r, ReadReceiptMembers: [m] }] },
            `GroupMsgReceiptList[${i}].ReadReceiptMembers[${j}]`,
          ),
        ),
      );
      return { events, ignored: 0 };
    }
    case "C2C.CallbackAfterSendMsg": {
      const b = parseWith(c2cSend, body);
      // A send the platform refused (SendMsgResult ≠ 0) never reached the recipient.
      if (b.SendMsgResult) return { events: [], ignored: 1 };
      const at = fromEpoch(b.MsgTime, "s");
      const { MsgBody: _content, CloudCustomData: _custom, ...rest } = payload as Record<string, unknown>;
      void _content;
      void _custom;
      const event = canonicalEvent(
        {
          type: "message.sent",
          id: `tc:${command}:${b.MsgKey}`,
          occurredAt: iso(at),
          message: { id: b.MsgKey, senderId: b.From_Account, conversationId: tencentC2cConversation(b.From_Account, b.To_Account) },
          recipientId: b.To_Account,
        },
        req.receivedAt,
        rest,
        command,
      );
      return { events: [event], ignored: 0 };
    }
    default:
      return { events: [], ignored: 1 };
  }
}

export const tencent: PlatformAdapter = {
  contentTypes: ["application/json"],
  verify: verifyTencent,
  parse: parseTencent,
  // Tencent reads the JSON verdict, not only the status code.
  reply: () => Response.json({ ActionStatus: "OK", ErrorCode: 0, ErrorInfo: "" }),
};
