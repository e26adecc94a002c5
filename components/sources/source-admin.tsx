"use client";

import { Plus } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { SourceOut, SourcePlatform } from "@/lib/sources/admin";
import { useApiMutation, useApiQuery } from "@/lib/ui/use-api-query";
import { useFormat } from "../i18n/use-format";
import { AdminSection, ErrorAlert, selectClass, ShownOnce } from "../settings/admin-kit";
import { Button } from "../ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from "../ui/dialog";
import { Input, Label } from "../ui/input";
import { Skeleton } from "../ui/skeleton";
import { Table, Td, Th } from "../ui/table";
import { CopyField, PLATFORM_FIELDS, SetupSteps, SOURCE_PLATFORMS } from "./platform-setup";

export type SourceRow = SourceOut;
type Created = { source: SourceRow; secret: string | null };

const COUNTERS = ["accepted", "duplicates", "outOfOrder", "waiting", "signatureFailures", "parseErrors"] as const;

/** Settings → Sources: every webhook source with its health, and the create dialog. Counters follow the live stream. */
export function SourceAdmin({ tz }: { tz: string }) {
  const t = useTranslations("sources");
  const f = useFormat();
  const { data, error, isPending } = useApiQuery<{ sources: SourceRow[] }>("/api/admin/sources");
  return (
    <div className="flex flex-col gap-4">
      <ErrorAlert>{error?.message}</ErrorAlert>
      <AdminSection id="sources-heading" title={t("list")} action={<CreateSourceDialog />}>
        {error && !data ? null : isPending ? (
          <div className="flex flex-col gap-2" aria-busy>
            <Skeleton className="h-8" />
            <Skeleton className="h-8" />
          </div>
        ) : !data?.sources.length ? (
          <p className="text-sm text-muted-foreground" data-testid="sources-empty">
            {t("none")}
          </p>
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>{t("name")}</Th>
                <Th>{t("platform")}</Th>
                <Th>{t("status")}</Th>
                <Th>{t("lastEvent")}</Th>
                {COUNTERS.map((c) => (
                  <Th key={c} className="text-right">
                    {t(`counters.${c}`)}
                  </Th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.sources.map((s) => (
                <tr key={s.id} data-testid={`source-${s.name}`}>
                  <Td className="font-medium">
                    <Link
                      href={`/settings/sources/${encodeURIComponent(s.id)}`}
                      className="text-primary underline-offset-4 hover:underline"
                    >
                      {s.name}
                    </Link>
                  </Td>
                  <Td>{t(`platformNames.${s.platform}`)}</Td>
                  <Td>{s.enabled ? t("enabled") : t("disabled")}</Td>
                  <Td className="whitespace-nowrap tabular-nums">{f.dateTime(s.health.lastEventAt, tz)}</Td>
                  {COUNTERS.map((c) => (
                    <Td key={c} className="text-right tabular-nums">
                      {f.count(s.health[c])}
                    </Td>
                  ))}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </AdminSection>
    </div>
  );
}

/** Create a source; afterwards the dialog shows what to paste into the platform's console. */
function CreateSourceDialog() {
  const t = useTranslations("sources");
  const [open, setOpen] = useState(false);
  const [platform, setPlatform] = useState<SourcePlatform>("whatsapp");
  const [created, setCreated] = useState<Created | null>(null);
  const create = useApiMutation<Record<string, unknown>, Created>("/api/admin/sources");
  const fields = PLATFORM_FIELDS[platform];

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (k: string) => String(form.get(k) ?? "").trim() || undefined;
    create.mutate(
      {
        platform,
        name: text("name"),
        ...(fields.secret ? { secret: text("secret") } : {}),
        ...(fields.verifyToken ? { verifyToken: text("verifyToken") } : {}),
        ...(fields.publicBaseUrl ? { publicBaseUrl: text("publicBaseUrl") } : {}),
        ...(fields.appId ? { appId: text("appId") } : {}),
      },
      { onSuccess: setCreated },
    );
  }

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setCreated(null);
      create.reset();
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button type="button" size="sm">
          <Plus aria-hidden />
          {t("new")}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("close")}>
        {created ? (
          <CreatedView created={created} onDone={() => onOpenChange(false)} />
        ) : (
          <>
            <DialogTitle>{t("new")}</DialogTitle>
            <DialogDescription>{t("newIntro")}</DialogDescription>
            <form className="grid gap-4" onSubmit={submit} aria-label={t("new")}>
              <Label>
                {t("platform")}
                <select
                  name="platform"
                  value={platform}
                  onChange={(e) => setPlatform(e.target.value as SourcePlatform)}
                  className={selectClass}
                >
                  {SOURCE_PLATFORMS.map((p) => (
                    <option key={p} value={p}>
                      {t(`platformNames.${p}`)}
                    </option>
                  ))}
                </select>
              </Label>
              <Label>
                {t("name")}
                <Input name="name" required maxLength={100} autoComplete="off" />
              </Label>
              {fields.secret ? (
                <Label>
                  {t(`secretLabels.${platform as Exclude<SourcePlatform, "generic">}`)}
                  <Input name="secret" type="password" required minLength={8} maxLength={500} autoComplete="off" />
                  <span className="text-xs font-normal text-muted-foreground">{t("secretHint")}</span>
                </Label>
              ) : (
                <p className="text-sm text-muted-foreground">{t("genericSecretHint")}</p>
              )}
              {fields.verifyToken && (
                <Label>
                  {t("verifyToken")}
                  <Input name="verifyToken" maxLength={200} autoComplete="off" />
                  <span className="text-xs font-normal text-muted-foreground">{t("verifyTokenHint")}</span>
                </Label>
              )}
              {fields.publicBaseUrl && (
                <Label>
                  {t("publicBaseUrl")}
                  <Input name="publicBaseUrl" type="url" maxLength={500} placeholder="https://receipts.example.com" />
                  <span className="text-xs font-normal text-muted-foreground">{t("publicBaseUrlHint")}</span>
                </Label>
              )}
              {fields.appId && (
                <Label>
                  {t(`appIdLabels.${platform as "sendbird" | "tencent" | "stream"}`)}
                  <Input name="appId" maxLength={200} autoComplete="off" />
                  <span className="text-xs font-normal text-muted-foreground">{t("appIdHint")}</span>
                </Label>
              )}
              <ErrorAlert>{create.error?.message}</ErrorAlert>
              <Button type="submit" className="justify-self-start" disabled={create.isPending}>
                {t("create")}
              </Button>
            </form>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}

function CreatedView({ created, onDone }: { created: Created; onDone: () => void }) {
  const t = useTranslations("sources");
  const [secret, setSecret] = useState(created.secret);
  const s = created.source;
  return (
    <div className="grid gap-4" data-testid="source-created">
      <DialogTitle>{t("createdTitle", { name: s.name })}</DialogTitle>
      <DialogDescription>{t("createdIntro")}</DialogDescription>
      <CopyField label={t("webhookUrl")} value={s.webhookUrl} testId="webhook-url" />
      {s.verifyToken && <CopyField label={t("verifyToken")} value={s.verifyToken} testId="verify-token" />}
      {secret && (
        <ShownOnce
          testId="new-secret"
          message={t("secretOnce")}
          value={secret}
          copyLabel={t("copyWhat", { what: t("secret") })}
          onDone={() => setSecret(null)}
        />
      )}
      <SetupSteps platform={s.platform} />
      <div className="flex flex-wrap gap-2">
        <Button asChild variant="outline">
          <Link href={`/settings/sources/${encodeURIComponent(s.id)}`}>{t("openSource")}</Link>
        </Button>
        <Button type="button" onClick={onDone}>
          {t("finish")}
        </Button>
      </div>
    </div>
  );
}
