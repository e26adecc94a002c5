import Link from "next/link";
import { getTranslations } from "next-intl/server";

export const SETTINGS_PAGES = ["tokens", "users", "sources", "nudge", "audit"] as const;
export type SettingsPage = (typeof SETTINGS_PAGES)[number];

/**
 * The heading of every Settings page, with links to the others (the navigation's Settings entry
 * opens the tokens; this row is how an admin reaches the rest).
 */
export async function SettingsHeader({ current, title, intro }: { current: SettingsPage; title: string; intro: React.ReactNode }) {
  const t = await getTranslations("settings");
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        <nav aria-label={t("label")} className="flex flex-wrap gap-4">
          {SETTINGS_PAGES.filter((p) => p !== current).map((p) => (
            <Link key={p} href={`/settings/${p}`} className="text-sm text-primary underline-offset-4 hover:underline">
              {t(p)}
            </Link>
          ))}
        </nav>
      </div>
      <div className="max-w-3xl text-sm text-muted-foreground">{intro}</div>
    </div>
  );
}
