"use client";

import { useLocale, useTranslations } from "next-intl";
import { cn } from "../ui/cn";

export interface ComparisonResult {
  /** readRate(b) − readRate(a). */
  difference: number;
  pValue: number;
  significant: boolean;
}

/** "p = 0.003" / "p < 0.001", digits in the locale's style. */
export function formatP(p: number, locale: string): string {
  if (p < 0.001) return `p < ${(0.001).toLocaleString(locale)}`;
  return `p = ${p.toLocaleString(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 })}`;
}

/**
 * The comparison in one plain sentence, in the UI's language (the API's `verdict` is English):
 * which cohort reads more, by how many points, and whether that could be chance.
 */
export function Verdict({ a, b, result, className }: { a: string; b: string; result: ComparisonResult | null; className?: string }) {
  const t = useTranslations("campaigns.verdict");
  const locale = useLocale();
  if (!result) return <p className={className}>{t("noData", { a, b })}</p>;
  const points = Math.abs(result.difference * 100).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const p = formatP(result.pValue, locale);
  const [hi, lo] = result.difference >= 0 ? [b, a] : [a, b];
  return (
    <p className={cn(result.significant ? "font-medium" : "text-muted-foreground", className)} data-testid="verdict">
      {result.significant ? t("significant", { hi, lo, points, p }) : t("notSignificant", { a, b, points, p })}
    </p>
  );
}
