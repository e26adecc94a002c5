"use client";

import { Check, Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "../ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "../ui/card";

// The pieces the Settings admin screens (tokens, users, sources) share: the error line, a titled
// section, the "shown once" panel for a new secret, a copy button, the plain select's look.

export const selectClass =
  "h-9 rounded-md border border-input bg-card px-2 text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring disabled:opacity-50";

/** The server's plain-words error message, or `fallback`. */
export async function errorOf(res: Response, fallback: string): Promise<string> {
  const body = await res.json().catch(() => null);
  return body?.error?.message ?? fallback;
}

export function ErrorAlert({ children }: { children: React.ReactNode }) {
  if (!children) return null;
  return (
    <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
      {children}
    </p>
  );
}

/** A card whose heading names it for assistive technology. */
export function AdminSection({
  id,
  title,
  action,
  children,
}: {
  id: string;
  title: string;
  action?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <Card aria-labelledby={id}>
      <CardHeader>
        <CardTitle id={id}>{title}</CardTitle>
        {action}
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

/** Copies `value` to the clipboard; says so for a moment. Keyboard-usable (a plain button). */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const t = useTranslations("settings");
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(value);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  }
  return (
    <Button type="button" variant="outline" size="sm" onClick={copy} aria-label={label}>
      {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
      <span aria-live="polite">{copied ? t("copied") : t("copy")}</span>
    </Button>
  );
}

/** A value shown once (a new token or secret): the message, the value with a copy button, and Done. */
export function ShownOnce({
  message,
  value,
  copyLabel,
  onDone,
  testId,
}: {
  message: string;
  value: string;
  copyLabel: string;
  onDone: () => void;
  testId?: string;
}) {
  const t = useTranslations("settings");
  return (
    <section
      role="status"
      data-testid={testId}
      className="flex flex-col gap-2 rounded-lg border border-primary/40 bg-primary/5 p-4 text-sm"
    >
      <p>{message}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code className="break-all rounded-md bg-muted px-2 py-1.5 font-mono text-xs">{value}</code>
        <CopyButton value={value} label={copyLabel} />
      </div>
      <Button type="button" variant="outline" size="sm" className="self-start" onClick={onDone}>
        {t("done")}
      </Button>
    </section>
  );
}
