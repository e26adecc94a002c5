"use client";

import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { useTranslations } from "next-intl";
import { Th } from "../ui/table";
import { cn } from "../ui/cn";

/**
 * A column header that sorts: a real button (Tab to it, Enter or Space to sort, again to reverse)
 * and aria-sort on the header cell so screen readers announce the order.
 */
export function SortHeader({
  label,
  active,
  order,
  onSort,
  align = "right",
}: {
  label: string;
  active: boolean;
  order: "asc" | "desc";
  onSort: () => void;
  align?: "left" | "right";
}) {
  const t = useTranslations("campaigns.list");
  const Icon = !active ? ArrowUpDown : order === "asc" ? ArrowUp : ArrowDown;
  return (
    <Th aria-sort={active ? (order === "asc" ? "ascending" : "descending") : "none"} className={cn(align === "right" && "text-right")}>
      <button
        type="button"
        onClick={onSort}
        title={t("sortBy", { column: label })}
        className={cn(
          "inline-flex items-center gap-1 rounded-sm hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring",
          active && "text-foreground",
        )}
      >
        {label}
        <Icon className="size-3" aria-hidden />
      </button>
    </Th>
  );
}
