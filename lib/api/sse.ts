import type { ViewerScope } from "../queries/scope";
import { streamHub, visibleNotice, type HubEvent } from "../realtime/stream-hub";

// GET /api/v1/stream: Server-Sent Events of receipt updates the viewer may see. Resumable with
// Last-Event-ID (header, or `lastEventId` in the query for the first connection); a comment line
// every 15 s keeps proxies from closing an idle stream; everything is released on disconnect.

const HEARTBEAT_MS = 15_000;
const encoder = new TextEncoder();

function frame(e: HubEvent, scope: ViewerScope): string | null {
  const n = visibleNotice(e.notice, scope);
  if (!n) return null;
  const data = {
    at: n.at,
    deliveries: n.deliveries.map((d) => ({
      messageId: d.messageId,
      recipientId: d.recipientId,
      status: d.status,
      senderId: d.senderId,
      conversationId: d.conversationId,
      campaignId: d.campaignId,
      announcementId: d.announcementId,
    })),
  };
  return `id: ${e.id}\nevent: receipts\ndata: ${JSON.stringify(data)}\n\n`;
}

export function sseResponse(req: Request, scope: ViewerScope, opts: { heartbeatMs?: number } = {}): Response {
  const lastEventId = req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("lastEventId");
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const sub = streamHub().subscribe((e) => {
        const f = frame(e, scope);
        if (f) send(f);
      }, lastEventId);
      const timer = setInterval(() => send(`: heartbeat\n\n`), opts.heartbeatMs ?? HEARTBEAT_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(timer);
        sub.unsubscribe();
        req.signal.removeEventListener("abort", cleanup);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      req.signal.addEventListener("abort", cleanup);
      send(`retry: 3000\n: connected\n\n`);
      // The client missed more than we kept (or we restarted): it must refetch, then follow.
      if (sub.reset) send(`event: reset\ndata: {}\n\n`);
      for (const e of sub.replay) {
        const f = frame(e, scope);
        if (f) send(f);
      }
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
