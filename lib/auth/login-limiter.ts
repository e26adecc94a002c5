// Failed sign-ins per account: after MAX_FAILURES within WINDOW_MS the account's sign-in answers
// 429 + Retry-After until the window passes, whatever the IP (the library limits per IP; this
// stops a slow guessing attack spread over many addresses). In memory: one process, restarts clear it.

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;

export class LoginLimiter {
  private failures = new Map<string, number[]>();

  constructor(
    private readonly max = MAX_FAILURES,
    private readonly windowMs = WINDOW_MS,
  ) {}

  /** Seconds until `key` may try again, or 0 when it may now. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    if (recent.length < this.max) return 0;
    return Math.max(1, Math.ceil((recent[recent.length - this.max] + this.windowMs - now) / 1000));
  }

  fail(key: string, now = Date.now()): void {
    const recent = this.recent(key, now);
    recent.push(now);
    this.failures.set(key, recent);
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value!);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }
}

const holder = globalThis as unknown as { __receiptsLoginLimiter?: LoginLimiter };
export function loginLimiter(): LoginLimiter {
  return (holder.__receiptsLoginLimiter ??= new LoginLimiter());
}
