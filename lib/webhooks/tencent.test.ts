import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import { asWebhookRequest, tencentRequest } from "../testing/platforms";
import { parseTencent, tencent, tencentC2cConversation, verifyTencent } from "./tencent";

// Test vector of docs/platforms.md §2.4: Sign = SHA-256("test_callback_token" + "1769139600").
const TOKEN = "test_callback_token";
const SIGN = "73b1c29aa709d68e6ce00a5db4119fa0b03dd419d273d10dd7b999683b06e3e3";
const T = 1769139600;
const BASE = "https://receipts.example.com/api/webhooks/tc";
const REPORT =
  '{"CallbackCommand":"C2C.CallbackAfterMsgReport","Report_Account":"user_b","Peer_Account":"user_a","LastReadTime":1614754606,"UnreadMsgNum":7,"EventTime":1670574414123}';
const at = (seconds: number) => new Date(seconds * 1000);
const source = { secrets: [TOKEN], appId: "1400000001" };

function status(fn: () => unknown): number {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return (err as ApiError).status;
  }
  return 200;
}
const signed = (body: string, opts: Parameters<typeof tencentRequest>[3] = { requestTime: T }) => tencentRequest(BASE, TOKEN, body, opts);

describe("Tencent Cloud IM adapter", () => {
  it("computes the documented Sign and accepts it within ±60 s", () => {
    expect(createHash("sha256").update("test_callback_token1769139600").digest("hex")).toBe(SIGN);
    const url = `${BASE}?SdkAppid=1400000001&CallbackCommand=C2C.CallbackAfterMsgReport&contenttype=json&ClientIP=1.2.3.4&OptPlatform=iOS&Sign=${SIGN}&RequestTime=${T}`;
    const req = (receivedAt: Date) => asWebhookRequest({ url, body: REPORT, headers: { "content-type": "application/json" } }, receivedAt);
    expect(status(() => verifyTencent(req(at(T + 60)), source))).toBe(200);
    expect(status(() => verifyTencent(req(at(T - 60)), source))).toBe(200);
    expect(status(() => verifyTencent(req(at(T + 61)), source))).toBe(401);
    expect(status(() => verifyTencent(req(at(T - 61)), source))).toBe(401);
  });

  it("rejects a wrong token, a missing Sign, another SdkAppid", () => {
    const good = signed(REPORT);
    expect(status(() => verifyTencent(asWebhookRequest(good, at(T)), { secrets: ["other"] }))).toBe(401);
    const noSign = new URL(good.url);
    noSign.searchParams.delete("Sign");
    expect(status(() => verifyTencent(asWebhookRequest({ ...good, url: noSign.toString() }, at(T)), source))).toBe(401);
    expect(status(() => verifyTencent(asWebhookRequest(signed(REPORT, { requestTime: T, sdkAppId: "1400009999" }), at(T)), source))).toBe(
      401,
    );
    // A changed RequestTime with the old Sign does not verify.
    const moved = new URL(good.url);
    moved.searchParams.set("RequestTime", String(T + 5));
    expect(status(() => verifyTencent(asWebhookRequest({ ...good, url: moved.toString() }, at(T)), source))).toBe(401);
  });

  it("maps C2C MsgReport to a watermark of the reader in the C2C conversation", () => {
    const { events } = parseTencent(asWebhookRequest(signed(REPORT), at(T)), source);
    expect(events).toEqual([
      expect.objectContaining({
        type: "conversation.read",
        key: "tc:C2C.CallbackAfterMsgReport:user_b:user_a:1614754606",
        conversationId: tencentC2cConversation("user_a", "user_b"),
        readerId: "user_b",
        readUpTo: at(1614754606),
        occurredAt: new Date(1670574414123),
      }),
    ]);
    expect(tencentC2cConversation("user_b", "user_a")).toBe(tencentC2cConversation("user_a", "user_b"));
  });

  it("maps C2C per-message read receipts with the client platform from OptPlatform", () => {
    const body =
      '{"CallbackCommand":"C2C.CallbackAfterMsgReadReceipt","Operator_Account":"user_b","Peer_Account":"user_a","C2CMsgInfo":[{"From_Account":"user_a","To_Account":"user_b","MsgKey":"33973751_24064952_1769139583","MsgId":"144115433090395387-1769139578-24064952"}],"EventTime":1769139587754}';
    const { events } = parseTencent(asWebhookRequest(signed(body, { requestTime: T, platform: "Android" }), at(T)), source);
    expect(events[0]).toMatchObject({
      type: "message.read",
      key: "tc:C2C.CallbackAfterMsgReadReceipt:33973751_24064952_1769139583:user_b",
      messageId: "33973751_24064952_1769139583",
      recipientId: "user_b",
      clientPlatform: "android",
      occurredAt: new Date(1769139587754),
    });
  });

  it("maps group read receipts per MsgSeq and member, with EventTime sent as a string", () => {
    const body =
      '{"CallbackCommand":"Group.CallbackAfterReadReceipt","GroupId":"@TGS#2TTV7VSII","Type":"Public","GroupMsgReceiptList":[{"MsgSeq":1,"ReadNum":2,"UnreadNum":5,"ReadReceiptMembers":[{"Member_Account":"user_c"},{"Member_Account":"user_d"}]},{"MsgSeq":2,"ReadNum":1,"UnreadNum":6,"ReadReceiptMembers":[{"Member_Account":"user_c"}]}],"EventTime":"1670574414123"}';
    const { events } = parseTencent(asWebhookRequest(signed(body), at(T)), source);
    expect(events.map((e) => ["messageId" in e && e.messageId, "recipientId" in e && e.recipientId, e.key])).toEqual([
      ["@TGS#2TTV7VSII:1", "user_c", "tc:Group.CallbackAfterReadReceipt:@TGS#2TTV7VSII:1:user_c"],
      ["@TGS#2TTV7VSII:1", "user_d", "tc:Group.CallbackAfterReadReceipt:@TGS#2TTV7VSII:1:user_d"],
      ["@TGS#2TTV7VSII:2", "user_c", "tc:Group.CallbackAfterReadReceipt:@TGS#2TTV7VSII:2:user_c"],
    ]);
    expect(events[0].occurredAt).toEqual(new Date(1670574414123));
  });

  it("registers C2C sends without their content, and skips failed sends and other commands", () => {
    const send = (result: number) =>
      JSON.stringify({
        CallbackCommand: "C2C.CallbackAfterSendMsg",
        From_Account: "agent-1",
        To_Account: "user_b",
        MsgSeq: 48374,
        MsgRandom: 2837546,
        MsgTime: 1769139500,
        MsgKey: "48374_2837546_1769139500",
        MsgBody: [{ MsgType: "TIMTextElem", MsgContent: { Text: "hello there" } }],
        SendMsgResult: result,
      });
    const { events } = parseTencent(asWebhookRequest(signed(send(0)), at(T)), source);
    expect(events[0]).toMatchObject({
      type: "message.sent",
      message: { id: "48374_2837546_1769139500", senderId: "agent-1", conversationId: tencentC2cConversation("agent-1", "user_b") },
      recipientIds: ["user_b"],
      occurredAt: at(1769139500),
    });
    expect(JSON.stringify(events[0].payload)).not.toContain("hello there");
    expect(parseTencent(asWebhookRequest(signed(send(20006)), at(T)), source)).toEqual({ events: [], ignored: 1 });
    expect(parseTencent(asWebhookRequest(signed('{"CallbackCommand":"State.StateChange"}'), at(T)), source)).toEqual({
      events: [],
      ignored: 1,
    });
  });

  it("replies with Tencent's JSON verdict", async () => {
    expect(await tencent.reply!({ accepted: 1, duplicates: 0, ignored: 0 }).json()).toEqual({
      ActionStatus: "OK",
      ErrorCode: 0,
      ErrorInfo: "",
    });
  });
});
