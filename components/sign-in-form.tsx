"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "./ui/button";
import { Input, Label } from "./ui/input";

/** Email + password against better-auth's endpoint; the session arrives as an httpOnly cookie. */
export function SignInForm() {
  const t = useTranslations("signIn");
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
    // The shell (navigation, user menu) renders on the server: refresh so it renders for the new session.
    if (res?.ok) {
      router.replace("/");
      return router.refresh();
    }
    if (res?.status === 429) return setError(t("tooMany"));
    setError(res && res.status < 500 ? t("wrong") : t("unavailable"));
  }

  return (
    <form className="flex flex-col gap-3" onSubmit={submit} aria-label={t("submit")}>
      <Label>
        {t("email")}
        <Input name="email" type="email" autoComplete="username" required autoFocus />
      </Label>
      <Label>
        {t("password")}
        <Input name="password" type="password" autoComplete="current-password" required />
      </Label>
      {error && (
        <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
          {error}
        </p>
      )}
      <Button type="submit" disabled={busy} className="mt-1">
        {busy ? t("busy") : t("submit")}
      </Button>
    </form>
  );
}
