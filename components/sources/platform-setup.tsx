"use client";

import { useTranslations } from "next-intl";
import type { SourcePlatform } from "@/lib/sources/admin";
import { CopyButton } from "../settings/admin-kit";

export const SOURCE_PLATFORMS: SourcePlatform[] = ["whatsapp", "twilio", "sendbird", "tencent", "stream", "generic"];

/** Which settings each platform takes (docs/platforms.md): whose secret it is, and what else it checks. */
export const PLATFORM_FIELDS: Record<SourcePlatform, { secret: boolean; verifyToken?: true; publicBaseUrl?: true; appId?: true }> = {
  whatsapp: { secret: true, verifyToken: true },
  twilio: { secret: true, publicBaseUrl: true },
  sendbird: { secret: true, appId: true },
  tencent: { secret: true, appId: true },
  stream: { secret: true, appId: true },
  // Standard Webhooks: we generate the secret and show it once.
  generic: { secret: false },
};

/** A value to paste somewhere else, with a Copy button. */
export function CopyField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const t = useTranslations("sources");
  return (
    <div className="grid gap-1.5 text-sm">
      <span className="font-medium">{label}</span>
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid={testId} className="break-all rounded-md bg-muted px-2 py-1.5 font-mono text-xs">
          {value}
        </code>
        <CopyButton value={value} label={t("copyWhat", { what: label })} />
      </div>
    </div>
  );
}

/** The steps in the platform's console that make it call this source. */
export function SetupSteps({ platform }: { platform: SourcePlatform }) {
  const t = useTranslations("sources");
  const steps = t.raw(`setup.${platform}`) as string[];
  return (
    <div className="grid gap-1.5 text-sm">
      <span className="font-medium">{t("setupTitle", { platform: t(`platformNames.${platform}`) })}</span>
      <ol className="list-decimal space-y-1 pl-5 text-muted-foreground">
        {steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
    </div>
  );
}
