import { ApiError } from "./errors";

/** Read the raw body, refusing more than `limit` bytes without buffering them. */
export async function readBody(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > limit) throw tooLarge(limit);
  if (!req.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function tooLarge(limit: number): ApiError {
  return new ApiError("payload_too_large", `The body is larger than the limit of ${limit} bytes.`, { limit });
}

/** The media type without parameters, lower-cased ("application/json; charset=utf-8" → "application/json"). */
export function mediaType(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

export function requireMediaType(req: Request, allowed: string[]): string {
  const type = mediaType(req);
  if (!allowed.includes(type))
    throw new ApiError("unsupported_media_type", `Content-Type must be ${allowed.join(" or ")}; got ${type || "none"}.`);
  return type;
}

/** JSON.parse with an error that says where the body is broken. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError("bad_request", `The body is not valid JSON: ${(err as Error).message}`);
  }
}
