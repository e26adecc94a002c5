import { describe, expect, it } from "vitest";
import { parseBatch, parseCanonical } from "./canonical";

const now = new Date("2026-11-20T10:00:00Z");

describe("canonical events", () => {
  it("parses every event type of the contract", () => {
    const lines = [
      {
        type: "message.sent",
        id: "e1",
        occurredAt: "2026-11-20T09:00:00Z",
        message: { id: "m1", kind: "campaign" },
        recipientId: "u1",
        clientPlatform: "iOS",
      },
      { type: "message.delivered", id: "e2", occurredAt: "2026-11-20T09:00:01+08:00", messageId: "m1", recipientId: "u1" },
      { type: "message.read", id: "e3", occurredAt: "2026-11-20T09:00:02Z", messageId: "m1", recipientId: "u1" },
      {
        type: "message.failed",
        id: "e4",
        occurredAt: "2026-11-20T09:00:02Z",
        messageId: "m1",
        recipientId: "u1",
        error: { code: 131049, title: "x" },
      },
      {
        type: "conversation.read",
        id: "e5",
        occurredAt: "2026-11-20T09:05:00Z",
        conversationId: "c1",
        readerId: "u1",
        readUpTo: "2026-11-20T09:05:00Z",
      },
      { type: "message.received", id: "e6", occurredAt: "2026-11-20T09:06:00Z", conversationId: "c1", senderId: "u1" },
    ];
    const { events, errors } = parseBatch(lines.map((l) => JSON.stringify(l)).join("\n"), false, now);
    expect(errors).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(lines.map((l) => l.type));
    expect(events[0]).toMatchObject({ clientPlatform: "ios", recipientIds: ["u1"] });
    expect(events[1].occurredAt.toISOString()).toBe("2026-11-20T01:00:01.000Z");
    expect(events[3]).toMatchObject({ error: { code: "131049", title: "x" } });
  });

  it("says which field is wrong", () => {
    const r = parseCanonical({ type: "message.read", id: "e", occurredAt: "yesterday", messageId: "m", recipientId: "u" }, now);
    expect(r).toEqual({ ok: false, message: expect.stringContaining("occurredAt") });
    const r2 = parseCanonical({ type: "message.sent", id: "e", message: { id: "m" } }, now);
    expect(r2).toEqual({ ok: false, message: expect.stringContaining("recipientId") });
  });

  it("uses arrival time when the event has none, and records that", () => {
    const r = parseCanonical({ type: "message.read", id: "e", messageId: "m", recipientId: "u" }, now);
    expect(r.ok && r.event.occurredAt).toEqual(now);
    expect(r.ok && r.event.timeSource).toBe("received");
  });

  it("reads a JSON array that starts with a byte order mark, as it reads such NDJSON", () => {
    const event = { type: "message.read", id: "bom", messageId: "m", recipientId: "u" };
    for (const [text, asArray] of [
      [`\uFEFF${JSON.stringify([event])}`, true],
      [`\uFEFF${JSON.stringify(event)}`, false],
    ] as const)
      expect(parseBatch(text, asArray, new Date()).events.map((e) => e.key)).toEqual(["bom"]);
  });

  it("keeps valid lines and reports bad ones by line number", () => {
    const body = ['{"type":"message.read","id":"a","messageId":"m","recipientId":"u"}', "", "{not json", '{"type":"nope","id":"b"}'].join(
      "\n",
    );
    const { events, errors } = parseBatch(body, false, now);
    expect(events).toHaveLength(1);
    expect(errors.map((e) => e.line)).toEqual([3, 4]);
    expect(errors[0].message).toMatch(/invalid JSON/);
  });

  it("numbers JSON array elements from 1", () => {
    const { errors } = parseBatch(
      JSON.stringify([{ type: "message.read", id: "a", messageId: "m", recipientId: "u" }, { type: "message.read" }]),
      true,
      now,
    );
    expect(errors).toEqual([{ line: 2, message: expect.any(String) }]);
  });
});

describe("canonical events with characters storage refuses", () => {
  it("rejects NUL characters with a clear error instead of failing the batch later", () => {
    const { events, errors } = parseBatch(
      [
        '{"type":"message.read","id":"a\\u0000b","messageId":"m","recipientId":"u"}',
        '{"type":"message.read","id":"ok","messageId":"m","recipientId":"u"}',
      ].join("\n"),
      false,
      new Date(),
    );
    expect(events.map((e) => e.key)).toEqual(["ok"]);
    expect(errors).toEqual([{ line: 1, message: expect.stringContaining("NUL") }]);
  });
});

describe("values PostgreSQL cannot store", () => {
  it("rejects each such line alone, saying why", () => {
    const ok = '{"type":"message.read","id":"ok","messageId":"m","recipientId":"u"}';
    const lines = [
      '{"type":"message.read","id":"e\\ud800","messageId":"m","recipientId":"u"}',
      '{"type":"message.read","id":"n","messageId":"m","recipientId":"u","extra":1e200000}',
      `{"type":"message.read","id":"d","messageId":"m","recipientId":"u","deep":${"[".repeat(40)}${"]".repeat(40)}}`,
      '{"type":"message.read","id":"C:\\\\u0000 is fine","messageId":"m","recipientId":"u"}',
      ok,
    ];
    const { events, errors } = parseBatch(lines.join("\n"), false, new Date());
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [1, expect.stringContaining("unpaired UTF-16 surrogate")],
      [2, expect.stringContaining("number out of range")],
      [3, expect.stringContaining("nested more than 32 levels")],
    ]);
    expect(events.map((e) => e.key)).toEqual(["C:\\u0000 is fine", "ok"]);
  });

  it("refuses an error code too long for the failure index, and stores a numeric code as parsed", () => {
    const failed = (id: string, code: string) =>
      `{"type":"message.failed","id":"${id}","messageId":"m","recipientId":"u","error":{"code":${code}}}`;
    const { events, errors } = parseBatch(
      [failed("long", JSON.stringify("码".repeat(201))), failed("tiny", "1e-20000"), failed("text", '"131049"')].join("\n"),
      false,
      new Date(),
    );
    expect(errors).toEqual([{ line: 1, message: expect.stringMatching(/^error\.code: /) }]);
    expect(events.map((e) => [e.key, e.type === "message.failed" && e.error?.code])).toEqual([
      ["tiny", "0"],
      ["text", "131049"],
    ]);
    // 1e-20000 is 0 here and out of range for PostgreSQL's numeric: its raw text is not stored.
    expect(events.map((e) => e.raw === undefined)).toEqual([true, false]);
  });
});
