"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { NudgeWebhookSettings } from "@/lib/nudge/webhook-settings";
import { useApiMutation } from "@/lib/ui/use-api-query";
import { Button } from "./ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "./ui/card";
import { Input, Label } from "./ui/input";

type Saved = NudgeWebhookSettings & { secret?: string };

/** The outgoing webhook "Nudge overdue" posts to: URL, signing secret (shown once), removal. */
export function NudgeWebhookAdmin({ initial }: { initial: NudgeWebhookSettings }) {
  const t = useTranslations("nudgeWebhook");
  const [settings, setSettings] = useState(initial);
  const [secret, setSecret] = useState<string | null>(null);
  const save = useApiMutation<{ url: string; rotateSecret?: boolean }, Saved>("/api/v1/admin/nudge-webhook", "PUT");
  const remove = useApiMutation<undefined, NudgeWebhookSettings>("/api/v1/admin/nudge-webhook", "DELETE");
  const error = save.error ?? remove.error;

  const done = (s: Saved) => {
    setSettings({ url: s.url, hasSecret: s.hasSecret });
    setSecret(s.secret ?? null);
  };
  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const url = String(new FormData(e.currentTarget).get("url") ?? "");
    save.mutate({ url }, { onSuccess: done });
  }

  return (
    <div className="flex flex-col gap-4">
      {secret && (
        <section
          role="status"
          data-testid="nudge-secret"
          className="flex flex-col gap-2 rounded-lg border border-primary/40 bg-primary/5 p-4 text-sm"
        >
          <p>{t("copyNow")}</p>
          <code className="break-all rounded-md bg-muted px-2 py-1.5 font-mono text-xs">{secret}</code>
          <Button type="button" variant="outline" size="sm" className="self-start" onClick={() => setSecret(null)}>
            {t("done")}
          </Button>
        </section>
      )}
      {error && (
        <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
          {error.message}
        </p>
      )}
      <Card aria-labelledby="nudge-webhook-heading">
        <CardHeader>
          <div className="min-w-0">
            <CardTitle id="nudge-webhook-heading">{t("section")}</CardTitle>
            <CardDescription>{settings.url ? t("configured", { url: settings.url }) : t("notConfigured")}</CardDescription>
          </div>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <form className="flex flex-wrap items-end gap-3" onSubmit={submit} aria-label={t("section")}>
            <Label className="min-w-72 flex-1">
              {t("url")}
              <Input
                name="url"
                type="url"
                required
                placeholder="https://hooks.example.com/receipts-nudge"
                defaultValue={settings.url ?? ""}
              />
            </Label>
            <Button type="submit" disabled={save.isPending}>
              {t("save")}
            </Button>
          </form>
          {settings.url && (
            <div className="flex flex-wrap gap-2">
              <Button
                type="button"
                variant="outline"
                size="sm"
                disabled={save.isPending}
                onClick={() => save.mutate({ url: settings.url!, rotateSecret: true }, { onSuccess: done })}
              >
                {t("rotate")}
              </Button>
              <Button
                type="button"
                variant="outline"
                size="sm"
                disabled={remove.isPending}
                onClick={() => remove.mutate(undefined, { onSuccess: (s) => (setSettings(s), setSecret(null)) })}
              >
                {t("remove")}
              </Button>
            </div>
          )}
          <p className="text-xs text-muted-foreground">{t("format")}</p>
        </CardContent>
      </Card>
    </div>
  );
}
