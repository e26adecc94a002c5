"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import styles from "./auth.module.css";

/** Email + password against better-auth's endpoint; the session arrives as an httpOnly cookie. */
export function SignInForm() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const router = useRouter();

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
    }).catch(() => null);
    setBusy(false);
    // The shell (navigation, user menu) is in the root layout: refresh so it renders for the new session.
    if (res?.ok) {
      router.replace("/");
      return router.refresh();
    }
    if (res?.status === 429) {
      const body = await res.json().catch(() => null);
      return setError(body?.error?.message ?? "Too many attempts; wait a little and try again.");
    }
    setError(res && res.status < 500 ? "Wrong email or password." : "Sign-in is unavailable right now; try again shortly.");
  }

  return (
    <form className={`panel ${styles.signIn}`} onSubmit={submit} aria-label="Sign in">
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
