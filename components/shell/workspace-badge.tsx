"use client";

import { Globe } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ShellWorkspace } from "@/lib/ui/page-scope";

/** The current workspace and its time zone (every date on screen is in that zone). */
export function WorkspaceBadge({ workspaces }: { workspaces: ShellWorkspace[] }) {
  const t = useTranslations("app");
  const slug = useSearchParams().get("workspace");
  const ws = workspaces.find((w) => w.slug === slug) ?? workspaces[0];
  if (!ws) return null;
  return (
    <div className="flex min-w-0 items-center gap-2 text-sm" data-testid="shell-workspace">
      <span className="text-muted-foreground" aria-hidden>
        /
      </span>
      <span className="truncate font-medium">{ws.name}</span>
      <span className="inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs text-muted-foreground" title={t("timeZone")}>
        <Globe className="size-3" aria-hidden />
        <span className="sr-only">{t("timeZone")}: </span>
        {ws.timezone}
      </span>
    </div>
  );
}
