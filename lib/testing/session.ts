import { POST as authPOST } from "@/app/api/auth/[...all]/route";
import { PASSWORD } from "./fixtures";

export const ORIGIN = "http://localhost:3000";

let n = 0;
const ip = () => `${Math.floor(++n / 250) % 250}.${(n % 250) + 1}`;

/** Signs in through the real sign-in route; returns the session cookie ("name=value"). */
export async function signIn(email: string, password = PASSWORD): Promise<string> {
  const res = await authPOST(signInRequest(email, password));
  if (res.status !== 200) throw new Error(`sign-in of ${email} answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.includes("session_token="));
  if (!cookie) throw new Error("sign-in set no session cookie");
  return cookie.split(";")[0];
}

export function signInRequest(email: string, password: string, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}/api/auth/sign-in/email`, {
    method: "POST",
    // A client address of its own per sign-in, so the library's per-IP limit does not pool all tests.
    headers: { "content-type": "application/json", origin: ORIGIN, "x-forwarded-for": `10.9.${ip()}`, ...headers },
    body: JSON.stringify({ email, password }),
  });
}

/** A same-origin request carrying the session cookie (as the app's own pages send it). */
export function withCookie(
  url: string,
  cookie: string,
  init: Omit<RequestInit, "headers"> & { headers?: Record<string, string> } = {},
): Request {
  const headers: Record<string, string> = { cookie, ...init.headers };
  if (init.method && init.method !== "GET" && !("origin" in headers)) headers.origin = ORIGIN;
  return new Request(url.startsWith("http") ? url : `${ORIGIN}${url}`, { ...init, headers });
}
