// Session tokens must stay in the httpOnly cookie: better-auth also returns them in JSON bodies
// (sign-in, get-session, list-sessions), where any script on the page could read them.

export async function redactTokens(res: Response): Promise<Response> {
  if (!(res.headers.get("content-type") ?? "").includes("application/json")) return res;
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new Response(text, res);
  }
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify(strip(body)), { status: res.status, statusText: res.statusText, headers });
}

function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k !== "token")
        .map(([k, x]) => [k, strip(x)]),
    );
  return v;
}
