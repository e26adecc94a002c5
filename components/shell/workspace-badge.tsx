import { Globe } from "lucide-react";
import { useTranslations } from "next-intl";

export interface ShellWorkspace {
  name: string;
  timezone: string;
}

/** The signed-in user's workspace and its time zone (every date on screen is in that zone). */
export function WorkspaceBadge({ workspace }: { workspace: ShellWorkspace }) {
  const t = useTranslations("app");
  return (
    <div className="flex min-w-0 items-center gap-2 text-sm" data-testid="shell-workspace">
      <span className="text-muted-foreground" aria-hidden>
        /
      </span>
      <span className="truncate font-medium">{workspace.name}</span>
      <span className="inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs text-muted-foreground" title={t("timeZone")}>
        <Globe className="size-3" aria-hidden />
        <span className="sr-only">{t("timeZone")}: </span>
        {workspace.timezone}
      </span>
    </div>
  );
}
