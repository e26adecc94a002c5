import type { Signed } from "./platforms";
import { sendbirdRequest, streamRequest, tencentRequest, twilioRequest, whatsappRequest } from "./platforms";

// Recorded webhook streams per platform, built from the payload shapes of docs/platforms.md,
// each request with the time it arrived. They carry each platform's quirks: read without
// delivered, a late sent after delivered, delivered after failed (multi-device), the same
// POST from several subscribed apps, escaped unicode in signed bodies, retries.

export const SECRETS = {
  whatsapp: "wa_app_secret",
  twilio: "tw_auth_token",
  sendbird: "sb_master_token",
  tencent: "tc_callback_token",
  stream: "st_api_secret",
} as const;
export type StreamPlatform = keyof typeof SECRETS;

export interface Recorded {
  signed: Signed;
  /** Arrival time; Tencent signs a RequestTime one second before it. */
  at: Date;
}

export const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);
const s = (sec: number) => new Date(T0 + sec * 1000);
const unix = (sec: number) => String(Math.floor((T0 + sec * 1000) / 1000));

export function hookUrl(base: string, sourceId: string): string {
  return `${base}/api/webhooks/${sourceId}`;
}

function whatsapp(url: string): Recorded[] {
  const st = (id: string, status: string, sec: number, to: string, extra: object = {}) => ({
    id,
    status,
    timestamp: unix(sec),
    recipient_id: to,
    ...extra,
  });
  // Hand-written so that the signed bytes carry WhatsApp's \uXXXX escapes, as the platform sends them.
  const body = (statuses: object[]) =>
    `{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"J\\u00fcrgen \\u5f20"},"wa_id":"16505550001"}],"statuses":${JSON.stringify(statuses)}}}]}]}`;
  const pricing = {
    pricing: { billable: true, pricing_model: "PMP", type: "regular", category: "marketing" },
    biz_opaque_callback_data: "spring-sale",
  };
  const group = (status: string, sec: number, p: string) =>
    st("wamid.G1", status, sec, "120363000000000001", { recipient_type: "group", recipient_participant_id: p });
  const bodies: [number, string][] = [
    [
      10,
      body([
        st("wamid.A1", "sent", 0, "16505550001", pricing),
        st("wamid.A2", "sent", 0, "16505550002", pricing),
        st("wamid.A3", "sent", 0, "16505550003", pricing),
      ]),
    ],
    [20, body([st("wamid.A1", "delivered", 15, "16505550001", pricing)])],
    // Read with the chat open: no delivered webhook at all.
    [40, body([st("wamid.A2", "read", 35, "16505550002")])],
    // Multi-device: failed, then delivered on the other device.
    [
      50,
      body([
        st("wamid.A3", "failed", 45, "16505550003", {
          errors: [{ code: 131049, title: "Message not delivered to maintain healthy ecosystem engagement" }],
        }),
      ]),
    ],
    [70, body([st("wamid.A3", "delivered", 65, "16505550003")])],
    [90, body([st("wamid.A1", "read", 85, "16505550001")])],
    // A late sent after delivered and read.
    [100, body([st("wamid.A1", "sent", 0, "16505550001", pricing)])],
    [110, body([group("sent", 100, "16505550004"), group("sent", 100, "16505550005")])],
    [120, body([group("delivered", 115, "16505550004"), group("read", 118, "16505550005")])],
  ];
  const out = bodies.map(([sec, b]) => ({ signed: whatsappRequest(url, SECRETS.whatsapp, b), at: s(sec) }));
  // Every app subscribed to the account gets the same POST: a duplicate.
  out.push({ signed: out[5].signed, at: s(95) });
  return out;
}

function twilio(url: string): Recorded[] {
  const base = { AccountSid: "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", ApiVersion: "2010-04-01", From: "whatsapp:+14155238886" };
  const msg = (sid: string, to: string, status: string, extra: Record<string, string> = {}) =>
    twilioRequest(url, SECRETS.twilio, {
      ...base,
      MessageSid: sid,
      SmsSid: sid,
      To: `whatsapp:${to}`,
      MessageStatus: status,
      SmsStatus: status,
      ...extra,
    });
  const conv = (receipt: string, participant: string, status: string, updated: number) =>
    twilioRequest(url, SECRETS.twilio, {
      EventType: "onDeliveryUpdated",
      AccountSid: base.AccountSid,
      ConversationSid: "CH00000000000000000000000000000001",
      MessageSid: "IM00000000000000000000000000000001",
      DeliveryReceiptSid: receipt,
      ChannelMessageSid: "SM00000000000000000000000000000009",
      ParticipantSid: participant,
      Status: status,
      DateCreated: s(0).toISOString(),
      DateUpdated: s(updated).toISOString(),
    });
  return [
    { signed: msg("SM1", "+15550000001", "sent"), at: s(1) },
    { signed: msg("SM2", "+15550000002", "sent"), at: s(2) },
    { signed: msg("SM1", "+15550000001", "delivered"), at: s(10) },
    {
      signed: msg("SM2", "+15550000002", "undelivered", { ErrorCode: "30003", ErrorMessage: "Unreachable destination handset" }),
      at: s(12),
    },
    { signed: msg("SM1", "+15550000001", "read", { EventType: "READ", ChannelPrefix: "whatsapp" }), at: s(30) },
    // A retry of the same callback. Twilio gives no event time, so the first arrival's time is the
    // delivery time; the copy is recorded at the same time so that any order is comparable.
    { signed: msg("SM1", "+15550000001", "delivered"), at: s(10) },
    { signed: conv("DY1", "MB1", "sent", 3), at: s(4) },
    { signed: conv("DY2", "MB2", "sent", 3), at: s(4) },
    { signed: conv("DY1", "MB1", "read", 40), at: s(41) },
    { signed: conv("DY2", "MB2", "delivered", 20), at: s(21) },
  ];
}

function sendbird(url: string): Recorded[] {
  const channel = { channel_url: "sendbird_group_channel_support_1", custom_type: "support", cover_url: "https://example.com/c.png" };
  // Sendbird escapes slashes and non-ASCII in what it signs.
  const escape = (json: string) =>
    json.replaceAll("/", "\\/").replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const send = (id: number, sec: number) =>
    escape(
      JSON.stringify({
        category: "group_channel:message_send",
        sender: { user_id: "agent-amy", nickname: "Amy Ö" },
        members: [{ user_id: "agent-amy" }, { user_id: "user_b" }, { user_id: "user_c" }],
        type: "MESG",
        payload: { message: "Ihre Bestellung ist unterwegs", created_at: T0 + sec * 1000, message_id: id },
        channel,
        app_id: "00000000-0000-0000-0000-000000000000",
      }),
    );
  const read = (user: string, sec: number) =>
    escape(
      JSON.stringify({
        category: "group_channel:message_read",
        channel,
        read_updates: [{ user_id: user, read_ts: T0 + sec * 1000, channel_unread_message_count: 0 }],
        app_id: "00000000-0000-0000-0000-000000000000",
      }),
    );
  const r = (body: string, sec: number) => ({ signed: sendbirdRequest(url, SECRETS.sendbird, body), at: s(sec) });
  return [
    r(send(101, 0), 0),
    r(send(102, 60), 60),
    r(read("user_c", 30), 31),
    r(read("user_b", 90), 91),
    r(send(103, 120), 120),
    r(read("user_b", 90), 92),
  ];
}

function tencent(url: string): Recorded[] {
  const r = (body: object, sec: number, platform = "iOS") => ({
    signed: tencentRequest(url, SECRETS.tencent, JSON.stringify(body), { requestTime: Math.floor((T0 + sec * 1000) / 1000) - 1, platform }),
    at: s(sec),
  });
  const send = (key: string, sec: number, to = "user_b") => ({
    CallbackCommand: "C2C.CallbackAfterSendMsg",
    From_Account: "agent-ben",
    To_Account: to,
    MsgSeq: 1,
    MsgRandom: 2,
    MsgTime: Math.floor((T0 + sec * 1000) / 1000),
    MsgKey: key,
    MsgBody: [{ MsgType: "TIMTextElem", MsgContent: { Text: "你好" } }],
    SendMsgResult: 0,
  });
  return [
    r(send("k1", 0), 1),
    r(send("k2", 60), 61),
    r(
      {
        CallbackCommand: "C2C.CallbackAfterMsgReport",
        Report_Account: "user_b",
        Peer_Account: "agent-ben",
        LastReadTime: Math.floor(T0 / 1000) + 90,
        UnreadMsgNum: 0,
        EventTime: T0 + 95_000,
      },
      96,
    ),
    r(send("k3", 120), 121),
    r(send("k4", 10, "user_c"), 11),
    r(
      {
        CallbackCommand: "C2C.CallbackAfterMsgReadReceipt",
        Operator_Account: "user_c",
        Peer_Account: "agent-ben",
        C2CMsgInfo: [{ From_Account: "agent-ben", To_Account: "user_c", MsgKey: "k4", MsgId: "x-k4" }],
        EventTime: T0 + 50_000,
      },
      51,
      "Android",
    ),
    r(
      {
        CallbackCommand: "Group.CallbackAfterReadReceipt",
        GroupId: "@TGS#2TTV7VSII",
        Type: "Public",
        GroupMsgReceiptList: [{ MsgSeq: 7, ReadNum: 1, UnreadNum: 1, ReadReceiptMembers: [{ Member_Account: "user_d" }] }],
        EventTime: String(T0 + 70_000),
      },
      71,
      "Web",
    ),
  ];
}

function stream(url: string): Recorded[] {
  const cid = "messaging:support-7";
  const members = [{ user_id: "agent-dana" }, { user_id: "user_b" }, { user_id: "user_c" }];
  const msg = (id: string, sec: number, hook: string) => ({
    signed: streamRequest(
      url,
      SECRETS.stream,
      JSON.stringify({
        type: "message.new",
        cid,
        message: { id, text: "Hello", created_at: s(sec).toISOString(), user: { id: "agent-dana" } },
        user: { id: "agent-dana" },
        members,
      }),
      hook,
    ),
    at: s(sec + 1),
  });
  const read = (user: string, sec: number, hook: string, last: string) => ({
    signed: streamRequest(
      url,
      SECRETS.stream,
      JSON.stringify({
        type: "message.read",
        cid,
        channel_type: "messaging",
        channel_id: "support-7",
        user: { id: user },
        last_read_message_id: last,
        created_at: s(sec).toISOString(),
      }),
      hook,
    ),
    at: s(sec + 1),
  });
  const out = [
    msg("s1", 0, "h1"),
    msg("s2", 60, "h2"),
    read("user_b", 90, "h3", "s2"),
    msg("s3", 120, "h4"),
    read("user_c", 30, "h5", "s1"),
  ];
  // The same call delivered twice (X-Webhook-Id unchanged across attempts).
  out.push({ ...out[2], at: s(95) });
  return out;
}

export const STREAMS: Record<StreamPlatform, (url: string) => Recorded[]> = { whatsapp, twilio, sendbird, tencent, stream };
