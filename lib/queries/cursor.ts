import { ApiError } from "../api/errors";

// Keyset cursors for delivery lists: the last row's (cohort time, message, recipient), opaque to
// clients. Stable under inserts, and every page is one index range scan.

export interface DeliveryCursor {
  at: string;
  m: string;
  r: string;
}

export function encodeCursor(c: DeliveryCursor): string {
  return Buffer.from(JSON.stringify([c.at, c.m, c.r])).toString("base64url");
}

export function decodeCursor(s: string): DeliveryCursor {
  try {
    const [at, m, r] = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as string[];
    if (typeof at !== "string" || Number.isNaN(Date.parse(at)) || typeof m !== "string" || typeof r !== "string") throw new Error();
    return { at, m, r };
  } catch {
    throw new ApiError("bad_request", "cursor: not a cursor this API returned.");
  }
}
