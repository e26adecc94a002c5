// The one way client components read our API: same-origin fetch with the session cookie,
// JSON in, `ApiRequestError` out. The message is the server's plain-words `error.message`
// (lib/api/errors.ts), so screens can show it as is.

export type ApiParams = Record<string, string | number | boolean | null | undefined>;

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** `/api/v1/…` path + params → URL string; empty and null params are left out, keys sorted. */
export function apiUrl(path: string, params: ApiParams = {}): string {
  const q = new URLSearchParams();
  for (const key of Object.keys(params).sort()) {
    const v = params[key];
    if (v === undefined || v === null || v === "") continue;
    q.set(key, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export async function fetchApi<T>(path: string, params: ApiParams = {}, init: RequestInit = {}): Promise<T> {
  const res = await fetch(apiUrl(path, params), {
    ...init,
    credentials: "same-origin",
    headers: { accept: "application/json", ...(init.body ? { "content-type": "application/json" } : {}), ...init.headers },
  });
  if (res.ok) return (res.status === 204 ? undefined : await res.json()) as T;
  let code = "internal";
  let message = res.statusText || `HTTP ${res.status}`;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
  } catch {
    // not our JSON error shape (e.g. a proxy's HTML page): keep the status text
  }
  throw new ApiRequestError(res.status, code, message);
}
