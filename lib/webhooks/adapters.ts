import type { Platform } from "../generated/prisma/enums";
import type { PlatformAdapter } from "./adapter";
import { parseGenericEvents, verifyStandardWebhook } from "./generic";
import { sendbird } from "./sendbird";
import { stream } from "./stream";
import { tencent } from "./tencent";
import { twilio } from "./twilio";
import { whatsapp } from "./whatsapp";

/** Every platform we accept webhooks from, by the source's platform. */
export const ADAPTERS: Record<Platform, PlatformAdapter> = {
  generic: {
    contentTypes: ["application/json"],
    verify: (req, source) => verifyStandardWebhook(req, source.secrets),
    parse: (req) => parseGenericEvents(req),
    replayHeaders: ["webhook-id", "svix-id"],
  },
  whatsapp,
  twilio,
  sendbird,
  tencent,
  stream,
};
