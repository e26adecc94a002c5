"use client";

import { TZDate } from "@date-fns/tz";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ReplayReport } from "@/lib/webhooks/replay";
import { useApiMutation, useApiQuery } from "@/lib/ui/use-api-query";
import { useFormat } from "../i18n/use-format";
import { AdminSection, ErrorAlert, ShownOnce } from "../settings/admin-kit";
import { Button } from "../ui/button";
import { Input, Label } from "../ui/input";
import { Skeleton } from "../ui/skeleton";
import { Table, Td, Th } from "../ui/table";
import { CopyField, PLATFORM_FIELDS, SetupSteps } from "./platform-setup";
import type { SourceRow } from "./source-admin";

interface Health {
  rejected: { receivedAt: string; status: number; code: string; reason: string }[];
}

const COUNTERS = ["accepted", "duplicates", "outOfOrder", "waiting", "signatureFailures", "parseErrors"] as const;

/** One source: where to point the platform, its health and last rejections, settings, secret rotation and replay. */
export function SourceDetail({ id, tz }: { id: string; tz: string }) {
  const t = useTranslations("sources");
  const f = useFormat();
  const path = `/api/admin/sources/${encodeURIComponent(id)}`;
  const source = useApiQuery<{ source: SourceRow }>(path);
  const health = useApiQuery<Health>(`/api/v1/sources/${encodeURIComponent(id)}/health`);
  const s = source.data?.source;

  if (source.error) return <ErrorAlert>{source.error.message}</ErrorAlert>;
  if (!s)
    return (
      <div className="flex flex-col gap-3" aria-busy>
        <Skeleton className="h-24" />
        <Skeleton className="h-40" />
      </div>
    );

  return (
    <div className="flex flex-col gap-4">
      <AdminSection id="connect-heading" title={t("connect")}>
        <div className="grid gap-4">
          <CopyField label={t("webhookUrl")} value={s.webhookUrl} testId="webhook-url" />
          <SetupSteps platform={s.platform} />
        </div>
      </AdminSection>

      <AdminSection id="health-heading" title={t("health")}>
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-3 lg:grid-cols-4" data-testid="source-health">
          {COUNTERS.map((c) => (
            <div key={c} className="rounded-md border p-3">
              <dt className="text-xs text-muted-foreground">{t(`counters.${c}`)}</dt>
              <dd className="text-lg font-semibold tabular-nums" data-testid={`health-${c}`}>
                {f.count(s.health[c])}
              </dd>
            </div>
          ))}
          <div className="rounded-md border p-3">
            <dt className="text-xs text-muted-foreground">{t("lastEvent")}</dt>
            <dd className="tabular-nums">{f.dateTime(s.health.lastEventAt, tz)}</dd>
          </div>
          <div className="rounded-md border p-3">
            <dt className="text-xs text-muted-foreground">{t("lastReceived")}</dt>
            <dd className="tabular-nums">{f.dateTime(s.health.lastReceivedAt, tz)}</dd>
          </div>
        </dl>
      </AdminSection>

      <AdminSection id="rejected-heading" title={t("rejected")}>
        {health.error ? (
          <ErrorAlert>{health.error.message}</ErrorAlert>
        ) : !health.data ? (
          <Skeleton className="h-16" />
        ) : health.data.rejected.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("noRejected")}</p>
        ) : (
          <Table data-testid="rejected-requests">
            <thead>
              <tr>
                <Th>{t("time")}</Th>
                <Th>{t("answer")}</Th>
                <Th>{t("reason")}</Th>
              </tr>
            </thead>
            <tbody>
              {health.data.rejected.map((r, i) => (
                <tr key={`${r.receivedAt}-${i}`}>
                  <Td className="whitespace-nowrap tabular-nums">{f.dateTime(r.receivedAt, tz)}</Td>
                  <Td className="whitespace-nowrap font-mono text-xs">{`${r.status} ${r.code}`}</Td>
                  <Td>{r.reason}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </AdminSection>

      <SettingsForm source={s} path={path} />
      <RotateSecret source={s} path={path} tz={tz} />
      <Replay path={path} tz={tz} />
    </div>
  );
}

function SettingsForm({ source: s, path }: { source: SourceRow; path: string }) {
  const t = useTranslations("sources");
  const save = useApiMutation<Record<string, unknown>>(path, "PATCH");
  const toggle = useApiMutation<{ enabled: boolean }>(path, "PATCH");
  const fields = PLATFORM_FIELDS[s.platform];
  const [saved, setSaved] = useState(false);

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    // An emptied field clears the setting.
    const text = (k: string) => String(form.get(k) ?? "").trim() || null;
    setSaved(false);
    save.mutate(
      {
        name: text("name") ?? s.name,
        ...(fields.verifyToken ? { verifyToken: text("verifyToken") } : {}),
        ...(fields.publicBaseUrl ? { publicBaseUrl: text("publicBaseUrl") } : {}),
        ...(fields.appId ? { appId: text("appId") } : {}),
      },
      { onSuccess: () => setSaved(true) },
    );
  }

  return (
    <AdminSection
      id="settings-heading"
      title={t("settingsTitle")}
      action={
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={toggle.isPending}
          onClick={() => toggle.mutate({ enabled: !s.enabled })}
        >
          {s.enabled ? t("disable") : t("enable")}
        </Button>
      }
    >
      <p className="mb-3 text-sm" data-testid="source-status">
        {s.enabled ? t("enabledHint") : t("disabledHint")}
      </p>
      <ErrorAlert>{toggle.error?.message}</ErrorAlert>
      <form className="flex flex-wrap items-end gap-4" onSubmit={submit} aria-label={t("settingsTitle")}>
        <Label className="w-56">
          {t("name")}
          <Input name="name" required maxLength={100} defaultValue={s.name} />
        </Label>
        {fields.verifyToken && (
          <Label className="w-56">
            {t("verifyToken")}
            <Input name="verifyToken" maxLength={200} defaultValue={s.verifyToken ?? ""} autoComplete="off" />
          </Label>
        )}
        {fields.publicBaseUrl && (
          <Label className="w-72">
            {t("publicBaseUrl")}
            <Input name="publicBaseUrl" type="url" maxLength={500} defaultValue={s.publicBaseUrl ?? ""} />
          </Label>
        )}
        {fields.appId && (
          <Label className="w-56">
            {t(`appIdLabels.${s.platform as "sendbird" | "tencent" | "stream"}`)}
            <Input name="appId" maxLength={200} defaultValue={s.appId ?? ""} autoComplete="off" />
          </Label>
        )}
        <Button type="submit" disabled={save.isPending}>
          {t("save")}
        </Button>
        {saved && (
          <span role="status" className="text-sm text-muted-foreground">
            {t("saved")}
          </span>
        )}
      </form>
      <ErrorAlert>{save.error?.message}</ErrorAlert>
    </AdminSection>
  );
}

function RotateSecret({ source: s, path, tz }: { source: SourceRow; path: string; tz: string }) {
  const t = useTranslations("sources");
  const f = useFormat();
  const rotate = useApiMutation<{ secret?: string; graceHours: number }, { secret: string | null }>(`${path}/rotate-secret`);
  const [secret, setSecret] = useState<string | null>(null);
  const pasted = PLATFORM_FIELDS[s.platform].secret;

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    rotate.mutate(
      { ...(pasted ? { secret: String(form.get("secret") ?? "").trim() } : {}), graceHours: Number(form.get("graceHours")) },
      {
        onSuccess: (r) => {
          setSecret(r.secret);
          formEl.reset();
        },
      },
    );
  }

  return (
    <AdminSection id="rotate-heading" title={t("rotate")}>
      <p className="mb-3 text-sm text-muted-foreground">{pasted ? t("rotateIntroPasted") : t("rotateIntroGenerated")}</p>
      {s.previousSecretUntil && (
        <p className="mb-3 text-sm" role="status">
          {t("previousUntil", { time: f.dateTime(s.previousSecretUntil, tz) })}
        </p>
      )}
      {secret && (
        <div className="mb-3">
          <ShownOnce
            message={t("secretOnce")}
            value={secret}
            copyLabel={t("copyWhat", { what: t("secret") })}
            onDone={() => setSecret(null)}
          />
        </div>
      )}
      <form className="flex flex-wrap items-end gap-4" onSubmit={submit} aria-label={t("rotate")}>
        {pasted && (
          <Label className="w-72">
            {t("newSecret", { what: t(`secretLabels.${s.platform as "whatsapp"}`) })}
            <Input name="secret" type="password" required minLength={8} maxLength={500} autoComplete="off" />
          </Label>
        )}
        <Label className="w-40">
          {t("graceHours")}
          <Input name="graceHours" type="number" min={0} max={720} step="any" defaultValue={24} required />
        </Label>
        <Button type="submit" disabled={rotate.isPending}>
          {t("rotateButton")}
        </Button>
      </form>
      <ErrorAlert>{rotate.error?.message}</ErrorAlert>
    </AdminSection>
  );
}

/** The start of day `yyyy-mm-dd` (+ `plusDays`) in the workspace's zone, as an ISO time with its offset. */
function dayStart(day: string, tz: string, plusDays = 0): string {
  const [y, m, d] = day.split("-").map(Number);
  return new TZDate(y, m - 1, d + plusDays, tz).toISOString();
}

function Replay({ path, tz }: { path: string; tz: string }) {
  const t = useTranslations("sources");
  const f = useFormat();
  const replay = useApiMutation<{ from?: string; to?: string }, { report: ReplayReport }>(`${path}/replay`);
  const r = replay.data?.report;

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const from = String(form.get("from") ?? "");
    const to = String(form.get("to") ?? "");
    // Whole days in the workspace's zone; "to" includes its day.
    replay.mutate({ ...(from ? { from: dayStart(from, tz) } : {}), ...(to ? { to: dayStart(to, tz, 1) } : {}) });
  }

  return (
    <AdminSection id="replay-heading" title={t("replay")}>
      <p className="mb-3 text-sm text-muted-foreground">{t("replayIntro", { tz })}</p>
      <form className="flex flex-wrap items-end gap-4" onSubmit={submit} aria-label={t("replay")}>
        <Label>
          {t("replayFrom")}
          <Input name="from" type="date" className="w-44" />
        </Label>
        <Label>
          {t("replayTo")}
          <Input name="to" type="date" className="w-44" />
        </Label>
        <Button type="submit" variant="outline" disabled={replay.isPending}>
          {replay.isPending ? t("replaying") : t("replayButton")}
        </Button>
      </form>
      <ErrorAlert>{replay.error?.message}</ErrorAlert>
      {r && (
        <p role="status" className="mt-3 text-sm" data-testid="replay-result">
          {t("replayResult", {
            requests: f.count(r.requests),
            events: f.count(r.events),
            applied: f.count(r.applied),
            alreadyStored: f.count(r.alreadyStored),
            errors: f.count(r.errors.length),
          })}
        </p>
      )}
    </AdminSection>
  );
}
