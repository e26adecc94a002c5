import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "./ui/button";

/** What a missing page, or one the user's role may not open, says (the two look the same on purpose). */
export function NotFoundMessage() {
  const t = useTranslations("notFound");
  return (
    <section className="mx-auto flex max-w-lg flex-col items-center gap-3 py-16 text-center">
      <h1 className="text-lg font-semibold">{t("title")}</h1>
      <p className="text-sm text-muted-foreground">{t("body")}</p>
      <Button asChild variant="outline">
        <Link href="/">{t("home")}</Link>
      </Button>
    </section>
  );
}
