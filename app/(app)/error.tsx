"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <section role="alert" className="flex flex-col items-center gap-3 rounded-lg border bg-card px-6 py-12 text-center">
      <h1 className="text-lg font-semibold">{t("title")}</h1>
      <p className="max-w-md text-sm text-muted-foreground">{t("body")}</p>
      <Button onClick={reset}>{t("retry")}</Button>
    </section>
  );
}
