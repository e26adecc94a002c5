import { useTranslations } from "next-intl";

/** The logo mark and the app's name, in the shell header and on the sign-in page. */
export function Brand() {
  const t = useTranslations("app");
  return (
    <span className="flex items-center gap-2 font-semibold tracking-tight">
      <span aria-hidden className="grid size-6 place-items-center rounded-md bg-primary text-xs font-bold text-primary-foreground">
        R
      </span>
      {t("name")}
    </span>
  );
}
